"""engine.store: what a document is on disk and how it is written (schema, analyzer, writers)."""
