"""bulk: many queries in, one record per query out, in input order (CLI `bulk` and POST /api/bulk).

    BulkOptions                                   options.py: hits per query, fields, snippets
    Item, parse_line / parse_value / read_items   items.py: input lines → requests or errors
    wide_lines / body_lines                       items.py: UTF-16/32 input decoded whole
    WRITERS["jsonl" | "csv"](out, options, bom=)  output.py (+ BulkStats for the summary)
    bulk.run.run_batch(items, options, ...)       run.py: answered in order, repeats once
                                                  (records.py: one line's record; pool.py: jobs > 1)

Views and commands only translate their input into Items, call `run.run_batch`, and write the
records. A failed record carries the one error shape (`errors.SearchAppError.to_dict`).
`run` is imported by name where a batch is run (it loads the engine; this face stays light,
so the CLI's `--help` does not).
"""
from searchapp.bulk.items import (ECHO_CHARS, EXTRA_KEYS, Item, binary_input, body_lines,
                                  loads_strict, parse_line, parse_text, parse_value, read_items,
                                  wide_lines)
from searchapp.bulk.options import DEFAULT_FIELDS, DEFAULT_LIMIT, HIT_FIELDS, BulkOptions
from searchapp.bulk.output import WRITERS, BulkStats, CsvWriter, JsonlWriter, csv_columns, csv_rows

__all__ = ["WRITERS", "CsvWriter", "JsonlWriter", "csv_columns", "csv_rows", "DEFAULT_FIELDS",
           "DEFAULT_LIMIT", "ECHO_CHARS", "EXTRA_KEYS", "HIT_FIELDS", "BulkOptions", "BulkStats",
           "Item", "binary_input", "loads_strict", "parse_line", "parse_text", "parse_value",
           "read_items", "wide_lines", "body_lines"]
