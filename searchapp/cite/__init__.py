"""cite: frozen result lists (a search's ordered articles kept under a short stable key in a
small SQLite file beside the index) and their exports as references.

    FrozenStore(index_dir).freeze(...) / .get(key)      store.py
    gbt7714(items, cited) / ris(items, cited)            formats.py (GB/T 7714-2015, RIS)

Query time only: nothing here shapes what the index stores.
"""
from searchapp.cite.formats import gbt7714, reference, ris
from searchapp.cite.store import (FILE_NAME, MAX_ITEMS, FrozenList, FrozenStore, FrozenStoreError,
                                  content_key)

__all__ = ["FrozenStore", "FrozenList", "FrozenStoreError", "FILE_NAME", "MAX_ITEMS",
           "content_key", "gbt7714", "ris", "reference"]
