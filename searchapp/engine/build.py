"""`query.Plan` → Whoosh query objects, at four relaxation levels (opaque to the caller: they go
back into `engine.match.scored` / `matching_set`).

Per plain word w (tokens t1..tn of the word analyzer):
  Or( words(title)^TITLE_BOOST, words(body), words(meta)^META_BOOST, literal^LITERAL_BOOST,
      variants of w from synonyms.txt, each ×VARIANT_BOOST )
  words(f) = Term(f, t1) for one token, else Phrase(f, [t1..tn]) (STRICT) or And(t1..tn) (LOOSE);
  literal  = LiteralQuery(w): its literal form occurs in that of title | body | meta values
             (`match/literal.py`: the exact-substring recall guarantee).
Groups of OR-ed words are Or-ed; groups are And-ed; excluded words are removed with
`ExcludingQuery` (strict form; a correct AndNot on Whoosh's matchers too).

Relaxation (search.py tries each level until something matches; docs/search.md):
  STRICT  multi-token words as phrases, every group must match
  LOOSE   unquoted multi-token words: every token somewhere (any order), every group must match
  DROP    groups that match no article at all are dropped (named in a notice)
  ANY     any group may match; articles matching more groups score higher (BM25 sums)
Quoted phrases are never loosened; field restrictions and exclusions are never relaxed.
"""
from __future__ import annotations

import re

from whoosh import query as Q

from searchapp.analysis.analyzer import is_ideograph, word_pieces, word_tokens
from searchapp.engine.match.exclusion import ExcludingQuery
from searchapp.analysis.literal import BREAK, literal_needle
from searchapp.engine.match.literal import LiteralQuery
from searchapp.query.plan import Plan, Word
from searchapp.query.synonyms import VARIANT_BOOST, topic_named, variants
from searchapp.vocab.sources import normalize_source

__all__ = ["STRICT", "LOOSE", "DROP", "ANY", "LEVELS", "word_query", "group_query", "is_required",
           "build", "literal_clause", "evidence", "excluded_query", "TITLE_BOOST", "META_BOOST",
           "LITERAL_BOOST", "PIECE_BOOST"]

STRICT, LOOSE, DROP, ANY = 0, 1, 2, 3
LEVELS = (STRICT, LOOSE, DROP, ANY)

#: Field boosts of BM25F (title and metadata are stronger evidence of aboutness than the body).
TITLE_BOOST = 3.0
META_BOOST = 1.5
#: The literal clause: mostly a recall net, a little evidence for ranking (× idf).
LITERAL_BOOST = 0.5
#: A part of a long word (`三峡` of `三峡工程`): weaker evidence than the word itself.
PIECE_BOOST = 0.5


def _words(fieldname: str, toks: list[str], loose: bool, boost: float) -> Q.Query | None:
    if not toks:
        return None
    if len(toks) == 1:
        return Q.Term(fieldname, toks[0], boost=boost)
    if loose:
        return Q.And([Q.Term(fieldname, t) for t in toks], boost=boost)
    return Q.Phrase(fieldname, toks, boost=boost)


def literal_clause(text: str, boost: float = LITERAL_BOOST) -> Q.Query | None:
    """Exact literal match of `text` in title+body+meta (`literal.LiteralQuery`), or None when
    `text` has no letter, digit, ideograph or searchable symbol."""
    q = LiteralQuery(text, boost)
    return q if q.needle else None


def _text_alts(text: str, loose: bool, mult: float, literal: bool) -> list[Q.Query]:
    toks = word_tokens(text)
    alts: list[Q.Query] = []
    if BREAK in literal_needle(text):
        toks = []  # `"北京。大学"`: only the literal clause knows where the break must be
    if loose and len(toks) > 1:
        # each token somewhere in the article (any field), all tokens required
        per_tok = [Q.Or([Q.Term("title", t, boost=TITLE_BOOST * mult), Q.Term("body", t, boost=mult),
                         Q.Term("meta", t, boost=META_BOOST * mult)]) for t in toks]
        alts.append(Q.And(per_tok))
    else:
        for f, b in (("title", TITLE_BOOST), ("body", 1.0), ("meta", META_BOOST)):
            q = _words(f, toks, False, b * mult)
            if q is not None:
                alts.append(q)
    if literal:
        clause = literal_clause(text, LITERAL_BOOST * mult)
        if clause is not None:
            alts.append(clause)
    return alts


