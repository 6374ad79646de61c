"""`searchapp bulk`: thousands of queries in one call, one record per input line, in input order.

Record shapes, input auto-detection and per-line errors are documented in `searchapp.bulk`.
stdout (or --output) carries nothing but data; the progress bar (only when stderr is a
terminal) and the one-line summary go to stderr.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import sys
from pathlib import Path
from typing import IO, Any, Callable, Iterator

import click

from searchapp import bulk
from searchapp.cli import console
from searchapp.cli.common import CliError, for_terminal, index_option
from searchapp.cli.options import output_format
from searchapp.errors import BadRequest

#: `--jobs 0` (the default) = auto: a 2-process pool (at most the machine's cores) once the
#: input has at least AUTO_MIN_LINES lines, else this process alone. Chosen by measurement
#: (bench/bulk.py, docs/cli.md): a short batch does not repay the workers' start-up.
AUTO_JOBS = 2
AUTO_MIN_LINES = 64
#: Exit status when the output was closed before every line got its record (`| head`):
#: 128 + SIGPIPE, what a shell reports for a tool the closed pipe ended.
EXIT_OUTPUT_CLOSED = 141


@click.command("bulk")
@click.argument("input_path", metavar="INPUT", type=click.Path(allow_dash=True, path_type=str))
@index_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              default="-", show_default=True, help="Where to write the records (- is stdout).")
@output_format(("jsonl", "csv"), None, "jsonl")
@click.option("--size", "--limit", "-n", "limit", default=bulk.DEFAULT_LIMIT, show_default=True,
              type=click.IntRange(1, 100),
              help="Hits per query, as the web's `size` (a JSON line's own size or limit wins).")
@click.option("--fields", default=",".join(bulk.DEFAULT_FIELDS), show_default=True,
              help=f"Comma-separated hit fields, of: {', '.join(bulk.HIT_FIELDS)}.")
@click.option("--snippets", is_flag=True, help="Add a plain-text snippet to each hit (slower).")
@click.option("--thesaurus/--no-thesaurus", default=True, show_default=True,
              help="Also search thesaurus variants, as the web's `thesaurus` (a JSON line's own "
                   "`thesaurus` wins); each record's `also_searched` lists them.")
@click.option("--bom/--no-bom", default=None,
              help="CSV: start with a UTF-8 byte-order mark so Excel reads Chinese text (default: "
                   "yes when writing a file with --output, no on stdout).")
@click.option("--jobs", "-j", default=0, show_default=True, type=click.IntRange(0, 64),
              help="Worker processes, each opening the index once; output order is kept. "
                   f"0 = auto: {AUTO_JOBS} from {AUTO_MIN_LINES} input lines on, else 1.")
def bulk_command(input_path: str, index_dir: Path, output: Path, fmt: str | None, limit: int,
                 fields: str, snippets: bool, thesaurus: bool, bom: bool | None,
                 jobs: int) -> None:
    """Run every query of INPUT (a file, or - for stdin) and write one record per line, in order.

    \b
    INPUT lines are plain text (one query per line) or JSON objects, auto-detected per line:
      {"id": "q1", "q": "5G", "source": "...", "topic": "AI", "from": "2020-09",
       "to": "2020-09-30", "sort": "newest", "limit": 20}
    Records (JSONL): {"id", "query", "ok": true, "total", "hits": [{"id","title","source",
    "date","score"}], "also_searched", "did_you_mean", "took_ms"} or, for that line only,
    {"id", "query", "ok": false, "error",
    "status", "code", "error_zh", "param"} (the API's error shape); id is the line's own id or
    its line number. CSV: one row per hit (query_id, query, total, error, also_searched,
    did_you_mean, rank,
    hit fields); a query with no hits or an error gets one row. Exit code 0 when every line was answered (error
    records included), non-zero when INPUT cannot be read, 130 on Ctrl-C (stderr names the
    last input line whose record is complete, and its id).
    """
    # deferred: the engine (Whoosh, numpy) loads only to search (`--help` stays quick)
    from searchapp.index import open_index

    options = _options(limit, fields, snippets, thesaurus)
    fmt = fmt or ("csv" if output.suffix.lower() == ".csv" else "jsonl")  # --format, --json
    input_file = _open_input(input_path)  # unreadable input: one line, exit 1
    handle = open_index(index_dir)  # missing index: one line, before any output is written
    total = _count_lines(input_file) if sys.stderr.isatty() else None
    out, close_output = _open_output(output, fmt)
    stats = bulk.BulkStats()
    bar = _progress_bar(total)
    done = _Done()
    records = None
    try:
        writer = bulk.WRITERS[fmt](out, options, bom=str(output) != "-" if bom is None else bom)
        if str(output) == "-" and fmt == "jsonl":
            writer.ascii_only = console.ascii_json()
        records = _records(input_file, options, handle, index_dir, jobs)
        for record in records:
            with _ctrl_c_after():  # the record is written and counted, or neither
                writer.write(record)
                done.add(record)
            stats.add(record)
            if bar is not None:
                bar.update(1)
        writer.close()
    except BrokenPipeError:  # `searchapp bulk q.txt | head`: the reader left; stop quietly,
        # but not with 0, which says every line got a record: 141 = 128 + SIGPIPE, the status
        # of a shell tool the pipe ended, so `set -o pipefail` scripts notice
        sys.stderr.write(stats.summary() + " (output closed early: not every line got a "
                         "record)\n")
        raise SystemExit(EXIT_OUTPUT_CLOSED) from None
    except KeyboardInterrupt:
        # Ctrl-C: say where the output stops, so a script can resume, not click's "Aborted!"
        if records is not None:
            records.close()  # ends the worker pool (its workers ignore Ctrl-C: bulk.run)
        raise CliError(done.interrupted(_input_lines(input_path)), exit_code=130) from None
    finally:
        if bar is not None:
            bar.close()
        close_output()
        if input_file is not sys.stdin.buffer:
            input_file.close()
    click.echo(stats.summary(), err=True)


@contextlib.contextmanager
def _ctrl_c_after() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) arriving inside the block until it ends, then act on it as the
    handler in place would: a record written but not yet counted made the interruption message
    one line short of the output. (Blocking the signal would not do: a process-directed signal
    goes to another thread that does not block it, and Python acts on it in the main thread at
    once.) Outside the main thread, a plain block."""
    held: list[int] = []
    try:
        old = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)
        if held and callable(old):
            old(signal.SIGINT, None)  # default_int_handler raises KeyboardInterrupt here
        elif held and old == signal.SIG_DFL:
            raise KeyboardInterrupt


