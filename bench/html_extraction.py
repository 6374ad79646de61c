"""Score HTML extraction on `../shared/data/zh-news-html/` and print the scores as JSON.

    .venv/bin/python -m bench.html_extraction [--extractor bs4|trafilatura|both] [--data DIR]

Ground truth (see the data folder's SOURCE.md):
- body: `cwce/cleaned/*.txt`, hand-made (10 pages): character-level precision/recall/F1, where
  the characters matched are those of the longest common subsequence blocks found by
  `difflib.SequenceMatcher` (order-aware, autojunk off) over both texts with all whitespace
  removed. The libraries' expected outputs (newspaper4k `txt/`, readability `expected.html`)
  and GNE's `result.txt` are scored the same way and reported apart as "reference" (they are
  machine output, nobody checked them by hand).
- date: day exact against `cwce/date/*.txt` (hand-made); and against the manifest's
  `published` column for all pages (the curator's reading of the page; "approx." rows skipped).
- author: exact set of names against `cwce/author/*.txt` (hand-made; "UNKNOWN" = none); the
  ground truth sometimes names the editor (编辑), which we keep in `extra["editor"]`, hence
  also `author_or_editor_exact`.
- title: exact (whitespace-insensitive) against `TITLES` below: the headline as printed on the
  page (its visible `<h1>` or headline line, without site names), copied by hand for this
  benchmark; pages without a copied headline are not scored.
- mojibake: U+FFFD in title or body, or Latin-1 look-alike garbage (runs of characters in
  U+00C0–U+00FF, typical of UTF-8 or GBK read as Latin-1).

Prints {"extractors": {name: {"gold": {...}, "reference": {...}, "pages": [...]}}, "seconds": ...}.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "zh-news-html"

#: Headlines as printed on each page (copied by hand from the page's visible headline).
TITLES = {
    "cwce/original/0d931936-d510-4904-a714-88bb267b62da.html": "四年前中500万现穷困潦倒 一夜暴富后如何经营",
    "cwce/original/0ef8393b-0415-494c-b608-1d45bb33c6fb.html": "马克龙星期一在莫斯科与普京会面",
    "cwce/original/2bac7fb2-efbd-4444-99c8-51c72acf5c7d.html": "多数夫妻生活有名无实 日本无性婚姻问题严重(图)",
    "cwce/original/7c6d2080-5ab9-4385-9c0e-e1c8ed06efd3.html": "劳伦斯：一个无法定义的“洛克菲勒”",
    "cwce/original/8baa71e3-7cfa-4850-bb54-c6db4e0c3b70.html": "从上海车展看在华布局 现代汽车再次提速",
    "cwce/original/9890f458-7af7-4e96-a507-6eb1b359d675.html": "17种产品、1个园区入选国家绿色制造名单",
    "cwce/original/b26fbb82-9d98-42f0-af75-7439c1706bcd.html": "江苏多地要求中高风险地区师生员工暂不返校",
    "cwce/original/c25d25c2-6e22-44fb-b073-0ff2f1c23643.html": "薛凯琪新专辑表情千奇百怪 再拿巨星开涮(图)",
    "cwce/original/d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html": "刺死辱母者于欢的罪与悔：出狱第一晚仅睡三四个小时",
    "cwce/original/f70d9c97-9d64-415e-a7e4-840c9258eaf5.html": "中央军委主席习近平签署命令 发布《军队装备试验鉴定规定》",
    "newspaper4k/html/chinese_article.html": "港特首梁振英就住宅违建事件道歉",
    "newspaper4k/html/chinese_article_001.html": "外国专家：中美合作共赢符合国际社会利益",
    "newspaper4k/html/chinese_article_002.html": "短缺药品保供稳价 全力保障临床用药需求",
    "readability/gmw/source.html": "宇航员在太空中喝酒会怎么样？后果很严重",
    "readability/qq/source.html": "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶",
    "trafilatura/archive.org.he.xinhuanet.com.25340717.html": "话剧《约定无期限》河北各市巡演结束",
    "trafilatura/xinhuanet.com.c_1125597921.html": "武汉的声音：有英勇的你，才有英雄的城！",
    "gne/163_2.html": "姚明对周琦说了啥？周琦上下半场判若两人",
    "gne/sina_sina.html": "最强“中国芯”本月商用 华为抢跑5G芯片大战",
    "gne/guancha_guancha.html": "王文：中美贸易“持久战”，中国人的斗志被激发",
    "gne/xinhuanet_1.html": "法国全国大罢工再次严重影响交通",
}

_WS = re.compile(r"\s+")
_LATIN1_GARBAGE = re.compile(r"[\u00c0-\u00ff]{2,}|[\u00c2\u00c3][\u0080-\u00bf]")


def char_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of characters in common-subsequence blocks, whitespace removed."""
    a, b = _WS.sub("", pred), _WS.sub("", gold)
    if not a or not b:
        return 0.0, 0.0, 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    m = sum(bl.size for bl in sm.get_matching_blocks())
    p, r = m / len(a), m / len(b)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def has_mojibake(s: str) -> bool:
    """U+FFFD or Latin-1 look-alike garbage in `s`."""
    return "\ufffd" in s or bool(_LATIN1_GARBAGE.search(s))


