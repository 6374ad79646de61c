"""Opening an input file: transparent decompression, a head to sniff, the whole bytes for
formats that must be read whole, and decoded lines in bounded memory for line formats.

    open_input(path) -> Input            .compression ("gzip" | "xz" | "bzip2" | None), .head
    Input.read_all(limit) -> bytes       raises TooBig past `limit` bytes (decompressed size)
    Input.lines(notes) -> Iterator[(line_no, text)]   decoded lines, 1-based, without newline

Line reading (`lines`) is what makes a 184 MB export readable: it holds one line at a time (plus
a 1 MiB read buffer). The encoding is chosen once from the head (`stream_encoding`: BOM, UTF-16
without BOM, else `decode.decode_bytes` on the head's complete lines). A line that does not
decode in it is tried as UTF-8 and GB18030 (no charset guess on one short line), a line cut
inside its last character (a truncated file) keeps the rest, and a line that still does not
decode is reported (`LineNote`) and skipped. A compressed file cut short gives the lines before
the cut and a `LineNote` at the line where it breaks off; corrupt compressed data still raises.
Stray NUL/control bytes inside a text line are removed and noted; a line made mostly of them is
skipped and noted (`decode.clean_binary_lines`' rule).
Lines end at LF (a CR before it is dropped); a file with CR but no LF in its head (old Mac
text) is split at CR. UTF-16/32 text is read through `io.TextIOWrapper` (its newlines are not
single bytes).
"""
from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from .decode import BOMS, UndecodableFile, clean_binary_lines, decode_bytes, sniff_utf16

