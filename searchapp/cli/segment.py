"""`searchapp segment`: the articles a file yields, as JSON lines (or JSON, or text)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import for_terminal, one_line, problem_line, read_options, warning_line
from searchapp.cli.options import output_format


@click.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_format(("jsonl", "json", "text"), "jsonl", "json")
@read_options
def segment(files: tuple[Path, ...], fmt: str, columns: str | None, title_mode: str) -> None:
    """Split each FILE (magazine issue, text article, news page, PDF, JSONL/JSON, CSV/TSV,
    Sogou or PFR file; recognised by its content) into articles.

    Prints every field of every article (ids are the ones the index uses): `--format jsonl`
    one article per line (the default), `json` one array of all files' articles (also
    `--json`), `text` for reading. A file that cannot be read is one line on stderr
    (`file: reason`) and the other files are still read; problems (skipped lines) go to stderr
    as file:line: reason. The exit code is 1 when any file was refused or had problems. Sanity
    warnings (an article far longer than the others, titles that read like body text, ...) go
    to stderr as `warning: file:line: reason` and leave the exit code alone.
    """
    # deferred: the readers import BeautifulSoup and the tokenizer's stack (`--help` stays quick)
    from searchapp.ingest import IngestError, ReadOptions, display_path, masthead_for, read_file

    failed = False
    every: list[dict] = []
    for file in files:
        masthead, bad = masthead_for(file)  # the publication.toml beside it, as a build reads it
        if bad is not None:
            click.echo(problem_line(bad.to_dict()), err=True)
            failed = True
        try:
            result = read_file(file, ReadOptions(columns=columns, title=title_mode)
                               .with_masthead(masthead))
        except IngestError as e:
            click.echo(for_terminal(one_line(f"Error: {display_path(file)}: {e}")), err=True)
            failed = True
            continue
        arts = [a.to_dict() for a in result.articles]
        if fmt == "json":
            every.extend(arts)
        else:
            _print(arts, fmt, start=len(every) + 1)
            every.extend(arts)
        for p in result.problems:
            click.echo(problem_line(p), err=True)
        for w in result.warnings:
            click.echo(warning_line(w), err=True)
        click.echo(f"{len(arts)} article{'s' if len(arts) != 1 else ''} from {display_path(file)}",
                   err=True)
        failed = failed or bool(result.problems)
    if fmt == "json":
        console.echo_json(every, indent=2)
    if failed:
        sys.exit(1)


def _print(arts: list[dict], fmt: str, start: int) -> None:
    """One file's articles as JSON lines or as text, numbered from `start`."""
    if fmt == "jsonl":
        with console.data_out() as out:
            for a in arts:
                out.write(json.dumps(a, ensure_ascii=console.ascii_json()) + "\n")
        return
    for i, a in enumerate(arts, start):
        meta = " · ".join(x for x in (a.get("source"), a.get("date"),
                                      ", ".join(a.get("topics") or [])) if x)
        head = f"[{i}] {a['title']}\n    id {a['id']}" + (f" · {meta}" if meta else "")
        click.echo(for_terminal(head))
        click.echo("")
        click.echo(for_terminal(a["body"]))
        click.echo("\n" + "-" * 40)
