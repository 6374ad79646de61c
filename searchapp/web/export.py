"""CSV and JSONL exports of a whole result list (all pages, up to backend.EXPORT_MAX_ROWS).

Every row says which query words its article lacks (`missing`: a partial hit of best match;
empty when it has them all), so an export is never a silent mix of complete and partial hits;
and how the query was read (`notices`: a filter dropped, a quote ignored, dates swapped — the
notices /api/search gives, codes and texts on every row, and the codes in the header
`X-Searchapp-Notices`, which an export without rows still has), so it never hides a change of
meaning either.
CSV is UTF-8 with a byte-order mark so Excel opens Chinese text correctly (Excel guesses the
legacy code page without it). Cells that a spreadsheet would run as a formula (starting with
= + - @ or a tab/CR) get a leading apostrophe, per OWASP "CSV Injection" (`searchapp.csvsafe`,
shared with `searchapp bulk --format csv`).
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Response

from searchapp.csvsafe import BOM, cell, notice_cells
from searchapp.request import SearchRequest
from searchapp.web import backend
from searchapp.web.urls import article_url

CSV_COLUMNS = ("rank", "id", "title", "source", "date", "published", "topics", "author", "speaker",
               "series", "column", "score", "missing", "duplicate_of", "also_in", "snippet",
               "link", "notices", "notice_texts")
_cell = cell  # one spreadsheet-safe cell rule for every CSV we write (searchapp.csvsafe)


def _row(h: Any, notices: list[dict[str, str]]) -> dict[str, Any]:
    d = h.to_dict()
    d["link"] = article_url(h.id, external=True)
    d["score"] = round(float(d.get("score") or 0.0), 4)
    d["notices"] = notices
    return d


def add_notice_header(resp: Response, notices: list[dict[str, str]]) -> None:
    """Set `X-Searchapp-Notices` on `resp`: the codes of `notices` ([{"code", …}], how the
    query was read) joined with ";"; nothing when there is none. Every download of a search
    (CSV, JSONL, the Atom feed) says it the same way."""
    if notices:
        resp.headers["X-Searchapp-Notices"] = ";".join(n["code"] for n in notices)


def export_response(req: SearchRequest, fmt: str) -> Response:
    """A download of every hit of `req` as "csv" or "jsonl" (module docstring)."""
    hits, total, notices = backend.all_hits(req)
    rows = [_row(h, notices) for h in hits]
    if fmt == "csv":
        buf = io.StringIO()
        buf.write(BOM)
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(CSV_COLUMNS)
        codes, texts = notice_cells(notices)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in CSV_COLUMNS[:-2]] + [codes, texts])
        body, mime = buf.getvalue(), "text/csv; charset=utf-8"
    else:
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        mime = "application/x-ndjson; charset=utf-8"
    resp = Response(body.encode("utf-8"), mimetype=mime.split(";")[0])
    resp.headers["Content-Type"] = mime
    resp.headers["Content-Disposition"] = f'attachment; filename="searchapp-results.{fmt}"'
    resp.headers["X-Searchapp-Total"] = str(total)
    add_notice_header(resp, notices)
    if len(rows) < total:
        resp.headers["X-Searchapp-Truncated"] = f"{len(rows)} of {total} rows"
    return resp
