"""`searchapp cite`: freeze a search's result list under a short stable key, show one, export it.

    searchapp cite freeze QUERY [--source ...]     prints the key and the list
    searchapp cite show KEY [--format text|json|ris|gbt7714]

Frozen lists live beside the index (`cite.store`, `<index>/frozen.sqlite`), survive rebuilds,
and are the same lists the web UI's 引用此结果 makes (/cite/<key>).
"""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import CliError, echo_export, for_terminal, index_option


@click.group()
def cite() -> None:
    """Frozen result lists: freeze a search, show or export a frozen list."""


@cite.command("freeze")
@click.argument("query", required=False, default="")
@index_option
@click.option("--source", "-s", multiple=True, help="Only this source (repeat: any of them).")
@click.option("--topic", "-t", multiple=True, help="Only this topic (repeat: any of them).")
@click.option("--lineage", multiple=True, help="original (原发) or reprint (转载).")
@click.option("--from", "date_from", help="From this day on (YYYY-MM-DD or YYYY-MM).")
@click.option("--to", "date_to", help="Up to this day (YYYY-MM-DD or YYYY-MM).")
@click.option("--sort", default=None, help="relevance (default), newest or oldest.")
def freeze(query: str, index_dir: Path, source, topic, lineage, date_from, date_to, sort) -> None:
    """Freeze the result list of QUERY (and filters); prints its key, then the list."""
    # deferred: the index, the engine and the search modules load only when the command runs
    from searchapp.cite import MAX_ITEMS, FrozenStore, FrozenStoreError
    from searchapp.index import open_index
    from searchapp.request import SearchRequest
    from searchapp.search.frozen import result_items

    params = {"q": query, "source": list(source), "topic": list(topic), "lineage": list(lineage),
              "from": date_from, "to": date_to, "sort": sort}
    req = SearchRequest.from_params({k: v for k, v in params.items() if v not in (None, [], "")})
    handle = open_index(index_dir)
    try:
        items, total = result_items(handle, req, MAX_ITEMS)
        gen = handle.generation
    finally:
        handle.close()
    try:
        fl = FrozenStore(index_dir).freeze(req.to_params(), req.q, items, total, gen)
    except FrozenStoreError as e:
        raise CliError(str(e)) from None
    click.echo(f"frozen {len(fl.items)} of {fl.total} results as {fl.key} (/cite/{fl.key})"
               + _partial_count(fl.items))
    for it in fl.items:
        click.echo(for_terminal(f"{it['rank']:>4}. {it['title']}  ({it.get('source') or '?'}, "
                                f"{(it.get('date') or 'undated')[:10]})  id {it['id']}"
                                + _missing(it)))


def _missing(it: dict) -> str:
    """"  missing: 甲 乙" for a partial match (it lacks those query words), else ""."""
    return "  missing: " + " ".join(it["missing"]) if it.get("missing") else ""


def _partial_count(items: list[dict]) -> str:
    """"; N of them lack a query word (marked missing)" when some are partial matches."""
    n = sum(1 for it in items if it.get("missing"))
    return f"; {n} of them lack a query word (marked missing)" if n else ""


@cite.command("show")
@click.argument("key")
@index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "ris", "gbt7714"]),
              default="text", show_default=True, help="How to print the list.")
def show(key: str, index_dir: Path, fmt: str) -> None:
    """Print frozen list KEY: as text (gone articles marked), JSON, RIS or GB/T 7714."""
    # deferred: the index, the engine and the search modules load only when the command runs
    from searchapp.cite import FrozenStore, FrozenStoreError, gbt7714, ris
    from searchapp.errors import IndexMissing, SearchAppError
    from searchapp.index import open_index
    from searchapp.search.frozen import with_live_names
    from searchapp.search.stories import existing

    try:
        fl = FrozenStore(index_dir).get(key)
    except FrozenStoreError as e:
        raise CliError(str(e)) from None
    if fl is None:
        raise CliError(f"no frozen result list {key!r} in {index_dir}")
    try:  # a publication named since the list was frozen is cited by its name
        handle = open_index(index_dir)
        try:
            fl.items = with_live_names(handle, fl.items)
            live = existing(handle, [it["id"] for it in fl.items])
        finally:
            handle.close()
    except IndexMissing:
        live = set()
    except SearchAppError:
        if fmt not in ("ris", "gbt7714"):  # an export is made from the frozen fields alone
            raise
        live = set()
    cited = fl.created_at[:10]
    if fmt == "ris":
        text = ris(fl.items, cited, note=f"searchapp frozen list {fl.key}")
        echo_export(text)
        return
    if fmt == "gbt7714":
        echo_export(gbt7714(fl.items, cited))
        return
    if fmt == "json":
        console.echo_json({**fl.to_dict(), "items": [dict(it, exists=it["id"] in live)
                                                     for it in fl.items]})
        return
    click.echo(for_terminal(f"{fl.key}: \"{fl.query_text}\" frozen {fl.created_at}, "
                            f"{len(fl.items)} of {fl.total}{_partial_count(fl.items)}"))
    for it in fl.items:
        gone = "" if it["id"] in live else "  [no longer in the index]"
        click.echo(for_terminal(f"{it['rank']:>4}. {it['title']}  ({it.get('source') or '?'}, "
                                f"{(it.get('date') or 'undated')[:10]}){gone}{_missing(it)}"))
