"""Sanity checks on what one file gave: the signs that a reader misread it. A suspicious file is
still indexed; the warnings tell the user where to look (build report, `searchapp segment`).

    FileChecks(fmt).add(article) ... .warnings() -> list[(line or None, reason)]

Checks (thresholds below; each gives at most one warning per file, naming the first cases):
* **too long**: an article longer than LONG_CHARS characters, or, in a file of at least
  SIBLINGS articles, more than FAR_LONGER times the median length of its siblings (and over
  FAR_LONGER_MIN characters): several articles were probably run together;
* **titles that read like body text** (`titles.reads_like_body`; titles the user asked to take
  from the first sentence are not judged): a headline was probably missed;
* **a magazine issue without any credit or date**: no article has a source or a date, so the
  segmenter had nothing to split at but headline shapes;
* **empty bodies**: at least EMPTY_SHARE of the articles (and at least one) have no body (under
  EMPTY_CHARS characters): a wrong column, or headlines without text.
Memory: a few numbers and one short title per article (a file may hold millions of rows).
"""
from __future__ import annotations

import re
import statistics

from searchapp.model import Article

from .titles import reads_like_body

#: An article longer than this many characters is always reported.
LONG_CHARS = 20_000
#: "Far longer than its siblings": this many times the median, and over FAR_LONGER_MIN
#: characters, in files of SIBLINGS articles. (A newspaper month has briefs and full speeches:
#: the PFR month's median is 372 characters, its longest real articles 6,600–11,400; lower
#: thresholds flagged dozens of real articles there.)
FAR_LONGER = 10
FAR_LONGER_MIN = 10_000
SIBLINGS = 5
#: Bodies under EMPTY_CHARS non-space characters count as empty; reported from EMPTY_SHARE of
#: a file.
EMPTY_CHARS = 2
EMPTY_SHARE = 0.2
_SHOW = 3
_WS = re.compile(r"\s+")


def _where(line: int | None, title: str) -> str:
    t = _WS.sub(" ", title)[:24]
    return f"line {line} {t!r}" if line else repr(t)


class FileChecks:
    """Collects what the checks need from each article of one file (see module docstring)."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.lengths: list[int] = []
        self.long: list[tuple[int | None, str, int]] = []
        self.body_like: list[tuple[int | None, str]] = []
        self.empty: list[tuple[int | None, str]] = []
        self.credited = 0
        self.top: list[tuple[int, int | None, str]] = []  # the longest few, for the median test

    def add(self, a: Article) -> None:
        """Take one article into account."""
        n = len(a.body or "")
        line = (a.origin or {}).get("line_start")
        self.lengths.append(n)
        if n > LONG_CHARS:
            self.long.append((line, a.title, n))
        if n >= FAR_LONGER_MIN:
            self.top.append((n, line, a.title))
            self.top = sorted(self.top, key=lambda x: -x[0])[:50]
        if (a.extra or {}).get("title_from") != "first-sentence" and reads_like_body(a.title):
            self.body_like.append((line, a.title))
        if len(_WS.sub("", a.body or "")) < EMPTY_CHARS:
            self.empty.append((line, a.title))
        if a.source or a.date:
            self.credited += 1

    def warnings(self) -> list[tuple[int | None, str]]:
        """[(line of the first case or None, reason)] for every check that fired."""
        out: list[tuple[int | None, str]] = []
        total = len(self.lengths)
        if not total:
            return out
        med = statistics.median(self.lengths)
        far = []
        if total >= SIBLINGS and med > 0:
            far = [(line, t, n) for n, line, t in self.top if n > FAR_LONGER * med]
        flagged = {(line, t): n for line, t, n in self.long + far}
        if flagged:
            cases = sorted(flagged.items(), key=lambda kv: (kv[0][0] or 0))
            shown = "; ".join(f"{_where(line, t)}: {n:,} characters" for (line, t), n in cases[:_SHOW])
            rel = f", the median of this file is {med:,.0f}" if total >= SIBLINGS else ""
            out.append((cases[0][0][0], f"{len(cases)} article{'s' if len(cases) > 1 else ''} far longer "
                        f"than a news article ({shown}{rel}): several articles may have been "
                        "run together; check how this file was read"))
        if self.body_like:
            shown = "; ".join(_where(line, t) for line, t in self.body_like[:_SHOW])
            out.append((self.body_like[0][0], f"{len(self.body_like)} of {total} titles read like "
                        f"body text ({shown}): a headline may have been missed"))
        if self.fmt == "magazine" and not self.credited:
            out.append((None, "no credit (来源) or date line found in this issue: its "
                        f"{total} article boundaries are guesses from headline shapes"))
        if self.empty and len(self.empty) >= EMPTY_SHARE * total:
            shown = "; ".join(_where(line, t) for line, t in self.empty[:_SHOW])
            out.append((self.empty[0][0], f"{len(self.empty)} of {total} articles have an empty body ({shown}): a wrong column, or headlines without text"))
        return out
