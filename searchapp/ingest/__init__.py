"""Readers by file type: find the input files, pick a reader per file, report what went wrong.

    discover(paths) -> list[Path]            supported files under files/folders, sorted
    detect_format(path, head=None) -> str|None   "magazine" | "html" | "jsonl" | None
    read_file(path) -> ReadResult(articles, problems)

Formats: `.txt` magazine issues (PDF-extracted; `ingest.magazine.segment`), `.html`/`.htm` saved
news pages (`ingest.html.read_html`, one page → one article), `.jsonl`/`.ndjson` exports
(`ingest.jsonl.read_jsonl`). The content decides when the extension lies or is missing: bytes
starting (after a BOM and whitespace) with `<!doctype html`, `<html`, or holding `<html` in
the first 4 KiB are HTML; a first non-blank line that starts with `{` is JSONL.

Limits: files over `MAX_FILE_BYTES` (64 MiB) are refused with a clear `IngestError` (a 50 MB
text file is read). Problems inside a usable file (a bad JSONL line) come back in
`ReadResult.problems`; a wholly unusable file (empty, binary, undecodable, HTML without an
article body, too big) raises `IngestError` with `.file` and `.reason`, so a batch can report
it and go on.
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Sequence

from searchapp.vocab.topics import classify

from .decode import UndecodableFile, blank_binary_lines, decode_text, looks_binary
from .html import NoArticleBody, read_html
from .jsonl import read_jsonl
from .magazine import segment
from .result import IngestError, Problem, ReadResult

__all__ = ["discover", "detect_format", "read_file", "ReadResult", "Problem", "IngestError",
           "MAX_FILE_BYTES", "EXTENSIONS"]

#: Largest file read, in bytes (64 MiB). Bigger files raise IngestError("too big ...").
MAX_FILE_BYTES = 64 * 1024 * 1024

EXTENSIONS = {".txt": "magazine", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: Files never read as input (documentation that lives beside a corpus).
_SKIP_SUFFIXES = {".md", ".markdown", ".rst"}
_SNIFF_BYTES = 4096
#: UTF-16/32 text holds NUL bytes by design: decode_bytes reads it by its BOM.
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _sniff(head: bytes) -> str | None:
    """Format from the first bytes: "html", "jsonl" or None."""
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):]
    stripped = head.lstrip()
    low = stripped[:_SNIFF_BYTES].lower()
    if low.startswith(b"<") and any(t in low for t in (b"<html", b"<!doctype html", b"<head", b"<body")):
        return "html"
    first = stripped.split(b"\n", 1)[0].strip()
    if first.startswith(b"{"):
        return "jsonl"
    return None


def detect_format(path: str | os.PathLike, head: bytes | None = None) -> str | None:
    """"magazine" | "html" | "jsonl" for a file we can read, else None. The content wins over
    the extension when it is clearly HTML or JSONL (a `.txt` holding a saved page is read as
    HTML); an unknown or missing extension is read only when the content is recognised."""
    p = Path(path)
    if p.suffix.lower() in _SKIP_SUFFIXES:
        return None
    if head is None:
        try:
            with open(p, "rb") as f:
                head = f.read(_SNIFF_BYTES)
        except OSError:
            return EXTENSIONS.get(p.suffix.lower())
    sniffed = _sniff(head)
    by_ext = EXTENSIONS.get(p.suffix.lower())
    if sniffed:
        return sniffed
    return by_ext


def _skipped_name(name: str) -> bool:
    return name.startswith(".") or name.startswith("~") or Path(name).suffix.lower() in _SKIP_SUFFIXES


def discover(paths: Sequence[str | os.PathLike]) -> list[Path]:
    """Supported input files under the given files and folders, sorted, without duplicates.

    Folders are walked recursively; hidden files/folders (leading `.`), editor backups (`~`) and
    documentation (`*.md`, README.md) are skipped; a file is kept when `detect_format` names a
    reader for it. A file named explicitly is always kept, so one of an unsupported type is
    reported by `read_file` ("unsupported file type") instead of vanishing without a word
    (a fresh tester's `searchapp index x.jsonl.gz` built an empty index and exited 0).
    Raises IngestError for a path that does not exist."""
    found: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise IngestError("no such file or folder", p)
        if p.is_file():
            found.add(p)
            continue
        for dirpath, dirnames, filenames in os.walk(p):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if _skipped_name(name):
                    continue
                fp = Path(dirpath) / name
                if fp.is_file() and detect_format(fp):
                    found.add(fp)
    return sorted(found)


def _classify(title: str, body: str) -> list[str]:
    try:
        return list(classify(title, body))
    except Exception:  # noqa: BLE001 - a topic rule bug must not lose the article
        return []


def read_file(path: str | os.PathLike) -> ReadResult:
    """Read one file with the reader its format needs. Returns ReadResult(articles, problems).

    Raises IngestError(reason, file) when the whole file is unusable: missing, empty, over
    `MAX_FILE_BYTES`, binary, undecodable, HTML without an article body, or a magazine issue in
    which no article was found. HTML and JSONL articles without topics get
    `searchapp.topics.classify(title, body)`."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror or e}", p) from None
    if size == 0:
        raise IngestError("empty file", p)
    if size > MAX_FILE_BYTES:
        raise IngestError(f"too big: {size / 2**20:.1f} MiB (limit {MAX_FILE_BYTES // 2**20} MiB)", p)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror or e}", p) from None
    if not data.strip():
        raise IngestError("empty file (only whitespace)", p)
    fmt = detect_format(p, data[:_SNIFF_BYTES])
    if fmt is None:
        raise IngestError("unsupported file type (not a magazine .txt, HTML page or JSONL export)", p)
    try:
        if fmt == "html":
            try:
                art = read_html(data, filename=p.name)
            except NoArticleBody as e:
                raise IngestError(str(e), p) from None
            result = ReadResult([art], [])
        else:
            binary_lines: list[int] = []
            if not data.startswith(_UTF16_32_BOMS) and (b"\x00" in data or looks_binary(data)):
                # a stray corrupt line must not lose the file's good lines (decode.py)
                data, binary_lines = blank_binary_lines(data)
            text, _enc = decode_text(data)
            line_problems = [Problem(str(p), n, "binary data (NUL or control bytes) on this line; "
                                     "line skipped") for n in binary_lines]
            if not text.strip():
                raise IngestError("empty file (only whitespace)", p)
            if fmt == "jsonl":
                arts, problems = read_jsonl(text, filename=p.name)
                for pr in problems:
                    pr.file = str(p)
                problems = sorted(line_problems + problems, key=lambda pr: pr.line or 0)
                if not arts and problems:
                    raise IngestError(f"no usable line in JSONL ({len(problems)} bad lines; "
                                      f"first: line {problems[0].line}: {problems[0].reason})", p)
                result = ReadResult(arts, problems)
            else:
                arts = segment(text, filename=p.name)
                if not arts:
                    raise IngestError("no article found in this text file", p)
                result = ReadResult(list(arts), line_problems)
    except UndecodableFile as e:
        raise IngestError(str(e), p) from None
    except (IngestError, MemoryError, KeyboardInterrupt):
        raise
    except RecursionError:
        raise IngestError("structure nested too deeply to read", p) from None
    except Exception as e:  # noqa: BLE001 - a reader bug on one odd file must not stop a batch
        raise IngestError(f"unexpected error while reading ({type(e).__name__}: {e})", p) from e
    if fmt in ("html", "jsonl"):
        for a in result.articles:
            if not a.topics:
                a.topics = _classify(a.title, a.body)
    return result
