"""Arrays of a whole generation over its top-level document numbers: sort ranks, facet postings,
dates. Written beside the Whoosh files when the generation is built and memory-mapped by every
reader, so no per-document work is left for a process's first query.

    compute(reader) -> GenArrays              from the Whoosh index (at build time, and for an
                                              index written before these files existed)
    write(arrays, reader, folder)             the files below
    load(reader, folder) -> GenArrays | None  None: missing, another format, other segments

GenArrays (n = documents including deleted ones; a deleted document is in no facet or date
list, and its ranks are never read because it never matches):
  rank_newest, rank_oldest  int32 [n]: each document's place in "newest first" order
                            (publication instant in UTC descending, undated last, ties by id
                            ascending) and "oldest first" (ascending, undated last, ties by id),
                            the order of `search.ordering`; the instant is read from the
                            stored date (`searchapp.dates.sort_key`: a date without a time is
                            its local midnight, a time without an offset China Standard Time)
  facets[facet]             `Facet` of each of `ARRAY_FACETS` (fields: `schema.FACET_FIELDS`)
  dates, date_of            the distinct dates (ascending) and int32 [n] the index of each
                            document's date in them (-1: undated or deleted)
  live                      bool [n], or None when nothing is deleted

Files (flat in the generation folder, `PREFIX`.<name>): raw little-endian arrays, and
`PREFIX`.json (format, the segments they were computed for with their deletion counts, the
arrays' dtypes and lengths, facet values, dates), written last under a temporary name and
renamed, so a generation's files are complete or absent. An incremental build hard-links the
previous generation's files and then replaces them (rename breaks the link: the previous
generation's copies never change); `load` refuses files computed for other segments or
deletions.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from searchapp.dates import sort_key
from searchapp.engine.store.schema import FACET_FIELDS
from searchapp.engine.store.storage import create_new, map_array

__all__ = ["GenArrays", "Facet", "compute", "write", "load", "signature", "rank_arrays",
           "FORMAT", "PREFIX", "ARRAY_FACETS"]

#: 2: ranks by the UTC instant (1 ordered the dates as written, whatever their zone).
FORMAT = 2
PREFIX = "sa-gen"
#: The facets searches filter and count by (`search.facets.FACETS`), kept as arrays; the
#: index's other whole-value fields (edition, story: one value per page or story) are not.
ARRAY_FACETS = ("source", "topic", "month", "lineage")


@dataclass
class Facet:
    """One facet's postings over live documents.

    values  every value the index holds (as its terms, ascending)
    bounds  int64 [len(values) + 1]; docs[bounds[i]:bounds[i+1]] hold value i (ascending int32)
    of      int32 [n]: the value index of each document (-1: none), when no document holds two
            values of this facet; else None"""

    values: list[str]
    bounds: np.ndarray
    docs: np.ndarray
    of: np.ndarray | None

    def docs_of(self, i: int) -> np.ndarray:
        """Ascending live docnums holding value i."""
        return self.docs[int(self.bounds[i]):int(self.bounds[i + 1])]


@dataclass
class GenArrays:
    n: int
    rank_newest: np.ndarray
    rank_oldest: np.ndarray
    facets: dict[str, Facet]
    dates: list[str]
    date_of: np.ndarray
    live: np.ndarray | None


def signature(reader) -> list[list]:
    """[segment id, documents, deleted documents] of each segment of `reader`, in docnum order:
    what a generation's arrays were computed for."""
    return [[r.segment().segment_id(), r.doc_count_all(), r.doc_count_all() - r.doc_count()]
            for r, _ in reader.leaf_readers()]


def _column(reader, field: str) -> tuple[list[bytes], bool]:
    """(the stored column value of each top-level docnum as bytes, b"" where missing; whether
    any segment has the column), read segment by segment (Whoosh's multi-segment column reader
    shifts docnums past a segment without the column)."""
    out: list[bytes] = []
    has_any = False
    for r, _ in reader.leaf_readers():
        if r.has_column(field):
            has_any = True
            out.extend((v or b"") for v in r.column_reader(field, translate=False))
        else:
            out.extend([b""] * r.doc_count_all())
    return out, has_any


