"""CJK fonts for the test PDFs: found on this machine, registered with reportlab once.

    register() -> Fonts        raises FontsMissing when no usable CJK font is installed

* **Embedded** (a subset goes into the PDF): TrueType-outline CJK fonts found with `fc-list`.
  reportlab embeds TrueType outlines only, so Debian's `fonts-noto-cjk` (OpenType/CFF
  collections) cannot be embedded by it ("postscript outlines are not supported"); the
  TrueType collection of `fonts-wqy-zenhei` can (its sub-fonts Zen Hei and Zen Hei Mono have
  different space and Latin widths). `scripts/ensure-chromium` installs both packages.
* **Not embedded**: reportlab's built-in CID font `STSong-Light` with the `UniGB-UCS2-H`
  encoding (and `-V` for vertical writing): the PDF names the font and a reader must map it
  itself, as many real Chinese PDFs do.
* **Raster** (pictures of pages for scan and OCR-layer cases): any CJK font Pillow's FreeType
  can open, Noto CJK first.
"""
from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

CID = "STSong-Light"
CID_VERTICAL = "STSong-Light-V"


class FontsMissing(RuntimeError):
    """No embeddable CJK font on this machine (install fonts-wqy-zenhei / fonts-noto-cjk)."""


@dataclass(frozen=True)
class Fonts:
    """Registered reportlab font names: `embedded` (list, TrueType subsets), `cid` (not
    embedded), `cid_vertical`, and `raster` (a font file path for Pillow, or None)."""

    embedded: tuple[str, ...]
    cid: str
    cid_vertical: str
    raster: str | None

    @property
    def all(self) -> tuple[str, ...]:
        return self.embedded + (self.cid,)


def _fc_list() -> list[str]:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({ln.split(":")[0].strip() for ln in out.splitlines() if ln.strip()})


@functools.lru_cache(maxsize=1)
def register() -> Fonts:
    """Find and register the fonts (see module docstring); cached per process."""
    embedded: list[str] = []
    raster = None
    files = _fc_list()
    for path in sorted(files, key=lambda p: ("regular" not in p.lower(), p)):
        if raster is None and "noto" in path.lower() and "cjk" in path.lower():
            raster = path
        if not path.lower().endswith((".ttc", ".ttf")):
            continue
        for idx in range(4):
            name = f"{Path(path).stem}-{idx}"
            try:
                pdfmetrics.registerFont(TTFont(name, path, subfontIndex=idx))
            except (TTFError, IndexError, KeyError, OSError, ValueError):
                break
            embedded.append(name)
    raster = raster or next((p for p in files if p.lower().endswith((".ttc", ".ttf", ".otf"))), None)
    if not embedded:
        raise FontsMissing("no TrueType CJK font found by fc-list (apt-get install fonts-wqy-zenhei)")
    pdfmetrics.registerFont(UnicodeCIDFont(CID))
    vertical = UnicodeCIDFont(CID, isVertical=True)
    vertical.name = vertical.fontName = CID_VERTICAL
    pdfmetrics.registerFont(vertical)
    # the bitmap-looking "Sharp" face has the same metrics as Zen Hei: keep the distinct ones
    embedded = [n for n in embedded if not n.endswith("-2")] or embedded
    return Fonts(tuple(embedded), CID, CID_VERTICAL, raster)
