"""Highlights sit exactly on the printed text (titles and bodies), HTML is escaped before
marking, and snippet edges never break a character sequence or a match."""
from __future__ import annotations

import html
import random
import re

import pytest

from searchapp import engine
from searchapp.analysis import compact, normalize
from searchapp.query import parse
from searchapp.search import search
from searchapp.request import SearchRequest
from searchapp.search.snippets import (best_snippet, find_spans, highlight_html, highlight_marks,
                                       highlight_terms)

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def unmark(h: str) -> str:
    return html.unescape(h.replace("<mark>", "").replace("</mark>", ""))


def test_escape_first_then_mark():
    out = highlight_html("<b>AI</b> & 人工智能 <script>", ["AI"])
    assert "<b>" not in out and "<script>" not in out and "&amp;" in out
    assert "<mark>AI</mark>" in out and "<mark>人工智能</mark>" not in out
    assert unmark(out) == "<b>AI</b> & 人工智能 <script>"


def test_marks_land_on_full_width_and_traditional_text():
    text = "新品支持５Ｇ與網絡安全，ＩＰｖ６也行。"
    out = highlight_html(text, "5G 网络安全 ipv6")
    assert MARK.findall(out) == ["５Ｇ", "網絡安全", "ＩＰｖ６"]
    assert unmark(out) == text


def test_latin_terms_match_whole_words_only():
    assert MARK.findall(highlight_html("IT with city", ["it"])) == ["IT"]


def test_synonyms_and_sub_words_highlighted():
    # sub-words only when the search was relaxed (each token may then match on its own)
    terms = highlight_terms(parse("AI 网络安全宣传周"), loose=True)
    out = highlight_html("人工智能与网络安全的宣传周", terms)
    assert "<mark>人工智能</mark>" in out and "<mark>网络安全</mark>" in out and "<mark>宣传周</mark>" in out


@pytest.mark.parametrize("q,with_word,without,word,parts", [
    ("网络安全", "网络安全法出台，网络空间与安全学科并重。", "网络空间与安全学科并重。",
     "网络安全", {"网络", "安全"}),
    ("machine-learning", "Machine-learning helps; a learning machine too.",
     "A learning machine too.", "Machine-learning", {"learning", "machine"}),
    ("IPv6地址", "IPv6地址分配，IPv6 普及，地址充足。", "IPv6 普及，地址充足。",
     "IPv6地址", {"ipv6", "地址"}),
])
def test_parts_marked_only_where_the_whole_word_is_lacking(q, with_word, without, word, parts):
    """A relaxed search adds a word's parts to the terms; a document holding the word marks the
    word and not its stand-alone parts (a phone's snippet is not diluted), a document lacking it
    (a partial hit) marks the parts (third fresh tester, F15)."""
    marks = highlight_marks(parse(q), loose=True)
    assert parts <= {compact(normalize(t)) for t in marks.terms}  # the parts are terms at all
    html_with = highlight_html(with_word, marks.for_texts("", with_word))
    assert MARK.findall(html_with) == [word], html_with
    marked = {compact(normalize(m)) for m in MARK.findall(highlight_html(without,
                                                                          marks.for_texts(without)))}
    assert marked == {compact(normalize(p)) for p in parts}
    # the word in the title is enough: the body's parts stay unmarked
    assert MARK.findall(highlight_html(without, marks.for_texts(word, without))) == []


def test_a_query_word_is_never_demoted_to_a_part():
    """`网络` typed as a word of its own stays marked everywhere, also beside `网络安全`; a part
    shared by two words stays while one of them is lacking; a quoted phrase has no parts."""
    marks = highlight_marks(parse("网络 网络安全"), loose=True)
    assert "网络" in marks.for_texts("网络安全与网络空间")
    assert "安全" not in marks.for_texts("网络安全与网络空间")
    two = highlight_marks(parse("网络安全 安全生产"), loose=True)
    assert "安全" in two.for_texts("网络安全与生产")  # 安全生产 is lacking
    assert "安全" not in two.for_texts("网络安全与安全生产")
    assert highlight_marks(parse('"网络安全"'), loose=True).words == ()


