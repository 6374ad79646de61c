"""pdfminer's fonts, with the one correction we make: a CID font's characters are named in the
character collection of its encoding, not of its `CIDSystemInfo`.

    Resources()                 a `PDFResourceManager` whose CID fonts are corrected
    collection(cmap_name) -> "Adobe-GB1" | "Adobe-CNS1" | "Adobe-Japan1" | "Adobe-Korea1" | None

A CID-keyed font (Type0) maps each character code to a CID through its encoding CMap, then each
CID to Unicode. pdfminer takes the CID → Unicode table from the descendant font's
`CIDSystemInfo` (Registry-Ordering). When the encoding is one of Adobe's predefined CMaps
(`UniGB-UCS2-H`, `B5pc-H`, `90ms-RKSJ-H` …), the CIDs it yields belong to that CMap's own
collection (Adobe CMap and CIDFont Files Specification, §1.4: each predefined CMap is defined
for one character collection), and that is where PDFium, Acrobat and poppler look them up.
The two disagree in real files: ReportLab writes its Traditional-Chinese font `MSung-Light`
(Adobe-CNS1) with the encoding `UniGB-UCS2-H` (Adobe-GB1, its `_cidfontdata` table), so
every character read through Adobe-CNS1 comes out as another, valid-looking character
(臺北 → 揄佗). A font with a ToUnicode table is left alone: that table is authoritative.
"""
from __future__ import annotations

import re

from pdfminer.cmapdb import CMapDB
from pdfminer.pdffont import PDFCIDFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.psparser import PSLiteral

#: predefined CMap name prefixes → their character collection (Adobe's cmap-resources)
_COLLECTIONS = (
    (re.compile(r"^(UniGB|GB)"), "Adobe-GB1"),
    (re.compile(r"^(UniCNS|B5|CNS|ETen|ETHK|HK)"), "Adobe-CNS1"),
    (re.compile(r"^(UniKS|KSC)"), "Adobe-Korea1"),
    (re.compile(r"^(UniJIS|78|83pv|90|Add|EUC|Ext|NWP|RKSJ|Hankaku|Hiragana|Katakana|Roman|"
                r"WP-Symbol|[HV]$)"), "Adobe-Japan1"),
)


def collection(cmap_name: str) -> str | None:
    """The character collection (`Registry-Ordering`) of a predefined CMap `cmap_name`; None
    for any other name (`Identity-H`, an embedded CMap's own name)."""
    if cmap_name.startswith("Identity") or cmap_name.startswith("OneByteIdentity"):
        return None
    for pattern, name in _COLLECTIONS:
        if pattern.match(cmap_name):
            return name
    return None


def _encoding_name(spec) -> str:  # noqa: ANN001 - a pdfminer dict
    enc = spec.get("Encoding")
    return enc.name if isinstance(enc, PSLiteral) else ""


class Resources(PDFResourceManager):
    """pdfminer's resource manager, its CID fonts read in their encoding's collection (module
    docstring). `corrected` lists `(font name, declared collection, encoding)` of each font
    whose CID → Unicode table was changed."""

    def __init__(self, caching: bool = True) -> None:
        super().__init__(caching=caching)
        self.corrected: list[tuple[str, str, str]] = []

    def get_font(self, objid, spec):  # noqa: ANN001, ANN201 - pdfminer's signature
        cached = bool(objid) and objid in self._cached_fonts
        font = super().get_font(objid, spec)
        if cached or not isinstance(font, PDFCIDFont) or "ToUnicode" in spec:
            return font
        name = _encoding_name(spec)
        coll = collection(name) if name else None
        if coll and coll != font.cidcoding:
            try:
                font.unicode_map = CMapDB.get_unicode_map(coll, font.vertical)
            except CMapDB.CMapNotFound:
                return font
            self.corrected.append((font.basefont, font.cidcoding, name))
        return font
