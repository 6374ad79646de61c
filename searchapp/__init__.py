"""searchapp: a search engine for Chinese news articles.

Data flow (each arrow is a plain function call on plain data):
ingest (files → Article) → text/analysis (normalise, tokenize) → index (Whoosh on disk)
→ search (SearchRequest → SearchResponse) → web (Flask HTML + JSON) and cli (click).
"""

__version__ = "0.1.0"
