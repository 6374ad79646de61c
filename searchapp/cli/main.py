"""The `searchapp` command (also `python -m searchapp`): a click group whose docstrings are its --help.

Commands: segment, index, search, bulk, serve, stats (search in cli_search.py, bulk in
cli_bulk.py). Heavy modules (jieba, Whoosh, Flask) are imported inside commands, so `--help` is
instant. Errors: every `SearchAppError` (missing or busy index, bad parameter) becomes one line on
stderr, "Error: ...", and a non-zero exit, never a traceback; an unexpected exception is reported
the same way (set SEARCHAPP_DEBUG=1 to see its traceback). Exit codes: 0 success; 1 a
SearchAppError, or `index`/`segment` skipped some files or lines but did the rest; 2 usage errors
(click) and fatal `index`/`segment` errors.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

from searchapp.errors import SearchAppError


class CliError(click.ClickException):
    """One line on stderr ("Error: message") and exit code `exit_code` (default 1)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class _Group(click.Group):
    """Turns SearchAppError (and, unless SEARCHAPP_DEBUG is set, any exception) into CliError."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SearchAppError as e:
            raise CliError(_one_line(e.message)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `searchapp search x | head`: stop quietly
            sys.stderr.close()
            raise click.exceptions.Exit(0)
        except Exception as e:  # noqa: BLE001 - never a traceback at the user
            if os.environ.get("SEARCHAPP_DEBUG"):
                raise
            raise CliError(_one_line(f"internal error: {type(e).__name__}: {e} "
                                     "(set SEARCHAPP_DEBUG=1 for details)"), exit_code=2) from None


def _one_line(s: str) -> str:
    return " ".join(str(s).split())


def index_option(f: Callable) -> Callable:
    """`--index DIR` (envvar SEARCHAPP_INDEX, default `index/` in the working directory)."""
    return click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
                        envvar="SEARCHAPP_INDEX", default="index", show_default=True,
                        show_envvar=True, help="Folder of the search index.")(f)


def dump_json(obj: Any) -> str:
    """Compact UTF-8 JSON (Chinese text readable, not \\u-escaped)."""
    return json.dumps(obj, ensure_ascii=False)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchapp")
def main() -> None:
    """searchapp: search Chinese news articles (magazine issues, news pages, JSONL exports).

    \b
    Typical use:
      searchapp index corpus/          build or update the index in ./index
      searchapp search 5G --topic AI   ranked results with snippets
      searchapp serve                  web UI and JSON API on http://127.0.0.1:5000/
    """


def _problem_line(p: Any) -> str:
    d = p if isinstance(p, dict) else (p.to_dict() if hasattr(p, "to_dict") else vars(p))
    where = str(d.get("file", "?"))
    if d.get("line") is not None:
        where += f":{d['line']}"
    return f"{where}: {d.get('reason', '')}"


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="jsonl",
              show_default=True, help="jsonl: one article per line; json: one array; text: for reading.")
def segment(file: Path, fmt: str) -> None:
    """Split FILE (magazine issue .txt, news page .html, export .jsonl) into articles.

    Prints every field of every article (ids are the ones the index uses). Problems (skipped
    lines, guesses) go to stderr as file:line: reason; the exit code is then 1.
    """
    from searchapp.ingest import IngestError, read_file

    try:
        result = read_file(file)
    except IngestError as e:
        raise CliError(_one_line(f"{file}: {e}"), exit_code=2) from None
    arts = [a.to_dict() for a in result.articles]
    if fmt == "jsonl":
        for a in arts:
            click.echo(dump_json(a))
    elif fmt == "json":
        click.echo(json.dumps(arts, ensure_ascii=False, indent=2))
    else:
        for i, a in enumerate(arts, 1):
            meta = " · ".join(x for x in (a.get("source"), a.get("date"), ", ".join(a.get("topics") or []))
                              if x)
            click.echo(f"[{i}] {a['title']}\n    id {a['id']}" + (f" · {meta}" if meta else ""))
            click.echo("")
            click.echo(a["body"])
            click.echo("\n" + "-" * 40)
    for p in result.problems:
        click.echo(_problem_line(p), err=True)
    click.echo(f"{len(arts)} articles from {file}", err=True)
    if result.problems:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Re-index every file, not only new or changed ones.")
@click.option("--wait", is_flag=True, help="If another process is indexing, wait for it instead of failing.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Index writers in parallel (processes). Default: 2 on a multi-core machine "
                   "when 2,000 or more articles are written, else 1.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def index(paths: tuple[Path, ...], index_dir: Path, rebuild: bool, wait: bool,
          workers: int | None, as_json: bool) -> None:
    """Build or update the index from PATHS (files or folders; default corpus/).

    Incremental: only new or changed files are re-read; articles of removed files are removed.
    Readers keep searching the previous index until the new one is complete. Exit code 0 when
    everything was indexed, 1 when some files or lines had problems (listed as file:line: reason;
    the summary says how many files were read and skipped, and "nothing was indexed" when
    nothing could be), 2 on a fatal error (e.g. the index is busy).
    """
    from searchapp.index import build

    paths = paths or (Path("corpus"),)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {missing[0]}", exit_code=2)
    progress = _Progress()
    try:
        report = build(list(paths), index_dir, rebuild=rebuild, wait=wait, progress=progress,
                       workers=workers)
    except SearchAppError as e:
        raise CliError(_one_line(e.message), exit_code=2) from None
    except OSError as e:
        raise CliError(_one_line(f"cannot write the index at {index_dir}: {e}"), exit_code=2) from None
    finally:
        progress.close()
    d = report.to_dict()
    problems = d.get("problems") or []
    if as_json:
        click.echo(dump_json(d))
    for p in problems:
        click.echo(_problem_line(p), err=True)
    click.echo(index_summary(d, index_dir), err=as_json)
    if problems:
        sys.exit(1)


def index_summary(d: dict[str, Any], index_dir: Path | str) -> str:
    """The one-line summary of a BuildReport dict: files read and skipped (a file is skipped when
    it has a whole-file problem, `line` None), article counts, and "nothing was indexed" when no
    article was added or updated while something went wrong."""
    problems = d.get("problems") or []
    skipped = len({p.get("file") for p in problems if p.get("line") is None})
    lines = sum(1 for p in problems if p.get("line") is not None)
    files = int(d.get("files") or 0)
    head = f"{files} file{'s' if files != 1 else ''} read, {skipped} skipped"
    if lines:
        head += f", {lines} line problem{'s' if lines != 1 else ''}"
    if not d.get("generation"):
        return f"{head}: nothing was indexed, no index was created in {index_dir}"
    if problems and not (d.get("added") or d.get("updated") or d.get("removed")):
        return (f"{head}: nothing new was indexed; {index_dir} still holds {d.get('articles', 0)} "
                f"articles (generation {d.get('generation')})")
    return (f"{head}; {index_dir}: {d.get('added', 0)} added, {d.get('updated', 0)} updated, "
            f"{d.get('removed', 0)} removed, {d.get('unchanged', 0)} unchanged; "
            f"{d.get('articles', 0)} articles (generation {d.get('generation', '?')}, "
            f"{float(d.get('seconds') or 0):.1f} s)")


class _Progress:
    """The `progress(done, total, message)` callback of `index.build`: a tqdm bar on stderr when
    stderr is a terminal (description = the build's current step); otherwise silent except for
    "waiting" messages (another build holds the lock), which are always worth a line."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.bar: Any = None

    def __call__(self, done: int, total: int | None = None, message: str = "", *rest: Any) -> None:
        msg = str(message)
        if not self.tty:
            if msg.startswith("waiting"):
                click.echo(msg, err=True)
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=sys.stderr, leave=False, dynamic_ncols=True)
        if total is not None and self.bar.total != total:
            self.bar.total = total
        self.bar.n = done or 0
        self.bar.set_description_str(msg[:50], refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@main.command()
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(index_dir: Path, as_json: bool) -> None:
    """Show what is in the index: articles, files, sources, topics, generation, size."""
    from searchapp.index import index_info

    info = index_info(index_dir)
    if as_json:
        click.echo(dump_json(info))
        return
    for k, v in info.items():
        if isinstance(v, dict):
            v = ", ".join(f"{kk} ({vv})" for kk, vv in v.items())
        elif isinstance(v, list):
            v = ", ".join(map(str, v))
        click.echo(f"{k}: {v}")


@main.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Worker threads of the WSGI server (waitress).")
def serve(index_dir: Path, host: str, port: int, threads: int) -> None:
    """Serve the web UI and JSON API with waitress (a production WSGI server).

    Without an index the server starts anyway and says so on stderr: pages and API calls answer
    503 ("index not built") until `searchapp index` builds it, then serve it without a restart.
    """
    from searchapp.errors import IndexMissing
    from searchapp.index import open_index
    from searchapp.web import create_app

    try:
        from searchapp.web import serve as run
    except ImportError:
        from searchapp.web.server import serve as run
    try:
        h = open_index(index_dir)
    except IndexMissing:
        click.echo(f"warning: no index in {index_dir} yet; pages answer 503 until it is built: "
                   f"searchapp index corpus/ --index {index_dir}", err=True)
    else:
        if hasattr(h, "close"):
            h.close()
    app = create_app({"INDEX_DIR": str(index_dir)})
    try:
        run(app, host, port, threads)
    except OSError as e:
        raise CliError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def _register() -> None:
    from searchapp.cli import bulk as cli_bulk
    from searchapp.cli import search as cli_search  # noqa: F401 - they add their commands to `main`


_register()
