"""analysis: what text turns into before it is indexed or matched (no Whoosh here).

    normalize / compact / normalize_aligned / to_simplified   text.py: matching forms of text
    words(text)                                              tokenizer.py: jieba words + offsets
    text_spans / text_tokens / word_spans / word_tokens      analyzer.py: analysed words
    meaningful, squeeze / squeeze_word                       analyzer.py: alphanumeric keys
    literal_text / literal_needle / literal_find             literal.py: the recall guarantee
    mark_duplicates(articles)                                dedupe.py: near-duplicate marking
    signature(article)                                       minhash.py: its MinHash signature

Everything here shapes what the index stores, so the index fingerprint covers this package.
"""
from searchapp.analysis.analyzer import (meaningful, squeeze, squeeze_word, text_spans, word_spans,
                                         word_tokens)
from searchapp.analysis.literal import literal_text
from searchapp.analysis.text import (compact, no_lone_surrogates, normalize, normalize_aligned,
                                     to_simplified)

__all__ = ["meaningful", "squeeze", "squeeze_word", "text_spans", "word_spans", "word_tokens",
           "literal_text", "compact", "no_lone_surrogates", "normalize", "normalize_aligned",
           "to_simplified"]
