"""A segment's term dictionary looked up with positioned reads of its file.

    term_info(reader, fieldname, btext) -> TermInfo | None      None: the term is not in the segment

Whoosh's `HashReader` finds a term with ~8 small `seek`+`read` calls through Python file
layers of the compound segment file (hash directory, slot, key lengths, key, value). Here the
same hash file is read with `os.pread` on the reader's own file descriptor (three reads: slot,
item header, key and value; no seek, so Whoosh's own reads on the file are not disturbed).
Nothing is mapped or kept open beyond the reader: a closed reader's file is never read
(Whoosh's lookup then raises its ReaderClosed), and a replaced generation's deleted files are
released when its readers close (a memory map would live until the reader is garbage-collected,
which a reference cycle can delay indefinitely). Measured costs: docs/performance.md, "Figures behind the code".

Layout read (whoosh/filedb/filetables.py, HashReader: D. J. Bernstein's CDB with an md5 hash):
256 hash tables of (position, slot count); a key hashes to table `h & 255`, slot
`(h >> 8) % slots`, linear probing; a slot is (hash: uint32, item position: int64), 0 = empty;
an item is (key length: int32, value length: int32, key, value). Keys are
`W3TermsReader._keycoder(field, term)`, values `W3TermInfo` bytes. Anything else (another codec,
a segment not in a compound file, an unexpected hash function) → Whoosh's own lookup.
"""
from __future__ import annotations

import os
import struct
from hashlib import md5

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.compound import SubFile
from whoosh.filedb.filetables import md5_hash
from whoosh.reading import TermNotFound

from searchapp.cache import kept_on
from searchapp.engine.match.counts import count

__all__ = ["term_info"]

_POINTER = struct.Struct("!Iq")   # filetables._pointer: slot (hash, item position)
_LENGTHS = struct.Struct("!ii")   # filetables._lengths: item (key length, value length)


class _Dict:
    """One segment's term hash file: the reader's segment file (`file`, read with `os.pread`),
    the sub-file's offset in it, the 256-entry hash directory and the key coder and TermInfo
    decoder of its terms reader."""

    __slots__ = ("file", "base", "tables", "keycoder", "decode")

    def __init__(self, terms):
        tindex = terms._tindex
        sub = tindex.dbfile.file
        if tindex.hashfn is not md5_hash or not isinstance(sub, SubFile) or tindex.startoffset:
            raise ValueError("not a whoosh3 compound term file")
        self.file = sub._file
        self.file.fileno()  # a real OS file (raises otherwise)
        self.base = sub._offset
        self.tables = list(tindex.tables)
        self.keycoder = terms._keycoder
        self.decode = W3TermInfo.from_bytes

    def lookup(self, key: bytes):
        """The TermInfo stored under `key`, or None (HashReader.ranges_for_key, first match).
        Raises ValueError when the reader's file is closed."""
        f = self.file
        if f.closed:
            raise ValueError("reader closed")
        fd, base = f.fileno(), self.base
        h = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")  # md5_hash
        tablestart, numslots = self.tables[h & 255]
        if not numslots:
            return None
        end = tablestart + numslots * _POINTER.size
        slotpos = tablestart + ((h >> 8) % numslots) * _POINTER.size
        klen = len(key)
        for _ in range(numslots):
            slothash, itempos = _POINTER.unpack(os.pread(fd, _POINTER.size, base + slotpos))
            if not itempos:
                return None
            if slothash == h:
                keylen, datalen = _LENGTHS.unpack(os.pread(fd, _LENGTHS.size, base + itempos))
                if keylen == klen:
                    item = os.pread(fd, klen + datalen, base + itempos + _LENGTHS.size)
                    if item[:klen] == key:
                        return self.decode(item[klen:])
            slotpos += _POINTER.size
            if slotpos == end:
                slotpos = tablestart
        return None


def _dict_of(reader):
    """The reader's `_Dict`, or None when its layout is not the one read here (kept on the
    reader: it reads the reader's own file)."""
    def compute():
        try:
            return _Dict(reader._terms)
        except Exception:  # noqa: BLE001 - another layout: Whoosh's own lookup
            return None

    return kept_on(reader, "_searchapp_termdict", compute)


def term_info(reader, fieldname: str, btext: bytes):
    """The TermInfo of (fieldname, btext) in the one-segment `reader`, None when the segment
    has no such term; the same answer as `reader.term_info` (which raises TermNotFound)."""
    d = _dict_of(reader)
    if d is not None:
        try:
            return d.lookup(d.keycoder(fieldname, btext))
        except (ValueError, OSError):  # a closed reader: Whoosh's lookup says so
            pass
    count("fallback_termdict")
    try:
        return reader.term_info(fieldname, btext)
    except TermNotFound:
        return None
