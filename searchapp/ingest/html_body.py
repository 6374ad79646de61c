"""Article body of a news page with our own BeautifulSoup code (no site rules).

Method (a maximum-scoring-subtree variant of text-density extraction; cf. Sun, Song & Liao
2011, "DOM based content extraction via text density", and the line-block idea of
CX-Extractor for Chinese pages):
1. Drop what is never article text: scripts, styles, forms, iframes, `<nav>`, `<header>`,
   `<footer>`, `<aside>`, and elements whose class/id says comment/share/related/copyright.
2. Cut the page into *blocks*: runs of text between block-level tags or `<br>`; each block
   knows its characters, how many of them are link text, and its container element.
3. Score each block: non-link characters + 3 per Chinese sentence punctuation mark − 2 × link
   characters − 10 (short blocks and link lists score below zero). Each element's score is
   the sum over the blocks inside it; the highest-scoring element is the article container.
4. Keep the container's blocks except link lists (link density > 0.5) and short labels
   that repeat site furniture (share prompts, "上一篇/下一篇", 责任编辑 is kept: it is printed
   under the article). Paragraphs are joined with "\\n\\n".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "h1", "h2",
              "h3", "h4", "h5", "h6", "section", "article", "main", "blockquote", "dd", "dt", "dl",
              "pre", "center", "hr", "figure", "figcaption", "body", "html", "form", "fieldset"}
_DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside",
              "select", "button", "input", "textarea", "svg", "canvas", "object", "embed", "video",
              "audio", "map", "head", "template", "link", "meta"]
_NEG = re.compile(r"(?:^|[-_\s])(?:comments?|cmt|share|sharing|related|relate|recommend|footer|"
                  r"copyright|breadcrumbs?|crumbs?|sidebar|side|toolbar|navbar|nav|menu|ad|ads|advert|"
                  r"banner|hot|rank|ranking|login|qrcode|weixin|wechat|social|pagination|pager|tags?)"
                  r"(?:$|[-_\s\d])", re.I)
#: Private-use characters (e.g. GB18030's mapping of byte pairs GBK leaves undefined, such as
#: A3 7C on 2004 Sohu pages) have no standard meaning and render as nothing: read as a space.
_PUA = re.compile("[\ue000-\uf8ff]")
_PUNCT = re.compile(r"[，。！？；：、“”,.!?;]")
_CREDIT = re.compile(r"记者|编辑|责编|作者|通讯员|校对|审核|来源|（完）|\(完\)|【纠错】")
_FURNITURE = re.compile(r"^(?:分享到|分享|打印|关闭|返回顶部|上一篇|下一篇|上一页|下一页|相关新闻|相关阅读|"
                        r"相关文章|推荐阅读|热点推荐|更多精彩|点击进入|我要评论|发表评论|字号|【.{0,4}】)")


@dataclass
class Block:
    """A run of text: `text` (whitespace collapsed), `link` (characters inside <a>), `tag` (the
    nearest block-level container element)."""

    text: str
    link: int
    tag: Tag
    parts: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        n = len(self.text.replace(" ", ""))
        nonlink = max(0, n - self.link)
        return nonlink + 3 * len(_PUNCT.findall(self.text)) - 2 * self.link - 10


def _negative(tag: Tag) -> bool:
    attrs = " ".join([" ".join(tag.get("class") or []), str(tag.get("id") or "")])
    return bool(attrs.strip()) and bool(_NEG.search(attrs))


def clean_tree(soup: BeautifulSoup) -> Tag:
    """Remove non-article elements in place; returns the root to search (body or document)."""
    for t in soup.find_all(_DROP_TAGS):
        t.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, ProcessingInstruction))):
        c.extract()
    for t in soup.find_all(True):
        if t.__dict__.get("_decomposed"):  # inside an element removed earlier in this loop
            continue  # (not getattr: bs4's Tag.__getattr__ would search the subtree)
        if t.name not in ("body", "html") and t.attrs is not None and _negative(t):
            # a negative name on a big text container is often a false alarm ("main-side"): keep
            # elements that hold long, link-poor text
            txt = t.get_text("", strip=True)
            links = sum(len(a.get_text("", strip=True)) for a in t.find_all("a"))
            if len(txt) < 200 or (links > 0.5 * max(1, len(txt)) and len(txt) < 2000):
                t.decompose()
    return soup.body or soup


def _container(s: NavigableString) -> tuple[Tag | None, bool]:
    link = False
    p = s.parent
    while p is not None and p.name not in BLOCK_TAGS:
        if p.name == "a":
            link = True
        p = p.parent
    return p, link


def blocks(root: Tag) -> list[Block]:
    """Text blocks of `root` in document order (see module docstring)."""
    out: list[Block] = []
    cur: Block | None = None

    def flush():
        nonlocal cur
        if cur is not None:
            text = _PUA.sub(" ", "".join(cur.parts))
            text = re.sub(r"[ \t\r\n\f\v\u3000\xa0]+", " ", text).strip()
            if text:
                cur.text = text
                out.append(cur)
        cur = None

    for el in root.descendants:
        if isinstance(el, Tag):
            if el.name == "br" or el.name in BLOCK_TAGS:
                flush()
            continue
        if not isinstance(el, NavigableString) or isinstance(el, (Comment, Doctype, ProcessingInstruction)):
            continue
        s = str(el)
        if not s.strip():
            if cur is not None:
                cur.parts.append(" ")
            continue
        tag, link = _container(el)
        if tag is None:
            continue
        if cur is None or cur.tag is not tag:
            flush()
            cur = Block("", 0, tag)
        cur.parts.append(s)
        if link:
            cur.link += len(re.sub(r"\s+", "", s))
    flush()
    return out


def best_container(bl: list[Block]) -> Tag | None:
    """The element whose blocks score highest in total, or None when nothing scores > 0."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for b in bl:
        sc = b.score
        t = b.tag
        while t is not None:
            k = id(t)
            scores[k] = scores.get(k, 0.0) + sc
            tags[k] = t
            t = t.parent
    if not scores:
        return None
    k = max(scores, key=lambda x: scores[x])
    return tags[k] if scores[k] > 0 else None


