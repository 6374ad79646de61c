"""search: a SearchRequest answered over an open index (ranking, facets, snippets, suggestions).

    search(handle, req) -> SearchResponse       searching.py (steps: relax, ordering, hits,
                                                facets, suggest)
    related(handle, article_id) -> [Hit]        related.py
    Borrowed(searcher)                          a handle over an already-open searcher
    envelope                                    the JSON twin of a search, and its links, as
                                                every surface prints it (API, CLI --json)
"""
from searchapp.search import envelope
from searchapp.search.related import related
from searchapp.search.searching import search
from searchapp.search.suggest import Borrowed

__all__ = ["search", "related", "Borrowed", "envelope"]
