"""Writing bulk records (see searchapp.bulk): JSONL, one object per line, or CSV flattened to
one row per hit. Both flush per record so output streams."""
from __future__ import annotations

import csv
import json
from typing import IO, TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from searchapp.bulk import BulkOptions


class JsonlWriter:
    """One JSON object per record per line (UTF-8, not ASCII-escaped), flushed per record."""

    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def csv_columns(options: "BulkOptions") -> list[str]:
    """CSV header: query_id, query, total, error, rank, then the hit fields (`id` as hit_id)."""
    return ["query_id", "query", "total", "error", "rank"] + [
        "hit_id" if f == "id" else f for f in options.fields if f != "rank"]


def csv_rows(record: dict[str, Any], options: "BulkOptions") -> list[list[Any]]:
    """Flatten a record to CSV rows: one per hit; a query with no hits or an error gets one row
    with the hit columns empty. Lists (topics) are joined with "|"."""
    head = [record["id"], record.get("query", ""), record.get("total", ""),
            (record.get("error") or {}).get("message", "")]
    hit_fields = [f for f in options.fields if f != "rank"]
    hits = record.get("hits") or []
    if not hits:
        return [head + [""] + [""] * len(hit_fields)]
    rows = []
    for rank, h in enumerate(hits, 1):
        vals = []
        for f in hit_fields:
            v = h.get(f)
            vals.append("|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v))
        rows.append(head + [rank] + vals)
    return rows


class CsvWriter:
    """CSV (RFC 4180 via the csv module) with a header row; see csv_rows."""

    def __init__(self, out: IO[str], options: "BulkOptions"):
        self.out, self.options = out, options
        self.w = csv.writer(out)
        self.w.writerow(csv_columns(options))

    def write(self, record: dict[str, Any]) -> None:
        self.w.writerows(csv_rows(record, self.options))
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


WRITERS: dict[str, Callable[..., Any]] = {"jsonl": lambda out, o: JsonlWriter(out), "csv": CsvWriter}
