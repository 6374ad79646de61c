"""`searchapp lineage ID`: the reprint chain of an article — every copy of its story in
publication order, which one ran first (原发) and which are reprints (转载), with lags and the
credits each copy prints. `--json` prints the copies' lineage records."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import CliError, for_terminal, index_option


@click.command()
@click.argument("article_id")
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def lineage(article_id: str, index_dir: Path, as_json: bool) -> None:
    """Show who ran ARTICLE_ID's story first and who reprinted it (with lags and credits)."""
    # deferred: the index, the engine and the search modules load only when the command runs
    from searchapp.index import open_index
    from searchapp.search.stories import copies

    handle = open_index(index_dir)
    try:
        art = handle.get_article(article_id)
        if art is None:
            raise CliError(f"no article with id {article_id!r} in {index_dir}")
        chain = copies(handle, art)
    finally:
        handle.close()
    if as_json:
        console.echo_json([{"id": c.id, "title": c.title, "date": c.date, **(c.lineage or {})}
                           for c in chain])
        return
    lin = art.lineage or {}
    if lin.get("original") is None and lin.get("origin_outlet") and lin.get("role") != "original":
        click.echo(for_terminal(f"first published by {lin['origin_outlet']} (not in the archive)"))
    for c in chain:
        cl = c.lineage or {}
        lag = cl.get("lag_days")
        extra = [f"{lag:+d} days" if lag is not None else None,
                 ("credits " + ", ".join(cl["credits"])) if cl.get("credits") else None]
        here = "  <- this article" if c.id == art.id else ""
        click.echo(for_terminal(f"{cl.get('role', '?'):>12}  {c.date or 'undated':<10}  "
                                f"{cl.get('outlet') or c.source or '?'}  {c.id}"
                                + "".join(f"  ({x})" for x in extra if x) + here))
    click.echo(f"decided by: {lin.get('basis')}")
