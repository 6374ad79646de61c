"""Readers by content: find the input files, recognise each one, read it, check what it gave.

    discover(paths, files=FileFilter()) -> list[Path]      input files under files/folders, sorted
    find_inputs(paths, files=FileFilter()) -> Found        the same, and the links refused on the way
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

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .masthead import SIDECAR_NAME, MastheadError, masthead_for, read_masthead
from .options import FileFilter, ReadOptions
from .plaintext import looks_like_issue
from .reading import MAX_FILE_BYTES, Reading
from .result import IngestError, Problem, ReadResult, display_path
from .sniff import sniff
from .stream import HEAD_BYTES, READ_ERRORS, open_input

__all__ = ["MAX_FILE_BYTES", "EXTENSIONS", "IngestError", "Problem", "ReadResult", "Reading",
           "ReadOptions", "FileFilter", "Found", "SIDECAR_NAME", "MastheadError", "masthead_for",
           "read_masthead", "discover", "find_inputs", "detect_format",
           "read_file", "iter_file", "display_path"]

#: Extensions of the files a folder is expected to hold: always listed by `discover` (and so
#: read or refused with a reason); other files are taken when their content is recognised.
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "table",
              ".tsv": "table", ".tab": "table", ".dat": "sogou", ".pdf": "pdf"}
_COMPRESSED = {".gz", ".xz", ".bz2"}
#: Files never read as input (documentation that lives beside a corpus).
_SKIP_SUFFIXES = {".md", ".markdown", ".rst"}


def detect_format(path: str | os.PathLike, head: bytes | None = None) -> str | None:
    """The format a file's content calls for: "magazine" | "text" | "html" | "jsonl" | "json" |
    "table" | "sogou" | "pfr" | "pdf", or None (unreadable, binary, documentation, unknown).
    `head`: the first bytes if already read (decompressed). A text is "magazine" when its head
    reads as an issue (`plaintext.looks_like_issue`), else "text" (one article)."""
    p = Path(path)
    if p.suffix.lower() in _SKIP_SUFFIXES:
        return None
    if head is None:
        try:
            head = open_input(p).head
        except READ_ERRORS:
            return None
    s = sniff(head, whole=len(head) < HEAD_BYTES)
    if s.kind == "text":
        try:
            text = head.decode(s.encoding, errors="replace")
        except LookupError:
            text = head.decode("utf-8", errors="replace")
        return "magazine" if looks_like_issue(text) else "text"
    return None if s.reason else s.kind


def _skipped_name(name: str) -> bool:
    return name.startswith(".") or name.endswith("~") or name.startswith("~") or \
        Path(name).suffix.lower() in _SKIP_SUFFIXES or Path(name).stem.upper() == "README" or \
        name == SIDECAR_NAME


def _expected(name: str) -> bool:
    suffixes = [s.lower() for s in Path(name).suffixes[-2:]]
    if suffixes and suffixes[-1] in _COMPRESSED:
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in EXTENSIONS


_GENERATION = re.compile(r"gen-\d{6}")


def _index_folder(dirpath: str, dirnames: list[str], filenames: list[str]) -> bool:
    """Is this folder a searchapp index (`index.store`'s layout: generation folders `gen-NNNNNN`
    beside a `CURRENT` pointer, or holding a manifest or Whoosh table of contents)? Its files
    are the index itself, never input: `searchapp index .` in a data folder would otherwise read
    its own index on every run."""
    gens = [d for d in dirnames if _GENERATION.fullmatch(d)]
    if not gens:
        return False
    if "CURRENT" in filenames:
        return True
    for d in gens:
        try:
            names = os.listdir(os.path.join(dirpath, d))
        except OSError:
            continue
        if "manifest.json" in names or any(n.endswith(".toc") for n in names):
            return True
    return False


def discover(paths: Sequence[str | os.PathLike], files: FileFilter = FileFilter()) -> list[Path]:
    """Input files under the given files and folders, sorted, without duplicates
    (`find_inputs(paths, files).files`; the links it refuses are left out silently)."""
    return find_inputs(paths, files).files


@dataclass
class Found:
    """What `find_inputs` found: `files` (sorted Paths to read) and `refused` (a `Problem` per
    symbolic link met on a walk that leads out of the folder given, not followed)."""

    files: list[Path] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)


def find_inputs(paths: Sequence[str | os.PathLike], files: FileFilter = FileFilter()) -> Found:
    """Input files under the given files and folders, sorted, without duplicates, and the
    symbolic links refused on the way.

    Folders are walked recursively; hidden files/folders (leading `.`), editor backups (`~`)
    documentation (`*.md`, `*.rst`, README) and the publication sidecar
    (`masthead.SIDECAR_NAME`, read by the build for the issue files beside it) are skipped;
    `files` (include/exclude globs,
    relative to the folder given) selects among the rest. A file with an extension in
    EXTENSIONS (also compressed: `.csv.gz`) is kept, so that one we cannot read is reported
    with a reason; another file is kept when its content is recognised (`detect_format`). A
    searchapp index folder met on the walk is skipped whole (`_index_folder`). A file named
    explicitly is always kept (`read_file` then says what is wrong with it), also when it is a
    symbolic link: the user asked for it.

    Symbolic links met on a walk (TESTER2 M1: `ln -s /etc/passwd in/x.txt` served /etc/passwd
    as an article, a file-disclosure channel for any folder filled by others, such as an
    unpacked upload): a link to a file inside the folder given is read like the file; a link
    whose target lies outside it (file or folder) is not followed, and is reported in
    `refused` with one line naming the target (the same rule as the index folder's own files,
    `index.files`: never through a link to outside). Links to folders are never descended (a
    folder inside is walked anyway; a loop cannot start). Links left out by the name rules or
    `files` are not reported; a link to nothing is left out silently, as before.
    Raises IngestError for a path that does not exist."""
    found: set[Path] = set()
    refused: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise IngestError("no such file or folder", p)
        if p.is_file():
            found.add(p)
            continue
        top = os.path.realpath(p)
        for dirpath, dirnames, filenames in os.walk(p):
            if _index_folder(dirpath, dirnames, filenames):
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for d in dirnames:
                dp = Path(dirpath) / d
                if os.path.islink(dp) and not _inside(dp, top) and \
                        not files.excluded(dp.relative_to(p).as_posix()):
                    refused.append(Problem(str(dp), None, _refusal(dp, p, "folder")))
            for name in filenames:
                if _skipped_name(name):
                    continue
                fp = Path(dirpath) / name
                if files and not files.selected(fp.relative_to(p).as_posix()):
                    continue
                if os.path.islink(fp) and not _inside(fp, top):
                    if os.path.exists(fp):
                        refused.append(Problem(str(fp), None, _refusal(fp, p, "file")))
                    continue
                if fp.is_file() and (_expected(name) or detect_format(fp)):
                    found.add(fp)
    return Found(sorted(found), refused)


def _inside(path: Path, top: str) -> bool:
    """Does `path`, every link on it resolved, lie in the real folder `top`?"""
    real = os.path.realpath(path)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _refusal(link: Path, folder: Path, what: str) -> str:
    target = display_path(os.path.realpath(link))
    return (f"symbolic link to the {what} {target}, outside the folder {display_path(folder)}: "
            f"not read (a link found in a folder may not bring in {what}s from elsewhere; name "
            f"the {what} itself on the command line to index it)")


def read_file(path: str | os.PathLike, options: ReadOptions | None = None) -> ReadResult:
    """Read one file with the reader its content calls for: ReadResult(articles, problems,
    warnings). Raises IngestError(reason, file) when the whole file is unusable: missing, empty,
    over MAX_FILE_BYTES (formats read whole), binary, undecodable, not recognised, or giving no
    article (see the module docstring)."""
    reading = iter_file(path, options)
    articles = list(reading)
    return ReadResult(articles, reading.problems, reading.warnings)


def iter_file(path: str | os.PathLike, options: ReadOptions | None = None) -> Reading:
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
    except READ_ERRORS as e:
        raise IngestError(f"cannot read: {getattr(e, 'strerror', None) or e}", p) from None
    if not inp.head.strip(b" \t\r\n\x0c\x00\xef\xbb\xbf\xff\xfe") and len(inp.head) < HEAD_BYTES:
        raise IngestError("empty file (only whitespace)", p)
    s = sniff(inp.head, whole=len(inp.head) < HEAD_BYTES)
    if s.reason:
        raise IngestError(f"{s.reason}: not indexed (searchapp reads magazine issues, text "
                          "articles, HTML pages, JSONL/JSON, CSV/TSV exports, Sogou and PFR files)", p)
    return Reading(p, inp, s, options or ReadOptions())


