"""engine.match: query-time matching and scoring over Whoosh's segment files."""
