"""Bulk input: each line (or array element) → an `Item`, ready to search or already failed.

Input, per line (auto-detected): a line whose first non-blank character is `{` is a JSON object
`{"id": any (echoed back), "q": str, "source": str|[str], "topic": str|[str], "month", "from",
"to", "sort", "page", "limit": 1..MAX_PAGE_SIZE, "snippets": bool or "1/true/yes/on/0/false/no/off"}`;
any other line is one plain-text query. A blank line, invalid JSON, an empty query, an unknown
parameter, a bad value or an over-long query (> config.MAX_QUERY_CHARS) gives a failed Item
(its error in the one error shape, `errors.SearchAppError.to_dict`), for that line only.
"""
from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator

from searchapp.analysis.charsets import chinese_reading
from searchapp.analysis.text import no_lone_surrogates
from searchapp.bulk.options import BulkOptions
from searchapp.config import MAX_PAGE_SIZE
from searchapp.errors import SearchAppError
from searchapp.messages import bad_request
from searchapp.request import SearchRequest, parse_bool, parse_int, parse_q, single

__all__ = ["Item", "parse_line", "parse_value", "parse_text", "read_items", "wide_lines",
           "body_lines", "binary_input", "loads_strict", "EXTRA_KEYS", "ECHO_CHARS"]

#: Keys a JSON input line may carry besides the SearchRequest parameters.
EXTRA_KEYS = ("id", "limit", "snippets")
#: The notice (`searchapp.messages`) of a line read in a legacy encoding, by codec
#: (`analysis.charsets.chinese_reading`): the same notices the API gives a query string so read.
READ_AS_NOTICES = {"gb18030": "query_read_as_gb18030", "big5hkscs": "query_read_as_big5"}
#: Longest query echoed back in a failed record, in characters (a 100,000-character query is cut).
ECHO_CHARS = 200


@dataclass
class Item:
    """One parsed input line. `n` 1-based position; `id` echoed back; `query` the query text
    (for the record); exactly one of `request` (ready to search) and `error` (the failed
    record's error: a SearchAppError) is set."""

    n: int
    id: Any
    query: str
    request: SearchRequest | None = None
    error: SearchAppError | None = None


def _echo(q: Any) -> str:
    s = q if isinstance(q, str) else ("" if q is None else json.dumps(q, ensure_ascii=False))
    return s if len(s) <= ECHO_CHARS else s[:ECHO_CHARS] + "…"


def _failed(n: int, query: str, code: str, param: str | None = None, **params: Any) -> Item:
    return Item(n, n, query, error=bad_request(code, param=param, **params))


def parse_value(value: Any, n: int, options: BulkOptions) -> Item:
    """A decoded JSON value (an object, or a string taken as a plain query) → Item. Never raises."""
    if isinstance(value, str):
        return parse_text(value, n, options)
    if not isinstance(value, dict):
        return _failed(n, "", "bulk_not_object")
    qid = value["id"] if "id" in value else n  # any JSON value, echoed unchanged (docs/cli.md)
    q = value.get("q")
    item = Item(n, qid, _echo(q))
    try:
        req = SearchRequest.from_params(value, allowed_extra=EXTRA_KEYS)
        limit = single(value.get("limit"), "limit")
        if limit is not None and value.get("size") not in (None, "") and str(limit).strip() != \
                str(value["size"]).strip():  # `size` and `limit` are one option (docs/cli.md)
            raise bad_request("repeated_param", param="limit")
        default = req.size if value.get("size") not in (None, "") else options.limit
        size = parse_int(limit, "limit", 1, MAX_PAGE_SIZE, default)
        snip = parse_bool(value.get("snippets"), "snippets", options.snippets)
        th = req.thesaurus if value.get("thesaurus") not in (None, "") else options.thesaurus
        item.request = _finish(req, size, options).with_(snippets=snip, thesaurus=th)
        item.query = req.q
    except SearchAppError as e:
        item.error = e
    return item


def parse_text(text: str, n: int, options: BulkOptions) -> Item:
    """A plain-text query line → Item. Never raises."""
    item = Item(n, n, _echo(text.strip()))
    try:
        q = parse_q(text)
        item.query = q
        item.request = _finish(SearchRequest(q=q), options.limit, options)
    except SearchAppError as e:
        item.error = e
    return item


def _finish(req: SearchRequest, size: int, options: BulkOptions) -> SearchRequest:
    """The request as a batch runs it. A request without a query must have a filter: then it
    lists what the filter selects, as the page, the API and `searchapp search` do; with neither
    it is an error (in a batch, most likely a line that lost its query)."""
    if not req.q and not (req.sources or req.topics or req.months or req.date_from
                          or req.date_to):
        raise bad_request("bulk_empty_q", param="q")
    return req.with_(size=size, snippets=options.snippets, facets=False,
                     highlight="title_html" in options.fields, thesaurus=options.thesaurus)


