"""search: a SearchRequest answered over an open index (ranking, facets, snippets, suggestions).

    search(handle, req) -> SearchResponse       searching.py (steps: relax, ordering, hits,
                                                facets, suggest)
    related(handle, article_id) -> [Hit]        related.py
    Borrowed(searcher)                          a handle over an already-open searcher
"""
from searchapp.search.related import related
from searchapp.search.searching import search
from searchapp.search.suggest import Borrowed

__all__ = ["search", "related", "Borrowed"]
