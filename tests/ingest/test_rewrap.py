"""Printed in a narrower or wider column, an issue yields the same articles: every line of the
bundled issue (body paragraphs, headlines, `来源` credits, speaker lines) re-wrapped at another
width gives the same titles and ids as the issue as extracted."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from searchapp.ingest.magazine import segment

ROOT = Path(__file__).resolve().parents[2]
_FOUND = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
ISSUES = [p for i, p in enumerate(_FOUND) if p.read_bytes() not in [q.read_bytes() for q in _FOUND[:i]]]
_SENT_END = re.compile(r"[。！？][”’）)]*$")
_TOKEN = re.compile(r"[A-Za-z0-9.%+\-·]+|\s{2,}\S(?:\S|\s{1,2}\S){0,20}$|\s+|.")


def _size(s: str) -> int:
    return len(re.sub(r"\s+", "", s))


_NO_START = set("，。、；：？！,.;:?!”’）)》」』】…%")   # closing marks never begin a line (kinsoku)
_NO_END = set("“‘（(《「『【")                         # opening marks never end one


def _wrap(text: str, width: int) -> list[str]:
    """Break one logical line into lines of at most `width` characters (spaces not counted),
    the way a Chinese typesetter does: closing punctuation hangs at the end of its line and
    opening punctuation moves to the next (kinsoku), a Latin word or number is never split, and
    a speaker's name after the gap (`position  name`) moves to the next line whole when it does
    not fit."""
    pieces, cur = [], ""
    for tok in _TOKEN.findall(text):
        if _size(cur) + _size(tok) > width and cur.strip() and tok not in _NO_START:
            carry = ""
            while cur.rstrip() and cur.rstrip()[-1] in _NO_END:
                carry = cur.rstrip()[-1] + carry
                cur = cur.rstrip()[:-1]
            if cur.strip():
                pieces.append(cur.strip())
            cur = carry
        cur += tok if cur or not tok.isspace() else ""
    if cur.strip():
        pieces.append(cur.strip())
    return pieces


def rewrap(text: str, width: int) -> str:
    """The issue as a column of `width` characters would print it. A body paragraph (a run of
    lines with clause punctuation, closed by a line that ends a sentence) is joined and wrapped
    again; every other line (a headline, a `来源` credit, a speaker line, a caption) longer than
    `width` is wrapped where the column ends. The extractor's layout is kept: the new lines of
    a paragraph are separated by a blank line, as pdfminer writes lines of separate boxes; the
    pieces of a line that shared a box with its neighbours (no blank line between them) stay
    in one box; the separator after each unit and its page-start space are the original's."""
    raw = text.split("\n")
    lines: list[tuple[str, str, int]] = []  # (leading space, text, newlines after it)
    for ln in raw:
        if ln.strip():
            lines.append((ln[: len(ln) - len(ln.lstrip())], ln.strip(), 1))
        elif lines:
            lead, t, n = lines[-1]
            lines[-1] = (lead, t, n + 1)
    lengths = sorted(_size(t) for _, t, _ in lines)
    full = lengths[len(lengths) * 3 // 4] if lengths else 1
    out: list[str] = []
    run: list[tuple[str, str, int]] = []

    def emit(pieces: list[str], lead: str, joiner: str, after: int) -> None:
        out.append(lead + joiner.join(pieces) + "\n" * after)

    def flush() -> None:
        if run:
            joined = ""
            for _, b, _ in run:
                joined += (" " if joined and joined[-1].isascii() and joined[-1].isalnum()
                           and b[:1].isascii() and b[:1].isalnum() else "") + b
            emit(_wrap(joined, width), run[0][0], "\n\n", run[-1][2])
        run.clear()

    for i, (lead, b, after) in enumerate(lines):
        body_line = (not b.startswith("来源") and re.search("[，。、；]", b)
                     and not re.search(r"\S {2,}\S", b))
        if body_line and _size(b) >= 0.8 * full and not _SENT_END.search(b):
            run.append((lead, b, after))
            continue
        closes_credit = bool(run) and re.fullmatch(r"[^()（）]{0,30}[)）]", b) and \
            re.search(r"[（(][^()（）]*$", run[-1][1])
        if (body_line or closes_credit) and run:  # a paragraph's last line, or its split credit's end
            run.append((lead, b, after))
            flush()
            continue
        flush()
        boxed = after == 1 or (i > 0 and lines[i - 1][2] == 1)
        emit(_wrap(b, width), lead, "\n" if boxed else "\n\n", after)
    flush()
    return "".join(out)


def signature(arts):
    return [(a.id, re.sub(r"\s+", "", a.title)) for a in arts]


@pytest.fixture(scope="module", params=ISSUES, ids=lambda p: p.name)
def issue(request):
    text = request.param.read_text(encoding="utf-8")
    return request.param.name, text, segment(text, filename=request.param.name)


def test_rewrap_only_moves_line_breaks(issue):
    _name, text, _arts = issue
    for width in (12, 30):
        assert re.sub(r"\s+", "", rewrap(text, width)) == re.sub(r"\s+", "", text)


def test_rewrap_splits_speaker_lines(issue):
    """The helper really does what the test below relies on: at 16 characters, every speaker
    line whose position is longer is split over two or more lines."""
    _name, text, arts = issue
    lines = [re.sub(r"\s+", "", ln) for ln in rewrap(text, 16).split("\n") if ln.strip()]
    long_ones = [a for a in arts if a.speaker and len(a.extra.get("speaker_position", "")) > 16]
    assert long_ones
    for a in long_ones:
        assert not any(ln.endswith(a.speaker) and len(ln) > 16 + len(a.speaker) for ln in lines)
        assert a.extra["speaker_position"] + a.speaker not in lines


@pytest.mark.parametrize("width", [12, 16, 22, 30])
def test_same_titles_and_ids_at_any_column_width(issue, width):
    name, text, arts = issue
    got = segment(rewrap(text, width), filename=name)
    assert signature(got) == signature(arts)
    assert [a.speaker for a in got] == [a.speaker for a in arts]
    assert [a.source for a in got] == [a.source for a in arts]


# An invented issue with long credits and speaker lines (the bundled one has no 来源 line longer
# than 11 characters): the rules are about the column, not about one issue.
_BODY = ("本次会议围绕数字经济发展、网络安全保障和人工智能应用等议题进行了深入交流，与会代表一致认为，"
         "应当加强合作，共同推动产业高质量发展。会议期间还举办了多场专题论坛和成果发布活动。")


def _synthetic(width: int = 22) -> str:
    def para(text: str) -> list[str]:
        return _wrap(text, width)

    out = [" 专栏｜行业动态", "某省召开数字经济发展推进会议"]
    out += para("9 月 3 日，某省在省会召开数字经济发展推进会议。" + _BODY)
    out += ["来源：国家计算机网络应急技术处理协调中心", "某市发布智慧城市建设三年行动计划"]
    out += para("9 月 8 日，某市发布智慧城市建设三年行动计划。" + _BODY)
    out += ["来源：某某省通信管理局办公室", " 2019 年数字经济论坛发言摘编", "推动数字经济高质量发展",
            "某某省互联网行业协会党组书记、常务副理事长  张三丰"]
    out += para("要加快发展数字经济，推动产业数字化转型升级。" + _BODY)
    out += ["加强开放合作 共享发展机遇", "某某大学网络空间安全学院院长、教授  李  四"]
    out += para("要加强国际合作，共同应对全球挑战。" + _BODY)
    out += ["来源：某某网"]
    return "\n\n".join(out) + "\n"


def test_synthetic_issue_with_long_credits_at_any_width():
    text = _synthetic()
    base = segment(text, filename="synthetic-2019.txt")
    assert [a.source for a in base] == ["国家计算机网络应急技术处理协调中心", "某某省通信管理局办公室",
                                        "某某网", "某某网"]
    assert [a.speaker for a in base] == [None, None, "张三丰", "李四"]
    for width in (10, 12, 16):
        other = rewrap(text, width)
        assert any(ln.startswith("来源：国家") and _size(ln) <= width for ln in other.split("\n"))
        got = segment(other, filename="synthetic-2019.txt")
        assert signature(got) == signature(base), width
        assert [(a.source, a.speaker, a.extra.get("speaker_position")) for a in got] == \
            [(a.source, a.speaker, a.extra.get("speaker_position")) for a in base], width


@pytest.mark.parametrize("width", [0, 16, 22])
def test_same_articles_without_blank_lines(issue, width):
    """pdftotext writes no blank line between lines: re-wrapped (0 = as extracted) and with every
    blank line removed, the issue still gives the same titles and ids."""
    name, text, arts = issue
    other = re.sub(r"\n\s*\n", "\n", rewrap(text, width) if width else text)
    assert signature(segment(other, filename=name)) == signature(arts)
