"""`searchapp stats`: what the index holds."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import for_terminal, index_option
from searchapp.cli.options import output_format
from searchapp.vocab.topics import label as topic_label


@click.command()
@index_option
@output_format(("text", "json"), "text", "json")
def stats(index_dir: Path, fmt: str) -> None:
    """Show what is in the index: articles, files, sources, topics, generation, size.

    Topics are shown by their display label, as `search` and the web show them (人工智能 [AI]);
    `--format json` keeps the keys, as the API's facet values do."""
    from searchapp.index import index_info  # deferred: see `index`

    info = index_info(index_dir)
    if fmt == "json":
        console.echo_json(info)
        return
    for k, v in info.items():
        if isinstance(v, dict) and k == "topics":
            v = ", ".join(f"{_topic(kk)} ({vv})" for kk, vv in v.items())
        elif isinstance(v, dict):
            v = ", ".join(f"{kk} ({vv})" for kk, vv in v.items())
        elif isinstance(v, list):
            v = ", ".join(map(str, v))
        click.echo(for_terminal(f"{k}: {v}"))


def _topic(key: str) -> str:
    """A topic as the web shows it, with its key when they differ: 人工智能 [AI], 5G."""
    shown = topic_label(key)
    return shown if shown == key else f"{shown} [{key}]"
