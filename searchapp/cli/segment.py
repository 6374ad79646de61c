"""`searchapp segment`: the articles a file yields, as JSON lines (or JSON, or text)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import CliError, one_line, problem_line


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="jsonl",
              show_default=True, help="jsonl: one article per line; json: one array; text: for reading.")
def segment(file: Path, fmt: str) -> None:
    """Split FILE (magazine issue .txt, news page .html, export .jsonl) into articles.

    Prints every field of every article (ids are the ones the index uses). Problems (skipped
    lines, guesses) go to stderr as file:line: reason; the exit code is then 1.
    """
    # deferred: the readers import BeautifulSoup and the tokenizer's stack (`--help` stays quick)
    from searchapp.ingest import IngestError, read_file

    try:
        result = read_file(file)
    except IngestError as e:
        raise CliError(one_line(f"{file}: {e}"), exit_code=2) from None
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
            click.echo(f"[{i}] {a['title']}\n    id {a['id']}" + (f" · {meta}" if meta else ""))
            click.echo("")
            click.echo(a["body"])
            click.echo("\n" + "-" * 40)
    for p in result.problems:
        click.echo(problem_line(p), err=True)
    click.echo(f"{len(arts)} articles from {file}", err=True)
    if result.problems:
        sys.exit(1)
