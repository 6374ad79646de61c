"""Record and compare the analyzer's tokens over real text: a speed change to the analysis must
change no token (issue 19).

    python -m bench.tokens record OUT.jsonl [--limit N]
    python -m bench.tokens compare BEFORE.jsonl AFTER.jsonl    exit 1 when any token differs

The texts: every field the index analyses (title, body, the `meta` text, author, speaker,
source) of the 3,148 People's Daily articles (bench/pfr.py) and of the articles read from the
bundled corpus (corpus/), plus each body's text with its digits written as Chinese numerals
(`1998年` → `一九九八年`: the numeral folding's input) and the query-side forms of the PFR
titles' first words. Recorded per text: a label, `text_tokens(text)` (term, start, end,
position, as the index stores them) and the Whoosh tokenizer's tokens of the same text
(`engine.store.analyzer.WordTokenizer`: text, position, startchar, endchar). Record with the
old code and with the new one (the same checkout before and after a change, or
`PYTHONPATH=OTHER_CHECKOUT`), then compare.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

from bench.common import ROOT

_CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def texts(limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(label, text) of every text the check covers (module docstring), in a fixed order."""
    from bench.pfr import articles
    from searchapp.engine.store.schema import _meta_text
    from searchapp.ingest import read_file
    from searchapp.model import Article

    pfr = list(articles())[:limit]
    bundled = [a for p in sorted((ROOT / "corpus").glob("*")) if p.suffix != ".md"
               for a in read_file(p).articles]
    fields = set(Article.__dataclass_fields__)
    for group, arts in (("pfr", [Article(**{k: v for k, v in a.items() if k in fields})
                                 for a in pfr]),
                        ("corpus", bundled)):
        for a in arts:
            for name in ("title", "body", "author", "speaker", "source"):
                v = getattr(a, name)
                if v:
                    yield f"{group}/{a.id}/{name}", v
            meta = _meta_text(a)
            if meta:
                yield f"{group}/{a.id}/meta", meta
            if a.body:
                yield f"{group}/{a.id}/body-cn", a.body.translate(_CN_DIGITS)
            if a.title:
                yield f"{group}/{a.id}/query", a.title[:12]


def record(out: Path, limit: int | None) -> int:
    from searchapp.analysis.analyzer import text_tokens
    from searchapp.engine.store.analyzer import WordTokenizer

    wt = WordTokenizer()
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for label, text in texts(limit):
            whoosh = [(t.text, t.pos, t.startchar, t.endchar)
                      for t in wt(text, positions=True, chars=True)]
            f.write(json.dumps({"label": label, "tokens": text_tokens(text), "whoosh": whoosh},
                               ensure_ascii=False) + "\n")
            n += 1
    print(f"recorded the tokens of {n} texts into {out}", file=sys.stderr)
    return 0


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    diff = [json.loads(x)["label"] for x, y in zip(a, b) if x != y]
    if len(a) != len(b):
        print(f"{len(a)} texts before, {len(b)} after", file=sys.stderr)
    for label in diff[:20]:
        print("differs:", label)
    print(json.dumps({"texts": min(len(a), len(b)), "differing": len(diff)}))
    return 1 if diff or len(a) != len(b) else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.tokens", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("out", type=Path)
    r.add_argument("--limit", type=int, default=None, help="first N PFR articles only")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = p.parse_args(argv)
    if args.cmd == "record":
        return record(args.out, args.limit)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
