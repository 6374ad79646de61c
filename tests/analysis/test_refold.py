"""Numeral folding re-segments only the stretches of text that hold a folded numeral
(`analyzer._refolded`), and the words are those of segmenting the whole folded text."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.analysis import analyzer as A
from searchapp.analysis import numerals
from searchapp.analysis.text import normalize_aligned
from searchapp.analysis.tokenizer import words

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ROOT / "corpus" / "issue-2020-09-internet-industry-magazine.txt"
PFR = ROOT.parent / "shared" / "data" / "pfr-199801" / "199801.txt.xz"

#: Edge cases: numerals at the start and end, next to every kind of cut, several in one stretch,
#: lengths that grow and shrink (二十八 → 28, 一九九八 → 1998, 百分之八点八 → 8.8%), a tied run
#: (segmented by jieba itself), addresses and Latin words near a numeral, CR LF.
EDGES = ["一九九八年一月一日，江泽民主席发表新年讲话。第十五届大会召开，百分之八点八的增长。",
         "元月三日", "他说：二〇二〇年是第一年", "统一年度", "三千二百五十亿美元 和 十一时五十分",
         "访问www.zz12345.gov.cn二十八日 c++ 和 vc++ 以及 .net 8.8%", "安安安一九九八年安安安",
         "一九九八年\r\n二〇〇〇年", "第一第二第三，第十五届", "二十八日二十九日三十日",
         "《一九九八年》（第一）【二十个】「三十五岁」", "一九九八年👍二十个", "他在1998年一月\u2029第三次"]


def _texts() -> list[str]:
    texts = EDGES + [p for p in ISSUE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    if PFR.exists():
        from bench.pfr import articles
        texts += [t for a in articles(PFR, limit=400) for t in (a["title"], a["body"])]
    return texts


def _folding(text: str):
    """(norm, its words, the edits the analyzer applies, the folded text) or None."""
    norm, _ = normalize_aligned(text)
    toks = words(norm)
    heads = {s for _, s, _ in toks}
    edits = [x for x in numerals.spans(norm) if x[0] in heads]
    if not edits:
        return None
    return norm, toks, edits, numerals.apply(norm, edits)[0]


@pytest.mark.slow
def test_refolded_words_equal_the_whole_folded_texts_words():
    checked = 0
    for text in _texts():
        got = _folding(text)
        if got is None:
            continue
        norm, toks, edits, folded = got
        assert A._refolded(norm, toks, edits, folded) == words(folded), text[:40]
        checked += 1
    assert checked >= 10


def test_only_the_stretches_with_a_numeral_are_segmented_again(monkeypatch):
    body = "，".join(["我们今天在北京开会讨论经济发展问题"] * 40) + "，一九九八年一月一日。"
    seen: list[int] = []

    def spy(text):
        seen.append(len(text))
        return words(text)

    monkeypatch.setattr(A, "words", spy)
    got = A.text_tokens(body)
    assert [t for t, _, _, _ in got[-6:]] == ["1998", "年", "1", "月", "1", "日"]
    assert seen[0] == len(body)  # the whole text once
    assert len(seen) == 2 and seen[1] <= len("1998年1月1日"), seen  # then only the last stretch


@pytest.mark.slow  # the tied run loads jieba itself (~1-2 s once per process)
@pytest.mark.parametrize("text", EDGES)
def test_text_tokens_of_edges_unchanged_by_stretches(text, monkeypatch):
    fast = A.text_tokens(text)
    # the same with the whole folded text segmented again (what _refolded stands for)
    monkeypatch.setattr(A, "_refolded", lambda norm, toks, edits, folded: words(folded))
    assert fast == A.text_tokens(text)


@pytest.mark.slow
def test_numeral_matches_equal_a_scan_of_every_character():
    cn = str.maketrans("0123456789", "〇一二三四五六七八九")
    found = 0
    for text in _texts() + [t.translate(cn) for t in _texts()]:
        norm = normalize_aligned(text)[0]
        want = [(m.span(), m.groupdict()) for m in numerals._PAT.finditer(norm)]
        assert [(m.span(), m.groupdict()) for m in numerals.matches(norm)] == want, text[:40]
        found += len(want)
    assert found > 100
