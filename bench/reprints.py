"""Evaluation set for reprint lineage: the real articles of `../shared/data/` plus reprinted
copies of some of them under other outlets, with the original known.

    make(seed=20, originals=300) -> (records, truth)
    python -m bench.reprints OUT_DIR     writes OUT_DIR/archive.jsonl and OUT_DIR/truth.json

Real articles: People's Daily January 1998 (`bench.pfr`, dated, with pages), the Sogou news
samples (date from the URL, outlet from the host), THUCNews (undated), and the saved news pages
of `zh-news-html` read by searchapp's own HTML reader. Ids are the real ones (pfr-…, sogou-…,
thuc-…, and the HTML reader's), copies are `<original id>-rpN`.

Originals are drawn (seeded) from the dated real articles of at least 300 characters that are
not near-duplicates of another real article, that were published by the outlet they name
(a page whose URL's host is another known outlet credits that outlet), and whose first 100 / last 60 characters hold no
credit-like word (据, 来源, 转自, 转载, 消息, 稿源, 摘自): an article that itself credits an outlet is
not an original. Each original gets one of these families (shares in `FAMILIES`):
  normal    1–3 reprints, 1–20 days later; each credits the original's outlet with
            probability 1/2, and a later one credits an earlier reprint instead (a chain) with
            probability 1/4
  digest    as normal, plus a digest/weekly copy dated the 1st of the month (before the
            original) that credits it: dates alone get this one wrong
  sameday   the first reprint appears on the original's day
  undated   the first reprint has no date
  absent    2–3 copies all crediting the original's outlet, and the original left out of the
            archive: no copy is the original (the truth is "none in the archive")
Light edits: a title suffix or a shortened title, the last paragraph cut, 1–3 characters
changed, an editor's line appended. Credit forms: 来源：X (own line or in brackets), 本文转自X,
据X报道, 据《X》报道, 摘自《X》, and two forms the credit reader does not know (X供稿, a bare
（X）) — so the benchmark also shows what unread credits cost.

truth: {article id: {"role": "original" | "reprint" | "single", "family": original id | None,
"absent": bool}}; real articles that are not drawn are "single".
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from bench.pfr import DEFAULT_SRC as PFR_SRC
from bench.pfr import articles as pfr_articles

DATA = PFR_SRC.parent.parent
OUTLETS = ["新浪网", "搜狐网", "网易", "腾讯网", "凤凰网", "澎湃新闻", "中国新闻网", "光明网", "环球网",
           "中国青年网", "央广网", "北京青年报", "南方都市报", "新京报", "扬子晚报", "钱江晚报", "华西都市报",
           "经济日报", "法制日报", "工人日报", "文汇报", "解放日报", "羊城晚报", "齐鲁晚报"]
DIGESTS = ["报刊文摘", "文摘周报", "半月谈", "读者参考", "时事资料手册"]
FAMILIES = {"normal": 55, "digest": 12, "absent": 13, "sameday": 10, "undated": 10}
DELAYS = [1, 1, 2, 2, 3, 5, 7, 12, 20]
_CREDIT_LIKE = re.compile(r"据|来源|转自|转载|消息|稿源|摘自")


def _sogou() -> list[dict[str, Any]]:
    from searchapp.vocab.sources import source_for_host

    out = []
    folder = DATA / "sogou-news-smarty"
    for path in sorted(folder.glob("*.dat")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", "replace")
        for m in re.finditer(r"<doc>(.*?)</doc>", text, re.S):
            d = dict(re.findall(r"<(url|docno|contenttitle|content)>(.*?)</\1>", m.group(1), re.S))
            body, title, url = d.get("content", "").strip(), d.get("contenttitle", "").strip(), d.get("url", "")
            if not body or not title:
                continue
            dm = re.search(r"/(20\d{2})(\d{2})(\d{2})/", url)
            out.append({"id": "sogou-" + re.sub(r"[^A-Za-z0-9]", "", d.get("docno", ""))[:40],
                        "title": title, "body": body, "url": url, "source": source_for_host(url),
                        "date": f"{dm.group(1)}-{dm.group(2)}-{dm.group(3)}" if dm else None})
    return out


def _thucnews() -> list[dict[str, Any]]:
    out = []
    lines = (DATA / "thucnews-cnews-1000" / "cnews.val.txt").read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        cat, _, text = line.partition("\t")
        if text:  # the title is glued to the body: the first 18 characters stand in for it
            out.append({"id": f"thuc-{i:04d}", "title": text[:18], "body": text,
                        "source": "新浪网", "category": cat})
    return out


def _html_pages() -> list[dict[str, Any]]:
    from searchapp.ingest import IngestError, read_file

    out = []
    folder = DATA / "zh-news-html"
    manifest = folder / "manifest.tsv"
    if not manifest.exists():
        return out
    for row in manifest.read_text("utf-8").splitlines()[1:]:
        path = folder / row.split("\t", 1)[0]
        try:
            arts = read_file(path).articles
        except (IngestError, OSError):
            continue
        for a in arts:
            out.append({"id": a.id, "title": a.title, "body": a.body, "source": a.source,
                        "date": a.date, "url": a.url})
    return out


def real_articles(per_source: int | None = None) -> list[dict[str, Any]]:
    """Every real article of ../shared/data as a JSONL record (see the module docstring); with
    `per_source`, only the first that many of each collection (a quick smoke run)."""
    pfr = pfr_articles(PFR_SRC, limit=per_source)
    for a in pfr:
        a["page"] = int(a["column"][1:-1])
    return pfr + _sogou()[:per_source] + _thucnews()[:per_source] + _html_pages()[:per_source]


def _edit_title(t: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.2:
        return t + "（图）"
    if r < 0.35 and len(t) > 12:
        return re.split(r"[，：　 ]", t)[0] or t
    return t


def _edit_body(paras: list[str], rng: random.Random) -> list[str]:
    paras = list(paras)
    if len(paras) >= 3 and rng.random() < 0.4:
        paras = paras[:-1]
    if rng.random() < 0.3:
        i = rng.randrange(len(paras))
        p = list(paras[i])
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(p))
            if "\u4e00" <= p[j] <= "\u9fff":
                p[j] = rng.choice("的了是在和有")
        paras[i] = "".join(p)
    if rng.random() < 0.2:
        paras.append(f"（责任编辑：{rng.choice('王李张刘陈杨')}{rng.choice('明华军伟芳')}）")
    return paras


def _credit(paras: list[str], outlet: str, rng: random.Random) -> list[str]:
    paras = list(paras)
    form = rng.randrange(8)
    if form == 0:
        paras.append(f"来源：{outlet}")
    elif form == 1:
        paras[-1] += f"（来源：{outlet}）"
    elif form == 2:
        paras.insert(0, f"本文转自{outlet}。")
    elif form == 3:
        paras[0] = f"据{outlet}报道，" + paras[0]
    elif form == 4:
        paras[0] = f"据《{outlet}》报道，" + paras[0]
    elif form == 5:
        paras.append(f"（摘自《{outlet}》）")
    elif form == 6:
        paras.append(f"（{outlet}供稿）")  # not read by archive.credits
    else:
        paras[-1] += f"（{outlet}）"  # not read either
    return paras


def _shift(day: str, n: int) -> str:
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=n)).isoformat()


def make(seed: int = 20, originals: int = 300,
         per_source: int | None = None) -> tuple[list[dict[str, Any]], dict[str, dict]]:
    """(records, truth) of the evaluation set (see the module docstring). Deterministic for a
    seed. Raises FileNotFoundError when ../shared/data is missing."""
    from searchapp.analysis.dedupe import find_groups
    from searchapp.model import Article

    rng = random.Random(seed)
    real = real_articles(per_source)
    in_groups = {real[i]["id"] for g in find_groups(
        [Article(id=a["id"], title=a["title"], body=a["body"]) for a in real]) for i in g}

    from searchapp.vocab.sources import source_for_host

    def eligible(a: dict[str, Any]) -> bool:
        b = a["body"]
        host = source_for_host(a.get("url"))
        return (a["id"] not in in_groups and (host is None or host == a.get("source")) and bool(a.get("date")) and bool(a.get("source"))
                and len(b) >= 300 and not _CREDIT_LIKE.search(b[:100] + b[-60:]))

    pool = [a for a in real if eligible(a)]
    bases = rng.sample(pool, min(originals, len(pool)))
    truth: dict[str, dict[str, Any]] = {a["id"]: {"role": "single", "family": None} for a in real}
    dropped: set[str] = set()
    copies: list[dict[str, Any]] = []
    kinds, weights = list(FAMILIES), list(FAMILIES.values())
    for base in bases:
        fam = base["id"]
        kind = rng.choices(kinds, weights)[0]
        paras = [p for p in base["body"].split("\n\n") if p.strip()] or [base["body"]]
        outlets = rng.sample([o for o in OUTLETS if o != base["source"]], 4)
        made: list[dict[str, Any]] = []
        for k in range(rng.randint(2, 3) if kind == "absent" else rng.randint(1, 3)):
            delay = 0 if kind == "sameday" and k == 0 else rng.choice(DELAYS)
            p = _edit_body(paras, rng)
            if kind == "absent" or rng.random() < 0.5:
                named = base["source"]
                if made and kind == "normal" and rng.random() < 0.25:
                    named = made[-1]["source"]  # a chain: credits an earlier reprint
                p = _credit(p, named, rng)
            made.append({"id": f"{fam}-rp{k + 1}", "title": _edit_title(base["title"], rng),
                         "body": "\n\n".join(p), "source": outlets[k],
                         "date": None if kind == "undated" and k == 0 else _shift(base["date"], delay)})
        if kind == "digest" and base["date"][8:10] != "01":
            p = _edit_body(paras, rng) + [f"来源：{base['source']}"]
            made.append({"id": f"{fam}-rp9", "title": base["title"], "body": "\n\n".join(p),
                         "source": rng.choice(DIGESTS), "date": base["date"][:8] + "01"})
        copies += made
        absent = kind == "absent"
        if absent:
            dropped.add(fam)
            del truth[fam]
        else:
            truth[fam] = {"role": "original", "family": fam}
        for c in made:
            truth[c["id"]] = {"role": "reprint", "family": fam, "absent": absent}
    records = [a for a in real if a["id"] not in dropped] + copies
    return records, truth


def write(out: Path, seed: int = 20, originals: int = 300,
          per_source: int | None = None) -> tuple[Path, Path]:
    """Write the set as OUT/archive.jsonl (one record per line, nulls left out) and
    OUT/truth.json; returns the two paths."""
    records, truth = make(seed, originals, per_source)
    out.mkdir(parents=True, exist_ok=True)
    arch, tr = out / "archive.jsonl", out / "truth.json"
    with open(arch, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n")
    tr.write_text(json.dumps(truth, ensure_ascii=False, indent=0), encoding="utf-8")
    return arch, tr


if __name__ == "__main__":
    a, t = write(Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/reprints"))
    print(json.dumps({"archive": str(a), "truth": str(t)}))
