"""A segment's term dictionary looked up with positioned reads of its file.

    term_info(reader, fieldname, btext) -> TermInfo | None      None: the term is not in the segment
    prefix_terms(reader, fieldname, prefix) -> [(btext, doc frequency)]   terms starting with prefix

Whoosh's `HashReader` finds a term with ~8 small `seek`+`read` calls through Python file
layers of the compound segment file (hash directory, slot, key lengths, key, value). Here the
same hash file is read with `os.pread` on the reader's own file descriptor (two reads: slot,
then the item's lengths, key and value together; no seek, so Whoosh's own reads on the file
are not disturbed).
Nothing is mapped or kept open beyond the reader: a closed reader's file is never read
(Whoosh's lookup then raises its ReaderClosed), and a replaced generation's deleted files are
released when its readers close (a memory map would live until the reader is garbage-collected,
which a reference cycle can delay indefinitely). Measured costs: docs/performance.md, "Figures behind the code".

`prefix_terms` answers Whoosh's `expand_prefix` + `doc_frequency` of each term the same way:
a binary search of the file's sorted position array for the first key at or after the prefix
(the keys its first `_PROBE_DEPTH` steps looked at are kept per segment: every search starts
at the same places), then the items from there, which the writer stored one after the other in
key order, read in blocks of `_BLOCK` bytes; a term's document frequency is read from its
TermInfo bytes without decoding the postings inlined after it.

Layout read (whoosh/filedb/filetables.py, HashReader: D. J. Bernstein's CDB with an md5 hash):
256 hash tables of (position, slot count); a key hashes to table `h & 255`, slot
`(h >> 8) % slots`, linear probing; a slot is (hash: uint32, item position: int64), 0 = empty;
an item is (key length: int32, value length: int32, key, value). Keys are
`W3TermsReader._keycoder(field, term)`, values `W3TermInfo` bytes; OrderedHashReader adds an
array of the items' positions in key order (`indexlen` entries of struct `indextype` at
`indexbase`), and the items run from `startofdata` to `endofdata` in that order. Anything else (another codec,
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
from searchapp.engine.store.postarrays import TERMINFO_HEAD

__all__ = ["term_info", "prefix_terms"]

_POINTER = struct.Struct("!Iq")   # filetables._pointer: slot (hash, item position)
_LENGTHS = struct.Struct("!ii")   # filetables._lengths: item (key length, value length)
#: Bytes read at once when walking the items in key order.
_BLOCK = 16384
#: Value bytes read with an item's lengths and key (a TermInfo without inlined postings is
#: shorter), so a term found costs two reads: its slot, its item.
_VALUE_GUESS = 64
#: Steps of `prefixed`'s binary search whose keys are kept per segment (the first steps of
#: every search look at the same places).
_PROBE_DEPTH = 10


class _Dict:
    """One segment's term hash file: the reader's segment file (`file`, read with `os.pread`),
    the sub-file's offset in it, the 256-entry hash directory and the key coder and TermInfo
    decoder of its terms reader."""

    __slots__ = ("file", "base", "tables", "keycoder", "decode", "order", "start", "end",
                 "probes")

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
        # the sorted position array: (base, count, struct) or None (not an ordered file)
        self.order = None
        if all(hasattr(tindex, a) for a in ("indexbase", "indexlen", "indexsize")) and \
                W3TermInfo._struct.format.startswith(TERMINFO_HEAD.format):
            fmt = struct.Struct("!" + tindex.extras["indextype"])
            if fmt.size == tindex.indexsize:
                self.order = (tindex.indexbase, tindex.indexlen, fmt)
        self.start, self.end = tindex.startofdata, tindex.endofdata
        #: keys at the places the first `_PROBE_DEPTH` steps of `prefixed`'s binary search
        #: looked at: every search starts with the same steps (at most 2**_PROBE_DEPTH keys)
        self.probes: dict[int, bytes] = {}

    def _fd(self) -> int:
        f = self.file
        if f.closed:
            raise ValueError("reader closed")
        return f.fileno()

    def _key_at(self, fd: int, pos: int) -> bytes:
        head = os.pread(fd, 64, self.base + pos)
        keylen = _LENGTHS.unpack_from(head)[0]
        if keylen + _LENGTHS.size <= len(head):
            return head[_LENGTHS.size:_LENGTHS.size + keylen]
        return os.pread(fd, keylen, self.base + pos + _LENGTHS.size)

    def prefixed(self, prefix: bytes) -> list[tuple[bytes, int]]:
        """(key, doc frequency) of every key starting with `prefix`, ascending
        (OrderedHashReader.closest_key_pos, then its `_ranges` from there). Raises ValueError
        when the reader's file is closed or the file has no position array."""
        if self.order is None:
            raise ValueError("no sorted position array")
        fd = self._fd()
        ibase, n, fmt = self.order
        lo, hi, depth, probes = 0, n, 0, self.probes
        while lo < hi:
            mid = (lo + hi) // 2
            key = probes.get(mid)
            if key is None:
                pos = fmt.unpack(os.pread(fd, fmt.size, self.base + ibase + mid * fmt.size))[0]
                key = self._key_at(fd, pos)
                if depth < _PROBE_DEPTH:
                    probes[mid] = key
            if key < prefix:
                lo = mid + 1
            else:
                hi = mid
            depth += 1
        out: list[tuple[bytes, int]] = []
        if lo == n:
            return out
        pos = fmt.unpack(os.pread(fd, fmt.size, self.base + ibase + lo * fmt.size))[0]
        plen, lsize = len(prefix), _LENGTHS.size
        buf, at = b"", pos  # buf holds the file from `at`
        while pos < self.end:
            off = pos - at
            if off + lsize > len(buf):
                buf, at, off = os.pread(fd, _BLOCK, self.base + pos), pos, 0
            keylen, datalen = _LENGTHS.unpack_from(buf, off)
            need = lsize + keylen + max(datalen, TERMINFO_HEAD.size)
            if off + need > len(buf):
                buf, at, off = os.pread(fd, max(_BLOCK, need), self.base + pos), pos, 0
                if need > len(buf):
                    raise ValueError("truncated term file")
            key = buf[off + lsize:off + lsize + keylen]
            if key[:plen] != prefix:
                break
            out.append((key, TERMINFO_HEAD.unpack_from(buf, off + lsize + keylen)[2]))
            pos += lsize + keylen + datalen
        return out

    def lookup(self, key: bytes):
        """The TermInfo stored under `key`, or None (HashReader.ranges_for_key, first match).
        Raises ValueError when the reader's file is closed."""
        fd, base = self._fd(), self.base
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
                # the item's lengths, key and (usually all of) its value in one read
                head = os.pread(fd, _LENGTHS.size + klen + _VALUE_GUESS, base + itempos)
                keylen, datalen = _LENGTHS.unpack_from(head)
                if keylen == klen and head[_LENGTHS.size:_LENGTHS.size + klen] == key:
                    at = _LENGTHS.size + klen
                    value = head[at:at + datalen]
                    if len(value) < datalen:  # a long value (inlined postings)
                        value = os.pread(fd, datalen, base + itempos + at)
                    return self.decode(value)
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


def prefix_terms(reader, fieldname: str, prefix: bytes) -> list[tuple[bytes, int]]:
    """[(btext, doc frequency)] of the terms of `fieldname` in the one-segment `reader` that
    start with `prefix` (bytes; the prefix itself included when it is a term), ascending by
    btext; [] when the segment lacks the field. The same answer as Whoosh's
    `reader.expand_prefix` with `reader.doc_frequency` of each term."""
    d = _dict_of(reader)
    if d is not None and fieldname in reader.indexed_field_names():
        try:
            key = d.keycoder(fieldname, prefix)
            skip = len(key) - len(prefix)  # the field number in front of each key
            return [(k[skip:], df) for k, df in d.prefixed(key)]
        except (ValueError, OSError, struct.error):  # closed, or not this layout: Whoosh's
            pass
    count("fallback_prefix_terms")
    if fieldname not in reader.indexed_field_names():
        return []
    return [(t, reader.doc_frequency(fieldname, t)) for t in reader.expand_prefix(fieldname, prefix)]