def _bytes_array(values: list[bytes]) -> np.ndarray:
    """A numpy bytes array (dtype S) of `values`: compares as the bytes do, and UTF-8 bytes
    order as their code points, i.e. as Python compares the strings."""
    if not values:
        return np.empty(0, dtype="S1")
    return np.array(values, dtype=f"S{max(1, max(len(v) for v in values))}")


def _instants(dvals: list[bytes]) -> list[bytes]:
    """The UTC instant (`searchapp.dates.sort_key`, b"" when undated) of each stored date: a
    date is stored as printed, in its own zone, so its string does not sort as time does."""
    keys: dict[bytes, bytes] = {}
    out = []
    for v in dvals:
        k = keys.get(v)
        if k is None:
            raw = v.decode("utf-8")  # a value dates cannot read keeps its own text
            k = keys[v] = (sort_key(raw) or raw).encode("utf-8") if v else b""
        out.append(k)
    return out


def rank_arrays(dates: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rank newest-first, rank oldest-first) int32 of documents with sort keys `dates` and
    `ids` (bytes arrays; b"" = undated): see the module docstring."""
    n = len(ids)
    by_id = np.argsort(ids, kind="stable")
    if n:
        order = np.argsort(dates, kind="stable")
        sd = dates[order]
        new_run = np.concatenate([[True], sd[1:] != sd[:-1]])
        code = np.empty(n, dtype=np.int64)
        code[order] = np.cumsum(new_run) - 1  # rank of each document's date among the dates
    else:
        code = np.empty(0, dtype=np.int64)
    undated = dates == b""
    last = np.iinfo(np.int64).max
    out = []
    for key in (np.where(undated, last, -code), np.where(undated, last, code)):
        perm = by_id[np.argsort(key[by_id], kind="stable")]
        rank = np.empty(n, dtype=np.int32)
        rank[perm] = np.arange(n, dtype=np.int32)
        out.append(rank)
    return out[0], out[1]


def _facet(reader, field: str, n: int, live: np.ndarray | None) -> Facet:
    """The facet held by whole-value field `field`, from its postings (the index's own terms)."""
    per_value: dict[str, list[np.ndarray]] = {}
    for r, off in reader.leaf_readers():
        if field not in r.indexed_field_names():
            continue
        for tb in r.lexicon(field):
            v = tb.decode("utf-8") if isinstance(tb, bytes) else tb
            ids = np.fromiter(r.postings(field, tb).all_ids(), dtype=np.int64)
            per_value.setdefault(v, []).append(ids + off)
    values = sorted(per_value)
    parts: list[np.ndarray] = []
    bounds = [0]
    for v in values:
        ids = np.concatenate(per_value[v])
        if live is not None:
            ids = ids[live[ids]]
        parts.append(ids.astype(np.int32))
        bounds.append(bounds[-1] + len(ids))
    docs = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
    of = np.full(n, -1, dtype=np.int32)
    seen = np.zeros(n, dtype=np.int32)
    for i, ids in enumerate(parts):
        of[ids] = i
        seen[ids] += 1
    single = int(seen.max(initial=0)) <= 1
    return Facet(values, np.asarray(bounds, dtype=np.int64), docs, of if single else None)


def compute(reader) -> GenArrays:
    """The arrays of the index behind `reader` (a top-level reader)."""
    n = reader.doc_count_all()
    live = None
    if reader.has_deletions():
        live = np.ones(n, dtype=bool)
        for r, off in reader.leaf_readers():
            if r.has_deletions():
                live[np.fromiter(sorted(r.deleted_docs_set), dtype=np.int64) + off] = False
    dvals, _ = _column(reader, "date")
    ivals, has_ids = _column(reader, "id")
    if not has_ids:  # ordering's rule: no id column at all → the docnum's digits
        ivals = [str(d).encode() for d in range(n)]
    dates, ids = _bytes_array(dvals), _bytes_array(ivals)
    newest, oldest = rank_arrays(_bytes_array(_instants(dvals)), ids)
    dlist = sorted({v for v in dvals if v})
    date_of = np.searchsorted(_bytes_array(dlist), dates).astype(np.int32) if dlist \
        else np.zeros(n, dtype=np.int32)
    date_of[dates == b""] = -1
    if live is not None:
        date_of[~live] = -1
    facets = {facet: _facet(reader, FACET_FIELDS[facet], n, live) for facet in ARRAY_FACETS}
    return GenArrays(n, newest, oldest, facets, [d.decode("utf-8") for d in dlist], date_of, live)


def _arrays(g: GenArrays) -> dict[str, np.ndarray]:
    out = {"rank_newest": g.rank_newest, "rank_oldest": g.rank_oldest, "date_of": g.date_of}
    if g.live is not None:
        out["live"] = g.live
    for facet, fc in g.facets.items():
        out[f"f-{facet}.bounds"], out[f"f-{facet}.docs"] = fc.bounds, fc.docs
        if fc.of is not None:
            out[f"f-{facet}.of"] = fc.of
    return out


def write(g: GenArrays, reader, folder: Path) -> None:
    """Write `g`, computed for `reader`, into the generation folder `folder`."""
    arrays = _arrays(g)
    meta = {"format": FORMAT, "segments": signature(reader), "docs": g.n, "dates": g.dates,
            "facets": {f: {"values": fc.values, "single": fc.of is not None}
                       for f, fc in g.facets.items()},
            "arrays": {k: [a.dtype.str, int(len(a))] for k, a in arrays.items()}}
    for k, a in arrays.items():
        tmp = folder / f".{PREFIX}.{k}.tmp"
        with create_new(tmp) as f:  # exclusive, never through a link (storage.py)
            np.ascontiguousarray(a).tofile(f)
        os.replace(tmp, folder / f"{PREFIX}.{k}")
    tmp = folder / f".{PREFIX}.json.tmp"
    with create_new(tmp) as f:
        f.write(json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    os.replace(tmp, folder / f"{PREFIX}.json")


def consistent(g: GenArrays) -> bool:
    """Do the arrays agree with themselves? Every facet's bounds run from 0 to its postings'
    length without going back, its postings are document numbers, and a single-valued facet's
    `of` names for each document exactly the value whose postings hold it; dates and ranks are
    in range. O(n) numpy passes (a few ms at 100k documents): a file changed in place (bit rot,
    a bad copy) would otherwise give wrong facet counts silently."""
    n = g.n
    for f in g.facets.values():
        b, d = f.bounds, f.docs
        if len(b) != len(f.values) + 1 or (len(b) and (b[0] != 0 or b[-1] != len(d))):
            return False
        if len(b) > 1 and np.any(np.diff(b) < 0):
            return False
        if len(d) and (d.min() < 0 or d.max() >= n):
            return False
        if f.of is not None:
            if len(f.of) != n:
                return False
            owner = np.repeat(np.arange(len(f.values), dtype=np.int64), np.diff(b))
            if int(np.count_nonzero(f.of >= 0)) != len(d) or np.any(f.of[d] != owner):
                return False
    for r in (g.rank_newest, g.rank_oldest):
        if len(r) != n or (n and (r.min() < 0 or r.max() >= n)):
            return False
    dmax = len(g.dates)
    return len(g.date_of) == n and not (n and (g.date_of.min() < -1 or g.date_of.max() >= dmax))


def load(reader, folder: Path) -> GenArrays | None:
    """The arrays written for exactly `reader`'s segments and deletions, memory-mapped (read
    only); None when they are missing, of another format, for other segments, truncated, or
    not `consistent` (changed in place: the caller computes them from the index instead, and a
    warning on the `searchapp` logger names the folder)."""
    try:
        meta = json.loads((folder / f"{PREFIX}.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("segments") != signature(reader):
            return None
        arr = {}
        for k, (dtype, length) in meta["arrays"].items():
            p = folder / f"{PREFIX}.{k}"
            if p.stat().st_size != length * np.dtype(dtype).itemsize:
                return None
            arr[k] = map_array(p, dtype, length)
        facets = {f: Facet(info["values"], arr[f"f-{f}.bounds"], arr[f"f-{f}.docs"],
                           arr.get(f"f-{f}.of") if info["single"] else None)
                  for f, info in meta["facets"].items()}
        g = GenArrays(meta["docs"], arr["rank_newest"], arr["rank_oldest"], facets,
                      meta["dates"], arr["date_of"], arr.get("live"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not consistent(g):
        logging.getLogger("searchapp").warning(
            "the generation arrays in %s do not agree with themselves (changed on disk?): "
            "computed from the index instead; check the index with `searchapp repair --check`",
            folder)
        return None
    return g
