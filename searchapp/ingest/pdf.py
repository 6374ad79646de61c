"""PDF magazine and newspaper issues → articles, read from the page layout.

    read_pdf(data, filename=...) -> (list[Article], list[str])      raises PdfRefused

The steps, each in its own module:

1. `pdf_glyphs` (pdfminer.six): every character with its box, font size and direction.
2. `pdf_quality`: is the page's text trustworthy? A page whose characters have no Unicode
   mapping or came out as Western letters (GBK bytes through a font declaring a one-byte
   encoding) is read again by PDFium (`pdf_pdfium`); mojibake is then decoded back as GBK
   (`pdf_quality.repair_gbk`); a page with CJK text is cross-checked against PDFium's
   reading and, when the two disagree, read by the engine whose text is common Chinese, or
   skipped when neither is (`pdf_trust`). What was done is reported per page. A page that is
   only a picture (a scan without a text layer) or stays undecodable is skipped and reported.
   A page whose text is mostly rotated by ±90° is turned upright (`pdf_rotation`).
3. `pdf_lines`: characters → fragments of lines (rows, vertical text, OCR letter-spacing).
4. `pdf_furniture`: running heads, feet and page numbers (repeated across pages, in the
   margins) are removed; the printed page number, and the issue's date and year they show,
   are kept.
5. `pdf_order`: each page's reading order by recursive XY-cut (columns, headlines spanning
   them, vertical headlines), whatever order the file draws things in.
6. The lines become text (a blank line between blocks, a leading space on a page's first
   line, as `pdftotext` writes it) and `LayoutHints`: lines in headline type (font size ≥
   `HEADLINE_RATIO` × the page's body size) and the issue year. `magazine.segment` then reads
   the articles with the same rules as for a `.txt` issue, plus what the hints allow.
7. Each article gets its page: `Article.page` and `origin = {"file", "format": "pdf", "page"
   (printed number of its first page, else its index), "page_end", "pdf_page", "pdf_page_end"
   (1-based indices), "line_start", "line_end" (lines of the text `pdf_text(data)` shows)}`,
   and `extra["publication"]` when the running heads repeat a name; that name is also the
   `source` of an article that credits none (`extra["source_from"] = "page head"`), so the
   source facet and `source:` find the issue's own articles. An article on a page whose
   running head prints a day is dated by its own dateline (`本报郑州12月1日讯`, `新华社…电`),
   else by that day (`extra["date_from"] = "page head"`), never by a date its text mentions
   (`12月1日上午，…` is the event's day: `issue_dates`); on a page without a printed day, a
   lead's day that would fall after the issue date
   (or month, or the month an early issue number bounds: `pdf_furniture`) the head shows is
   read in the year before. When the heads of all its dated pages print one day (or, without
   a day, one month: `Furniture.issue_date`), every article gets it as `extra["issue_date"]`:
   the issue is filed and cited by its printed date (`archive.edition_of`), and a file name
   whose date says otherwise is a warning. The issue number the heads print (`第9期`, one
   for every page that prints one: `Furniture.issue_number`) is `extra["issue_number"]`, with
   the year they show as `extra["issue_year"]`; a running count (`总第123期`) is
   `extra["issue_total"]`. None is ever derived from a date or a file name.

8. `jumps`: a continuation (`（上接第1版）`) is joined to the article that jumps to its page
   (`（下转第2版）`), its page becoming the article's last; one that cannot be matched with
   confidence stays its own flagged article, with a warning.

The whole file is refused (PdfRefused, one line) when it is encrypted with a password, is not
a PDF pdfminer can open, or no page has text that can be read with confidence (all pages
scans, or undecodable). Never raises anything else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from searchapp.archive.editions import name_date
from searchapp.model import Article

from .issue_dates import issue_article_date, not_after_issue
from .jumps import join_jumps, jump_in
from .layout_hints import HEADLINE_RATIO, LayoutHints
from .magazine import segment
from .pdf_furniture import Furniture, PageFrags, find
from .pdf_glyphs import PdfRefused
from .pdf_lines import fragments
from .pdf_order import Line, body_size, read_page
from .pdf_rotation import upright
from .pdf_trust import trusted_pages

__all__ = ["PdfRefused", "read_pdf", "pdf_text", "PdfText"]

#: a page with fewer characters than this takes the document's body size, not its own
_MIN_PAGE_CHARS = 200


@dataclass
class PdfText:
    """A PDF as the segmenter sees it: `text` (lines joined by LF), `hints`, `line_pages`
    (page number of every line of `text`, 1-based, 0 for blank lines), `furniture`,
    `problems` (one line each: "page N: …")."""

    text: str
    hints: LayoutHints
    line_pages: list[int] = field(default_factory=list)
    furniture: Furniture = field(default_factory=Furniture)
    problems: list[str] = field(default_factory=list)


def pdf_text(data: bytes) -> PdfText:
    """The PDF's text in reading order with its layout hints (steps 1–6 of the module
    docstring). Raises PdfRefused (see module docstring)."""
    problems: list[str] = []
    pages = trusted_pages(data, problems)
    per_page: list[PageFrags] = []
    for pg in pages:
        pg, note = upright(pg)
        if note:
            problems.append(note)
        frs = fragments(pg.glyphs)
        for f in frs:
            f.page = pg.number
        per_page.append(PageFrags(pg.number, pg.width, pg.height, frs))
    furn = find(per_page)
    kept = {p.number: [f for f in p.frags if not furn.is_furniture(p.number, f)] for p in per_page}
    doc_body = body_size([f for fs in kept.values() for f in fs])
    lines_out: list[str] = []
    line_pages: list[int] = []
    heads: dict[int, float] = {}
    sizes: dict[int, float] = {}
    for p in per_page:
        frs = kept[p.number]
        body = body_size(frs) if sum(f.n for f in frs) >= _MIN_PAGE_CHARS else doc_body
        first = True
        for block in read_page(frs, body):
            if lines_out and lines_out[-1] != "":
                lines_out.append("")
                line_pages.append(0)
            for ln in block:
                _emit(ln, body, first, lines_out, line_pages, heads)
                ratio = round(ln.size / body, 3) if body else 1.0
                if lines_out and lines_out[-1].strip() and abs(ratio - 1) > 0.03:
                    sizes[len(lines_out)] = ratio
                first = False
    hints = LayoutHints(headlines=heads, year=furn.year, sizes=sizes)
    return PdfText("\n".join(lines_out), hints, line_pages, furn, problems)


def _emit(ln: Line, body: float, first: bool, out: list[str], pages: list[int],
          heads: dict[int, float]) -> None:
    text = ln.text.strip()
    if not text:
        return
    out.append((" " if first else "") + text)
    pages.append(ln.page)
    ratio = ln.size / body if body else 1.0
    # a lone large character is a drop cap, unless it ends a headline wrapped onto its line
    prev = next((n for n in range(len(out) - 1, 0, -1) if out[n - 1].strip()), 0)
    if ratio >= HEADLINE_RATIO and (len(text.replace(" ", "")) >= 2 or prev in heads):
        heads[len(out)] = round(ratio, 3)


def read_pdf(data: bytes, *, filename: str, warnings: list[str] | None = None
             ) -> tuple[list[Article], list[str]]:
    """Articles of a PDF issue and the problems met ("page N: …" lines), see module
    docstring. `filename` namespaces the ids like a `.txt` issue's (`x.pdf` and `x.txt` of
    the same issue give the same ids when they give the same titles, dates and openings).
    `warnings`, when given, receives what was done without skipping anything that may still
    be wrong (a running head set in the page's largest type, removed). Raises PdfRefused when
    the file cannot be read with confidence."""
    pt = pdf_text(data)
    if warnings is not None:
        for text, on in pt.furniture.big_heads.items():
            pages = f"page {on[0]}" if len(on) == 1 else f"pages {on[0]}–{on[-1]}"
            warnings.append(f"{pages}: {text[:40]!r}, set in the page's largest type, was removed "
                            f"as a running head (the same text on {len(on)} pages): if it is a "
                            "headline, its articles may have been run together")
    arts = []
    for a in segment(pt.text, filename=filename, hints=pt.hints):
        if a.body.strip():
            arts.append(a)
        else:  # a headline-shaped line with no text under it (a label, a stray head)
            pt.problems.append(f"line {a.origin.get('line_start')}: {a.title[:40]!r} has no "
                               "text under it; not an article")
    labels, dates = pt.furniture.labels, pt.furniture.dates
    issue_date = pt.furniture.issue_date()
    named = name_date(PurePath(filename).stem)[0]
    if issue_date and named and warnings is not None and not (
            issue_date.startswith(named) or named.startswith(issue_date)):
        warnings.append(f"the running heads print the issue date {issue_date}, the file name says "
                        f"{named}: the issue is filed and cited by the printed date")
    numbers = _issue_numbers(pt.furniture)
    for a in arts:
        first = _place(a, pt, filename)
        if pt.furniture.publication:
            a.extra["publication"] = pt.furniture.publication
            if not a.source:  # no credit of its own: the paper the issue is (its facet value)
                a.source = pt.furniture.publication
                a.extra["source_from"] = "page head"
        if issue_date:
            a.extra["issue_date"] = issue_date
        a.extra.update(numbers)
        if first in dates:  # a dated page: its day, unless the article has its own dateline
            a.date, how = issue_article_date(a.body, dates[first])
            if how == "issue":
                a.extra["date_from"] = "page head"
        elif a.date:
            a.date = not_after_issue(a.date, dates.get(first), pt.furniture.months.get(first))
    lines = pt.text.split("\n")

    def locate(a: Article, k: int) -> tuple[int, int] | None:  # the k-th jump-in's page, line
        lo, hi = a.origin.get("line_start", 1), a.origin.get("line_end", 1)
        at = [i for i in range(max(1, lo), min(len(lines), hi) + 1)
              if pt.line_pages[i - 1] and jump_in(lines[i - 1].strip()) is not None]
        if k >= len(at):
            return None
        return labels.get(pt.line_pages[at[k] - 1], pt.line_pages[at[k] - 1]), at[k]

    jumped = join_jumps(arts, locate=locate, filename=filename)
    for a in arts:  # line ranges cut or joined at a jump: their pages again
        _place(a, pt, filename)
    if warnings is not None:
        warnings.extend(jumped)
    return arts, pt.problems


def _place(a: Article, pt: PdfText, filename: str) -> int:
    """Set `a.origin` and `a.page` from its line range (module docstring, step 7); returns the
    index of its first page. A continuation joined at a jump (`origin["continuation"]`) makes
    its page the article's last."""
    n, labels = len(pt.line_pages), pt.furniture.labels
    lo, hi = a.origin.get("line_start", 1), a.origin.get("line_end", 1)
    pgs = [pt.line_pages[i - 1] for i in range(max(1, lo), min(n, hi) + 1) if pt.line_pages[i - 1]]
    first, last = (pgs[0], pgs[-1]) if pgs else (1, 1)
    cont = a.origin.get("continuation")
    if cont and 1 <= cont.get("line_start", 0) <= n and pt.line_pages[cont["line_start"] - 1]:
        last = max(last, pt.line_pages[cont["line_start"] - 1])
    a.origin = {"file": filename, "format": "pdf", "page": labels.get(first, first),
                "page_end": labels.get(last, last), "pdf_page": first, "pdf_page_end": last,
                "line_start": lo, "line_end": hi, **({"continuation": cont} if cont else {})}
    a.page = a.origin["page"] if a.origin["page"] >= 1 else None
    return first


def _issue_numbers(furniture) -> dict[str, int]:
    """The extra keys of the issue number the running heads print (module docstring)."""
    out: dict[str, int] = {}
    number, total = furniture.issue_number(), furniture.issue_total()
    if number is not None:
        out["issue_number"] = number
        if furniture.year:
            out["issue_year"] = furniture.year
    if total is not None:
        out["issue_total"] = total
    return out
