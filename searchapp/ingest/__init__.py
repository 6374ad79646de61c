"""Readers by content: find the input files, recognise each one, read it, check what it gave.

    discover(paths, files=FileFilter()) -> list[Path]      input files under files/folders, sorted
    detect_format(path, head=None) -> str | None           the reader a file's content calls for
    read_file(path, options=ReadOptions()) -> ReadResult(articles, problems, warnings)
    iter_file(path, options=ReadOptions()) -> Reading      the same, as a stream of Articles

What a file is comes from its content (`sniff.sniff`, after transparent gzip/xz/bzip2
decompression), never from its name: a magazine issue or a plain-text article
(`plaintext.looks_like_issue` → `magazine.segment` / `plaintext.read_article`), a saved news
page (`html.read_html`), a JSONL export (`jsonl.iter_jsonl`) or JSON document
(`jsonl.read_json_document`), a CSV/TSV export (`table.TableReader`, with `ReadOptions.columns`
from `--map`), a Sogou news dump (`sogou.read_sogou`), the PKU People's Daily tagged corpus
(`pfr.read_pfr`), a PDF. Anything else (binary data, archives, Markdown, XML, JSON fragments) is
refused with what was seen (`IngestError`); nothing is ever turned into articles on a guess.

Limits: formats read whole (text, HTML, JSON documents, PDF) stop at `MAX_FILE_BYTES` (64 MiB,
decompressed size): the `too big` message says so. Line formats (JSONL, CSV/TSV, Sogou, PFR) are
read as a stream, one line at a time, whatever their size. Problems inside a usable file (a bad
line or row) come back in `problems` (that part was skipped); `warnings` say what looks wrong
without skipping anything (`checks.FileChecks`, stray NUL bytes removed). A wholly unusable file
raises `IngestError` with `.file` and `.reason`, so a batch can report it and go on.
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Iterator, Sequence

from searchapp.model import Article
from searchapp.vocab.topics import classify

from .checks import FileChecks
from .decode import UndecodableFile, clean_binary_lines, decode_text, sniff_utf16
from .html import NoArticleBody, read_html
from .jsonl import iter_jsonl, read_json_document
from .magazine import segment
from .options import FileFilter, ReadOptions
from .pfr import read_pfr
from .plaintext import NotAnArticle, looks_like_issue, read_article
from .result import IngestError, Problem, ReadResult, display_path
from .sniff import Sniffed, sniff
from .sogou import read_sogou
from .stream import Input, TooBig, open_input
from .table import TableReader, TableRefused

__all__ = ["MAX_FILE_BYTES", "EXTENSIONS", "IngestError", "Problem", "ReadResult", "Reading",
           "ReadOptions", "FileFilter", "discover", "detect_format", "read_file", "iter_file",
           "display_path"]

#: Largest file read whole, in bytes (64 MiB, decompressed). Line formats have no limit.
MAX_FILE_BYTES = 64 * 1024 * 1024

#: Extensions of the files a folder is expected to hold: always listed by `discover` (and so
#: read or refused with a reason); other files are taken when their content is recognised.
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "table",
              ".tsv": "table", ".tab": "table", ".dat": "sogou", ".pdf": "pdf"}
_COMPRESSED = {".gz", ".xz", ".bz2"}
#: Files never read as input (documentation that lives beside a corpus).
_SKIP_SUFFIXES = {".md", ".markdown", ".rst"}
_WHOLE = {"text", "html", "json", "pdf"}
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LINE_FORMATS = {"jsonl": "JSONL export", "table": "table", "sogou": "Sogou dump", "pfr": "PFR file"}
_WHAT = {"text": "a text file", "html": "an HTML page", "json": "a JSON document", "pdf": "a PDF"}


def _head(path: Path) -> tuple[Input | None, Sniffed | None]:
    try:
        inp = open_input(path)
    except (OSError, EOFError, ValueError):
        return None, None
    return inp, sniff(inp.head, whole=len(inp.head) < 65536)


def detect_format(path: str | os.PathLike, head: bytes | None = None) -> str | None:
    """The format a file's content calls for: "magazine" | "text" | "html" | "jsonl" | "json" |
    "table" | "sogou" | "pfr" | "pdf", or None (unreadable, binary, documentation, unknown).
    `head`: the first bytes if already read (decompressed). A text is "magazine" when its head
    reads as an issue (`plaintext.looks_like_issue`), else "text" (one article)."""
    p = Path(path)
    if p.suffix.lower() in _SKIP_SUFFIXES:
        return None
    if head is None:
        inp, s = _head(p)
        if inp is None:
            return None
        head = inp.head
    s = sniff(head, whole=len(head) < 65536)
    if s.kind == "text":
        try:
            text = head.decode(s.encoding, errors="replace")
        except LookupError:
            text = head.decode("utf-8", errors="replace")
        return "magazine" if looks_like_issue(text) else "text"
    return None if s.reason else s.kind


def _skipped_name(name: str) -> bool:
    return name.startswith(".") or name.endswith("~") or name.startswith("~") or \
        Path(name).suffix.lower() in _SKIP_SUFFIXES or Path(name).stem.upper() == "README"


def _expected(name: str) -> bool:
    suffixes = [s.lower() for s in Path(name).suffixes[-2:]]
    if suffixes and suffixes[-1] in _COMPRESSED:
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in EXTENSIONS


def discover(paths: Sequence[str | os.PathLike], files: FileFilter = FileFilter()) -> list[Path]:
    """Input files under the given files and folders, sorted, without duplicates.

    Folders are walked recursively; hidden files/folders (leading `.`), editor backups (`~`)
    and documentation (`*.md`, `*.rst`, README) are skipped; `files` (include/exclude globs,
    relative to the folder given) selects among the rest. A file with an extension in
    EXTENSIONS (also compressed: `.csv.gz`) is kept, so that one we cannot read is reported
    with a reason; another file is kept when its content is recognised (`detect_format`). A
    file named explicitly is always kept (`read_file` then says what is wrong with it).
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
                if files and not files.selected(fp.relative_to(p).as_posix()):
                    continue
                if fp.is_file() and (_expected(name) or detect_format(fp)):
                    found.add(fp)
    return sorted(found)