def test_corpus_hits_mark_parts_only_when_lacking_the_word(handle):
    """On the bundled corpus: 网络安全 is relaxed (some hits hold only 网络/安全); every hit
    holding the whole word marks no stand-alone part, and the partial hits do mark parts."""
    resp = search(handle, SearchRequest(q="网络安全", size=50))
    assert resp.query.relaxed and {"网络", "安全"} <= set(resp.query.terms)
    whole = [h for h in resp.hits if not h.missing]
    partial = [h for h in resp.hits if h.missing]
    assert whole and partial
    for h in whole:
        marks = {compact(normalize(m)) for m in MARK.findall(h.title_html + h.snippet_html)}
        assert marks and marks <= {"网络安全", "cybersecurity"}, (h.title, marks)
    assert any({"网络", "安全"} & {compact(normalize(m)) for m in
                                  MARK.findall(h.title_html + h.snippet_html)} for h in partial)


@pytest.mark.parametrize("q,text,whole,part", [
    ("40.5%", "收入 3.40 亿元，增长 40.5%。", "40.5", "40"),
    ('"中国移动通信集团有限公司"', "中国移动通信集团有限公司与某某有限公司合作。", "中国移动通信集团有限公司", "有限公司"),
])
def test_split_term_highlighted_only_where_whole(q, text, whole, part):
    """A word the analyzer splits into several tokens matched as a whole (strict level): its
    tokens alone are not highlighted elsewhere (issue 11)."""
    marks = MARK.findall(highlight_html(text, highlight_terms(parse(q))))
    assert marks and all(whole in m for m in marks), marks
    assert part in text.replace(whole, "")  # the part does occur elsewhere, unmarked


def test_marks_follow_the_literal_rule():
    """A mark is a literal match (issue 16 items 3 and 5): Latin words only at word edges (`a` is
    not inside "AI", `5G` not inside a web address), names with their symbols (`C++`), and never
    across a sentence break (`北京。大学`)."""
    assert MARK.findall(highlight_html("AI 芯片", ["a"])) == []
    assert MARK.findall(highlight_html("plan a AI", ["a"])) == ["a"]
    assert MARK.findall(highlight_html("C++ 和 CNNIC", ["C++"])) == ["C++"]
    assert MARK.findall(highlight_html("见 www.zz12345.gov.cn，5G 网络", ["5G"])) == ["5G"]
    assert MARK.findall(highlight_html("抵达北京。大学生；北京大学", ["北京大学"])) == ["北京大学"]
    assert MARK.findall(highlight_html("北京\n大学", ["北京大学"])) == ["北京\n大学"]


def test_snippet_shows_best_passage_without_broken_edges():
    body = "无关内容。" * 60 + "这里是关于绽放杯的报道，绽放杯很精彩。" + "其他内容。" * 60 + "e\u0301"
    plain, h = best_snippet(body, ["绽放杯"])
    assert "<mark>绽放杯</mark>" in h and plain.startswith("…") and plain.endswith("…")
    assert len(plain) <= 170
    assert unmark(h) == plain
    plain2, _ = best_snippet("短文" + "x\u0301" * 100, ["短文"], width=50)
    assert not plain2.rstrip("…").endswith("x")  # never cut between a letter and its accent


def test_highlight_positions_exact_on_corpus(handle):
    """Every mark covers text whose normalised form is one of the terms, in titles and bodies."""
    from searchapp.analysis.literal import literal_find, literal_form, literal_needle

    with handle.searcher() as s:
        arts = list(engine.all_articles(s))
    rng = random.Random("hl")
    for a in rng.sample(arts, min(15, len(arts))):
        for text in (a.title, a.body):
            if len(text) < 4:
                continue
            i = rng.randrange(0, len(text) - 3)
            term = text[i:i + rng.randint(2, 4)]
            if not any(c.isalnum() for c in term) or any(c.isspace() for c in term):
                continue
            if literal_find(literal_form(text), literal_needle(term)) < 0:
                continue  # cut inside a Latin word or across a sentence break: not a literal match
            spans = find_spans(text, [term])
            core = [k for k, c in enumerate(term) if c.isalnum()]  # edge punctuation is not marked
            lo, hi = i + core[0], i + core[-1] + 1
            assert any(s <= lo and hi <= e for s, e in spans), term
            for s_, e_ in spans:
                got = "".join(c for c in compact(text[s_:e_]) if c.isalnum())
                want = "".join(c for c in compact(term) if c.isalnum())
                assert want in got, (term, text[s_:e_])
            out = highlight_html(text, [term])
            assert unmark(out) == text
            assert all(normalize(m) for m in MARK.findall(out))


