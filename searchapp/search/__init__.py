"""search: a SearchRequest answered over an open index (ranking, facets, snippets, suggestions).

    search(handle, req) -> SearchResponse       searching.py
    related(handle, article_id) -> [Hit]        searching.py
"""
from searchapp.search.searching import related, search
from searchapp.search.suggest import Borrowed

__all__ = ["search", "related", "Borrowed"]
