"""Metadata of a saved news page: charset label, headline, date, source, author, canonical URL.

Rules (general, none keyed on a site or file):
- charset: the first `charset=` inside a `<meta>` tag (a `charset=` on a `<script>` tag, as the
  Wayback Machine inserts, is not a declaration of the page's encoding).
- headline: the site-name-laden `<title>` is the reference. Candidates are `og:title`,
  `twitter:title`, JSON-LD `headline` and every `<h1>`/`<h2>`; the longest candidate that the
  `<title>` contains is the headline. Otherwise the `<title>` split at site separators
  (`_`, `|`, ` - `, `--`, `—`; "-" only between non-ASCII characters), longest part first.
- date: meta (`article:published_time`, `og:release_date`, `pubdate`, `publishdate`,
  `datePublished`, `dc.date`, …), JSON-LD `datePublished`, else the visible dateline: the first
  date after the headline in the page text (within 600 characters), else a date after a label
  such as 发布时间/日期, else a date in the URL. A meta date without time is completed with the
  time of a visible dateline on the same day. Time zones: see `html_dates`.
- source: meta `source`/`og:site_name`…, a visible `来源：` value (`來源：` too) near the headline (generic
  values such as 转载文章/网络/本站 skipped), else the outlet of the URL's host; all through
  `searchapp.sources.normalize_source`.
- author/editor: `html_people` (meta author when it looks like a person, else writer credits
  near the headline or at the end of the body; a person named as 来源 on old portal pages).
- url: `<link rel=canonical>`, else `og:url`.
"""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from searchapp.vocab.sources import clean_source, is_known_outlet, normalize_source

from .html_dates import find_dates, parse_date
from .html_people import find_author, find_editor, person_like
from .html_text import GENERIC_SOURCES as _GENERIC_SOURCES
from .html_text import clean_line
from .labels import fold_labels

_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_TITLE_SEP = re.compile(r"\s*(?:_{1,}|\||｜|\s-\s|-{2,}|—+|－|(?<=[^\x00-\x7f])-|-(?=[^\x00-\x7f]))\s*")
_WS = re.compile(r"\s+")
_DATE_META = ["article:published_time", "og:release_date", "og:published_time", "pubdate",
              "publishdate", "publish_date", "publish-date", "datepublished", "article:published",
              "dc.date.issued", "dc.date", "dcterms.created", "date", "sailthru.date", "parsely-pub-date",
              "weibo: article:create_at", "release_date", "firstpublishedtime", "publishtime", "ptime"]
