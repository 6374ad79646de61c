"""PDF-extraction artefacts of magazine text, repaired for display (not for matching).

What a PDF text extractor does to a Chinese magazine page, and what this module undoes:

* **Letter-spaced justified lines** (`戴 文 渊 表 示`): every character separated by one space.
  `collapse_letter_spacing` removes single spaces between CJK characters and keeps a wider gap
  (2+ spaces) as a field separator of two spaces (`部 长   肖 亚 庆` → `部长  肖亚庆`), an
  ideographic space (U+3000) as one: a real word gap, which `clean_title` keeps as a space.
  Spaces touching a Latin letter or digit (half- or full-width) are real and kept (`AutoML`,
  `5G`, `L5 级`).
* **Stray spaces between CJK characters** in ordinary lines (`今 要顺应`): `clean_inline`.
* **Split drop-cap numbers** at the start of a page (`2 020 年` → `2020 年`): `fix_drop_number`.
  A drop-cap character alone on its line (`今` / `年以来…`) needs no repair beyond `join_lines`,
  which never puts a space between Chinese characters.
* **Page-start lines** begin with a space (or a form feed, as `pdftotext` writes them);
  `is_page_start` reports them (a layout hint only:
  nothing may depend on it alone, because re-saved copies lose it).
* **Hard line breaks** inside paragraphs: `join_lines` glues lines (a space only between two
  Latin/digit characters), `paragraphs` groups lines into paragraphs ended by sentence-final
  punctuation (。！？, optionally followed by closing quotes/brackets).

All functions take and return `str`/`list[str]`, never raise on any input, and are pure.
"""
from __future__ import annotations

import re

#: CJK ideographs, CJK/full-width punctuation and the curly quotes/dashes/ellipsis that
#: Chinese typesetting uses. A space between two of these is a layout artefact.
CJK_CLASS = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2014\u2026\u00b7\u25cb"
)
_CJK = re.compile(f"[{CJK_CLASS}]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK_CLASS}])[ \t\u00a0\u3000]+(?=[{CJK_CLASS}])")
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_DROP_NUMBER = re.compile(r"^(\s*)(\d) (\d{3})(?=\s*年)")
_SENT_END = re.compile(r"[。！？!?][”’」』）)\]】\"']*$")
#: A Latin letter or digit, half- or full-width (`５Ｇ` is set like `5G`, spaces around it alike).
_ALNUM_CLASS = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_ALNUM = re.compile(f"[{_ALNUM_CLASS}]")
_WS_RUN = re.compile(r"[ \t\u00a0\u3000]+")
#: An ideographic space and the other spaces around it: a real gap between two phrases.
_IDEOGRAPHIC_GAP = re.compile(r"[ \t\u00a0\u3000]*\u3000[ \t\u00a0\u3000]*")


def is_cjk(ch: str) -> bool:
    """True when the single character `ch` is a CJK ideograph or CJK/full-width punctuation."""
    return bool(ch) and bool(_CJK.match(ch))


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (not on the other characters `str.splitlines` knows), after
    dropping a leading BOM, so line numbers match what an editor shows. Returns list[str]."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _LINE_SPLIT.split(text)


def is_page_start(raw: str) -> bool:
    """A non-blank line that starts with a space (often a new page or column in the PDF)."""
    return bool(raw[:1]) and raw[:1] in " \u3000\t\f" and bool(raw.strip())


def is_letter_spaced(line: str) -> bool:
    """True when most space-separated tokens of `line` are single CJK characters (at least 4
    tokens, ≥ 70 % of them one CJK character): a justified line the extractor spread out."""
    toks = line.split()
    if len(toks) < 4:
        return False
    single = sum(1 for t in toks if len(t) == 1 and is_cjk(t))
    return single / len(toks) >= 0.7


