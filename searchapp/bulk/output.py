"""Writing bulk records (see searchapp.bulk): JSONL, one object per line, or CSV flattened to
one row per hit. Both flush per record so output streams. Every CSV cell goes through
`searchapp.csvsafe.cell` (formula-looking text gets a leading apostrophe, as in the web export)."""
from __future__ import annotations

import csv
import json
from typing import IO, TYPE_CHECKING, Any, Callable

from searchapp.csvsafe import BOM, cell

if TYPE_CHECKING:
    from searchapp.bulk.run import BulkOptions


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


def _query_id(v: Any) -> str:
    """A record's `id` as a CSV cell: a list or object as compact JSON, anything else as text."""
    if isinstance(v, (list, dict, bool)) or v is None:
        v = json.dumps(v, ensure_ascii=False) if v is not None else ""
    return cell(v)


def csv_rows(record: dict[str, Any], options: "BulkOptions") -> list[list[str]]:
    """Flatten a record to CSV rows (all cells strings, spreadsheet-safe): one per hit; a query
    with no hits or an error gets one row with the hit columns empty. Lists (topics) are joined
    with "|"; a list or object `id` is written as JSON."""
    head = [_query_id(record["id"]), cell(record.get("query", "")), cell(record.get("total", "")),
            cell((record.get("error") or {}).get("message", ""))]
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

    def __init__(self, out: IO[str], options: "BulkOptions", bom: bool = False):
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
