"""searchapp: a search engine for Chinese news articles.

Data flow (each arrow is a plain function call on plain data; one package per stage):
ingest (files → Article) → analysis / vocab (normalise, tokenize, classify) → index (generations
on disk, through engine, the one door to Whoosh) → query (q → Plan) → search (SearchRequest →
SearchResponse) → web (Flask HTML + JSON), cli (click) and bulk. docs/ARCHITECTURE.md.
"""

__version__ = "0.1.0"