def collapse_letter_spacing(line: str) -> str:
    """Undo letter-spacing. On a letter-spaced line (see `is_letter_spaced`) a single space
    between two characters that are not both Latin/digit is removed and a gap of 2+ spaces
    becomes exactly two spaces (a field separator, e.g. position  name); a gap of ideographic
    spaces (U+3000) becomes one, a word gap the titles keep.
        Other lines are returned unchanged: their spaces may be real (a credit `( 新浪科技 杨雪梅 )`,
    two headline clauses, fields such as `主席  吉  林`); `clean_inline`/`join_lines` remove the
    ones between CJK characters when text is assembled. Leading/trailing space is kept."""
    if not line.strip():
        return line
    lead = line[: len(line) - len(line.lstrip())]
    body = line.strip()
    if is_letter_spaced(body):
        parts = re.split(r"( {2,}|\u3000+)", body)
        out = []
        for p in parts:
            if not p.strip():  # a real gap: an ideographic space stays one (`clean_title`)
                out.append("\u3000" if "\u3000" in p else "  ")
                continue
            toks = p.split(" ")
            s = toks[0]
            for t in toks[1:]:
                if not t:
                    continue
                if s and _ALNUM.match(s[-1]) and _ALNUM.match(t[0]):
                    s += " " + t
                else:
                    s += t
            out.append(s)
        return lead + "".join(out)
    return line


def fix_drop_number(line: str) -> str:
    """Rejoin a year split by a drop cap at the start of a line: `2 020 年` → `2020 年`."""
    return _DROP_NUMBER.sub(r"\1\2\3", line)


def clean_line(raw: str) -> str:
    """One raw PDF line → display line: drop-cap number fix, letter-spacing collapse, strip.
    Returns "" for blank or whitespace-only lines."""
    s = fix_drop_number(raw.rstrip("\r\n"))
    s = collapse_letter_spacing(s)
    return s.strip(" \t\u00a0\u3000\ufeff\f\v")


def clean_inline(s: str) -> str:
    """Whitespace-clean a short text (title, name): no space between CJK characters, other runs
    of whitespace become one space, stripped."""
    s = _SPACE_BETWEEN_CJK.sub("", s or "")
    return _WS_RUN.sub(" ", s.replace("\n", " ")).strip()


def clean_title(s: str) -> str:
    """Whitespace-clean a headline or name: the spaces a PDF extractor puts around Latin words
    and numbers inside Chinese text go too (`尚冰出席 2020 云栖大会` → `尚冰出席2020云栖大会`);
    a space between two Latin words/numbers stays (`All in`). An ideographic space (U+3000,
    with any spaces around it) is a gap the typesetter meant between two phrases, never a
    letter-spacing artefact: it becomes one ordinary space (`５Ｇ＋工业互联网　全角标题` →
    `５Ｇ＋工业互联网 全角标题`)."""
    parts = (_clean_phrase(p) for p in _IDEOGRAPHIC_GAP.split((s or "").replace("\n", " ")))
    return " ".join(p for p in parts if p)


def _clean_phrase(s: str) -> str:
    s = _WS_RUN.sub(" ", s).strip()
    return re.sub(f"(?<![{_ALNUM_CLASS}]) | (?![{_ALNUM_CLASS}])", "", s)


def join_lines(lines: list[str]) -> str:
    """Join PDF lines of one paragraph: nothing between them, except one space when both the
    end of one line and the start of the next are Latin letters or digits (`One` + `API`)."""
    out = ""
    for ln in lines:
        ln = ln.strip(" \t\u00a0\u3000")
        if not ln:
            continue
        if out and _ALNUM.match(out[-1]) and _ALNUM.match(ln[0]):
            out += " "
        out += ln
    return clean_inline(out)


def ends_sentence(line: str) -> bool:
    """True when `line` ends with sentence-final punctuation (。！？ plus closing quotes)."""
    return bool(_SENT_END.search(line.strip(" \t\u00a0\u3000")))


def paragraphs(lines: list[str]) -> list[str]:
    """Group display lines into paragraphs: a line ending a sentence closes its paragraph.
    Returns joined paragraph strings (no empty ones)."""
    paras: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if not ln.strip():
            continue
        cur.append(ln)
        if ends_sentence(ln):
            paras.append(join_lines(cur))
            cur = []
    if cur:
        paras.append(join_lines(cur))
    return [p for p in paras if p]
