"""Generated PDF issues with ground truth, for the PDF reader's tests and benchmark.

    generate(out_dir, *, source, seed, kind, n_articles, order="in", mode="text") -> Issue
    python -m bench.pdfgen --source pfr --seed 3 --kind newspaper --out DIR

Real articles (`data`: People's Daily 1998-01, THUCNews, Sogou; never the bundled issue) are
laid out (`compose`) as magazine or newspaper pages in a style drawn from `seed` (`style`:
page size, one to five columns, body size 8–11.5 pt, headlines 1.45–2.6 × body, leading,
gutters, embedded TrueType or non-embedded CID fonts, running heads, page-number formats,
bylines, `来源：` credits at the top, at the end or in parentheses, datelines, subtitles,
vertical headlines) and drawn (`render`) in reading order or shuffled. Everything is
deterministic for a given (source, seed, kind, n_articles, order, mode).

Ground truth, `<name>.truth.jsonl` beside `<name>.pdf`, one object per article in reading
order: `n`, `key` (the article's id in its source), `origin`, `title` (headline as printed,
subtitle apart), `subtitle`, `author` (byline names joined with `、`, or null), `source` (the
credited outlet when a credit was printed, else null), `date` (ISO: the dateline's day; for an
article without dateline the issue date when the running head shows the day, else null),
`page` (printed page number where the headline is), `body_first` / `body_last` (first and
last 15 body characters, whitespace removed; byline, credits and headline excluded: the
matching rule of ../shared/eval/score_segmentation.py), `body_chars`. `<name>.meta.json` holds
the style, the issue date and the pages.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from .compose import compose
from .data import load
from .fonts import register
from .render import render
from .style import random_style
from .typeset import lead_month_day, prepare


@dataclass
class Issue:
    """A generated issue: `pdf` and `truth` paths, `pages` (count), `articles` (truth dicts),
    `meta` (style and issue date)."""

    pdf: Path
    truth: Path
    pages: int
    articles: list[dict]
    meta: dict


def _issue_date(source: str, stories, rng: random.Random) -> dt.date:
    """The latest story date; for undated stories (THUCNews) a year chosen at random and the
    latest month and day their leads' datelines name, so no dateline falls after the issue
    (nor in the year before it: a head that names no month, `2009年第1期`, cannot tell)."""
    dates = sorted(dt.date.fromisoformat(s.date) for s in stories if s.date)
    if dates:
        return dates[-1]
    year = rng.randint(2008, 2011)
    days = [dt.date(year, *md) for md in (lead_month_day(s.paras[0]) for s in stories) if md]
    latest = max(days, default=dt.date(year, 1, 1))
    return min(latest + dt.timedelta(days=rng.randint(0, 3)), dt.date(year, 12, 31))


def generate(out_dir: Path, *, source: str, seed: int, kind: str = "magazine",
             n_articles: int = 12, order: str = "in", mode: str = "text",
             password: str | None = None, name: str | None = None, part: str = "all") -> Issue:
    """Generate one issue into `out_dir` (see module docstring). Raises KeyError for an
    unknown source, FileNotFoundError without ../shared/data, fonts.FontsMissing without a
    CJK font."""
    fonts = register()
    rng = random.Random(f"{source}/{seed}/{kind}/{n_articles}/{part}")
    stories = load(source, rng, n_articles, part)
    if source == "pfr":  # one day's paper: the articles of the most common date
        day = max(sorted({s.date for s in stories}), key=lambda d: sum(1 for s in stories if s.date == d))
        stories.sort(key=lambda s: (s.date != day, s.page or 0))
    issue = _issue_date(source, stories, rng)
    st = random_style(rng, kind, fonts)
    if kind == "newspaper":
        label = f"{issue.year}年{issue.month}月{issue.day}日 星期{'一二三四五六日'[issue.weekday()]}"
    else:
        label = rng.choice([f"{issue.year}年第{issue.month}期", f"{issue.year}年{issue.month}月"])
    kits = [prepare(s, st, rng, issue, header_has_day=(kind == "newspaper")) for s in stories]
    pages, truths = compose(kits, st, rng, label, fonts.cid_vertical)
    name = name or f"{source}-{kind}-s{seed}-{order}" + ("" if mode == "text" else f"-{mode}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{name}.pdf"
    render(pages, st, pdf, order=order, rng=random.Random(seed * 7919 + 1), mode=mode,
           password=password)
    truth = out_dir / f"{name}.truth.jsonl"
    with open(truth, "w", encoding="utf-8") as f:
        for t in truths:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    meta = {"source": source, "seed": seed, "kind": kind, "order": order, "mode": mode,
            "issue_date": issue.isoformat(), "issue_label": label, "pages": len(pages),
            "style": asdict(st)}
    (out_dir / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    return Issue(pdf, truth, len(pages), truths, meta)