#: Bytes read to recognise a file (`Input.head`).
HEAD_BYTES = 64 * 1024
#: Longest line a line format may hold, in bytes (decompressed). One line is one article or one
#: record; a news article is tens of KB, so a line past this is a damaged export or a decompression
#: bomb (one 90 MB line took 150 s and 7.6 GB to index): it is skipped and reported without ever
#: being held whole.
MAX_LINE_BYTES = 4 * 2**20
_CHUNK = 1 << 20
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"\xfd7zXZ\x00", "xz"), (b"BZh", "bzip2"))
_JUNK = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_WIDE = ("utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
#: What opening or reading a damaged input raises (a truncated or corrupt gzip/xz/bzip2 file).
READ_ERRORS = (OSError, EOFError, ValueError, lzma.LZMAError)
#: What a decompressor raises when a gzip/xz/bzip2 file is cut short: the bytes it gave before
#: are the file's own (only its checksum at the end is missing), as in a truncated plain file.
#: Corrupt data (OSError, zlib.error, LZMAError) still fails the whole file: what was
#: decompressed before the corruption was seen is not known to be right.
_CUT_STREAM = (EOFError,)


class TooBig(Exception):
    """The (decompressed) input is larger than the limit asked for; `.size` is a lower bound
    in bytes when the input is compressed."""

    def __init__(self, size: int, compressed: bool):
        super().__init__(size)
        self.size = size
        self.compressed = compressed


@dataclass
class LineNote:
    """Something done to one line while reading: `line` (1-based), `reason` (one line for the
    user), `skipped` (True: the line was dropped; False: it was read after a repair)."""

    line: int
    reason: str
    skipped: bool


def compression_of(head: bytes) -> str | None:
    """"gzip" | "xz" | "bzip2" from the first bytes, else None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def _open(path: Path, compression: str | None) -> BinaryIO:
    if compression == "gzip":
        return gzip.open(path, "rb")
    if compression == "xz":
        return lzma.open(path, "rb")
    if compression == "bzip2":
        return bz2.open(path, "rb")
    return open(path, "rb")


@dataclass
class Input:
    """One input file, decompressed when it is gzip/xz/bzip2 (see module docstring). `head` is
    its first HEAD_BYTES (decompressed) bytes; `size` the size on disk."""

    path: Path
    compression: str | None
    head: bytes
    size: int
    notes: list[LineNote] = field(default_factory=list)

    def read_all(self, limit: int) -> bytes:
        """All (decompressed) bytes. Raises TooBig when there are more than `limit`, before
        reading them all (an uncompressed file is judged by its size on disk)."""
        if self.compression is None and self.size > limit:
            raise TooBig(self.size, False)
        with _open(self.path, self.compression) as f:
            data = f.read(limit + 1)
        if len(data) > limit:
            raise TooBig(len(data), self.compression is not None)
        return data

    def lines(self, encoding: str | None = None) -> Iterator[tuple[int, str]]:
        """Decoded lines (see module docstring); `encoding` defaults to `stream_encoding(head)`.
        Repairs and skipped lines are appended to `self.notes`. Raises OSError (unreadable,
        corrupt compressed data) as it happens."""
        enc = encoding or stream_encoding(self.head)
        if enc == "utf-8-sig":
            enc = "utf-8"  # the BOM is dropped from line 1 below
        f = _open(self.path, self.compression)
        no = 0
        try:
            if enc.replace("-sig", "") in _WIDE:
                text = io.TextIOWrapper(f, encoding=enc, errors="replace", newline=None)
                for no, line in enumerate(text, start=1):
                    yield no, line.rstrip("\n").lstrip("\ufeff") if no == 1 else line.rstrip("\n")
                return
            sep = b"\n" if (b"\n" in self.head or b"\r" not in self.head) else b"\r"
            for no, raw in enumerate(_byte_lines(f, sep), start=1):
                if raw is None:
                    self.notes.append(LineNote(no, f"line longer than {MAX_LINE_BYTES // 2**20} "
                                               "MiB (not an article: a damaged export?); line "
                                               "skipped", True))
                    continue
                text = self._decode(no, raw, enc)
                if text is not None:
                    yield no, text
        except _CUT_STREAM as e:
            if self.compression is None:
                raise
            self.notes.append(LineNote(no + 1, f"the {self.compression} data is cut short here "
                                       f"({str(e)[:100]}): this line and the rest of the file "
                                       "are missing", True))
        finally:
            f.close()

    def _decode(self, no: int, raw: bytes, enc: str) -> str | None:
        if raw.endswith(b"\r"):
            raw = raw.rstrip(b"\r")
        if no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if _JUNK.search(raw):
            try:
                cleaned, skipped, _ = clean_binary_lines(raw)
            except UndecodableFile:
                skipped = [1]
            if skipped:
                self.notes.append(LineNote(no, "binary data (NUL or control bytes) on this line; "
                                           "line skipped", True))
                return None
            self.notes.append(LineNote(no, "stray NUL/control bytes removed from this line", False))
            raw = cleaned
        try:
            return raw.decode(enc)
        except UnicodeDecodeError as e:
            if e.start >= len(raw) - 3 and e.reason.startswith(("unexpected end", "incomplete")):
                self.notes.append(LineNote(no, "line cut inside its last character (a truncated "
                                           "file?); the broken character dropped", False))
                return raw[: e.start].decode(enc, errors="replace").rstrip("\ufffd")
        except LookupError:
            pass
        for other in ("utf-8", "gb18030"):  # the two encodings a Chinese export comes in
            if other != enc:
                try:
                    return raw.decode(other)
                except UnicodeDecodeError:
                    pass
        self.notes.append(LineNote(no, f"undecodable line (not {enc}, UTF-8 or GB18030); "
                                   "line skipped", True))
        return None


def _byte_lines(f: BinaryIO, sep: bytes, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The lines of `f` split at `sep` (without it); None in place of a line longer than
    `limit` bytes, which is skipped as it is read (memory stays under `limit` + one chunk)."""
    rest = b""
    skipping = False
    read = getattr(f, "read1", f.read)  # one decompression step: a cut stream keeps what it gave
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            break
        parts = chunk.split(sep)
        head, *middle = parts
        if middle:  # the line that was being read ends in this chunk
            tail = middle.pop()
            if skipping or len(rest) + len(head) > limit:
                yield None
            else:
                yield rest + head
            skipping, rest = False, b""
            for p in middle:
                yield p if len(p) <= limit else None
            head = tail
        if not skipping:
            rest += head
            if len(rest) > limit:
                skipping, rest = True, b""
    if skipping:
        yield None
    elif rest:
        yield rest


def stream_encoding(head: bytes) -> str:
    """The encoding to read a line file in, judged from its head: a BOM; UTF-16 without BOM
    (`decode.sniff_utf16`); else what `decode.decode_bytes` finds for the head's complete lines
    (UTF-8, GB18030, ...). Falls back to "utf-8" (lines that do not fit are decoded one by one)."""
    for bom, enc in BOMS:
        if head.startswith(bom):
            return enc
    enc16 = sniff_utf16(head)
    if enc16:
        return enc16
    cut = head.rfind(b"\n")
    sample = head[:cut] if len(head) >= HEAD_BYTES and cut > 0 else head
    sample = _JUNK.sub(b"", sample)
    try:
        enc = decode_bytes(sample)[1]
    except UndecodableFile:
        return "utf-8"
    return "utf-8" if enc.startswith("utf-8") or enc == "ascii" else enc


def open_input(path: str | os.PathLike) -> Input:
    """Open `path` for reading: the compression from its magic bytes and the (decompressed)
    head. Raises OSError when it cannot be read (EOFError/lzma.LZMAError/OSError from a corrupt
    compressed file)."""
    p = Path(path)
    size = p.stat().st_size
    with open(p, "rb") as f:
        magic = f.read(8)
    comp = compression_of(magic)
    with _open(p, comp) as f:
        head = _read_head(f, comp is not None)
    return Input(p, comp, head, size)


def _read_head(f: BinaryIO, compressed: bool) -> bytes:
    """Up to HEAD_BYTES from `f`. A compressed stream cut short gives the bytes decompressed
    before the cut, so what it holds can still be recognised and read (`Input.lines` reports
    the cut at its line); the error is raised when there are none."""
    parts: list[bytes] = []
    got = 0
    while got < HEAD_BYTES:
        try:
            chunk = getattr(f, "read1", f.read)(min(16384, HEAD_BYTES - got))
        except _CUT_STREAM:
            if compressed and got:
                break
            raise
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)
