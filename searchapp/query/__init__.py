"""query: the query language read into plain data, and query-time vocabulary (no Whoosh here).

    parse(q) -> Plan                 parser.py (never raises; notices say what was not understood)
                                     steps: lexer, operators, calendar_filters, questions, limits
    Plan, Word                       plan.py
    date_bounds(value)               dates.py: `date:` values -> inclusive ISO days
    variants(word)                   synonyms.py: other forms of a word (data/synonyms.txt,
                                     and regional.py: a Taiwan/Hong Kong word's mainland wording)
    topic_named(value, known)        synonyms.py: the topic key a value or a variant of it names

The engine turns a Plan into its own query objects (`searchapp.engine.build`).
"""
from searchapp.query.dates import date_bounds
from searchapp.query.parser import FIELDS, MAX_WORD_CHARS, MAX_WORDS, QUESTION_NOISE, parse
from searchapp.query.plan import Plan, Word
from searchapp.query.synonyms import VARIANT_BOOST, topic_named, variants

__all__ = ["parse", "Plan", "Word", "FIELDS", "MAX_WORDS", "MAX_WORD_CHARS", "QUESTION_NOISE",
           "date_bounds", "variants", "topic_named", "VARIANT_BOOST"]
