"""bulk: many queries in, one record per query out, in input order (CLI `bulk` and POST /api/bulk).

    BulkOptions, Item, parse_line / parse_value / read_items     run.py
    run_batch(items, options, ...) -> records                    run.py
    WRITERS["jsonl" | "csv"](out, options, bom=...)              output.py
"""
from searchapp.bulk.output import WRITERS, CsvWriter, JsonlWriter, csv_columns, csv_rows
from searchapp.bulk.run import (DEFAULT_FIELDS, DEFAULT_LIMIT, ECHO_CHARS, EXTRA_KEYS, HIT_FIELDS,
                                BulkOptions, BulkStats, Item, answer, loads_strict, parse_line,
                                parse_text, parse_value, read_items, run_batch)

__all__ = ["WRITERS", "CsvWriter", "JsonlWriter", "csv_columns", "csv_rows", "DEFAULT_FIELDS",
           "DEFAULT_LIMIT", "ECHO_CHARS", "EXTRA_KEYS", "HIT_FIELDS", "BulkOptions", "BulkStats",
           "Item", "answer", "loads_strict", "parse_line", "parse_text", "parse_value",
           "read_items", "run_batch"]