@pytest.mark.parametrize("text", ["", "a", "。。。", "<>&\"'"])
def test_degenerate_texts(text):
    assert unmark(highlight_html(text, ["a"])) == text
    plain, h = best_snippet(text, [])
    assert unmark(h).strip() == plain.strip()


def test_spans_are_the_literal_occurrences_on_the_corpus():
    """Each highlight holds the term literally, and a term is highlighted exactly when the
    literal scan finds it in the text (`analysis.literal`), on the bundled issue with terms
    drawn from it."""
    from pathlib import Path

    from searchapp.analysis.literal import literal_find, literal_form, literal_needle

    root = Path(__file__).resolve().parents[2] / "corpus"
    lines = [ln for f in sorted(root.glob("*.txt")) for ln in f.read_text("utf-8").splitlines()]
    paras = ["\n".join(lines[i:i + 12]) for i in range(0, len(lines), 12)]
    rnd = random.Random(7)
    checked = found = 0
    for p in paras[:300]:
        if not p.strip():
            continue
        form = literal_form(p)
        terms = ["5G", "a", "网络"]
        for _ in range(3):
            i = rnd.randrange(len(p))
            terms.append(p[i:i + rnd.randint(1, 6)])
        for t in terms:
            needle = literal_needle(t)
            if not needle:
                continue
            occurrences, pos = 0, literal_find(form, needle)
            while pos >= 0:
                occurrences += 1
                pos = literal_find(form, needle, pos + 1)
            spans = find_spans(p, [t])
            assert bool(spans) == bool(occurrences), (p[:40], t)
            assert len(spans) <= occurrences
            for s_, e in spans:
                assert needle in literal_form(p[s_:e]), (p[s_:e], t)
            checked += 1
            found += bool(spans)
    assert checked > 500 and found > 300


def _best_window_by_rescan(spans, lows, width):
    """The definition (a rescan per span), kept as the oracle of the one-pass version."""
    best, anchor = (0, 0, 0), 0
    for i, (s, _) in enumerate(spans):
        inside = [j for j in range(i, len(spans)) if spans[j][1] <= s + width - 20]
        key = (len({lows[j] for j in inside}), len(inside), -s)
        if key > best:
            best, anchor = key, s
    return best, anchor


def test_best_window_one_pass_equals_the_rescan_definition():
    """The snippet window is chosen in one pass (a body with 32,000 matches took 47 s with a
    rescan per match, fresh tester): same window as the definition on random match layouts,
    walked in Python or counted over arrays (`snippet_window`)."""
    from searchapp.search.snippet_window import _window_arrays, _window_loop

    rng = random.Random(11)
    for _ in range(400):
        spans, pos = [], 0
        for _ in range(rng.randint(1, 60)):
            pos += rng.randint(0, 40)
            end = pos + rng.randint(1, 6)
            spans.append((pos, end))
            pos = end + 1
        lows = [rng.choice("abcde") for _ in spans]
        width = rng.choice([25, 40, 80, 120])
        want = _best_window_by_rescan(spans, lows, width)
        assert _window_loop(spans, lows, width) == want
        assert _window_arrays(spans, lows, width) == want


def test_a_body_with_tens_of_thousands_of_matches_gets_a_snippet():
    text = "巨大正文" * 40_000
    plain, html_ = best_snippet(text, ["正文"])
    assert "正文" in plain and "<mark>正文</mark>" in html_


