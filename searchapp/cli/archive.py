"""`searchapp archive [PUBLICATION [ISSUE]]`: browse the archive as printed, in a terminal.

No argument: every publication with its issues, articles and missing issues. A publication:
its calendar (one line per month: the days with an issue and their article counts, the
missing issues). A publication and an issue: the issue's articles in print order, by page.
`--json` prints the same JSON as /api/archive/... (without links).
"""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import for_terminal, index_option

_KINDS = {"newspaper": "newspaper", "magazine": "magazine", "web": "web site"}


def _n(n: int, noun: str) -> str:
    """`1 issue`, `2 issues`."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


@click.command()
@click.argument("publication", required=False)
@click.argument("issue", required=False)
@index_option
@click.option("--year", type=int, default=None, help="Calendar year (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def archive(publication: str | None, issue: str | None, index_dir: Path, year: int | None,
            as_json: bool) -> None:
    """Browse the archive as printed: publications, a calendar, or one issue by page.

    \b
      searchapp archive                       publications, issues, missing issues
      searchapp archive 人民日报               its calendar (counts per day, gaps)
      searchapp archive 人民日报 1998-01-05    that issue's articles, 第1版 first
    """
    # deferred: the index, the engine and the search modules load only when the command runs
    from searchapp.index import open_index
    from searchapp.search import browse

    handle = open_index(index_dir)
    try:
        if publication is None:
            data = browse.publications(handle)
            lines = _publications(data)
        elif issue is None:
            data = browse.publication_calendar(handle, publication, year)
            lines = _calendar(data)
        else:
            data = browse.issue(handle, publication, issue)
            lines = _issue(data)
            data = {**data, "pages": [{"page": p["page"], "articles": [
                {"id": a.id, "title": a.title, "author": a.author, "source": a.source,
                 "date": a.date, "role": (a.lineage or {}).get("role")} for a in p["articles"]]}
                for p in data["pages"]]}
    finally:
        handle.close()
    if as_json:
        console.echo_json(data)
        return
    click.echo(for_terminal("\n".join(lines)))


def _named(p: dict) -> str:
    """A publication as the CLI names it: its name, with its key (the argument to type) when
    they differ; a key made from file names says so (`browse.naming`)."""
    key, name = p["publication"], p.get("name") or p["publication"]
    if not p.get("named", True) and p.get("kind") == "magazine":
        return f"{key} [name unknown: a file-name key; name it in publication.toml]"
    return name if name == key else f"{name} [{key}]"


def _publications(data: dict) -> list[str]:
    lines = []
    for p in data["publications"]:
        span = f"{p['first']} .. {p['last']}" if p["first"] else "undated"
        gaps = f", {p['missing']} missing" if p["missing"] else ""
        kind = p.get("medium") or p["kind"]
        lines.append(f"{_named(p)}  ({_KINDS.get(kind, kind)}, {p['cadence']}): "
                     f"{_n(p['issues'], 'issue')}, {_n(p['articles'], 'article')}, {span}{gaps}")
    if data["undated"]:
        lines.append(f"({data['undated']} articles have no date and no issue)")
    return lines or ["no dated articles or issues in the index"]


def _calendar(cal: dict) -> list[str]:
    counts = f"{_n(cal['issues'], 'issue')}, {_n(cal['articles'], 'article')}"
    lines = [f"{_named(cal)}: {counts}, "
             f"{cal['first']} .. {cal['last']}, {cal['cadence']}"]
    for m in cal["months"]:
        if m["weeks"]:
            days = [c for w in m["weeks"] for c in w if c is not None]
            cells = " ".join(f"{c['day']}:{c['count']}" if c["status"] == "issue"
                             else f"{c['day']}:MISSING" for c in days
                             if c["status"] in ("issue", "missing"))
        else:
            cells = " ".join(f"{i['issue']}:{i['articles']}" for i in m["issue_list"]) or "MISSING"
        lines.append(f"  {m['month']}  {cells}")
    if cal["missing"]:
        lines.append(f"missing: {', '.join(cal['missing'])}")
    for u in cal["undated"]:
        lines.append(f"  undated issue {u['issue']}: {u['articles']} articles")
    return lines


def _issue(data: dict) -> list[str]:
    lines = [f"{_named(data)} {data['issue']}: {data['total']} articles"]
    for p in data["pages"]:
        lines.append(f"-- page {p['page']}" if p["page"] is not None else "-- no page number")
        for a in p["articles"]:
            role = (a.lineage or {}).get("role")
            mark = " [reprint]" if role == "reprint" else ""
            lines.append(f"   {a.title}{mark}  (id {a.id})")
    prev, nxt = data["prev"], data["next"]
    lines.append(f"previous: {prev['issue'] if prev else '-'}   next: {nxt['issue'] if nxt else '-'}")
    return lines
