"""A segment's term dictionary looked up in a read-only memory map of its file.

    term_info(reader, fieldname, btext) -> TermInfo | None      None: the term is not in the segment

Whoosh's `HashReader` finds a term with ~8 small `seek`+`read` calls through the compound
segment file (hash directory, slot, key lengths, key, value): ~0.13 ms per lookup, ~10% of a
first-time query's CPU (profiled, docs/performance.md). Here the same hash file is read from a
memory map of the segment's `.seg` file with `struct.unpack_from`: the same bytes, no system
calls. The map is shared with the OS page cache (no private copy, unlike Whoosh's own mmap
mode, which copies each sub-file into a BytesIO: index_handle.py).

Layout read (whoosh/filedb/filetables.py, HashReader: D. J. Bernstein's CDB with an md5 hash):
256 hash tables of (position, slot count); a key hashes to table `h & 255`, slot
`(h >> 8) % slots`, linear probing; a slot is (hash: uint32, item position: int64), 0 = empty;
an item is (key length: int32, value length: int32, key, value). Keys are
`W3TermsReader._keycoder(field, term)`, values `W3TermInfo` bytes. Anything else (another codec,
a segment not in a compound file, an unexpected hash function) → Whoosh's own lookup.
"""
from __future__ import annotations

import mmap
import struct
from hashlib import md5

__all__ = ["term_info"]

_POINTER = struct.Struct("!Iq")   # filetables._pointer: slot (hash, item position)
_LENGTHS = struct.Struct("!ii")   # filetables._lengths: item (key length, value length)
_NONE = object()


class _Dict:
    """One segment's term hash file: the map of its compound file, the sub-file's offset, the
    256-entry hash directory and the key coder and TermInfo decoder of its terms reader."""

    __slots__ = ("mm", "base", "tables", "keycoder", "decode")

    def __init__(self, terms):
        from whoosh.codec.whoosh3 import W3TermInfo
        from whoosh.filedb.compound import SubFile
        from whoosh.filedb.filetables import md5_hash

        tindex = terms._tindex
        sub = tindex.dbfile.file
        if tindex.hashfn is not md5_hash or not isinstance(sub, SubFile) or tindex.startoffset:
            raise ValueError("not a whoosh3 compound term file")
        self.mm = mmap.mmap(sub._file.fileno(), 0, access=mmap.ACCESS_READ)
        self.base = sub._offset
        self.tables = list(tindex.tables)
        self.keycoder = terms._keycoder
        self.decode = W3TermInfo.from_bytes

    def lookup(self, key: bytes):
        """The TermInfo stored under `key`, or None (HashReader.ranges_for_key, first match)."""
        mm, base = self.mm, self.base
        h = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")  # md5_hash
        tablestart, numslots = self.tables[h & 255]
        if not numslots:
            return None
        end = tablestart + numslots * _POINTER.size
        slotpos = tablestart + ((h >> 8) % numslots) * _POINTER.size
        klen = len(key)
        for _ in range(numslots):
            slothash, itempos = _POINTER.unpack_from(mm, base + slotpos)
            if not itempos:
                return None
            if slothash == h:
                keylen, datalen = _LENGTHS.unpack_from(mm, base + itempos)
                ks = base + itempos + _LENGTHS.size
                if keylen == klen and mm[ks:ks + klen] == key:
                    return self.decode(mm[ks + klen:ks + klen + datalen])
            slotpos += _POINTER.size
            if slotpos == end:
                slotpos = tablestart
        return None


def _dict_of(reader):
    """The reader's `_Dict`, or None when its layout is not the one read here. Kept on the
    reader, so the map lives and dies with it: a map kept past its reader would hold a replaced
    index generation's deleted files on disk."""
    got = reader.__dict__.get("_searchapp_termdict") if hasattr(reader, "__dict__") else _NONE
    if got is None:
        try:
            got = _Dict(reader._terms)
        except Exception:  # noqa: BLE001 - another layout: Whoosh's own lookup
            got = _NONE
        try:
            reader._searchapp_termdict = got
        except AttributeError:
            pass
    return None if got is _NONE else got


def term_info(reader, fieldname: str, btext: bytes):
    """The TermInfo of (fieldname, btext) in the one-segment `reader`, None when the segment
    has no such term; the same answer as `reader.term_info` (which raises TermNotFound)."""
    d = _dict_of(reader)
    if d is not None:
        return d.lookup(d.keycoder(fieldname, btext))
    from whoosh.reading import TermNotFound

    try:
        return reader.term_info(fieldname, btext)
    except TermNotFound:
        return None
