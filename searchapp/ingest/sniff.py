"""What a file is, judged by its content (the first 64 KiB, decompressed), never by its name.

    sniff(head, whole=False) -> Sniffed(kind, encoding, delimiter, reason)

Kinds, in the order they are tried (the first that fits wins):

| kind | evidence |
|---|---|
| `pdf` | `%PDF-` in the first 1 KiB (where the PDF specification allows the header) |
| `binary` | a known binary signature (ZIP/Office, OLE, PNG, JPEG, GIF, RAR, 7z), or NUL/control bytes that are not UTF-16 text (`decode.looks_binary`) |
| `sogou` | starts with a `<doc>` record (or `<doclist>`) with `<docno>`/`<contenttitle>` fields (Sogou Labs news dumps, SogouCA/CS) |
| `html` | starts with `<` and holds `<html`, `<!doctype html`, `<head` or `<body`, or is a fragment of block tags (`<div`, `<p>`, `<article>`) |
| `xml` | any other markup document (`<?xml`, RSS, Atom): refused |
| `jsonl` | the first non-blank line starts with `{` and holds more than the brace |
| `json` | a JSON document: starts with `[`, or with a lone `{` (an object spread over lines) |
| `pfr` | lines `YYYYMMDD-PP-AAA-NNN/m  word/POS …` (the PKU People's Daily tagged corpus) |
| `markdown` | a `# heading` first line plus more Markdown (headings, fences, tables): documentation, refused |
| `structured` | mostly JSON fragments (`"key": value`, lone braces, `>>>>` separators): program output, refused |
| `table` | a first line `sep=X` (Excel's delimiter hint, `table_hint`) above rows that read as a table at `X`, the hint line skipped; refused when they do not. CSV/TSV: most rows (≥ 80 %, all when fewer than 5) split into the same number (≥ 2) of fields at a tab, comma, semicolon or `|` (tab first); or a first line that is a header naming the body and another known column (`title,body,source,date`), however many rows below it are malformed |
| `text` | anything else that decodes as text: a magazine issue or a plain-text article, decided on the whole text (`ingest.plaintext.looks_like_issue`) |

`whole=True` says the head is the whole file (its last line is complete).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .decode import looks_binary, sniff_utf16
from .stream import stream_encoding
from .table_map import header_roles

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub, which are ZIP archives)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls/.ppt)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
_HTML_MARKERS = ("<html", "<!doctype html", "<head", "<body")
_FRAGMENT = re.compile(r"<(?:div|p|article|section|span|table|h[1-6])[\s>]", re.I)
_PFR_LINE = re.compile(r"^\d{8}-\d{2}-\d{3}-\d{3}/m\s")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_MD_MORE = re.compile(r"^(?:#{1,6}\s+\S|```|\|.*\|\s*$|[-*]\s+\S)")
_JSON_FRAGMENT = re.compile(r'^\s*(?:"[^"]{1,80}"\s*:|[\[\]{}],?\s*$|>{3,}|<{3,})')
_DELIMITERS = ("\t", ",", ";", "|")
#: Excel's delimiter hint, a first line `sep=;` (also quoted, or padded with the delimiter).
_SEP_HINT = re.compile(r'^"?sep=(.?)"?(?:\1)*$', re.I)
#: Known column names a first line needs to make a table by its header alone (body and one more).
HEADER_MIN_ROLES = 2


@dataclass(frozen=True)
class Sniffed:
    """kind (see module docstring); encoding of the head (line formats read the file in it);
    delimiter of a table; reason: what was seen, for kinds that are refused; hint_line: the
    1-based line of a table's `sep=X` hint (not a row), else 0."""

    kind: str
    encoding: str = "utf-8"
    delimiter: str | None = None
    reason: str = ""
    hint_line: int = 0


def _nonblank(lines: list[str], n: int = 200) -> list[str]:
    return [ln for ln in lines if ln.strip()][:n]


