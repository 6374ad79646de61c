"""What the console can show, and machine output that never loses a character.

Decided (docs/cli.md, "Console encodings"):
- Human-readable output (result lists, stats, summaries) is written in the console's encoding
  (`sys.stdout.encoding`: the locale, or PYTHONIOENCODING). A character it cannot encode (an
  emoji on a GBK console) is written as `?`, and one warning on stderr at the end of the command
  says how many were replaced and how to see them. Nothing raises: before, `searchapp search`
  exited 2 with UnicodeEncodeError on the first such character.
- Machine-readable output (`bulk`, every `--json`, `segment --format json/jsonl`) is always
  UTF-8, whatever the console's encoding: scripts must get every record, losslessly. On a
  terminal whose encoding is not UTF-8, JSON is written with \\u escapes (still lossless, and
  readable there); CSV stays UTF-8, with a warning that the terminal may show it garbled.

    setup()                      at the start of a command: count instead of raising
    finish()                     at its end: the warning line, if anything was replaced
    data_out(newline=None)       context manager: a UTF-8 text stream over stdout
    ascii_json() -> bool         JSON for stdout must be ASCII-escaped (non-UTF-8 terminal)
    echo_json(obj, indent=None)  one JSON document on stdout, by the rules above
"""
from __future__ import annotations

import codecs
import contextlib
import io
import json
import sys
from typing import Any, Iterator, TextIO

import click

__all__ = ["setup", "finish", "data_out", "ascii_json", "echo_json", "utf8_stream", "warn_once"]

_HANDLER = "searchapp.console"
_replaced = [0]
_warned: set[str] = set()


def _count_and_replace(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    _replaced[0] += err.end - err.start
    return "?" * (err.end - err.start), err.end


codecs.register_error(_HANDLER, _count_and_replace)


def utf8_stream(stream: Any) -> bool:
    """True when `stream` writes UTF-8 (or has no declared encoding, e.g. a bytes buffer)."""
    enc = getattr(stream, "encoding", None)
    if not enc:
        return True
    try:
        return codecs.lookup(enc).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def setup() -> None:
    """Make stdout replace (and count) what its encoding cannot write, instead of raising.
    Streams already writing UTF-8 are left alone."""
    _replaced[0] = 0
    out = sys.stdout
    if out is None or utf8_stream(out) or not hasattr(out, "reconfigure"):
        return
    try:
        out.reconfigure(errors=_HANDLER)
    except (ValueError, io.UnsupportedOperation):
        pass


def warn_once(message: str) -> None:
    """`warning: message` on stderr, once per process."""
    if message not in _warned:
        _warned.add(message)
        click.echo(f"warning: {message}", err=True)


def finish() -> None:
    """The warning line when characters were replaced since `setup()`."""
    n = _replaced[0]
    if n:
        enc = getattr(sys.stdout, "encoding", "?")
        warn_once(f"{n} character{'s' if n != 1 else ''} the console's encoding ({enc}) cannot "
                  f"show {'were' if n != 1 else 'was'} written as '?'; use --json (always "
                  f"UTF-8) or set PYTHONIOENCODING=utf-8 to get them")
        _replaced[0] = 0


def ascii_json() -> bool:
    """True when JSON written to stdout should be ASCII-escaped: stdout is a terminal whose
    encoding is not UTF-8 (a pipe or a file always gets UTF-8)."""
    out = sys.stdout
    return bool(out is not None and out.isatty() and not utf8_stream(out))


@contextlib.contextmanager
def data_out(newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text stream writing to stdout's bytes, whatever stdout's encoding (flushed per
    write; stdout itself stays open afterwards). Falls back to stdout itself when it has no
    byte buffer."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None or utf8_stream(out):
        yield out
        return
    out.flush()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", errors="backslashreplace",
                              newline=newline, write_through=True)
    try:
        yield stream
    finally:
        try:
            stream.flush()
        finally:
            stream.detach()


def echo_json(obj: Any, indent: int | None = None) -> None:
    """`obj` as one JSON document (plus a newline) on stdout: UTF-8 with Chinese text as is, or
    \\u-escaped on a terminal that cannot show it."""
    text = json.dumps(obj, ensure_ascii=ascii_json(), indent=indent)
    with data_out() as out:
        out.write(text + "\n")
        out.flush()