def word_query(w: Word, level: int = STRICT, topics: list[str] | None = None,
               thesaurus: bool = True) -> Q.Query | None:
    """Whoosh query for one Word at a relaxation level; None when the word has nothing to match.
    `topics`: topic keys present in the index; `topic:` values are resolved by
    `query.topic_named` (key, label or alias of the rule file, any case; else an index key;
    else what a thesaurus variant of the value names: `topic:人工智慧`).
    `thesaurus`: a plain word also matches its thesaurus terms (`query.synonyms.variants`)."""
    loose = level >= LOOSE and not w.phrase
    if w.field is None:
        alts = _text_alts(w.text, loose, 1.0, True)
        if not w.phrase and thesaurus:
            for v in variants(w.text):
                alts.extend(_text_alts(v, loose, VARIANT_BOOST, False))
        return Q.Or(alts) if alts else None
    if w.field == "topic":
        return Q.Term("topics", topic_named(w.text, known=topics or ()) or w.text)
    if w.field == "source":  # as stored, or the outlet an alias names (新浪 → 新浪网)
        alts = [Q.Term("source", v) for v in dict.fromkeys((w.text, normalize_source(w.text)))
                if v]
        q = _words("source_t", word_tokens(w.text), loose, 1.0)
        return Q.Or(alts + ([q] if q is not None else []))
    q = _words(w.field, word_tokens(w.text), loose, TITLE_BOOST if w.field == "title" else 1.0)
    return q


def _fields(toks: list[str], mult: float) -> Q.Query | None:
    qs = [q for q in (_words(f, toks, False, b * mult) for f, b in
                      (("title", TITLE_BOOST), ("body", 1.0), ("meta", META_BOOST))) if q is not None]
    return Q.Or(qs) if qs else None


def evidence(w: Word, synonyms=True, expand=None, forms=()) -> dict:
    """The kinds of evidence of a plain word (no field, not quoted), each as a query (None when
    the word has none of that kind), for best-match ranking (`search.bestmatch`):
      "exact"    the word in title/body/metadata: its token, or its tokens as a phrase; also
                 each of `forms`, other spellings of the same word (`wi-fi` for `WiFi`:
                 `search.hyphens`)
      "loose"    a word of several tokens: every token somewhere in the article, not adjacent
                 (`优必选周剑：机器人…` typed as one word across a colon), else None
      "compound" a one-token Chinese word as the start of longer indexed words (`手机` in
                 `手机用户`), when `expand(term) -> [terms]` is given (`engine.compounds`); never
                 a Latin token (`ai` would reach `air`, `aiot`: a prefix of a Latin word is no
                 part of its meaning)
      "literal"  the exact-substring recall clause (`literal_clause`)
      "in_number" a word starting with a number: its string also inside a longer number
                 (`8.8%` in `28.8%`), which the literal clause's word edges leave out; else None
      "variants" [(term, query)]: each thesaurus variant's exact form, × VARIANT_BOOST
                 (`synonyms`: True for the starter list (`query.variants`), a callable
                 word -> [variant] such as a `query.Thesaurus`, or False for none)
      "word"     the Or of exact, compound and variants (what proves the word itself)
      "pieces"   [(piece, query)]: the parts of the word (`analysis.word_pieces`: the tokens
                 of a multi-token word, the sub-words of a long one), each as a term or the
                 start of longer terms (`expand`) in any word field, × PIECE_BOOST"""
    toks = word_tokens(w.text)
    exact = _text_alts(w.text, False, 1.0, False)
    for f in forms:
        exact += _text_alts(f, False, 1.0, False)
    loose = _text_alts(w.text, True, 1.0, False) if len(toks) > 1 else []
    inside = LiteralQuery(w.text, LITERAL_BOOST * PIECE_BOOST, in_number=True)
    out = {"exact": Q.Or(exact) if exact else None, "loose": loose[0] if loose else None,
           "compound": None, "literal": literal_clause(w.text), "variants": [], "pieces": [],
           "in_number": inside if inside.in_number else None}
    if expand is not None and len(toks) == 1 and any(map(is_ideograph, toks[0])):
        longer = expand(toks[0])
        if longer:
            out["compound"] = Q.Or([q for t in longer for q in (_fields([t], 1.0),) if q])
    if synonyms:
        for v in (synonyms if callable(synonyms) else variants)(w.text):
            q = _fields(word_tokens(v), VARIANT_BOOST)
            if q is not None:
                out["variants"].append((v, q))
    same = [q for q in [out["exact"], out["compound"]] + [q for _, q in out["variants"]]
            if q is not None]
    out["word"] = None if not same else same[0] if len(same) == 1 else Q.Or(same)
    for p in word_pieces(w.text):
        terms = [p] + (expand(p) if expand is not None else [])
        qs = [q for q in (_fields([t], PIECE_BOOST) for t in terms) if q is not None]
        if qs:
            out["pieces"].append((p, Q.Or(qs) if len(qs) > 1 else qs[0]))
    return out


