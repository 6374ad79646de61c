"""engine: the one door to Whoosh (every module that imports `whoosh` lives in this package)."""
