"""A writer's posting pool grouped per term: the postings of one (field, term) kept together.

    GroupedPool(tempstore, limitmb)     replaces `whoosh.writing.PostingPool` in a SegmentWriter
    pool.add_document_postings(fieldname, docnum, [(term bytes, weight, value bytes | None)])
    pool.groups() -> iterator of (fieldname, term bytes, [docnum], [weight], [value])

Whoosh's pool (an external merge sort) holds one (fieldname, term bytes, docnum, weight, value)
tuple per posting, sorts all of them at the end of a segment (a tuple comparison per step),
spills sorted runs past its `limitmb` and merges them back one posting at a time; the segment
writer then walks that stream posting by posting. Here the postings of a term are appended to
that term's lists as documents are added. A writer adds documents in increasing docnum order,
so each list is already sorted: only the distinct terms are sorted at the end, and the stream
of `groups()`, flattened, is exactly the sorted stream Whoosh's pool gives (one posting per
(field, term, document), as Whoosh's formats aggregate a document's words).

Postings added through the generic `add(item)` (Whoosh's own calls: a merged segment's
postings, spelling words) may come out of docnum order; a term that got one is sorted whole
(by docnum, weight, value: the tuple order of Whoosh's sort) before it is given out.

Memory: like Whoosh's pool, past its limit (`WHOOSH_UNITS`) the groups are written to a
temporary run file, sorted by term, as marshalled chunks (each after its length); `groups()`
merges the runs by term (a later run's postings of a term come after an earlier run's: they
were added later). The run files are temporary files of the writer, never part of an index.
"""
from __future__ import annotations

import heapq
import marshal
import struct
from itertools import groupby
from operator import itemgetter
from typing import Any, Iterable, Iterator

from whoosh.util import random_name

__all__ = ["GroupedPool", "CHUNK_GROUPS", "MAX_RUNS", "WHOOSH_UNITS"]

#: Groups per marshalled chunk of a run file.
CHUNK_GROUPS = 2048
#: Runs merged at once (Whoosh's pool opens at most 128 run files; runs beyond are merged first).
MAX_RUNS = 64

#: A GroupedPool's byte limit for a Whoosh `limitmb` of 1 MB is WHOOSH_UNITS MB. By tracemalloc
#: this pool holds fewer bytes per posting than Whoosh's, but its many growing lists cost more
#: resident memory than that counts: one writer's peak RSS over the first 8,000 articles of the
#: x10 PFR corpus at `limitmb` 51 was 275 MB with Whoosh's pool, 333 MB here at 2.0, 296 at 1.3,
#: 278 at 1.0, with no more CPU time at 1.0 (docs/performance.md, "Build CPU, eighth stop").
WHOOSH_UNITS = 1.0
#: Estimated bytes of one posting held (a list slot each for docnum, weight and value; the
#: docnum's int and the value's bytes object), and of one term's group beyond its postings.
_POSTING_BYTES = 96
_GROUP_BYTES = 320

Group = tuple  # (fieldname, term bytes, [docnum], [weight], [value bytes | None])
_KEY = itemgetter(0, 1)
#: A run file's chunk: its byte length (little-endian uint64), then the marshalled list.
_LENGTH = struct.Struct("<Q")


def _put_chunk(f: Any, chunk: list) -> None:
    data = marshal.dumps(chunk)
    f.write(_LENGTH.pack(len(data)))
    f.write(data)


def _get_chunk(f: Any) -> list | None:
    """The next chunk of a run file, None at its end. The chunk's bytes are read whole and
    unmarshalled from memory: `marshal.load` from a file calls the file's `readinto` once per
    value it reads (every docnum, weight and value: several times slower at a build's scale).
    Raises EOFError for a run file cut short."""
    head = f.read(_LENGTH.size)
    if not head:
        return None
    if len(head) != _LENGTH.size:
        raise EOFError("a posting pool's run file ends inside a chunk's length")
    (n,) = _LENGTH.unpack(head)
    data = f.read(n)
    if len(data) != n:
        raise EOFError("a posting pool's run file ends inside a chunk")
    return marshal.loads(data)