def read_file(path: str | os.PathLike, options: ReadOptions | None = None) -> ReadResult:
    """Read one file with the reader its content calls for: ReadResult(articles, problems,
    warnings). Raises IngestError(reason, file) when the whole file is unusable: missing, empty,
    over MAX_FILE_BYTES (formats read whole), binary, undecodable, not recognised, or giving no
    article (see the module docstring)."""
    reading = iter_file(path, options)
    articles = list(reading)
    return ReadResult(articles, reading.problems, reading.warnings)


def iter_file(path: str | os.PathLike, options: ReadOptions | None = None) -> "Reading":
    """Open one file for reading as a stream (see `Reading`). Raises IngestError at once for a
    file that cannot be opened, is empty, is refused by its content, or is too big to read
    whole; later errors are raised while iterating."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror or e}", p) from None
    if size == 0:
        raise IngestError("empty file", p)
    try:
        inp = open_input(p)
    except (OSError, EOFError, ValueError) as e:
        raise IngestError(f"cannot read: {getattr(e, 'strerror', None) or e}", p) from None
    if not inp.head.strip(b" \t\r\n\x0c\x00\xef\xbb\xbf\xff\xfe") and len(inp.head) < 65536:
        raise IngestError("empty file (only whitespace)", p)
    s = sniff(inp.head, whole=len(inp.head) < 65536)
    if s.reason:
        raise IngestError(f"{s.reason}: not indexed (searchapp reads magazine issues, text "
                          "articles, HTML pages, JSONL/JSON, CSV/TSV exports, Sogou and PFR files)", p)
    return Reading(p, inp, s, options or ReadOptions())


class Reading:
    """One file being read: iterate for its Articles (in file order). `format` is the format
    read (after iteration for a text: "magazine" or "text"); `problems` and `warnings` fill as
    it goes and are complete when the iteration ends. Iterating raises IngestError when the
    file turns out unusable (no article at all, undecodable, corrupt compressed data)."""

    def __init__(self, path: Path, inp: Input, sniffed: Sniffed, options: ReadOptions):
        self.path, self.inp, self.sniffed, self.options = path, inp, sniffed, options
        self.format = sniffed.kind
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def _problem(self, line: int | None, reason: str) -> None:
        self.problems.append(Problem(str(self.path), line, reason))

    def __iter__(self) -> Iterator[Article]:
        p = self.path
        checks: FileChecks | None = None
        n = 0
        try:
            for art in self._articles():
                if checks is None:
                    checks = FileChecks(self.format)
                if not art.topics and self.format in ("html", "jsonl", "json"):
                    art.topics = _classify(art.title, art.body)
                checks.add(art)
                n += 1
                yield art
        except IngestError:
            raise
        except UndecodableFile as e:
            raise IngestError(str(e), p) from None
        except TooBig as e:
            what = _WHAT.get(self.format, "this format")
            size = f"more than {MAX_FILE_BYTES // 2**20} MiB once decompressed" if e.compressed \
                else f"{e.size / 2**20:.1f} MiB"
            raise IngestError(f"too big: {size} (limit {MAX_FILE_BYTES // 2**20} MiB for {what}, "
                              "which is read whole; JSONL, CSV/TSV, Sogou and PFR files are read "
                              "as a stream at any size)", p) from None
        except (MemoryError, KeyboardInterrupt):
            raise
        except RecursionError:
            raise IngestError("structure nested too deeply to read", p) from None
        except (OSError, EOFError) as e:
            raise IngestError(f"cannot read: {getattr(e, 'strerror', None) or e}", p) from None
        except Exception as e:  # noqa: BLE001 - a reader bug on one odd file must not stop a batch
            raise IngestError(f"unexpected error while reading ({type(e).__name__}: {e})", p) from e
        for note in self.inp.notes:
            (self.problems if note.skipped else self.warnings).append(Problem(str(p), note.line, note.reason))
        self.problems.sort(key=lambda pr: pr.line or 0)
        if not n:
            first = self.problems[0] if self.problems else None
            detail = f" ({len(self.problems)} problems; first: line {first.line}: {first.reason})" if first else ""
            what = _LINE_FORMATS.get(self.format)
            raise IngestError((f"no usable line in this {what}" if what else
                               f"no article found in this {self.format} file") + detail, p)
        if checks is not None:
            self.warnings += [Problem(str(p), line, reason) for line, reason in checks.warnings()]

    def _articles(self) -> Iterator[Article]:
        kind, name = self.sniffed.kind, self.path.name
        if kind in _WHOLE:
            data = self.inp.read_all(MAX_FILE_BYTES)
            if kind == "pdf":
                raise IngestError("a PDF file: reading PDFs directly is not available in this "
                                  "version; extract its text first (e.g. `pdftotext -layout`) and "
                                  "index the .txt", self.path)
            data = self._clean(data)
            if kind == "html":
                try:
                    yield read_html(data, filename=name)
                except NoArticleBody as e:
                    raise IngestError(str(e), self.path) from None
                return
            text, _enc = decode_text(data)
            if not text.strip():
                raise IngestError("empty file (only whitespace)", self.path)
            if kind == "json":
                yield from self._json(text)
            else:
                yield from self._text(text)
            return
        lines = self.inp.lines(self.sniffed.encoding)
        if kind == "table":
            reader = TableReader(self.inp, self.sniffed, filename=name, options=self.options)
            try:
                reader.prepare()
            except (TableRefused, ValueError) as e:
                raise IngestError(str(e), self.path) from None
            yield from reader.articles()
            for line, reason in reader.problems:
                self._problem(line, reason)
            return
        stream = {"jsonl": iter_jsonl, "sogou": read_sogou, "pfr": read_pfr}[kind]
        for got in stream(lines, filename=name):
            if isinstance(got, Article):
                yield got
            else:
                self._problem(*got)

    def _clean(self, data: bytes) -> bytes:
        if data.startswith(_UTF16_32_BOMS) or sniff_utf16(data) or b"\x00" not in data and \
                not any(b < 32 and b not in (9, 10, 12, 13, 27) for b in data[:8192]):
            return data
        data, skipped, cleaned = clean_binary_lines(data)
        for n in skipped:
            self._problem(n, "binary data (NUL or control bytes) on this line; line skipped")
        for n in cleaned:
            self.warnings.append(Problem(str(self.path), n, "stray NUL/control bytes removed from this line"))
        return data

    def _json(self, text: str) -> Iterator[Article]:
        try:
            arts, probs = read_json_document(text, filename=self.path.name)
        except ValueError as e:
            raise IngestError(str(e), self.path) from None
        for pr in probs:
            self._problem(pr.line, pr.reason)
        if not arts and probs:
            raise IngestError(f"a JSON document with no usable record ({probs[0].reason})", self.path)
        yield from arts

    def _text(self, text: str) -> Iterator[Article]:
        if looks_like_issue(text):
            self.format = "magazine"
            arts = segment(text, filename=self.path.name)
            if not arts:
                raise IngestError("no article found in this text file", self.path)
            yield from arts
            return
        try:
            yield read_article(text, filename=self.path.name, options=self.options)
        except NotAnArticle as e:
            raise IngestError(str(e), self.path) from None


def _classify(title: str, body: str) -> list[str]:
    try:
        return list(classify(title, body))
    except Exception:  # noqa: BLE001 - a topic rule bug must not lose the article
        return []
