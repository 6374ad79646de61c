"""Can a page's extracted text be trusted? Verdicts, and the one repair we make.

    verdict(page) -> Verdict(ok, kind, reason)
    repair_gbk(glyphs) -> list[Glyph] | None
    second_opinion(mine, theirs) -> Opinion(keep, agreement, reason)

Kinds of verdict (a page's text is judged on its visible characters, spaces excluded):

* "empty": no text and no picture (a blank page). Skipped without a word.
* "image": no text layer over a page that is mostly picture (≥ 30 % of its area): a scan
  that needs OCR. Refused for that page.
* "undefined": ≥ 10 % of the characters have no Unicode mapping (a font without a ToUnicode
  table or a known encoding), or ≥ 10 % fall in the Private Use Area (a font's private code
  points). The text cannot be decoded.
* "mojibake": ≥ 30 % of the characters are Latin-1/Windows-1252 letters and symbols of the
  upper half (`À`, `Ó`, `¡`, `£`…) and under 10 % are CJK: double-byte Chinese (GBK) drawn
  through a font that declares a one-byte Western encoding, so each byte became a Western
  letter. Western text has a few per cent of such letters, never this many.
* "ok".

`repair_gbk` undoes the mojibake: consecutive upper-half characters are turned back into their
bytes (Windows-1252, else Latin-1) and decoded as GBK in pairs; each pair becomes one glyph
whose box covers both. It returns None unless every byte pair decodes and ≥ 80 % of the
result is common Chinese (GB2312 or a CJK ideograph: `decode._mostly_common_cjk`, the rule the
text decoder uses), so it never turns Western text into Chinese garbage.

`second_opinion` catches what the verdicts cannot: characters that are all valid but wrong, as
a CID font read through another collection's CID → Unicode table gives (臺北捷運 → 揄佗弱筊:
no unmapped code, no Western letter, and about half of them common characters, so no share
of the text alone tells them apart from real Chinese). Every page with ≥ MIN_IDEOGRAPHS CJK
ideographs is compared with PDFium's reading of it (`pdf_pdfium.page_texts`, a few per cent
of pdfminer's time): the readings agree when ≥ AGREEMENT of pdfminer's ideographs (counted
with repeats) are in PDFium's. Two engines with separate font tables rarely make the same
mistake; when they disagree, the reading whose ideographs are common modern Chinese
(`analysis.charsets.level1_share` ≥ PLAUSIBLE, 0.1 ahead of the other) is kept, and when
neither is, the page is refused: never one picked at random.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from searchapp.analysis.charsets import PLAUSIBLE, level1_share

from .decode import _mostly_common_cjk
from .pdf_glyphs import Glyph, PageGlyphs

IMAGE_SHARE = 0.30
UNDEFINED_SHARE = 0.10
MOJIBAKE_SHARE = 0.30
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
MIN_IDEOGRAPHS = 20
AGREEMENT = 0.9
#: how far ahead of the other reading the kept one's common share must be
MARGIN = 0.1
_PUA = re.compile(r"[\ue000-\uf8ff]")
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"


class Verdict(NamedTuple):
    """`ok` (bool), `kind` (see module docstring), `reason` (one line for the user, "" if ok)."""

    ok: bool
    kind: str
    reason: str


class Opinion(NamedTuple):
    """`keep`: "mine" (pdfminer's reading stands), "theirs" (PDFium's is right) or "neither"
    (the page cannot be read with confidence); `agreement` (0..1, None when not compared);
    `reason`: one line for the user, "" when the readings agree."""

    keep: str
    agreement: float | None
    reason: str


def ideographs(text: str) -> list[str]:
    """The CJK ideographs of `text` (unified, extension A-G, compatibility), in order."""
    return _IDEOGRAPH.findall(text)


def _common(ideo: list[str]) -> float:
    return level1_share("".join(ideo[:2000]))


def second_opinion(mine: str, theirs: str) -> Opinion:
    """Compare pdfminer's text of a page (`mine`) with PDFium's (`theirs`); see the module
    docstring for the rule. Only ideographs are compared: spaces, line breaks and the
    punctuation the two engines infer differently do not count."""
    a = ideographs(mine)
    if len(a) < MIN_IDEOGRAPHS:
        return Opinion("mine", None, "")
    b = ideographs(theirs)
    common = sum((Counter(a) & Counter(b)).values())
    agree = common / len(a)
    if agree >= AGREEMENT:
        return Opinion("mine", agree, "")
    ca, cb = _common(a), _common(b) if b else 0.0
    what = (f"pdfminer and PDFium read different characters (only {agree:.0%} of {len(a)} "
            f"agree; common Chinese: {ca:.0%} against {cb:.0%})")
    if cb >= PLAUSIBLE and cb >= ca + MARGIN:
        return Opinion("theirs", agree, f"{what}: a font's encoding misread by pdfminer")
    if ca >= PLAUSIBLE and ca >= cb + MARGIN:
        return Opinion("mine", agree, f"{what}: pdfminer's reading kept")
    return Opinion("neither", agree, f"{what}: neither can be trusted")


def _high(ch: str) -> bool:
    return "\u00a0" <= ch <= "\u00ff" or ch in _CP1252_HIGH


def verdict(page: PageGlyphs) -> Verdict:
    """Judge one page's glyphs (see module docstring)."""
    chars = [g.text for g in page.glyphs if g.text.strip()]
    n = len(chars)
    if n == 0:
        if page.image_share >= IMAGE_SHARE:
            return Verdict(False, "image", "image only, no text layer (a scan: needs OCR)")
        return Verdict(False, "empty", "")
    text = "".join(chars)
    bad = max(page.undefined, text.count("\ufffd"))
    if bad / n >= UNDEFINED_SHARE:
        return Verdict(False, "undefined",
                       f"text cannot be decoded ({bad} of {n} characters have no Unicode mapping)")
    pua = len(_PUA.findall(text))
    if pua / n >= UNDEFINED_SHARE:
        return Verdict(False, "undefined",
                       f"text cannot be decoded ({pua} of {n} characters are private font codes)")
    high = sum(1 for c in text if _high(c))
    cjk = len(_CJK.findall(text))
    if high / n >= MOJIBAKE_SHARE and cjk / n < 0.10:
        return Verdict(False, "mojibake",
                       f"double-byte text read as Western letters ({high} of {n} characters)")
    return Verdict(True, "ok", "")


def _byte(ch: str) -> int | None:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        o = ord(ch)
        return o if o < 256 else None


def repair_gbk(glyphs: list[Glyph]) -> list[Glyph] | None:
    """GBK re-decoding of mojibake glyphs, in drawing order (see module docstring); None when
    the bytes are not GBK Chinese."""
    out: list[Glyph] = []
    decoded: list[str] = []
    i = 0
    while i < len(glyphs):
        g = glyphs[i]
        b = _byte(g.text) if len(g.text) == 1 else None
        if b is None or b < 0x81:
            out.append(g)
            i += 1
            continue
        if i + 1 >= len(glyphs):
            return None
        h = glyphs[i + 1]
        b2 = _byte(h.text) if len(h.text) == 1 else None
        if b2 is None:
            return None
        try:
            ch = bytes([b, b2]).decode("gbk")
        except UnicodeDecodeError:
            return None
        decoded.append(ch)
        out.append(Glyph(ch, min(g.x0, h.x0), min(g.top, h.top), max(g.x1, h.x1),
                         max(g.bottom, h.bottom), max(g.size, h.size), g.font, g.dir))
        i += 2
    if not decoded or not _mostly_common_cjk("".join(decoded)):
        return None
    return out
