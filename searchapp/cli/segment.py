"""`searchapp segment`: the articles a file yields, as JSON lines (or JSON, or text)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import CliError, for_terminal, one_line, problem_line, read_options, warning_line
from searchapp.cli.options import output_format


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_format(("jsonl", "json", "text"), "jsonl", "json")
@read_options
def segment(file: Path, fmt: str, columns: str | None, title_mode: str) -> None:
    """Split FILE (magazine issue, text article, news page, JSONL/JSON, CSV/TSV, Sogou or PFR
    file; recognised by its content) into articles.

    Prints every field of every article (ids are the ones the index uses): `--format jsonl`
    one article per line (the default), `json` one array (also `--json`), `text` for reading. Problems (skipped
    lines) go to stderr as file:line: reason; the exit code is then 1. Sanity warnings (an
    article far longer than the others, titles that read like body text, ...) go to stderr as
    `warning: file:line: reason` and leave the exit code alone.
    """
    # deferred: the readers import BeautifulSoup and the tokenizer's stack (`--help` stays quick)
    from searchapp.ingest import IngestError, ReadOptions, display_path, read_file

    try:
        result = read_file(file, ReadOptions(columns=columns, title=title_mode))
    except IngestError as e:
        raise CliError(one_line(f"{display_path(file)}: {e}"), exit_code=2) from None
    arts = [a.to_dict() for a in result.articles]
    if fmt == "jsonl":
        with console.data_out() as out:
            for a in arts:
                out.write(json.dumps(a, ensure_ascii=console.ascii_json()) + "\n")
    elif fmt == "json":
        console.echo_json(arts, indent=2)
    else:
        for i, a in enumerate(arts, 1):
            meta = " · ".join(x for x in (a.get("source"), a.get("date"), ", ".join(a.get("topics") or []))
                              if x)
            click.echo(for_terminal(f"[{i}] {a['title']}\n    id {a['id']}" + (f" · {meta}" if meta else "")))
            click.echo("")
            click.echo(for_terminal(a["body"]))
            click.echo("\n" + "-" * 40)
    for p in result.problems:
        click.echo(problem_line(p), err=True)
    for w in result.warnings:
        click.echo(warning_line(w), err=True)
    click.echo(f"{len(arts)} article{'s' if len(arts) != 1 else ''} from {file}", err=True)
    if result.problems:
        sys.exit(1)
