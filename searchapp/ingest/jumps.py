"""Newspaper page jumps: an article that breaks off with `（下转第2版）` goes on where page 2
prints `（上接第1版）`. The continuation is joined to the article that jumps to its page.

    join_jumps(articles, *, locate=None, filename="") -> list[str]     warnings; in place

The markers (the press's own signs; TESTER7 T13):

* **jump out** — `（下转第N版）`, `（转第N版）`, `(下转N版)`, `（下转第二版）`, `（下转A2版）` ending
  an article's body: the article continues on page N. The marker is taken out of the text and
  kept as `extra["jump_to"]` (the page as printed).
* **jump in** — `（上接第N版）`, `（接第N版）` opening a paragraph (or the body, or the headline):
  what follows came from page N. Papers print it under a repeated short title (`黄河岸边绿意浓
  （上接第1版）` ending its line, or the short title alone on the line above): that short title
  is kept to match by. A marker inside a sentence (`报道说（上接第1版）这种…`) is text.

The segmenter does not know jumps: a continuation is read as the end of whatever article came
before it on the page, or as an article of its own under the short title. This step takes it
out again and joins it:

1. candidates are the articles that jump out, not yet joined, to the continuation's page (when
   pages are known: PDF issues; `locate` gives the page of a jump-in) from its page N (when
   the article's last page is known), in file order before it;
2. one candidate: joined, unless a short title is printed that shares nothing with its
   headline; several: the one whose headline the short title matches (≥ 60 % of its character
   bigrams), else the one whose text shares clearly most with the continuation's first
   sentences (best ≥ 0.3 of the continuation's bigrams and 0.15 above the next);
3. joined: the continuation's text (without the marker and the short title) goes at the end of
   the candidate's body after a blank line (`extra["continued_on"]` = its page as printed,
   a str, when known, else the page the jump named); the article it was read into keeps the
   rest; an article that was only the continuation is removed;
4. not matched with confidence: the continuation stays an article of its own, flagged
   (`extra["jump_from"]` = N, `extra["jump_unresolved"]` = True), with a warning — never glued
   to an article silently. A jump out whose continuation is not in the file is a warning too.

Ids are never changed for an article that stays (they are built from the opening, which a join
does not touch); a continuation split off gets `make_id(stem, title, date, its opening)`.
Never raises on any list of articles.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Callable

from searchapp.model import Article, make_id

from .magazine_meta import overlap

__all__ = ["join_jumps", "jump_out", "jump_in"]

_PAGE = r"([A-Za-z]?\s*[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})"
_OUT = re.compile(r"[（(]\s*(?:下转|转)\s*(?:第\s*)?" + _PAGE + r"\s*版\s*[)）]\s*$")
_IN = re.compile(r"[（(]\s*(?:上接|接)\s*(?:第\s*)?" + _PAGE + r"\s*版\s*[)）]")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_SENTENCE = re.compile(r"[。！？；]")
_WS = re.compile(r"\s+")


def _page_key(raw: str) -> str:
    """`第2版`, `２`, `二`, `A2` → a comparable page label ("2", "A2")."""
    raw = _WS.sub("", raw).translate(str.maketrans("０１２３４５６７８９", "0123456789")).upper()
    if raw and all(c in _CN for c in raw):
        if raw == "十":
            return "10"
        if "十" in raw:
            a, _, b = raw.partition("十")
            return str((_CN[a] if a else 1) * 10 + (_CN[b] if b else 0))
        return "".join(str(_CN[c]) for c in raw)
    return raw.lstrip("0") or raw


def jump_out(body: str) -> tuple[str, str] | None:
    """(body without the marker, page label) when `body` ends with a jump-out marker."""
    m = _OUT.search(body or "")
    if not m:
        return None
    return body[:m.start()].rstrip(), _page_key(m.group(1))


def jump_in(text: str) -> tuple[int, int, str, str] | None:
    """(cut, start, page label, short title) of the first jump-in marker that opens a paragraph
    of `text` (after at most a short title on its paragraph or the one before): `cut` is where
    the article it was read into ends, `start` where the continuation's own text begins."""
    for m in _IN.finditer(text or ""):
        para_start = text.rfind("\n", 0, m.start()) + 1
        head = text[para_start:m.start()].strip()
        if head and (len(head) > 20 or _SENTENCE.search(head)
                     or not re.match(r"[ \t\u3000]*(?:\n|$)", text[m.end():])):
            continue  # quoted inside a sentence: a short title's marker ends its line
        cut = para_start
        if not head:  # a short title alone on the paragraph above
            prev_end = text.rfind("\n\n", 0, para_start)
            prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1 if prev_end > 0 else 0
            above = text[prev_start:prev_end].strip() if prev_end > 0 else ""
            if above and len(above) <= 20 and not _SENTENCE.search(above):
                head, cut = above, prev_start
        return cut, m.end(), _page_key(m.group(1)), head
    return None


def _choose(cands: list[Article], short: str, text: str) -> Article | None:
    if short:
        by_title = [a for a in cands if overlap(short, a.title) >= 0.6]
        if len(by_title) == 1:
            return by_title[0]
        if len(cands) == 1 and overlap(short, cands[0].title + cands[0].body) == 0:
            return None  # the short title printed names another story
    if len(cands) == 1:
        return cands[0]
    lead = text[:160]
    scored = sorted(((overlap(lead, a.title + a.body), i) for i, a in enumerate(cands)),
                    reverse=True)
    if scored and scored[0][0] >= 0.3 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.15):
        return cands[scored[0][1]]
    return None