def _html_text(path: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return "\n".join(p.get_text(" ", strip=True) for p in soup.find_all(["p", "div"]) if not p.find(["p", "div"]))


def _gne_results(data: Path) -> dict[str, str]:
    """GNE's own output ("content") per source path, from gne/result.txt."""
    path = data / "gne" / "result.txt"
    if not path.exists():
        return {}
    out = {}
    for m in re.finditer(r">{5,}(tests/[^>]+?)>{5,}\s*(\{.*?\n\})", path.read_text(encoding="utf-8"), re.S):
        try:
            out[m.group(1)] = json.loads(m.group(2))["content"]
        except (ValueError, KeyError):
            continue
    return out


def load_pages(data: Path = DATA) -> list[dict]:
    """One dict per manifest row: file, path, gold_body, gold_date, ref_body, published, title."""
    rows = [ln.split("\t") for ln in (data / "manifest.tsv").read_text(encoding="utf-8").splitlines()]
    head, rows = rows[0], rows[1:]
    pages = []
    for r in rows:
        d = dict(zip(head, r))
        f = d["file"]
        page = {"file": f, "path": data / f, "published": d.get("published", ""),
                "title": TITLES.get(f), "gold_body": None, "gold_date": None, "ref_body": None}
        if f.startswith("cwce/original/"):
            uid = Path(f).stem
            page["gold_body"] = (data / "cwce/cleaned" / f"{uid}.txt").read_text(encoding="utf-8")
            page["gold_date"] = (data / "cwce/date" / f"{uid}.txt").read_text(encoding="utf-8").strip()
            au = (data / "cwce/author" / f"{uid}.txt").read_text(encoding="utf-8").strip()
            page["gold_author"] = None if au == "UNKNOWN" else au
        elif f.startswith("newspaper4k/html/"):
            t = data / "newspaper4k/txt" / (Path(f).stem + ".txt")
            if t.exists():
                page["ref_body"] = t.read_text(encoding="utf-8")
        elif f.startswith("gne/"):
            page["ref_body"] = _gne_results(data).get(d.get("source_path", ""))
        elif f.startswith("readability/"):
            e = (data / f).parent / "expected.html"
            if e.exists():
                page["ref_body"] = _html_text(e)
        pages.append(page)
    return pages


def _day(s: str | None) -> str | None:
    from searchapp.ingest.html_dates import parse_date

    v = parse_date(s) if s else None
    return v[:10] if v else None


def score(extractor: str, pages: list[dict]) -> dict:
    """Scores of one body extractor over `pages` (metadata code is shared)."""
    from searchapp.ingest.html import read_html

    out_pages = []
    for p in pages:
        rec: dict = {"file": p["file"]}
        try:
            art = read_html(p["path"].read_bytes(), filename=p["path"].name, extractor=extractor)
        except Exception as e:  # noqa: BLE001 - a benchmark reports failures, it does not stop
            rec["error"] = f"{type(e).__name__}: {e}"
            out_pages.append(rec)
            continue
        rec.update(title=art.title, date=art.date, source=art.source, author=art.author,
                   editor=art.extra.get("editor"),
                   body_chars=len(art.body), mojibake=has_mojibake(art.title + art.body))
        if p["title"] is not None:
            rec["title_ok"] = _WS.sub("", art.title) == _WS.sub("", p["title"])
        if p["gold_body"] is not None:
            rec["gold_p"], rec["gold_r"], rec["gold_f1"] = char_prf(art.body, p["gold_body"])
            rec["gold_date_ok"] = _day(art.date) == _day(p["gold_date"])
            want = set((p.get("gold_author") or "").split())
            rec["gold_author_ok"] = set((art.author or "").split()) == want
            rec["gold_author_or_editor_ok"] = rec["gold_author_ok"] or (
                not art.author and set((art.extra.get("editor") or "").split()) == want)
        if p["ref_body"] is not None:
            rec["ref_p"], rec["ref_r"], rec["ref_f1"] = char_prf(art.body, p["ref_body"])
        if p["published"] and "approx" not in p["published"]:
            rec["published_ok"] = _day(art.date) == _day(p["published"])
        out_pages.append(rec)

    def mean(key, on=None):
        vals = [float(r[key]) for r in out_pages if key in r]
        return round(sum(vals) / len(vals), 4) if vals else None

    gold = [r for r in out_pages if r["file"].startswith("cwce/")]
    return {
        "gold": {"pages": len(gold), "body_f1": mean("gold_f1"), "body_p": mean("gold_p"),
                 "body_r": mean("gold_r"), "date_day_exact": mean("gold_date_ok"),
                 "author_exact": mean("gold_author_ok"),
                 "author_or_editor_exact": mean("gold_author_or_editor_ok"),
                 "title_exact": round(sum(bool(r.get("title_ok")) for r in gold) / max(1, len(gold)), 4)},
        "reference": {"body_f1": mean("ref_f1"), "pages": sum("ref_f1" in r for r in out_pages)},
        "all": {"pages": len(out_pages), "errors": sum("error" in r for r in out_pages),
                "title_exact": mean("title_ok"), "date_day_exact_vs_manifest": mean("published_ok"),
                "mojibake_pages": sum(bool(r.get("mojibake")) for r in out_pages)},
        "pages": out_pages,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractor", choices=["bs4", "trafilatura", "both"], default="both")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--summary", action="store_true", help="leave out the per-page records")
    args = ap.parse_args(argv)
    if not (args.data / "manifest.tsv").exists():
        print(json.dumps({"error": f"no manifest.tsv in {args.data}"}))
        return 2
    pages = load_pages(args.data)
    names = ["bs4", "trafilatura"] if args.extractor == "both" else [args.extractor]
    result: dict = {"data": str(args.data), "extractors": {}}
    for name in names:
        if name == "trafilatura":
            try:
                import trafilatura  # noqa: F401
            except ImportError as e:  # trafilatura 2.x needs the lxml_html_clean package
                result["extractors"][name] = {"unavailable": f"{type(e).__name__}: {e}"}
                continue
        t0 = time.perf_counter()
        s = score(name, pages)
        s["seconds"] = round(time.perf_counter() - t0, 2)
        if args.summary:
            s.pop("pages")
        result["extractors"][name] = s
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
