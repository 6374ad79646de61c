"""Importer: People's Daily January 1998 (PFR corpus) -> JSONL articles for the benchmarks.

Input: `../shared/data/pfr-199801/199801.txt.xz` (xz, GBK, CRLF with stray CRs; format in that
folder's SOURCE.md). Each line is one paragraph: `YYYYMMDD-PP-AAA-NNN/m  word/POS  word/POS ...`;
`[word/POS word/POS]nt` brackets mark named entities. Plain text = drop the id token, every
`/POS`, every `[` and `]xx`, join the words with no space (SOURCE.md).

Output: one JSON object per line with `id`, `title` (paragraph 001), `body` (the other
paragraphs joined by "\\n\\n"; for the 351 one-paragraph articles the body is that paragraph
and the title its first sentence, at most 40 characters), `date` (ISO from the id), `page` (int,
the `PP` of the id), `column` ("第N版", N without leading zero: the form the held-back relevance
scoring indexes, ../shared/eval/README.md), `source` "人民日报". `times=N` repeats the 3,148 real articles N times under new ids
(`pfr-YYYYMMDD-PP-AAA` then `...-r2`, `...-r3`); the vocabulary does not grow with N, so
posting lists are longer than a real archive of that size would have.

    python -m bench.pfr [--times N] [--out bench/out/pfr-xN.jsonl] [--limit K]
"""
from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "pfr-199801" / "199801.txt.xz"
OUT_DIR = Path(__file__).resolve().parent / "out"
SOURCE = "人民日报"

_ID = re.compile(r"^(\d{4})(\d{2})(\d{2})-(\d{2})-(\d{3})-(\d{3})/m$")
_FIRST_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
_TAG = re.compile(r"/[A-Za-z]+$")        # trailing POS tag of one token
_BRACKET_CLOSE = re.compile(r"\][A-Za-z]+$")  # `]nt` closing a named-entity bracket


def _plain(tokens: list[str]) -> str:
    out = []
    for t in tokens:
        t = _TAG.sub("", _BRACKET_CLOSE.sub("", t))
        if t.startswith("[") and len(t) > 1:
            t = t[1:]
        out.append(t)
    return "".join(out)


def read_paragraphs(src: Path = DEFAULT_SRC) -> Iterator[tuple[str, str, str, str]]:
    """Yield (article_key 'YYYYMMDD-PP-AAA', iso_date, page 'PP', plain paragraph text).

    Raises FileNotFoundError if `src` is missing, UnicodeDecodeError if it is not GBK.
    """
    with lzma.open(src) as f:
        text = f.read().decode("gbk")
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        m = _ID.match(parts[0])
        if not m:
            continue
        y, mo, d, page, art, _para = m.groups()
        yield f"{y}{mo}{d}-{page}-{art}", f"{y}-{mo}-{d}", page, _plain(parts[1:])


def articles(src: Path = DEFAULT_SRC, limit: int | None = None) -> list[dict]:
    """The real articles in file order, as dicts (see module doc); at most `limit` of them."""
    out: list[dict] = []
    cur_key = None
    paras: list[str] = []
    meta: tuple[str, str] = ("", "")

    def flush() -> None:
        if cur_key is not None and paras:
            title, body = paras[0], "\n\n".join(paras[1:])
            if not body:  # 351 one-paragraph articles: the paragraph is the body, its first
                body = title  # sentence (at most 40 characters) the title
                title = _FIRST_SENTENCE.match(title).group(0)[:40]
            out.append({"id": f"pfr-{cur_key}", "title": title, "body": body,
                        "date": meta[0], "page": int(meta[1]),
                        "column": f"第{int(meta[1])}版", "source": SOURCE})

    for key, date, page, para in read_paragraphs(src):
        if key != cur_key:
            flush()
            if limit is not None and len(out) >= limit:
                return out
            cur_key, paras, meta = key, [], (date, page)
        if para:
            paras.append(para)
    flush()
    return out[:limit] if limit is not None else out


def repeated(base: list[dict], times: int) -> Iterator[dict]:
    """`base` `times` times; copy k >= 2 gets id suffix `-rk` (same text, new id)."""
    for k in range(1, times + 1):
        for a in base:
            yield a if k == 1 else {**a, "id": f"{a['id']}-r{k}"}


def write_jsonl(path: Path, arts) -> dict:
    """Write articles as JSONL; returns {"articles": n, "chars": title+body chars, "bytes": utf-8
    bytes of title+body}."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = chars = nbytes = 0
    with open(path, "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
            n += 1
            chars += len(a["title"]) + len(a["body"])
            nbytes += len(a["title"].encode()) + len(a["body"].encode())
    return {"articles": n, "chars": chars, "bytes": nbytes}


def _current_shape(path: Path) -> bool:
    """True when `path` exists and its first record has every key this module writes (a file
    from an older version of the importer, e.g. without `page`, is written again)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with open(path, encoding="utf-8") as f:
        first = json.loads(f.readline() or "{}")
    return set(first) == KEYS


#: Keys of every record written.
KEYS = frozenset({"id", "title", "body", "date", "page", "column", "source"})


def make_corpus(times: int = 1, out: Path | None = None, limit: int | None = None,
                src: Path = DEFAULT_SRC) -> tuple[Path, dict]:
    """Write the (repeated) corpus to `out` (default bench/out/pfr-x{times}.jsonl), reusing an
    existing file of the same name. Returns (path, stats)."""
    name = f"pfr-x{times}" + (f"-n{limit}" if limit else "") + ".jsonl"
    out = out or OUT_DIR / name
    base = articles(src, limit)
    stats = {"real_articles": len(base), "times": times,
             "note": ("real articles" if times == 1 else
                      f"the {len(base)} real articles repeated {times}x under new ids "
                      "(vocabulary does not grow)")}
    if _current_shape(out):
        n = chars = nbytes = 0
        with open(out, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                n += 1
                chars += len(a["title"]) + len(a["body"])
                nbytes += len(a["title"].encode()) + len(a["body"].encode())
        stats.update(articles=n, chars=chars, bytes=nbytes)
    else:
        stats.update(write_jsonl(out, repeated(base, times)))
    return out, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--times", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="only the first K real articles")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    a = ap.parse_args(argv)
    if a.times < 1:
        ap.error("--times must be >= 1")
    path, stats = make_corpus(a.times, a.out, a.limit, a.src)
    print(json.dumps({"path": str(path), **stats}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