@pytest.mark.parametrize("run", [3_000, 300_000])
def test_a_run_of_repeated_matches_gives_a_bounded_snippet(run):
    # Comment spam quoted in an article: one character repeated. Adjacent matches merge into
    # one mark; the snippet must stay near its width all the same (it once returned the run).
    text = "网友在评论区刷屏：" + "哈" * run + "。记者随后采访了相关人员。"
    for terms in (["哈"], ["哈哈"]):
        plain, html_ = best_snippet(text, terms)
        assert len(plain) <= 2 * 160 + 40, len(plain)
        assert "<mark>哈" in html_ and html_.count("<mark>") == html_.count("</mark>")
        assert plain.endswith("…")


def test_a_body_past_the_scan_limit_gets_its_snippet_from_the_head():
    from searchapp.search.snippets import SNIPPET_SCAN_CHARS
    text = "开头一句。" + "内容" * SNIPPET_SCAN_CHARS + "结尾的关键词。"
    plain, html_ = best_snippet(text, ["内容"])
    assert len(plain) <= 2 * 160 + 40 and plain.endswith("…") and "<mark>" in html_
    plain, _ = best_snippet(text, ["关键词"])  # beyond the scanned head: the beginning
    assert plain.startswith("开头一句")


@pytest.mark.slow
def test_highlight_html_keeps_the_whole_text_and_marks_only_the_head():
    from searchapp.search.snippets import HIGHLIGHT_CHARS
    text = "甲<b>" * (HIGHLIGHT_CHARS // 4) + "尾部甲"
    out = highlight_html(text, ["甲"])
    assert unmark(out) == text
    assert out.count("<mark>") == HIGHLIGHT_CHARS // 4  # the head's matches, none after it
    assert out.endswith("尾部甲")


def _spans_of_whole_form(text, terms):
    """find_spans by its definition: the literal form of the whole text, every occurrence of
    every term (the oracle of the version that puts only some sentences in literal form)."""
    from searchapp.analysis.literal import literal_aligned, literal_find, literal_needle
    from searchapp.analysis.text import normalize_aligned

    norm, starts = normalize_aligned(text)
    form, keep = literal_aligned(norm)
    spans = []
    for term in terms:
        t = literal_needle(term)
        pos = literal_find(form, t) if t else -1
        while pos >= 0:
            spans.append((starts[keep[pos]], starts[keep[pos + len(t) - 1]] + 1))
            pos = literal_find(form, t, pos + 1)
    merged = []
    for s_, e in sorted(spans):
        if merged and s_ <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s_, e))
    return merged


# ideographs, breaks of every kind (sentence and clause marks, blank lines, field breaks),
# soft punctuation, full-width and traditional forms, Latin letters, digits and the symbols
# the literal form keeps beside them (8.8, c++, c#, 10:30, 1,000, .net)
_PIECES = ["中", "国", "人", "民", "經", "濟", "。", "，", "、", "！", "？", "；", "：", "…", "\n",
           "\n\n", " ", "“", "”", "（", "）", "-", "·", "a", "b", "c", "5", "8", ".", "+", "#",
           ":", ",", "_", "\u2029", "Ｇ", "。\n\n", "”。", "000"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_spans_equal_those_of_the_whole_form(seed):
    """find_spans puts only the sentences that can hold a match in literal form: the spans are
    those of the whole text's form, on generated texts full of breaks next to ideographs,
    Latin words and kept symbols, with terms cut from them (matches across breaks included)."""
    rng = random.Random(seed)
    for _ in range(400):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 700)))
        terms = []
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(text) + 1)
            terms.append(text[i:i + rng.randint(1, 6)])
        terms += rng.sample(["中国", "人民", "8.8", "c++", "a", "5g", "中。国", "经济"], 2)
        assert find_spans(text, terms) == _spans_of_whole_form(text, terms), (text, terms)