def parse_line(line: str | bytes, n: int, options: BulkOptions) -> Item:
    """One input line (str, or bytes in UTF-8, else GB18030 or Big5 when that reads as plausible
    Chinese: `analysis.charsets.chinese_reading`) → Item; JSON when it starts with `{`. A line
    read in a legacy encoding is never read silently: its request carries the notice
    `query_read_as_gb18030` or `query_read_as_big5` (READ_AS_NOTICES), as the API's query string
    does. Never raises: bytes no codec reads with confidence and invalid JSON become a failed
    Item."""
    read_as = None
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            got = chinese_reading(line)  # GB18030 or Big5, when the reading is plausible Chinese
            if got is None:
                return _failed(n, "", "bulk_not_text")
            line, read_as = got[0], READ_AS_NOTICES[got[1]]
    item = _parse_text_line(line, n, options)
    if read_as and item.request is not None:
        item.request = item.request.with_(notices=item.request.notices + (read_as,))
    return item


def _parse_text_line(line: str, n: int, options: BulkOptions) -> Item:
    if n == 1:
        line = line.lstrip("\ufeff")
    line = line.rstrip("\r\n")
    if line.lstrip().startswith("{"):
        try:
            value = loads_strict(line)
        except ValueError as e:
            return _failed(n, _echo(line.strip()), "bulk_bad_json", reason=e)
        return parse_value(no_lone_surrogates(value), n, options)
    if not line.strip():
        return _failed(n, "", "bulk_blank_line", param="q")
    return parse_text(line, n, options)


def binary_input(head: bytes) -> str | None:
    """What an input whose first bytes are `head` plainly is when it is no text of queries (a
    PDF, or what `ingest.sniff` calls binary: an Office/ZIP file, an image, NUL or control
    bytes that are not UTF-16 text), as a phrase; None for text. Never raises."""
    from searchapp.ingest.sniff import sniff  # deferred: only a file input needs it

    got = sniff(head)
    if got.kind == "pdf":
        return "a PDF file, not text"
    return got.reason if got.kind == "binary" else None


def loads_strict(text: str) -> Any:
    """json.loads for standard JSON only. Raises ValueError for invalid JSON, for NaN /
    Infinity and numbers out of float range (they would be echoed back as output that is not
    JSON), and for nesting deeper than the parser's recursion limit (where json.loads raises
    RecursionError, which would end a whole batch). A key given twice in one object keeps both
    values, as a list (`{"q": "a", "q": "b"}` → `{"q": ["a", "b"]}`), so the request's rule for a
    repeated parameter decides (`repeated_param` when they differ) instead of the last one
    silently winning."""
    def number(s: str) -> float:
        v = float(s)
        if not math.isfinite(v):
            raise ValueError(f"number out of range: {s[:40]}")
        return v

    def constant(s: str):
        raise ValueError(f"{s} is not standard JSON")

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for k, v in items:
            if k in out:
                prev = out[k]
                out[k] = (prev if isinstance(prev, list) else [prev]) + \
                    (v if isinstance(v, list) else [v])
            else:
                out[k] = v
        return out

    try:
        return json.loads(text, parse_float=number, parse_constant=constant,
                          object_pairs_hook=pairs)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_items(lines: Iterable[str | bytes], options: BulkOptions) -> Iterator[Item]:
    """Input lines (a file object opened in binary or text mode, a list) → Items, lazily. Binary
    input in UTF-16 or UTF-32 is decoded whole by the caller first (`wide_lines`)."""
    for n, line in enumerate(lines, 1):
        yield parse_line(line, n, options)


def wide_lines(f: IO[bytes]) -> Iterator[str] | None:
    """The lines of a binary stream in UTF-16 or UTF-32 (`ingest.decode.wide_encoding` of its
    head, read with `peek` so nothing is consumed), decoded; None for any other stream (read it
    as bytes lines). Undecodable units become U+FFFD, which no article holds."""
    from searchapp.ingest.decode import wide_encoding  # deferred: the readers load with it

    peek = getattr(f, "peek", None)
    head = peek(4096)[:4096] if peek else b""
    enc = wide_encoding(head, whole=len(head) < 4096 and _at_end(f, len(head))) if head else None
    if enc is None:
        return None
    return iter(io.TextIOWrapper(f, encoding=enc, errors="replace", newline=None))


def _at_end(f: IO[bytes], n: int) -> bool:
    """Is a stream whose `peek` gave `n` bytes at its end after them? Only a seekable stream can
    say (a pipe's peek may return less than is coming); False when unknown."""
    try:
        if not f.seekable():
            return False
        pos = f.tell()
        end = f.seek(0, io.SEEK_END)
        f.seek(pos)
        return end - pos <= n
    except (OSError, ValueError):
        return False


def body_lines(data: bytes) -> list[str] | list[bytes]:
    """The lines of a whole input (a request body), split as `bytes.splitlines` splits them
    (LF, CRLF or a lone CR); UTF-16 or UTF-32 input is decoded whole first (`wide_lines`)."""
    from searchapp.ingest.decode import wide_encoding  # deferred: the readers load with it

    enc = wide_encoding(data[:4096], whole=len(data) <= 4096)
    return data.decode(enc, errors="replace").splitlines() if enc else data.splitlines()
