"""Writing bulk records (`run.py`): JSONL, one object per line, or CSV flattened to one row per
hit. Both flush per record so output streams. Every CSV cell goes through `csvsafe.cell`
(formula-looking text gets a leading apostrophe, as in the web export). `BulkStats` counts
them for the one-line summary."""
from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass, field
from typing import IO, Any, Callable

from searchapp.bulk.options import BulkOptions
from searchapp.csvsafe import BOM, cell, notice_cells


class JsonlWriter:
    """One JSON object per record per line (UTF-8, not ASCII-escaped unless `ascii_only`),
    flushed per record."""

    def __init__(self, out: IO[str], ascii_only: bool = False):
        self.out = out
        self.ascii_only = ascii_only

    def write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=self.ascii_only) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def csv_columns(options: BulkOptions) -> list[str]:
    """CSV header: query_id, query, total, error, also_searched, did_you_mean, notices,
    notice_texts, rank, then the hit fields (`id` as hit_id)."""
    return ["query_id", "query", "total", "error", "also_searched", "did_you_mean", "notices",
            "notice_texts", "rank"] + [
        "hit_id" if f == "id" else f for f in options.fields if f != "rank"]


def _query_id(v: Any) -> str:
    """A record's `id` as a CSV cell: a list or object as compact JSON, anything else as text."""
    if isinstance(v, (list, dict, bool)) or v is None:
        v = json.dumps(v, ensure_ascii=False) if v is not None else ""
    return cell(v)


def csv_rows(record: dict[str, Any], options: BulkOptions) -> list[list[str]]:
    """Flatten a record to CSV rows (all cells strings, spreadsheet-safe): one per hit; a query
    with no hits or an error gets one row with the hit columns empty. Lists (topics) are joined
    with "|"; a list or object `id` is written as JSON; `also_searched` as `word: v1|v2`, one
    word after another separated by "; "; `did_you_mean` as the suggested query text;
    `notices` and `notice_texts` as `notice_cells` (on every row of the query)."""
    also = "; ".join(f"{d['word']}: {'|'.join(d['variants'])}"
                     for d in record.get("also_searched") or [])
    head = [_query_id(record["id"]), cell(record.get("query", "")), cell(record.get("total", "")),
            cell(record.get("error") or ""), cell(also),
            cell((record.get("did_you_mean") or {}).get("q", "")),
            *notice_cells(record.get("notices"))]
    hit_fields = [f for f in options.fields if f != "rank"]
    hits = record.get("hits") or []
    if not hits:
        return [head + [""] + [""] * len(hit_fields)]
    return [head + [str(rank)] + [cell(h.get(f), sep="|") for f in hit_fields]
            for rank, h in enumerate(hits, 1)]


class CsvWriter:
    """CSV (RFC 4180 via the csv module) with a header row; see csv_rows. `bom` True writes the
    UTF-8 byte-order mark first (Excel then reads the Chinese text as UTF-8; the CLI does so by
    default when writing to a file, not to stdout)."""

    def __init__(self, out: IO[str], options: BulkOptions, bom: bool = False):
        self.out, self.options = out, options
        if bom:
            out.write(BOM)
        self.w = csv.writer(out)
        self.w.writerow(csv_columns(options))

    def write(self, record: dict[str, Any]) -> None:
        self.w.writerows(csv_rows(record, self.options))
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


WRITERS: dict[str, Callable[..., Any]] = {"jsonl": lambda out, o, bom=False: JsonlWriter(out),
                                          "csv": CsvWriter}


@dataclass
class BulkStats:
    """Counts for the one-line summary: queries answered, failures (error records), seconds."""

    queries: int = 0
    failures: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, record: dict[str, Any]) -> None:
        """Count one record (a failure when it carries an error)."""
        self.queries += 1
        self.failures += "error" in record

    def summary(self) -> str:
        """"bulk: N queries, F failures, Q queries/s (S s)"."""
        secs = max(time.perf_counter() - self.started, 1e-9)
        return (f"bulk: {self.queries} queries, {self.failures} failures, "
                f"{self.queries / secs:.1f} queries/s ({secs:.1f} s)")