class GroupedPool:
    """The postings of a segment, grouped per (field, term) (module docstring). Implements what
    `SegmentWriter` asks of its pool: `add`, `iter_postings`, `cleanup`, `fieldnames`."""

    def __init__(self, tempstore: Any, limitmb: float = 128):
        """`limitmb`: Whoosh's `limitmb` for the writer (its pool's limit); this pool spills
        past `limitmb` × WHOOSH_UNITS MB of postings, as estimated here."""
        self.tempstore = tempstore
        self.limit = limitmb * WHOOSH_UNITS * 1024 * 1024
        self.size = 0
        self.fieldnames: set[str] = set()
        # field → term bytes → ([docnum], [weight], [value])
        self._fields: dict[str, dict[bytes, tuple[list, list, list]]] = {}
        self._unsorted: set[tuple[str, bytes]] = set()
        self.runs: list[str] = []

    def add_document_postings(self, fieldname: str, docnum: int,
                              items: Iterable[tuple[bytes, float, bytes | None]]) -> None:
        """Add one document's postings of one field: `items` = (term bytes, weight, value),
        each term once; `docnum` is larger than every docnum added before (a writer's next
        document)."""
        groups = self._fields.get(fieldname)
        if groups is None:
            groups = self._fields[fieldname] = {}
        n = new = 0
        for tbytes, weight, vbytes in items:
            g = groups.get(tbytes)
            if g is None:
                groups[tbytes] = ([docnum], [weight], [vbytes])
                new += 1
            else:
                g[0].append(docnum)
                g[1].append(weight)
                g[2].append(vbytes)
            n += 1
        if n:
            self.fieldnames.add(fieldname)
            self._grow(n, new)

    def add(self, item: tuple) -> None:
        """Whoosh's `PostingPool.add`: one (fieldname, term bytes, docnum, weight, value) posting,
        in any order. Raises AssertionError on a term or value that is not bytes, as Whoosh."""
        fieldname, tbytes, docnum, weight, vbytes = item
        assert isinstance(tbytes, bytes), "tbytes=%r" % tbytes
        if vbytes is not None:
            assert isinstance(vbytes, bytes), "vbytes=%r" % vbytes
        self.fieldnames.add(fieldname)
        groups = self._fields.setdefault(fieldname, {})
        g = groups.get(tbytes)
        if g is None:
            groups[tbytes] = ([docnum], [weight], [vbytes])
        else:
            if docnum <= g[0][-1]:
                self._unsorted.add((fieldname, tbytes))
            g[0].append(docnum)
            g[1].append(weight)
            g[2].append(vbytes)
        self._grow(1, g is None)

    def _grow(self, postings: int, groups: int) -> None:
        self.size += postings * _POSTING_BYTES + groups * _GROUP_BYTES
        if self.size > self.limit:
            self.save()

    def _sorted_groups(self) -> list[Group]:
        """The groups held, sorted by (fieldname, term); each one's postings in docnum order."""
        out = []
        for fieldname in sorted(self._fields):
            groups = self._fields[fieldname]
            for tbytes in sorted(groups):
                docs, weights, values = groups[tbytes]
                if (fieldname, tbytes) in self._unsorted:
                    docs, weights, values = map(list, zip(*sorted(zip(docs, weights, values))))
                out.append((fieldname, tbytes, docs, weights, values))
        return out

    def save(self) -> None:
        """Write the groups held to a new run file (sorted by term) and let them go."""
        if not self._fields:
            return
        groups = self._sorted_groups()
        self._fields, self._unsorted, self.size = {}, set(), 0
        self.runs.append(self._write_run(groups))

    def _write_run(self, groups: Iterable[Group]) -> str:
        path = "%s.run" % random_name()
        f = self.tempstore.create_file(path).raw_file()
        try:
            chunk: list = []
            for g in groups:
                chunk.append(g)
                if len(chunk) >= CHUNK_GROUPS:
                    _put_chunk(f, chunk)
                    chunk = []
            if chunk:
                _put_chunk(f, chunk)
        finally:
            f.close()
        return path

    def _read_run(self, path: str) -> Iterator[Group]:
        f = self.tempstore.open_file(path).raw_file()
        try:
            while True:
                chunk = _get_chunk(f)
                if chunk is None:
                    return
                yield from chunk
        finally:
            f.close()
            self.tempstore.delete_file(path)

    def _merge(self, paths: list[str]) -> Iterator[Group]:
        """The runs `paths` (oldest first) merged by term; a term's postings in run order."""
        merged = heapq.merge(*(self._read_run(p) for p in paths), key=_KEY)  # stable: run order
        for (fieldname, tbytes), same in groupby(merged, key=_KEY):
            first = next(same)
            rest = list(same)
            if not rest:
                yield first
                continue
            docs, weights, values = list(first[2]), list(first[3]), list(first[4])
            ordered = True
            for g in rest:
                ordered = ordered and g[2][0] > docs[-1]
                docs += g[2]
                weights += g[3]
                values += g[4]
            if not ordered:  # (only through `add`: a later run held an earlier docnum)
                docs, weights, values = map(list, zip(*sorted(zip(docs, weights, values))))
            yield (fieldname, tbytes, docs, weights, values)

    def groups(self) -> Iterator[Group]:
        """Every (fieldname, term bytes, [docnum], [weight], [value]) of the pool, sorted by
        (fieldname, term bytes), each term once with its postings in docnum order. Empties the
        pool."""
        if not self.runs:
            groups = self._sorted_groups()
            self._fields, self._unsorted, self.size = {}, set(), 0
            return iter(groups)
        self.save()
        while len(self.runs) > MAX_RUNS:  # bound the files open at once
            first, self.runs = self.runs[:MAX_RUNS], self.runs[MAX_RUNS:]
            self.runs.insert(0, self._write_run(self._merge(first)))
        runs, self.runs = self.runs, []
        return self._merge(runs)

    def iter_postings(self) -> Iterator[tuple]:
        """Whoosh's pool stream: (fieldname, term bytes, docnum, weight, value) sorted."""
        for fieldname, tbytes, docs, weights, values in self.groups():
            for d, w, v in zip(docs, weights, values):
                yield (fieldname, tbytes, d, w, v)

    def cleanup(self) -> None:
        """Remove the run files left (a cancelled writer)."""
        for path in self.runs:
            try:
                self.tempstore.delete_file(path)
            except OSError:
                pass
        self.runs = []
