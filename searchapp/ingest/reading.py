"""One file being read: the reader its content calls for, as a stream of Articles, with the
problems, warnings and sanity checks of `ingest.checks` (see `ingest.iter_file`)."""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Iterator

from searchapp.archive.credits import credited_source
from searchapp.archive.editions import ISSUE_FORMATS
from searchapp.config import MAX_ARTICLE_CHARS
from searchapp.model import Article
from searchapp.vocab.topics import topics_of

from .checks import FileChecks
from .controls import clean_article
from .decode import UndecodableFile, clean_binary_lines, decode_text, sniff_utf16
from .html import NoArticleBody, read_html
from .jsonl import iter_jsonl, read_json_document
from .magazine import segment
from .options import ReadOptions
from .pfr import read_pfr
from .plaintext import NotAnArticle, looks_like_issue, read_article
from .result import IngestError, Problem
from .sniff import Sniffed
from .sogou import read_sogou
from .stream import READ_ERRORS, Input, TooBig
from .table import TableReader, TableRefused

#: Largest file read whole, in bytes (64 MiB, decompressed). Line formats have no limit.
MAX_FILE_BYTES = 64 * 1024 * 1024
_WHOLE = {"text", "html", "json", "pdf"}
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LINE_FORMATS = {"jsonl": "JSONL export", "table": "table", "sogou": "Sogou dump", "pfr": "PFR file"}
_WHAT = {"text": "a text file", "html": "an HTML page", "json": "a JSON document", "pdf": "a PDF"}