@pytest.mark.slow
def test_spans_equal_those_of_the_whole_form_on_the_corpus():
    """The same on the bundled issue's articles with words taken from them."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "corpus"
    text = "\n".join(f.read_text("utf-8") for f in sorted(root.glob("*.txt")))
    rng = random.Random(14)
    checked = 0
    for start in range(0, len(text), 1_000):
        body = text[start:start + rng.randint(500, 6_000)]
        for _ in range(3):
            i = rng.randrange(len(body))
            terms = [body[i:i + rng.randint(1, 5)], rng.choice(["网络", "5G", "数据", "发展"])]
            assert find_spans(body, terms) == _spans_of_whole_form(body, terms), terms
            checked += 1
    assert checked > 100


def test_prepared_texts_are_kept_within_their_budget_and_give_the_same_spans(monkeypatch):
    """A text's prepared form is kept (`snippet_regions.prepared`, bounded in characters) and a
    kept one gives the spans a fresh one gives; the oldest texts leave first, and a text over
    the whole budget is used but not kept."""
    from searchapp.cache import BoundedCache
    from searchapp.search import snippet_regions as R

    monkeypatch.setattr(R, "_prepared_texts", BoundedCache(300))
    texts = [f"第{i}届全国人民代表大会在北京召开。代表们讨论了经济发展和改革开放的问题，" * 3
             for i in range(12)]
    first = [find_spans(t, ["人民代表大会", "经济", "改革"]) for t in texts]
    assert all(first) and R._prepared_texts.size <= 300
    assert R.prepared(texts[-1]) is R.prepared(texts[-1])  # the newest is kept
    assert R._prepared_texts.get(texts[0]) is None  # the oldest has left
    again = [find_spans(t, ["人民代表大会", "经济", "改革"]) for t in texts]
    assert again == first
    big = "长文" * 400
    R.prepared(big)
    assert R._prepared_texts.get(big) is None and R._prepared_texts.size <= 300


def test_a_kept_text_is_put_in_literal_form_once(monkeypatch):
    """The literal forms of a kept text's pieces are kept with it and counted in its budget
    (`snippet_regions.aligned`): a very common word's hit, put in that form whole by one query,
    is not put in it again by the next, whatever its words, and gives the whole form's spans."""
    from searchapp.cache import BoundedCache
    from searchapp.search import snippet_regions as R

    monkeypatch.setattr(R, "_prepared_texts", BoundedCache(100_000))
    calls = []
    real = R.literal_aligned
    monkeypatch.setattr(R, "literal_aligned", lambda norm: calls.append(len(norm)) or real(norm))
    text = "代表们讨论了经济发展的问题。" * 40 + "改革开放的成果，人民的生活。" * 40
    first = find_spans(text, ["的"])
    assert calls == [len(text)] and len(first) == 120
    assert R._prepared_texts.size == 2 * len(text) + 1  # the text, then its form
    calls.clear()
    assert find_spans(text, ["的"]) == first
    for terms in (["人民", "改革"], ["问题", "成果"], ["不在其中"]):
        assert find_spans(text, terms) == _spans_of_whole_form(text, terms)
    assert calls == [] and R._prepared_texts.size == 2 * len(text) + 1
    other = "经济发展。" * 100 + "人民生活。"  # a rare word's piece only, then kept as well
    assert find_spans(other, ["人民"]) == _spans_of_whole_form(other, ["人民"])
    assert calls == [5] and find_spans(other, ["人民"]) and calls == [5]


def test_pieces_covering_most_of_a_text_are_put_in_literal_form_whole(monkeypatch):
    """A very common word's pieces cover most of its hit: the hit is put in literal form whole,
    once (`snippets.WHOLE_SHARE`), so the next query needs no pieces; the spans are the whole
    form's. A rare word's piece alone is not made whole."""
    from searchapp.cache import BoundedCache
    from searchapp.search import snippet_regions as R

    monkeypatch.setattr(R, "_prepared_texts", BoundedCache(100_000))
    calls = []
    real = R.literal_aligned
    monkeypatch.setattr(R, "literal_aligned", lambda norm: calls.append(len(norm)) or real(norm))
    text = "代表们讨论了经济发展的问题。" * 40 + "人民生活。"
    assert find_spans(text, ["的"]) == _spans_of_whole_form(text, ["的"])
    assert calls == [len(text)]
    assert find_spans(text, ["人民"]) == _spans_of_whole_form(text, ["人民"])
    assert calls == [len(text)]
    rare = "经济发展。" * 100 + "人民生活。"
    assert find_spans(rare, ["人民"]) == _spans_of_whole_form(rare, ["人民"])
    assert calls[1:] == [5]