class _Done:
    """How far a batch's output goes: `lines` input lines have their complete record written
    (records come one per input line, in order), the last with `last_id`."""

    def __init__(self) -> None:
        self.lines = 0
        self.last_id: Any = None

    def add(self, record: dict[str, Any]) -> None:
        self.lines += 1
        self.last_id = record.get("id")

    def interrupted(self, total: int | None) -> str:
        """The one line Ctrl-C ends the batch with; `total`: the input's lines, None when unknown
        (stdin)."""
        of = f" of {total}" if total is not None else ""
        if not self.lines:
            return (f"interrupted before the first of the input's{of} lines was answered: the "
                    "output holds no record")
        qid = json.dumps(self.last_id, ensure_ascii=False)
        qid = for_terminal(qid if len(qid) <= 80 else qid[:80] + "…")
        return (f"interrupted after {self.lines}{of} lines: the output is complete up to line "
                f"{self.lines} (id {qid}); run the lines after it to finish")


def _input_lines(path: str) -> int | None:
    """Lines of INPUT as the batch splits them (`_lines`), read again from the file; None for
    stdin or when it cannot be read again."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in _lines(f))
    except (OSError, CliError):
        return None


def _options(limit: int, fields: str, snippets: bool, thesaurus: bool = True) -> bulk.BulkOptions:
    """The batch options, or a one-line error naming the option the user typed."""
    try:
        return bulk.BulkOptions.parse(limit=limit, fields=fields, snippets=snippets,
                                      thesaurus=thesaurus)
    except BadRequest as e:
        valid = f" (valid: {', '.join(e.valid)})" if e.valid else ""
        raise CliError(f"--{e.param}: {e.message}{valid}") from None


def _records(input_file: IO[bytes], options: bulk.BulkOptions, handle: Any, index_dir: Path,
             jobs: int) -> Iterator[dict[str, Any]]:
    """The batch's records in input order, with `jobs` processes (0 = AUTO_JOBS once the input
    has AUTO_MIN_LINES lines, else 1)."""
    from searchapp.bulk.run import run_batch  # deferred: loads the engine, see bulk_command

    items = bulk.read_items(_lines(input_file), options)
    if jobs == 0:
        head = list(itertools.islice(items, AUTO_MIN_LINES))
        jobs = min(AUTO_JOBS, os.cpu_count() or 1) if len(head) >= AUTO_MIN_LINES else 1
        items = itertools.chain(head, items)
    if jobs > 1:
        handle.close()  # each worker opens its own
        return run_batch(items, options, index_dir=index_dir, jobs=jobs)
    return run_batch(items, options, handle=handle)


def _count_lines(f: IO[bytes]) -> int | None:
    """Lines in a seekable input (for the progress bar's total), or None for a pipe."""
    try:
        if not f.seekable():
            return None
        pos = f.tell()
        n = sum(1 for _ in f)
        f.seek(pos)
        return n
    except (OSError, ValueError):
        return None


def _progress_bar(total: int | None) -> Any:
    """A tqdm bar on stderr when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm  # deferred: only on a terminal

    tqdm.monitor_interval = 0  # no monitor thread: keeps this process forkable (bulk.run)
    return tqdm(total=total, unit="q", file=sys.stderr, leave=False)


def _open_output(output: Path, fmt: str) -> tuple[IO[str], Callable[[], Any]]:
    """(stream, close) for the records: the file, or stdout for `-`, UTF-8 either way whatever
    the console's encoding (machine output is lossless: `console`). A one-line error when the
    file cannot be written."""
    newline = "" if fmt == "csv" else None
    if str(output) == "-":
        if fmt == "csv" and console.ascii_json():
            console.warn_once(f"CSV is written as UTF-8, which this terminal "
                              f"({sys.stdout.encoding}) may show garbled; use --output FILE")
        stream = console.data_out(newline=newline)
        return stream.__enter__(), lambda: stream.__exit__(None, None, None)
    try:
        f = open(output, "w", encoding="utf-8", newline=newline)
    except OSError as e:
        raise CliError(f"cannot write {output}: {e.strerror or e}") from None
    return f, f.close


def _open_input(path: str) -> IO[bytes]:
    """INPUT as a binary stream (`-` = stdin). A missing file, a folder or an unreadable file is
    a one-line CliError (exit 1, docs/cli.md), not click's usage text."""
    if path == "-":
        _refuse_binary(sys.stdin.buffer, "stdin")
        return sys.stdin.buffer
    p = Path(path)
    if p.is_dir():
        raise CliError(f"cannot read {path}: it is a folder; give a file of queries (or - for stdin)")
    try:
        f = open(p, "rb")
    except OSError as e:
        raise CliError(f"cannot read {path}: {e.strerror or e}") from None
    _refuse_binary(f, path)
    return f


def _refuse_binary(f: IO[bytes], path: str) -> None:
    """A file that is plainly no text of queries (a PDF, an Office file, an image, binary data:
    `bulk.binary_input` on its first bytes) is a one-line CliError (exit 1), as `index`
    refuses it; without this its bytes would be read line by line as GB18030 "Chinese"."""
    try:
        head = f.peek(65536)[:65536] if hasattr(f, "peek") else b""
    except OSError:
        return  # the read itself will say what is wrong
    why = bulk.binary_input(head)
    if why:
        f.close()
        raise CliError(f"cannot read {path}: {why}; give a text file of queries, one per line")


def _lines(f: IO[bytes]):
    """Lines of a binary input, ended by LF, CRLF or a lone CR (old Mac text, Excel for Mac's
    "CSV (Macintosh)"), as POST /api/bulk splits them (`bytes.splitlines`); a read error ends
    the batch with a one-line message (exit 1)."""
    try:
        wide = bulk.wide_lines(f)  # UTF-16/32: decoded whole (its newline is not one byte)
        if wide is not None:
            yield from wide
            return
        for raw in f:
            yield from raw.splitlines(keepends=True) if b"\r" in raw[:-2] else (raw,)
    except OSError as e:
        raise CliError(f"cannot read input: {e.strerror or e}") from None
