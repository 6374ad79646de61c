"""Abbreviation pairs an archive defines itself: mined from the indexed text at build time.

    mine(text) -> {(full, short)}          the pairs one text defines (rules: definitions.py)
    candidates(text) -> (...);  resolve(candidates) -> {(full, short)}
                                           mine in two stages: the first needs no jieba tags
                                           (a build's writers run it), the second reads names
    Pairs(by_pair)                         {(full, short): {article id}}, merged over a corpus
    Pairs.add(article_id, title, body);  Pairs.drop(ids);  Pairs.table() -> {key: (term, ...)}
    encode(pairs) -> bytes;  decode(data) -> Pairs      the per-generation file (ValueError)
    read(folder) -> Pairs | None            the generation's file, or None (missing, damaged)

    definitions.py   mine, candidates, resolve: the definitions one text makes (the rules)
    names.py         the full name before a bracket, read with jieba's tags
    pairs.py         Pairs over a corpus, and their query-time table
    pairs_file.py    encode, decode, read: the per-generation file
"""
from searchapp.vocab.abbrev.definitions import candidates, mine, resolve
from searchapp.vocab.abbrev.pairs import MAX_FULL, MIN_ARTICLES, Pairs
from searchapp.vocab.abbrev.pairs_file import FILE, FORMAT, decode, encode, read

__all__ = ["mine", "candidates", "resolve", "Pairs", "encode", "decode", "read", "FILE", "FORMAT",
           "MIN_ARTICLES", "MAX_FULL"]