class Reading:
    """One file being read: iterate for its Articles (in file order). `format` is the format
    read (after iteration for a text: "magazine" or "text"); `problems` and `warnings` fill as
    it goes and are complete when the iteration ends. Iterating raises IngestError when the
    file turns out unusable (no article at all, undecodable, corrupt compressed data).

    Every reader's articles pass here, so the rules for all of them are here: control and
    invisible characters (zero-width spaces, soft hyphens…) are removed from every field (`controls.clean_article`, a warning at the
    article's line), and the one size rule: an article longer than
    `config.MAX_ARTICLE_CHARS` (title + body) is not yielded but reported as a problem at its
    line (`too_long`); when it was the file's only article, the file is refused with that
    reason. An article of an issue file (`archive.ISSUE_FORMATS`) read with a masthead
    (`ReadOptions.masthead`, the folder's `publication.toml`) carries it as
    `extra["masthead"]`. An article whose reader found no source takes the outlet its body
    credits (`archive.credits.credited_source`: `来源：X`, `本文转自X`, `转载自X`, `原载X`…),
    marked `extra["source_from"] = "credit"`; one with a source keeps it.

    An HTML, JSONL or JSON article without topics gets those of `vocab.topics.classify`
    (`topics_of`). With `topics_later` set True before iterating, that is left to the caller:
    such an article is yielded with `topics` None, and the caller sets
    `topics_of(title, body)` (the build's planner does it in two processes)."""

    def __init__(self, path: Path, inp: Input, sniffed: Sniffed, options: ReadOptions):
        self.path, self.inp, self.sniffed, self.options = path, inp, sniffed, options
        self.format = sniffed.kind
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.topics_later = False

    def _problem(self, line: int | None, reason: str) -> None:
        self.problems.append(Problem(str(self.path), line, reason))

    def __iter__(self) -> Iterator[Article]:
        p = self.path
        checks: FileChecks | None = None
        n = 0
        too_long: list[str] = []
        try:
            for art in self._articles():
                size = len(art.body or "") + len(art.title or "")
                if size > MAX_ARTICLE_CHARS:
                    # a PDF's lines are those of its extracted text: its articles go by page
                    line = None if self.format == "pdf" else (art.origin or {}).get("line_start")
                    too_long.append(f"line {line}: " if line else "")
                    self._problem(line, too_long_reason(art, size))
                    continue
                dirty = clean_article(art)
                if dirty:
                    line = None if self.format == "pdf" else (art.origin or {}).get("line_start")
                    self.warnings.append(Problem(str(p), line, "control characters (terminal "
                                                 "escapes, bidi overrides, C0/C1) or invisible "
                                                 "characters (zero-width spaces, soft hyphens) "
                                                 "removed from " + ", ".join(dirty)))
                if self.options.masthead and (art.origin or {}).get("format") in ISSUE_FORMATS:
                    art.extra = {**(art.extra or {}), "masthead": dict(self.options.masthead)}
                if not art.source:
                    credited = credited_source(art.body)
                    if credited:
                        art.source = credited
                        art.extra = {**(art.extra or {}), "source_from": "credit"}
                if checks is None:
                    checks = FileChecks(self.format)
                if not art.topics and self.format in ("html", "jsonl", "json"):
                    art.topics = None if self.topics_later else topics_of(art.title, art.body)
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
        except READ_ERRORS as e:
            raise IngestError(f"cannot read: {getattr(e, 'strerror', None) or e}", p) from None
        except Exception as e:  # noqa: BLE001 - a reader bug on one odd file must not stop a batch
            raise IngestError(f"unexpected error while reading ({type(e).__name__}: {e})", p) from e
        for note in self.inp.notes:
            (self.problems if note.skipped else self.warnings).append(Problem(str(p), note.line, note.reason))
        self.problems.sort(key=lambda pr: pr.line or 0)
        if not n and too_long and len(too_long) == len(self.problems):
            first = self.problems[0]
            raise IngestError(too_long[0] + first.reason, p)
        if not n:
            first = self.problems[0] if self.problems else None
            k = len(self.problems)
            detail = (f" ({k} problem{'' if k == 1 else 's'}; first: line {first.line}: "
                      f"{first.reason})" if first else "")
            what = _LINE_FORMATS.get(self.format)
            raise IngestError((f"no usable line in this {what}" if what else
                               f"no article found in this {self.format} file") + detail, p)
        if checks is not None:
            self.warnings += [Problem(str(p), line, reason) for line, reason in checks.warnings()]

    def _articles(self) -> Iterator[Article]:
        kind, name = self.sniffed.kind, self.path.name
        if kind == "pdf":  # the PDF reader (ingest/pdf*.py): layout, then the magazine segmenter
            yield from self._pdf(self.inp.read_all(MAX_FILE_BYTES))
            return
        if kind in _WHOLE:
            data = self.inp.read_all(MAX_FILE_BYTES)
            data = self._clean(data) if kind != "html" else self._strip_nul(data)
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

    def _pdf(self, data: bytes) -> Iterator[Article]:
        from .pdf import PdfRefused, read_pdf  # deferred: pdfminer loads only for a PDF

        warned: list[str] = []
        try:
            arts, notes = read_pdf(data, filename=self.path.name, warnings=warned)
        except PdfRefused as e:
            raise IngestError(str(e), self.path) from None
        for note in notes:  # pages skipped or re-read ("page 3: …")
            self._problem(None, note)
        self.warnings += [Problem(str(self.path), None, w) for w in warned]
        yield from arts

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

    def _strip_nul(self, data: bytes) -> bytes:
        """A page keeps its control bytes (comments hold some, harmlessly); NUL bytes, which would
        make it look binary, are removed and noted."""
        if b"\x00" not in data or data.startswith(_UTF16_32_BOMS) or sniff_utf16(data):
            return data
        self.warnings.append(Problem(str(self.path), None, f"{data.count(0)} NUL bytes removed"))
        return data.replace(b"\x00", b"")

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
            warned: list[str] = []
            arts = segment(text, filename=self.path.name, warnings=warned)
            self.warnings += [Problem(str(self.path), None, w) for w in warned]
            if not arts:
                raise IngestError("no article found in this text file", self.path)
            yield from arts
            return
        try:
            yield read_article(text, filename=self.path.name, options=self.options)
        except NotAnArticle as e:
            raise IngestError(str(e), self.path) from None


def too_long_reason(art: Article, size: int) -> str:
    """The one-line problem for an article over `MAX_ARTICLE_CHARS` characters (`size`)."""
    page = (art.origin or {}).get("page") if (art.origin or {}).get("format") == "pdf" else None
    where = f"page {page}: " if page else ""
    return (f"{where}article {' '.join((art.title or '').split())[:30]!r} is {size:,} characters "
            f"long, over the limit of {MAX_ARTICLE_CHARS:,} for one article (searchapp.config."
            "MAX_ARTICLE_CHARS; the longest real news texts are some tens of thousands): not "
            "indexed, nothing of it kept. If it holds several articles, split it: one per line "
            "of a JSONL/CSV export, or one per file")
