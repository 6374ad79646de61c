"""`searchapp stats`: what the index holds."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import index_option


@click.command()
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(index_dir: Path, as_json: bool) -> None:
    """Show what is in the index: articles, files, sources, topics, generation, size."""
    from searchapp.index import index_info  # deferred: see `index`

    info = index_info(index_dir)
    if as_json:
        console.echo_json(info)
        return
    for k, v in info.items():
        if isinstance(v, dict):
            v = ", ".join(f"{kk} ({vv})" for kk, vv in v.items())
        elif isinstance(v, list):
            v = ", ".join(map(str, v))
        click.echo(f"{k}: {v}")
