"""One saved news page (bytes) → one Article.

Steps: decode by the bytes (`decode.decode_text` with the page's `<meta>` charset as a hint:
UTF-8 validity first, GB2312/GBK labels read as GB18030, charset-normalizer when label and bytes
disagree) → parse with BeautifulSoup (lxml) → metadata (`html_meta.PageMeta`: headline, date,
source, author, canonical URL) → body paragraphs (`BODY_EXTRACTOR`: our BeautifulSoup
text-density code in `html_body`, or trafilatura; chosen by the numbers in docs/ingest.md).

Before any of that the tree is put right where HTML's parsing rules leave a reader's text
wrong (`unwrap_markup`): the content of `<noframes>` (the page a frameset shows to browsers
without frames, often the only text of an old government page) is *raw text* to an HTML5
parser, so its tags came out as literal `<body><p>…` text: it is parsed as HTML; ruby
annotations (`<rt>`, `<rp>`, `<rtc>`: the pinyin or zhuyin printed above characters, and the
fallback parentheses) are not part of the sentence (`<ruby>郑<rt>zhèng</rt></ruby>州` reads
郑州, not 郑zhèng州) and are dropped (seventh fresh tester, T10; HTML Living Standard §4.5.10
and §13.2.5 "raw text elements").

Raises `NoArticleBody` when no article text is found (e.g. an index page or a page without
`<body>` text) and `decode.UndecodableFile` for binary or undecodable bytes.
"""
from __future__ import annotations

import re

from searchapp.model import Article, make_id

from .decode import decode_text
from .html_body import blocks, body_paragraphs
from .html_meta import PageMeta, clean_line, declared_charset, parse
from .html_tidy import tidy

#: "bs4" (our html_body) or "trafilatura"; see docs/ingest.md for the measurements.
BODY_EXTRACTOR = "bs4"
#: Fewer body characters than this (whitespace excluded) is "no article body".
MIN_BODY_CHARS = 30


class NoArticleBody(ValueError):
    """The page holds no article text (an index page, an empty or truncated page)."""


def decode_html(data: bytes) -> tuple[str, str]:
    """Page bytes → (text, encoding name). Raises UndecodableFile."""
    return decode_text(data, declared_charset(data))


def _body_trafilatura(html_text: str) -> list[str]:
    try:
        import trafilatura  # deferred: an optional extractor (bench extra), rarely chosen
    except ImportError:
        return []
    txt = trafilatura.extract(html_text, include_comments=False, include_tables=True,
                              favor_recall=True, deduplicate=False)
    return [clean_line(p) for p in (txt or "").split("\n") if clean_line(p)]


def extract_body(html_text: str, extractor: str | None = None, soup=None) -> list[str]:
    """Body paragraphs of a page with the given extractor ("bs4" | "trafilatura"). `soup`: an
    already parsed page the bs4 extractor may modify (parsed from `html_text` if None)."""
    ex = extractor or BODY_EXTRACTOR
    if ex == "trafilatura":
        return _body_trafilatura(html_text)
    return body_paragraphs(soup if soup is not None else parse(html_text))


def _strip_title(paras: list[str], title: str) -> list[str]:
    """Drop leading paragraphs that only repeat the headline."""
    key = re.sub(r"\s+", "", title)
    while paras and key and re.sub(r"\s+", "", paras[0]) == key:
        paras = paras[1:]
    return paras


#: Ruby annotation elements: readings and their fallback parentheses, never sentence text.
_RUBY_ANNOTATIONS = ["rt", "rp", "rtc"]


def unwrap_markup(soup) -> None:
    """Put the parsed tree right in place (module docstring): each `<noframes>` becomes a
    `<div>` holding its content parsed as HTML (the body's content when it has one), then
    every ruby annotation (`rt`, `rp`, `rtc`) is removed. Never raises."""
    for t in soup.find_all("noframes"):
        frag = parse(t.get_text())
        inner = frag.body or frag
        t.name = "div"
        t.clear()
        for child in list(inner.contents):
            t.append(child.extract())
    for t in soup.find_all(_RUBY_ANNOTATIONS):
        t.decompose()


def read_html(data: bytes, *, filename: str, extractor: str | None = None) -> Article:
    """Read one page. Returns an Article with id `make_id("html:" + (url or filename), title,
    date)`, `origin={"file": filename, "format": "html", "encoding": ...}`. Raises NoArticleBody,
    UndecodableFile."""
    text, enc = decode_html(data)
    if "<" not in text:
        raise NoArticleBody("not an HTML page (no markup)")
    soup = parse(text)  # parsed once: metadata first, then visible text, then the body
    unwrap_markup(soup)
    meta = PageMeta(soup)
    url = meta.url()
    title = meta.title
    for t in soup.find_all(["script", "style", "noscript", "template", "head"]):
        t.decompose()
    meta.attach_text("\n".join(b.text for b in blocks(soup)))
    paras = tidy(_strip_title(extract_body(text, extractor, soup), title), title)
    body = "\n\n".join(paras)
    if len(re.sub(r"\s+", "", body)) < MIN_BODY_CHARS:
        raise NoArticleBody("no article body found in the page")
    if not title:
        title = clean_line(paras[0])[:60]
    date = meta.date(url)
    return Article(
        id=make_id("html:" + (url or filename), title, date),
        title=title, body=body, source=meta.source(url), date=date, author=meta.author(body),
        url=url, kind="news", extra={"editor": editor} if (editor := meta.editor(body)) else {},
        origin={"file": filename, "format": "html", "encoding": enc,
                "line_start": 1, "line_end": text.count("\n") + 1},
    )
