"""Real news articles to lay out: People's Daily 1998-01 (PFR), THUCNews (Sina) and Sogou.

    load(source, rng, n) -> list[Story]

`source` is "pfr", "thucnews" or "sogou"; `n` stories are drawn with `rng` (a seeded
`random.Random`), so a seed picks a reproducible sample and different seeds pick mostly
different articles. Files (read-only, `../shared/data/`, described in each folder's
SOURCE.md):

* PFR (`bench.pfr.articles`): title = paragraph 001, paragraphs as printed, date = issue
  date, page = the `PP` of the id, credit 人民日报. Only articles with a real headline (not the
  first sentence of a one-paragraph item, ≤ 40 characters) and ≥ 150 body characters.
* THUCNews `cnews.val.txt`: one line per article, headline and body run together; only
  articles whose body opens with an outlet dateline (`新浪体育讯`, `新华网北京7月12日电`,
  `本报讯`…) can be split without guessing. No date: `Story.date` is None (the generator
  gives the issue a date). Credit: 新浪 + the category for Sina datelines, else the outlet of
  the dateline. The one-line body is cut after the last sentence within 1,500 characters and
  into paragraphs of about three sentences.
* Sogou `news_*_xml.smarty.dat` (sohusite UTF-8, tensite GB18030): `<contenttitle>`,
  `<content>` split at ideographic spaces; date from the URL's `/YYYYMMDD/`; credit from the
  host (sohu → 搜狐网, yahoo → 雅虎中国). Items under 150 characters or with the known
  paragraph-break corruption (`?` inside Chinese text) are left out.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from bench import pfr

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
THUC = DATA / "thucnews-cnews-1000" / "cnews.val.txt"
SOGOU = [DATA / "sogou-news-smarty" / "news_sohusite_xml.smarty.dat",
         DATA / "sogou-news-smarty" / "news_tensite_xml.smarty.dat"]
SOURCES = ("pfr", "thucnews", "sogou")

_THUC_SPLIT = re.compile(
    r"^(?P<t>[^。！？\n]{6,40}?)(?P<b>(?:新浪\w{1,4}讯|中新网\w{0,12}电|新华网\w{0,12}电|"
    r"新华社\w{0,12}电|本报讯|\w{2,4}网讯))")
_SENT = re.compile(r"[^。！？]*[。！？][”’」』]?")
_SOGOU_DOC = re.compile(r"<url>(?P<url>[^<]*)</url>.*?<contenttitle>(?P<title>[^<]*)</contenttitle>"
                        r"\s*<content>(?P<content>[^<]*)</content>", re.S)


@dataclass
class Story:
    """One article to print: `key` (its id in the source), `title`, `paras` (list[str]),
    `credit` (outlet to print in a credit, or None), `date` (ISO or None), `page` (the page
    it was printed on, when the source says), `origin` ("pfr" | "thucnews" | "sogou")."""

    key: str
    title: str
    paras: list[str]
    credit: str | None
    date: str | None
    origin: str
    page: int | None = None
    extra: dict = field(default_factory=dict)


def _pfr() -> list[Story]:
    out = []
    for a in pfr.articles():
        paras = [p for p in a["body"].split("\n\n") if p.strip()]
        body_chars = sum(len(p) for p in paras)
        if a["body"] == a["title"] or body_chars < 150 or not 4 <= len(a["title"]) <= 40:
            continue
        if a["body"].startswith(a["title"]):
            continue  # one-paragraph items whose "title" is their first sentence
        page = a.get("page") or int(re.search(r"\d+", a["column"]).group())
        out.append(Story(a["id"], a["title"], paras, pfr.SOURCE, a["date"], "pfr", int(page)))
    return out


def _sentence_paras(text: str, per: int = 3) -> list[str]:
    sents = _SENT.findall(text)
    tail = text[sum(len(s) for s in sents):].strip()
    if tail:
        sents.append(tail)
    return ["".join(sents[i:i + per]) for i in range(0, len(sents), per) if "".join(sents[i:i + per]).strip()]


def _thuc() -> list[Story]:
    out = []
    with open(THUC, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            cat, _, text = line.rstrip("\n").partition("\t")
            m = _THUC_SPLIT.match(text)
            if not m:
                continue
            title, body = m.group("t").strip(), text[m.start("b"):].strip()
            if len(body) < 150:
                continue
            b = m.group("b")
            credit = ("新浪" + cat) if b.startswith("新浪") else \
                re.match(r"(中新网|新华网|新华社|\w{2,4}网)?", b).group(1) or None
            cut = max(body.rfind(c, 0, 1500) for c in "。！？")
            body = body[:cut + 1] if cut > 150 else body[:1500]
            out.append(Story(f"thuc-{n}", title, _sentence_paras(body), credit, None,
                             "thucnews", extra={"category": cat}))
    return out


def _sogou() -> list[Story]:
    out = []
    for path in SOGOU:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        for n, m in enumerate(_SOGOU_DOC.finditer(text), 1):
            url, title, content = m.group("url"), m.group("title").strip(), m.group("content")
            content = content.split("?")[0].split("\ufffd")[0]
            paras = [p.strip() for p in re.split(r"\u3000+|\s{2,}", content) if len(p.strip()) > 1]
            if sum(len(p) for p in paras) < 150 or not 4 <= len(title) <= 40 or \
                    title.endswith(("…", "［", "[", "（", "(")):
                continue  # channel pages and cut-off headlines
            d = re.search(r"/(20\d{2})(\d{2})(\d{2})/", url)
            date = f"{d.group(1)}-{d.group(2)}-{d.group(3)}" if d else None
            credit = "搜狐网" if "sohu.com" in url else "雅虎中国" if "yahoo" in url else None
            out.append(Story(f"sogou-{path.stem.split('_')[1]}-{n}", title, paras[:12], credit,
                             date, "sogou"))
    return out


_JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff\ufffd]")


def _clean(stories: list[Story]) -> list[Story]:
    """Drop control and private-use characters (Sogou's exports hold some), empty paragraphs."""
    out = []
    for s in stories:
        s.title = _JUNK.sub("", s.title).strip()
        s.paras = [p for p in (_JUNK.sub("", p).strip() for p in s.paras) if p]
        if s.title and s.paras:
            out.append(s)
    return out


_LOADERS = {"pfr": _pfr, "thucnews": _thuc, "sogou": _sogou}
_CACHE: dict[str, list[Story]] = {}


def half(key: str) -> str:
    """"tune" or "report": a fixed half of every source by a hash of the story's key. Rules
    are developed on the tune half; the benchmark reports on the other."""
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "report"


def load(source: str, rng: random.Random, n: int, part: str = "all") -> list[Story]:
    """`n` stories of `source` (from the `part` half: "tune", "report" or "all") drawn with
    `rng` (fewer if there are fewer). Raises KeyError for an unknown source,
    FileNotFoundError when ../shared/data is missing."""
    if source not in _CACHE:
        _CACHE[source] = _clean(_LOADERS[source]())
    pool = [s for s in _CACHE[source] if part == "all" or half(s.key) == part]
    picked = rng.sample(range(len(pool)), min(n, len(pool)))
    return [Story(**{**pool[i].__dict__, "paras": list(pool[i].paras), "extra": dict(pool[i].extra)})
            for i in picked]