def _where(a: Article) -> str:
    return f"{' '.join((a.title or '').split())[:30]!r}"


def _marks(a: Article) -> list[tuple[int, int, str, str]]:
    """Every jump-in of `a` as (cut, start, page label, short title), in order (`jump_in`); a
    headline that is itself the marker (`黄河岸边绿意浓（上接第1版）`) makes the whole body one."""
    out: list[tuple[int, int, str, str]] = []
    t = _IN.search(a.title or "")
    if t:
        out.append((0, 0, _page_key(t.group(1)), _IN.sub("", a.title).strip()))
    at = 0
    while True:
        found = jump_in(a.body[at:])
        if not found:
            return out
        cut, start, src, short = found
        if at == 0 and cut == 0 and not short and not t and a.title and len(a.title) <= 20:
            short = a.title  # read as an article under the repeated short title
        if t and at == 0 and cut == 0:
            out[0] = (0, start, src, out[0][3])  # the marker printed twice: one continuation
        else:
            out.append((at + cut, at + start, src, short))
        at += start


def join_jumps(articles: list[Article], *,
               locate: Callable[[Article, int], tuple[int, int] | None] | None = None,
               filename: str = "") -> list[str]:
    """Join continuations to the articles that jump to them, in place (module docstring).
    `locate(article, k)`: (page, line) of the article's k-th jump-in marker — the page's
    printed number and the 1-based line of the reader's text — or None when unknown (text
    issues); an article cut there gets `origin["line_end"]` = line - 1 and the article joined
    `origin["continuation"] = {"page", "line_start", "line_end"}`. Returns the warnings (one
    line each)."""
    warnings: list[str] = []
    outs: list[tuple[Article, str]] = []  # (article, target page) waiting for a continuation
    stem = PurePath(filename or "").stem or "issue"
    i = 0
    while i < len(articles):
        a = articles[i]
        marks = _marks(a)
        added: list[Article] = []
        keep = True
        if marks:
            body, last_line = a.body, (a.origin or {}).get("line_end")
            spots = [locate(a, k) if locate else None for k in range(len(marks))]
            whole = marks[0][0] == 0
            a.body = body[:marks[0][0]].rstrip()
            if spots[0] and a.origin and not whole:
                a.origin["line_end"] = max(a.origin.get("line_start", 1), spots[0][1] - 1)
            for k, (cut, start, src, short) in enumerate(marks):
                end = marks[k + 1][0] if k + 1 < len(marks) else len(body)
                text = body[start:end].strip()
                page, line = spots[k] if spots[k] else (None, None)
                nxt = spots[k + 1] if k + 1 < len(marks) else None
                lines = {"page": page, "line_start": line,
                         "line_end": (nxt[1] - 1) if nxt else last_line} if line else None
                cands = [o for o, to in outs
                         if (page is None or to == str(page))
                         and (not isinstance((o.origin or {}).get("page_end"), int)
                              or str(o.origin["page_end"]) == src)]
                target = _choose(cands, short, text) if text else None
                if target is not None:
                    target.body = f"{target.body}\n\n{text}" if target.body else text
                    target.extra["continued_on"] = (str(page) if page is not None
                                                    else target.extra["jump_to"])
                    if lines and target.origin is not None:
                        target.origin["continuation"] = lines
                    outs = [(o, to) for o, to in outs if o is not target]
                    if whole and k == 0:
                        keep = False
                    continue
                if not text:
                    continue
                title = short or _first_clause(text)
                why = ("several articles jump to this page and none matches it clearly"
                       if len(cands) > 1 else "no article jumps to this page" if not cands
                       else "its short title names another article")
                where = f"page {page}: " if page is not None else ""
                warnings.append(f"{where}text continued from page {src} ({title[:20]!r}) was not "
                                f"joined: {why}; kept as its own article, flagged")
                if whole and k == 0:  # it was read as an article already: it stays one
                    a.body, a.title = text, title
                    a.extra.update(jump_from=src, jump_unresolved=True)
                    continue
                origin = dict(a.origin or {})
                origin.pop("continuation", None)
                if lines:
                    origin.update(line_start=lines["line_start"], line_end=lines["line_end"])
                added.append(Article(
                    id=make_id(stem, _WS.sub("", title), a.date or "", _WS.sub("", text)[:30],
                               "jump"),
                    title=title, body=text, source=a.source, date=a.date, kind="news",
                    topics=list(a.topics or []), origin=origin,
                    extra={**{k2: v for k2, v in (a.extra or {}).items()
                              if k2 in ("publication", "issue_date", "issue_number", "issue_year",
                                        "issue_total", "date_from", "source_from")},
                           "jump_from": src, "jump_unresolved": True}))
        if keep:
            out = jump_out(a.body)
            if out:
                a.body, to = out
                a.extra["jump_to"] = to
                outs.append((a, to))
        articles[i:i + 1] = ([a] if keep else []) + added
        i += (1 if keep else 0) + len(added)
    for o, to in outs:
        warnings.append(f"{_where(o)} continues on page {to} (下转第{to}版), which is not in this "
                        "file or was not found there: the article ends where this page does")
    return warnings


def _first_clause(text: str) -> str:
    m = re.search(r"[，。！？；,]", text)
    return (text[:m.start()] if m else text[:20]).strip()[:30] or "（续）"
