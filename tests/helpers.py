"""Test-data helpers shared by the index fault and concurrency tests (not fixtures, not tests)."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MAGAZINE = next(CORPUS.glob("*.txt"))
#: General words of the field put in front of titles so titles differ in content, not only in number.
WORDS = ["互联网", "网络安全", "人工智能", "智能制造", "数字经济", "云计算", "大数据", "区块链"]
SOURCES = ("人民日报", "新华社")


def write_jsonl_corpus(folder: Path, prefix: str, n_files: int, per_file: int,
                       sources: tuple[str, ...] = SOURCES) -> int:
    """`n_files` JSONL files of `per_file` articles each, bodies cut from the bundled issue's real
    text into consecutive non-overlapping pieces (≤ 400 characters); ids `{prefix}{file}-{i}`;
    sources cycle through `sources`. Returns the number of articles written."""
    text = "".join(MAGAZINE.read_text(encoding="utf-8").split())
    n = n_files * per_file
    size = min(400, len(text) // n)
    folder.mkdir(parents=True, exist_ok=True)
    for fi in range(n_files):
        with open(folder / f"{prefix}{fi}.jsonl", "w", encoding="utf-8") as f:
            for i in range(per_file):
                k = fi * per_file + i
                f.write(json.dumps({"id": f"{prefix}{fi}-{i}",
                                    "title": f"{WORDS[k % len(WORDS)]}观察 {fi}-{i}",
                                    "body": text[k * size:(k + 1) * size],
                                    "source": sources[k % len(sources)], "date": "2020-09-01"},
                                   ensure_ascii=False) + "\n")
    return n
