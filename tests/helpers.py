"""Helpers shared by the tests (not fixtures, not tests): test data cut from the bundled issue,
free ports and waiting for a served URL, small real PDFs, the package's import graph."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
MAGAZINE = next(CORPUS.glob("*.txt"))
#: General words of the field put in front of titles so titles differ in content, not only in number.
WORDS = ["互联网", "网络安全", "人工智能", "智能制造", "数字经济", "云计算", "大数据", "区块链"]
SOURCES = ("人民日报", "新华社")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_when_up(url: str, proc: subprocess.Popen | None = None, timeout: float = 60.0):
    """(status, headers, body bytes) of GET `url` (an error status too), retried while the
    server starts; raises the last OSError after `timeout` seconds or as soon as `proc` (the
    server) has exited."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:  # the server answered
            return e.code, e.headers, e.read()
        except OSError:
            if time.time() > deadline or (proc is not None and proc.poll() is not None):
                raise
            time.sleep(0.2)


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


def write_jsonl(path: Path, docs) -> Path:
    """`docs` (JSON-ready article dicts) written to `path` as JSONL, one article a line;
    returns `path`."""
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


def write_pfr_parts(folder: Path, n: int, files: int) -> list[dict]:
    """The first `n` real People's Daily articles (bench.pfr, from ../shared) split evenly over
    `files` JSONL files `part0.jsonl`, `part1.jsonl`, … in `folder` (made if missing); returns
    the articles in order. Two or more files build in as many writers: several segments."""
    from bench.pfr import articles

    arts = articles(limit=n)
    folder.mkdir(parents=True, exist_ok=True)
    per = -(-len(arts) // files)
    for i in range(files):
        write_jsonl(folder / f"part{i}.jsonl", arts[i * per:(i + 1) * per])
    return arts


def build_pfr_index(root: Path, n: int, min_docs: int = 8) -> tuple[Path, list[dict]]:
    """(index folder, articles): the first `n` real People's Daily articles (`write_pfr_parts`,
    two files) built by two writers into `root`/ix — two segments — with posting arrays from
    `min_docs` postings on (`postarrays.MIN_DOCS`), so a small corpus has long lists (stored
    positions) of many words."""
    import pytest

    from searchapp.engine.store import postarrays
    from searchapp.index import build

    arts = write_pfr_parts(root / "src", n, 2)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(postarrays, "MIN_DOCS", min_docs)
        mp.setenv("SEARCHAPP_BUILD_WORKERS", "2")
        build([root / "src"], root / "ix")
    return root / "ix", arts


def tiny_index(root: Path, docs: list[dict]):
    """A real index of `docs` (JSON-ready article dicts) built in `root`/index from one JSONL
    file, opened: an `IndexHandle` the caller closes."""
    from searchapp.index import build, open_index

    src = write_jsonl(root / "docs.jsonl", docs)
    build([src], root / "index")
    return open_index(root / "index")


#: Page size of `draw_pdf` (A4, points).
A4_W, A4_H = 595.2756, 841.8898


def draw_pdf(path: Path, pages: list[list[tuple[float, float, float, str]]]) -> Path:
    """A real A4 PDF at `path` (reportlab, the CJK font `bench.pdfgen.fonts` registers): one page
    per list of (x, y from the top edge, type size in pt, text), each string drawn as one text
    run. Returns `path`."""
    from reportlab.pdfgen import canvas

    from bench.pdfgen.fonts import register

    fonts = register()
    font = fonts.embedded[0] if fonts.embedded else fonts.cid
    c = canvas.Canvas(str(path), pagesize=(A4_W, A4_H))
    for runs in pages:
        for x, y, size, text in runs:
            c.setFont(font, size)
            c.drawString(x, A4_H - y, text)
        c.showPage()
    c.save()
    return path


def draw_wrapped(c, text: str, font: str, x: float, y: float, width: float,
                 size: float = 10.5, leading: float = 15.0) -> None:
    """Draw `text` on the reportlab canvas `c` as lines of at most `width` points in `font` at
    `size` pt, the first line's baseline at `y` and each next one `leading` points lower, from
    `x` (all in points, reportlab's coordinates of the current transform)."""
    line = ""
    c.setFont(font, size)
    for ch in text:
        if c.stringWidth(line + ch, font, size) > width:
            c.drawString(x, y, line)
            y, line = y - leading, ch
        else:
            line += ch
    c.drawString(x, y, line)


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """{module: the modules of the same package it imports}, read from every .py file's syntax
    tree (imports anywhere in the file, TYPE_CHECKING ones included). `from X import Y` counts
    as importing X.Y when that is a module, else X; relative imports are resolved. Module names
    are dotted (`searchapp.engine.match.arrays`; a package is its __init__)."""
    import ast

    root = package_dir.name
    files: dict[str, tuple[Path, bool]] = {}
    for p in package_dir.rglob("*.py"):
        parts = list(p.relative_to(package_dir.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        files[".".join(parts[:-1] if is_pkg else parts)] = (p, is_pkg)
    graph: dict[str, set[str]] = {}
    for mod, (p, is_pkg) in files.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == root:
                        name = a.name
                        while name not in files:
                            name = name.rsplit(".", 1)[0]
                        deps.add(name)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = mod if is_pkg else mod.rsplit(".", 1)[0]
                    for _ in range(node.level - 1):
                        base = base.rsplit(".", 1)[0]
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = node.module or ""
                if base.split(".")[0] != root:
                    continue
                for a in node.names:
                    deps.add(f"{base}.{a.name}" if f"{base}.{a.name}" in files else base)
        graph[mod] = deps - {mod}
    return graph