def _inside(tag: Tag, root: Tag) -> bool:
    t = tag
    while t is not None:
        if t is root:
            return True
        t = t.parent
    return False


def densest_run(bl: list[Block]) -> tuple[int, int]:
    """[start, end) of the contiguous run of blocks (document order) with the highest total
    score (maximum-subarray, Kadane 1984); (0, 0) when no block scores above zero."""
    best, best_span = 0.0, (0, 0)
    cur, start = 0.0, 0
    for i, b in enumerate(bl):
        if cur <= 0:
            cur, start = 0.0, i
        cur += b.score
        if cur > best:
            best, best_span = cur, (start, i + 1)
    return best_span


#: "run" (densest run of blocks in document order) or "tree" (highest-scoring element).
STRATEGY = "run"


def body_paragraphs(soup: BeautifulSoup, strategy: str | None = None) -> list[str]:
    """The article's paragraphs (list of str, in order), or [] when no article text is found.
    Modifies `soup` (removes boilerplate elements)."""
    root = clean_tree(soup)
    bl = blocks(root)
    if (strategy or STRATEGY) == "run":
        a, z = densest_run(bl)
        # closing credits printed under the text score below zero on their own: take up to
        # three short, link-free credit lines right after the run
        for _ in range(3):
            if a < z < len(bl) and not bl[z].link and len(bl[z].text) <= 40 and _CREDIT.search(bl[z].text):
                z += 1
            else:
                break
        chosen = bl[a:z]
    else:
        box = best_container(bl)
        if box is None:
            return []
        chosen = [b for b in bl if _inside(b.tag, box)]
    paras = []
    for b in chosen:
        n = len(b.text.replace(" ", ""))
        if n == 0:
            continue
        if b.link > 0.5 * n:
            continue
        if n < 20 and _FURNITURE.match(b.text):
            continue
        paras.append(b.text)
    return paras