_SOURCE_META = ["source", "article:source", "mediaid", "og:site_name", "application-name", "site_name"]
_SOURCE_LINE = re.compile(r"(?:来源|稿源|来自)\s*[:：]\s*[\[【(（]?\s*([^\s|｜\[\]【】()（）,，。;；]{2,30})")
_DATE_LABEL = re.compile(r"(?:发布时间|发表时间|发稿时间|更新时间|时间|日期|发表于|发布于|Published)\s*[:：]?\s*$")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag (first 64 KiB), or None."""
    m = _META_CHARSET.search(data[:65536])
    return m.group(1).decode("ascii", "ignore") if m else None


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in soup.find_all("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        val = m.get("content")
        if key and val and key not in out:
            out[key] = str(val).strip()
    return out


def _jsonld(soup: BeautifulSoup) -> list[dict]:
    out: list[dict] = []
    for s in soup.find_all("script", type=re.compile("ld\\+json", re.I)):
        try:
            data = json.loads(s.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                out.append(d)
                if "@graph" in d:
                    stack.append(d["@graph"])
    return out


def _key(s: str) -> str:
    return re.sub(r"[\s\W_]+", "", s).casefold()


class PageMeta:
    """Metadata read from one parsed page; `text` is the page's visible text (one line per
    block) used for datelines and labels."""

    def __init__(self, soup: BeautifulSoup, text: str | None = None):
        self.soup = soup
        self.metas = _metas(soup)
        self.jsonld = _jsonld(soup)
        t = soup.find("title")
        self.title_tag = clean_line(t.get_text(" ")) if t else ""
        self.title = self._title()
        self._url = self._canonical()
        self.text = ""
        self._title_pos = -1
        self._source_person: str | None = None
        if text is not None:
            self.attach_text(text)

    def attach_text(self, text: str) -> None:
        """Give the page's visible text (one block per line); needed by date/source/author.
        The soup may be modified after construction: everything read from it is read then."""
        self.text = text
        self._title_pos = self._find_title_pos()

    # -- headline -------------------------------------------------------------------------
    def _meta_candidates(self) -> list[str]:
        out = [clean_line(self.metas[k]) for k in ("og:title", "twitter:title", "title")
               if self.metas.get(k)]
        return [c for c in out if len(_key(c)) >= 4]

    def _visible_candidates(self) -> list[str]:
        out = [clean_line(d["headline"]) for d in self.jsonld if isinstance(d.get("headline"), str)]
        out += [clean_line(t.get_text(" ")) for t in self.soup.find_all(["h1", "h2"])]
        return [c for c in out if len(_key(c)) >= 4]

    def _title(self) -> str:
        """Headline: a visible heading the <title> contains; else og:/twitter:title the <title>
        contains (not the whole <title> when that has site separators); else the longest part
        of the <title>; without a <title>: og:title, then the first heading."""
        ref = _key(self.title_tag)
        vis, met = self._visible_candidates(), self._meta_candidates()
        parts = [p for p in _TITLE_SEP.split(self.title_tag) if _key(p)]
        # the site's own name (a later part of the <title>, or a known outlet) is never the
        # headline, even as an <h1> logo
        site = {_key(p) for p in parts[1:]}
        vis = [c for c in vis if _key(c) not in site and not is_known_outlet(c)]
        met = [c for c in met if _key(c) not in site and not is_known_outlet(c)]
        if ref:
            inside = [c for c in vis if _key(c) in ref]
            if inside:
                return max(inside, key=lambda c: len(_key(c)))
            inside = [c for c in met if _key(c) in ref and (len(parts) < 2 or _key(c) != ref)]
            if inside:
                return max(inside, key=lambda c: len(_key(c)))
            best = max(parts, key=lambda p: len(_key(p))) if parts else ""
            if len(_key(best)) >= 5 and not is_known_outlet(best):
                return clean_line(best)
        cands = met + vis
        return cands[0] if cands else (clean_line(self.title_tag) if ref else "")

    def _find_title_pos(self) -> int:
        """Offset in `text` of the visible headline (after the <title>), or -1."""
        if not self.title:
            return -1
        lines = self.text.split("\n")
        key = _key(self.title)
        pos = 0
        for ln in lines:
            if key and _key(ln) and (key == _key(ln) or (len(_key(ln)) >= 6 and key.startswith(_key(ln)))):
                return pos
            pos += len(ln) + 1
        return -1

    def _after_title(self, n: int = 600) -> str:
        if self._title_pos < 0:
            return ""
        return self.text[self._title_pos + len(self.title): self._title_pos + len(self.title) + n]

    # -- date -----------------------------------------------------------------------------
    def date(self, url: str | None = None) -> str | None:
        """ISO date(+time) of publication, or None (see module docstring)."""
        meta = None
        for k in _DATE_META:
            v = self.metas.get(k)
            if v and (meta := parse_date(v)):
                break
        if not meta:
            for d in self.jsonld:
                for k in ("datePublished", "dateCreated", "uploadDate"):
                    if isinstance(d.get(k), str) and (meta := parse_date(d[k])):
                        break
                if meta:
                    break
        visible = self.visible_date()
        if meta:
            if visible and "T" not in meta and visible[:10] == meta[:10]:
                return visible
            return meta
        if visible:
            return visible
        if url:
            m = re.search(r"(20\d{2}|19\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?!\d)", url)
            if m:
                return parse_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
        return None

    def visible_date(self) -> str | None:
        after = self._after_title()
        if after:
            found = find_dates(after)
            if found:
                return found[0][1]
        for off, v in find_dates(self.text):
            if _DATE_LABEL.search(self.text[max(0, off - 12):off]):
                return v
        found = find_dates(self.text)
        with_time = [v for _, v in found if "T" in v]
        return with_time[0] if with_time else None

    # -- source ---------------------------------------------------------------------------
    def source(self, url: str | None) -> str | None:
        """Outlet name (normalised) or None."""
        for k in _SOURCE_META[:3]:
            v = clean_source(self.metas.get(k))
            if v and v not in _GENERIC_SOURCES and not v.isdigit():
                return normalize_source(v, url)
        zones = [self._after_title(), self.text]
        for zone in zones:
            for m in _SOURCE_LINE.finditer(fold_labels(zone)):  # `來源：` too (`labels`)
                v = clean_source(zone[m.start(1):m.end(1)])
                if v and v not in _GENERIC_SOURCES and not re.search(r"[<>{}$'=]", v):
                    if person_like(v):  # "来源: 张三" on some portals credits the writer
                        self._source_person = self._source_person or v
                        continue
                    return normalize_source(v, url)
        for k in _SOURCE_META[3:]:
            v = clean_source(self.metas.get(k))
            if v and v not in _GENERIC_SOURCES:
                return normalize_source(v, url)
        return normalize_source(None, url)

    # -- author ---------------------------------------------------------------------------
    def author(self, body: str = "") -> str | None:
        """Author name(s), see `html_people.find_author`."""
        if self._source_person is None:
            self.source(self._url)
        return find_author(self.metas, self.jsonld, self._after_title(), body) or self._source_person

    def editor(self, body: str = "") -> str | None:
        """The editor credited (责任编辑/编辑), see `html_people.find_editor`."""
        return find_editor(self._after_title(), body)

    def url(self) -> str | None:
        """Canonical URL of the page, or None."""
        return self._url

    def _canonical(self) -> str | None:
        link = self.soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
        href = (link.get("href") if link else None) or self.metas.get("og:url")
        if not href:
            return None
        href = str(href).strip()
        if href.startswith("//"):
            href = "https:" + href
        elif not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
            if re.match(r"^[\w-]+(\.[\w-]+)+/", href):
                href = "http://" + href
            else:
                return None
        return href


def parse(html_text: str) -> BeautifulSoup:
    """BeautifulSoup with lxml (fast, lenient with broken markup), falling back to html.parser."""
    try:
        return BeautifulSoup(html_text, "lxml")
    except Exception:  # noqa: BLE001 - lxml can reject pathological input; the stdlib parser copes
        return BeautifulSoup(html_text, "html.parser")
