"""Spreadsheet-safe CSV cells, shared by the web export (`searchapp.web.export`) and `searchapp
bulk --format csv` (`searchapp.bulk.output`).

`cell(value) -> str`: None → ""; a list → its items joined with `sep`; a dict, or a list
holding one (`also_in`), → compact JSON; any other value → str. A cell a spreadsheet would run
as a formula (text starting with `=`, `+`, `-`, `@`, a tab or a CR) gets a leading apostrophe,
unless it is a plain number (`-3.5`), per OWASP "CSV Injection"
(https://owasp.org/www-community/attacks/CSV_Injection).
`notice_cells(notices) -> (codes, texts)`: a search's notices (how the query was read) as the
two cells both CSVs write on every row, so a CSV never hides a change of meaning.
`BOM`: the UTF-8 byte-order mark written first in CSV files meant for Excel (which otherwise
guesses the legacy code page and garbles Chinese text).
"""
from __future__ import annotations

import json
from typing import Any

#: First characters that make a spreadsheet evaluate a cell (OWASP "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: UTF-8 byte-order mark (as text: write it through a UTF-8 stream).
BOM = "\ufeff"


def is_number(s: str) -> bool:
    """True when `s` parses as a float (`-3.5`, `+1e3`): such a cell is data, not a formula."""
    try:
        float(s)
        return True
    except ValueError:
        return False


def defuse(s: str) -> str:
    """`s` with a leading apostrophe when a spreadsheet would run it as a formula."""
    if s.startswith(FORMULA_START) and not is_number(s):
        return "'" + s
    return s


def cell(v: Any, sep: str = ";") -> str:
    """Any value → a safe CSV cell string (see the module docstring)."""
    if v is None:
        return ""
    if isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict) for x in v)):
        return defuse(json.dumps(v, ensure_ascii=False))
    if isinstance(v, list):
        v = sep.join("" if x is None else str(x) for x in v)
    return defuse(str(v))


def notice_cells(notices: Any) -> tuple[str, str]:
    """(codes, texts) of a search's `notices` ([{"code", "text"}], as /api/search and bulk
    records give them) as two CSV cells: the codes joined with ";" (`searchapp.messages` codes:
    `bad_page`, `unbalanced_quote`, `dates_swapped`, `unknown_field`, ...), the texts one per
    line in the same order; ("", "") when there is none. They say how the query was read — a
    filter dropped, a quote ignored, dates swapped — which JSON output always carried and CSV
    used to drop (TESTER7 T8)."""
    items = [n for n in notices or [] if isinstance(n, dict)]
    return (cell(";".join(str(n.get("code", "")) for n in items)),
            cell("\n".join(str(n.get("text", "")) for n in items)))
