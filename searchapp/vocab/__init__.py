"""vocab: the vocabulary that shapes what is stored, as editable data files (`vocab/data/`).

    topics.classify(title, body) / resolve(name) / label(key) / keys()   data/topics.toml
    sources.normalize_source(name, url=None)                             data/sources.toml
    data/userdict.txt        the tokenizer's user dictionary (read by analysis.tokenizer)
    abbrev.mine(text) / Pairs / read(folder)   abbreviation pairs the indexed text defines,
                             mined at build time and stored in each generation (index.mined)

Everything here shapes what the index stores, so the index fingerprint covers this package.
Query-time vocabulary (synonyms) lives in `searchapp.query` instead: editing it never forces a
rebuild.
"""
from searchapp.vocab.sources import normalize_source
from searchapp.vocab.topics import classify, keys, label, resolve

__all__ = ["normalize_source", "classify", "keys", "label", "resolve"]
