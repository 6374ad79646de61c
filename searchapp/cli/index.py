"""`searchapp index`: build or update the index, with a progress bar on a terminal."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from searchapp.cli import console
from searchapp.cli.common import (CliError, file_filter_options, index_option, one_line, problem_line,
                                  read_options, warning_line)
from searchapp.cli.options import output_format
from searchapp.errors import SearchAppError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Re-index every file, not only new or changed ones.")
@click.option("--wait", is_flag=True, help="If another process is indexing, wait for it instead of failing.")
@click.option("--timeout", type=click.FloatRange(min=0), default=600, show_default=True,
              help="With --wait: give up (exit 2) after this many seconds; 0 = no limit.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Index writers in parallel (processes). Default: 2 on a multi-core machine "
                   "when 2,000 or more articles are written, else 1.")
@click.option("--memory-mb", type=click.IntRange(min=1), default=None,
              help="Memory budget of the index writers' buffers in MB, all processes together "
                   "(the build's peak stays about 400 MB above it). Default: "
                   "$SEARCHAPP_BUILD_MEMORY_MB, else 512.")
@output_format(("text", "json"), "text", "json")
@read_options
@file_filter_options
def index(paths: tuple[Path, ...], index_dir: Path, rebuild: bool, wait: bool,
          timeout: float, workers: int | None, memory_mb: int | None, fmt: str,
          columns: str | None, title_mode: str,
          include: tuple[str, ...], exclude: tuple[str, ...]) -> None:
    """Build or update the index from PATHS (files or folders; default corpus/).

    Incremental: only new or changed files are re-read; articles of removed files are removed.
    Readers keep searching the previous index until the new one is complete. Exit code 0 when
    everything was indexed, 1 when some files or lines had problems (listed as file:line: reason;
    the summary says how many files were read and skipped, and "nothing was indexed" when
    nothing could be) or a folder given holds no files now (its articles are kept; a warning
    says so), 2 on a fatal error (e.g. the index is busy, or damaged: then nothing is
    changed and the message says how to repair it, see `searchapp repair`). Files that read but
    look suspicious are listed as `warning: file:line: reason` (exit code unchanged).
    """
    from searchapp.index import build  # deferred: the engine (Whoosh, numpy) loads only to build
    from searchapp.index.store import read_current  # deferred: with the build
    from searchapp.ingest import FileFilter, ReadOptions  # deferred: with the readers

    as_json = fmt == "json"
    given = bool(paths)
    paths = paths or (Path("corpus"),)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {missing[0].absolute()}" + (
            "" if given else " (the default; name what to index: searchapp index PATH...)"),
            exit_code=2)
    progress = _Progress()
    live = read_current(Path(index_dir))
    try:
        report = build(list(paths), index_dir, rebuild=rebuild, wait=wait, progress=progress,
                       workers=workers, wait_timeout=timeout or None, memory_mb=memory_mb,
                       options=ReadOptions(columns=columns, title=title_mode),
                       files=FileFilter(tuple(include), tuple(exclude)))
    except SearchAppError as e:
        raise CliError(one_line(e.message), exit_code=2) from None
    except OSError as e:
        raise CliError(one_line(f"cannot write the index at {index_dir}: {e}"), exit_code=2) from None
    except KeyboardInterrupt:
        # a new generation is made live only at the end of a build (index/build.py): say which
        # index the user has now, instead of click's bare "Aborted!"
        now = read_current(Path(index_dir))
        if now == live:
            raise CliError(f"interrupted: the index at {index_dir} was not changed (searches "
                           "still answer from its last complete build; the next build clears "
                           "what this one left)", exit_code=130) from None
        raise CliError(f"interrupted after the new build was made live: {index_dir} holds it "
                       f"({now})", exit_code=130) from None
    finally:
        progress.close()
    d = report.to_dict()
    problems = d.get("problems") or []
    if as_json:
        console.echo_json(d)
    for p in problems:
        click.echo(problem_line(p), err=True)
    for w in d.get("file_warnings") or []:
        click.echo(warning_line(w), err=True)
    if d.get("replaced_damage"):
        click.echo(f"warning: {d['replaced_damage']}", err=True)
    for w in d.get("warnings") or []:  # the build's own notes (a folder kept, marking skipped)
        click.echo(f"warning: {w}", err=True)
    click.echo(index_summary(d, index_dir), err=as_json)
    if problems or d.get("kept_folders"):  # an emptied folder's articles kept: not up to date
        sys.exit(1)


def index_summary(d: dict[str, Any], index_dir: Path | str) -> str:
    """The one-line summary of a BuildReport dict: files read and skipped (a file is skipped when
    it has a whole-file problem, `line` None), article counts (said to be a rebuild when
    `full` replaced an earlier generation), and "nothing was indexed" when no article was added
    or updated while something went wrong."""
    problems = d.get("problems") or []
    skipped = len({p.get("file") for p in problems if p.get("line") is None})
    lines = sum(1 for p in problems if p.get("line") is not None)
    files = int(d.get("files") or 0)
    head = f"{files} file{'s' if files != 1 else ''} read, {skipped} skipped"
    if lines:
        head += f", {lines} line problem{'s' if lines != 1 else ''}"
    warns = len(d.get("file_warnings") or [])
    if warns:
        head += f", {warns} warning{'s' if warns != 1 else ''}"
    if not d.get("generation"):
        return f"{head}: nothing was indexed, no index was created in {index_dir}"
    # --rebuild re-indexes every file into a new generation: counts against the previous one
    # would read as if it had been ignored ("0 added … 1000 unchanged")
    rebuilt = (" (rebuilt: every article re-indexed)"
               if d.get("full") and int(d.get("generation") or 0) > 1 else "")
    if problems and not (d.get("added") or d.get("updated") or d.get("removed")) and not rebuilt:
        return (f"{head}: nothing new was indexed; {index_dir} still holds {d.get('articles', 0)} "
                f"articles (generation {d.get('generation')})")
    return (f"{head}; {index_dir}: {d.get('added', 0)} added, {d.get('updated', 0)} updated, "
            f"{d.get('removed', 0)} removed, {d.get('unchanged', 0)} unchanged{rebuilt}; "
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
            from tqdm import tqdm  # deferred: only on a terminal

            self.bar = tqdm(total=total, file=sys.stderr, leave=False, dynamic_ncols=True)
        if total is not None and self.bar.total != total:
            self.bar.total = total
        self.bar.n = done or 0
        self.bar.set_description_str(msg[:50], refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