#: A token that is a number once numerals are folded (`70`, `5.5`, `1,000`; not `5g`).
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def unit_prefix(text: str, expand) -> Q.Query | None:
    """An amount as the start of a longer one, in either script: the tokens of `text` (numerals
    folded to digits: `70亿` and `七十亿` are both `70` `亿`) as a phrase whose last token, a
    Chinese unit after a number, may be any longer indexed word starting with it (`expand(term)
    -> [terms]`: `亿` → 亿元, 亿美元), in title, body or metadata: `70亿` in `七十亿元`, which
    the literal clause, on the text as printed, cannot see. None when `text` is not a number
    followed by a unit, or the unit starts no longer word."""
    toks = word_tokens(text)
    if len(toks) < 2 or not _NUMBER.fullmatch(toks[-2]) or not all(map(is_ideograph, toks[-1])):
        return None
    qs = [q for q in (_fields(toks[:-1] + [t], 1.0) for t in expand(toks[-1])) if q is not None]
    return (qs[0] if len(qs) == 1 else Q.Or(qs)) if qs else None


def excluded_query(plan: Plan, topics: list[str] | None = None) -> Q.Query | None:
    """The Or of the plan's excluded words in their strict form, or None when there are none.
    An excluded word is the word itself, never its thesaurus terms: `人工智能 -AI` asks for the
    articles about 人工智能 that do not print AI, not for none of them."""
    neg = [q for q in (word_query(w, STRICT, topics, thesaurus=False) for w in plan.excluded)
           if q is not None]
    return Q.Or(neg) if neg else None


def group_query(group: list[Word], level: int, topics: list[str] | None = None) -> Q.Query | None:
    """Or of the group's words (None if none of them can match anything)."""
    qs = [q for q in (word_query(w, level, topics) for w in group) if q is not None]
    if not qs:
        return None
    return qs[0] if len(qs) == 1 else Q.Or(qs)


def is_required(group: list[Word]) -> bool:
    """Field restrictions are filters the user asked for, and a quoted phrase is exactly what the
    user asked to find: a group holding either is never dropped or made optional by relaxation
    (docs/search.md: phrases are never relaxed)."""
    return any(w.field is not None or w.phrase for w in group)


def build(plan: Plan, level: int = STRICT, topics: list[str] | None = None,
          skip: frozenset[int] = frozenset()) -> Q.Query:
    """The positive-and-negative query of `plan` at `level` (without facet filters or dates).
    `skip`: indexes of groups left out (the DROP level). Empty plan → Every() (browse: filters
    alone select), except a query with text but nothing searchable (`Plan.unsearchable`),
    which matches nothing."""
    if plan.unsearchable:
        return Q.NullQuery
    parts = [(i, group_query(g, level, topics)) for i, g in enumerate(plan.groups) if i not in skip]
    parts = [(i, q) for i, q in parts if q is not None]
    if not parts:
        main: Q.Query = Q.Every()
    elif level >= ANY:
        required = [q for i, q in parts if is_required(plan.groups[i])]
        optional = [q for i, q in parts if not is_required(plan.groups[i])]
        if optional:
            anyq = Q.Or(optional)
            main = Q.And(required + [anyq]) if required else anyq
        else:
            main = Q.And(required)
    else:
        qs = [q for _, q in parts]
        main = qs[0] if len(qs) == 1 else Q.And(qs)
    neg = excluded_query(plan, topics)
    return main if neg is None else ExcludingQuery(main, neg)
