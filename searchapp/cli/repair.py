"""`searchapp repair`: say what is wrong with a damaged index folder, and repair it on request."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import CliError, index_option, one_line, problem_line, warning_line
from searchapp.cli.options import output_format
from searchapp.errors import SearchAppError


@click.command()
@index_option
@click.option("--check", is_flag=True,
              help="Only say what is wrong (exit 0 when the index and the frozen result lists "
                   "are whole, 1 when either is damaged).")
@click.option("--reindex", "mode", flag_value="reindex",
              help="Rebuild from the input files recorded in the newest readable manifest.")
@click.option("--recover", "mode", flag_value="recover",
              help="Make the newest intact generation live again (reads no file).")
@output_format(("text", "json"), "text", "json")
def repair(index_dir: Path, check: bool, mode: str | None, fmt: str) -> None:
    """Check the index folder and repair it when it is damaged.

    A damaged index (CURRENT pointer missing or wrong, a manifest or an index file missing,
    truncated or changed) is never replaced by `searchapp index`: it stops and says so. Without
    an option, repair re-indexes the input files the index was built from when they all still
    exist, else makes the newest intact generation live again; --reindex and --recover choose.
    Each file is read again with the options it was indexed with (--map, --title), as the
    manifest recorded them. Damaged generations are left for the next build's clean-up. Exit
    code 0 when the index is whole (or was repaired), 1 when --check finds damage or the
    re-index could not read some files or lines (listed as file:line: reason, as `searchapp
    index` does), 2 when it cannot be repaired.
    """
    # deferred: the engine (Whoosh) loads only to check or repair
    from searchapp.index import repair as run_repair
    from searchapp.index.health import inspect
    from searchapp.index.repair import damage_error, repair_plan

    as_json = fmt == "json"

    if check:
        from searchapp.cite import FrozenStore  # deferred like the engine

        health = inspect(index_dir, deep="all")
        frozen = FrozenStore(index_dir).check()
        if as_json:
            console.echo_json({**health.to_dict(), "repair": repair_plan(health).why
                               if health.damaged else None, "frozen_lists": frozen})
        elif health.damaged:
            click.echo(damage_error(health).message)
        elif health.fresh:
            click.echo(f"no index in {index_dir} yet: nothing to check")
        else:
            live = health.state(health.live)
            click.echo(f"{index_dir} is whole: live {live.describe() if live else health.live}; "
                       f"{len(health.generations)} generation(s) checked")
            for note in live.notes if live else []:
                click.echo(f"note: {health.live}: {note}")
            _say_leftovers(index_dir, health.live)
        if frozen and not as_json:
            click.echo(f"frozen result lists: {frozen}: restore the file from a backup, or move "
                       "it aside to start a new one (the search index does not depend on it)")
        if health.damaged or frozen:
            raise click.exceptions.Exit(1)
        return
    try:
        out = run_repair(index_dir, mode or "auto")
    except SearchAppError as e:
        raise CliError(one_line(e.message), exit_code=2) from None
    if as_json:
        console.echo_json(out)
        return
    if out["action"] == "none":
        click.echo(out["why"])
        return
    for f in out.get("missing") or []:
        click.echo(f"warning: recorded input file is gone: {f}", err=True)
    report = out.get("report") or {}
    problems = report.get("problems") or []
    for p in problems:  # as `searchapp index` lists them: what the re-index could not read
        click.echo(problem_line(p), err=True)
    for w in report.get("file_warnings") or []:
        click.echo(warning_line(w), err=True)
    tail = f", {report.get('articles')} articles" if report else ""
    click.echo(f"repaired {index_dir}: {out['why']}; live generation {out['generation']}{tail}"
               + (f"; {len(problems)} problem{'s' * (len(problems) != 1)} (listed above): "
                  "their articles are not in the index" if problems else ""))
    if problems:
        raise click.exceptions.Exit(1)


def _say_leftovers(index_dir: Path, live: str | None) -> None:
    """One line naming what an unfinished build left beside the index (`store.stale`): a
    partial generation, spool files, and their size; nothing when there is none."""
    from searchapp.index.store import MANIFEST, folder_size, stale  # deferred like the engine

    left = stale(index_dir, live)
    # a newer folder with its manifest was a finished generation (one `repair --recover` moved
    # away from as damaged): not "an unfinished build", though the next build removes it too
    finished = [p for p in left if p.is_dir() and (p / MANIFEST).is_file()]
    unfinished = [p for p in left if p not in finished]
    for group, what in ((finished, "a finished generation newer than the live one, not live "
                                   "(damaged? `repair --recover` leaves it):"),
                        (unfinished, "an unfinished build left")):
        if group:
            size = sum(folder_size(p) if p.is_dir() else p.stat().st_size
                       for p in group if p.exists())
            names = ", ".join(p.name for p in group[:4]) + \
                (f" and {len(group) - 4} more" if len(group) > 4 else "")
            click.echo(f"{what} {names} ({size / 2**20:.1f} MB): not part of the index; "
                       "the next build removes them (unless a build is running now)")