def sniff(head: bytes, whole: bool = False) -> Sniffed:
    """Recognise the content of `head` (see module docstring). Never raises."""
    if b"%PDF-" in head[:1024]:
        return Sniffed("pdf")
    for sig, what in _SIGNATURES:
        if head.startswith(sig):
            return Sniffed("binary", reason=f"{what}, not text")
    enc = stream_encoding(head)
    if enc.startswith(("utf-16", "utf-32")):
        text = head.decode(enc, errors="replace")
    else:
        if looks_binary(head) and not sniff_utf16(head) and _binary_share(head) > 0.5:
            return Sniffed("binary", reason="binary data (NUL or control bytes), not text")
        text = head.decode(enc, errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not whole and "\n" in text:
        text = text[: text.rfind("\n")]  # the last line may be cut
    lines = text.split("\n")
    body = _nonblank(lines)
    if not body:
        return Sniffed("text", enc)
    first = body[0].strip()
    low = text.lstrip()[:4096].lower()
    if low.startswith(("<doc>", "<doclist>")) and ("<docno>" in low or "<contenttitle>" in low):
        return Sniffed("sogou", enc)
    if low.startswith("<"):
        if any(m in low for m in _HTML_MARKERS) or _FRAGMENT.search(low):
            return Sniffed("html", enc)
        return Sniffed("xml", enc, reason="an XML document (not a news page, JSONL or CSV export)")
    if first.startswith("{") and first != "{":
        return Sniffed("jsonl", enc)
    if first.startswith(("{", "[")):
        return Sniffed("json", enc)
    if sum(1 for ln in body[:50] if _PFR_LINE.match(ln)) >= 0.8 * min(len(body), 50):
        return Sniffed("pfr", enc)
    if _MD_HEADING.match(first) and sum(1 for ln in body[1:] if _MD_MORE.match(ln)) >= 2:
        return Sniffed("markdown", enc, reason="Markdown documentation (a `#` heading, lists or "
                       "tables), not an article")
    if len(body) >= 5 and sum(1 for ln in body if _JSON_FRAGMENT.match(ln)) >= 0.4 * len(body):
        return Sniffed("structured", enc, reason="program output made of JSON fragments "
                       "(\"key\": value lines, braces), not an article or a JSON/JSONL export")
    hint = _SEP_HINT.match(lines[0].strip(" "))
    if hint:
        return table_hint(hint.group(1), lines[1:], enc)
    delim = table_delimiter(text) or header_delimiter(first)
    if delim:
        return Sniffed("table", enc, delimiter=delim)
    return Sniffed("text", enc)


def table_hint(sep: str, below: list[str], enc: str) -> Sniffed:
    """A file whose first line is Excel's delimiter hint `sep=X` (Excel writes and honours it;
    it is not a row): a table at `X` with that line skipped when the lines `below` it read as a
    table at `X` (`table_delimiter`, or a known header, `header_delimiter`); otherwise refused,
    naming the hint, so its rows are never read as the text of one article."""
    rest = _nonblank(below)
    if len(sep) == 1 and sep not in "\"\r\n" and rest and (
            table_delimiter("\n".join(below), (sep,)) or header_delimiter(rest[0].strip(), (sep,))):
        return Sniffed("table", enc, delimiter=sep, hint_line=1)
    shown = {"\t": "a tab", " ": "a space"}.get(sep, repr(sep) if sep else "nothing")
    return Sniffed("table", enc, reason=f"its first line `sep={sep}` is Excel's delimiter hint, "
                   f"naming {shown}, but the lines below it do not read as a table split at it "
                   "(the same number of fields in most rows, or a header naming the body); "
                   "fix the hint or the rows, or remove the line")


def _binary_share(head: bytes) -> float:
    """Share of the head's bytes on lines that are binary (NUL/control bytes > 10 %)."""
    lines = head.split(b"\n")
    bad = sum(len(ln) for ln in lines
              if ln and sum(1 for b in ln if b < 32 and b not in (9, 10, 12, 13, 27)) > 0.1 * len(ln))
    return bad / max(1, len(head))


def header_delimiter(line: str, delimiters: tuple[str, ...] = _DELIMITERS) -> str | None:
    """The delimiter when `line` (a file's first non-blank line) is a header naming at least
    `HEADER_MIN_ROLES` known columns one of which is the body (`table_map.header_roles`:
    `title,body,source,date`, `标题\t正文`), else None. Such a file is a table even when many
    of its rows are malformed (the table reader reports each bad row as `file:line`), never an
    article whose first line is body text. `delimiters`: the ones tried, in order."""
    for d in delimiters:
        if d not in line:
            continue
        try:
            cells = next(csv.reader([line], delimiter=d))
        except (csv.Error, StopIteration):
            continue
        cmap = header_roles(cells, distinct=False) if len(cells) >= 2 else None
        roles = {r for r, _ in cmap.roles} if cmap is not None else set()
        if len(roles) >= HEADER_MIN_ROLES and "body" in roles:
            return d
    return None


def table_delimiter(text: str, delimiters: tuple[str, ...] = _DELIMITERS) -> str | None:
    """The field delimiter when `text` (complete lines) reads as a table, else None: parsed as
    CSV with that delimiter, at least 2 records, the most common field count k ≥ 2, and ≥ 80 %
    of the records (all of them when fewer than 5) have exactly k fields. `delimiters`: the
    ones tried, in order."""
    for d in delimiters:
        if d not in text:
            continue
        try:
            rows = [r for r in csv.reader(io.StringIO(text), delimiter=d) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        rows = rows[:200]
        if len(rows) < 2:
            continue
        counts: dict[int, int] = {}
        for r in rows:
            counts[len(r)] = counts.get(len(r), 0) + 1
        k, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if k < 2:
            continue
        if n >= (len(rows) if len(rows) < 5 else 0.8 * len(rows)):
            return d
    return None
