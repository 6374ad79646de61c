"""`searchapp search`: one query, ranked results for reading (or `--format json` for scripts).

Topics are shown by their display label (`vocab.topics.label`, as on the web); `--json` keeps
the topic keys. Highlights: matched words arrive as `<mark>` in the escaped `title_html` /
`snippet_html`. On a terminal they are shown in ANSI bold; when stdout is not a terminal (a pipe, a file) they are
wrapped in 【】 so the match stays visible in plain text (`--plain` drops the marks altogether).
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import click

from searchapp.cli import console
from searchapp.cli.common import CliError, for_terminal, index_option
from searchapp.cli.options import QueryWordsCommand, output_format, typed_spelling
from searchapp.errors import BadRequest
from searchapp.messages import date_text, text
from searchapp.request import SORTS, SearchRequest
from searchapp.results import SearchResponse
from searchapp.search import envelope
from searchapp.vocab.topics import label

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_TAG = re.compile(r"<[^>]+>")


def render_marked(s: str, style: str) -> str:
    """Escaped HTML with <mark> → plain text. style: "ansi" (bold), "brackets" (【】), "plain"."""
    if style == "ansi":
        repl = lambda m: click.style(html.unescape(_TAG.sub("", m.group(1))), bold=True)  # noqa: E731
    elif style == "brackets":
        repl = lambda m: "【" + html.unescape(_TAG.sub("", m.group(1))) + "】"  # noqa: E731
    else:
        repl = lambda m: html.unescape(_TAG.sub("", m.group(1)))  # noqa: E731
    out = []
    pos = 0
    for m in _MARK.finditer(s):
        out.append(html.unescape(_TAG.sub("", s[pos:m.start()])))
        out.append(repl(m))
        pos = m.end()
    out.append(html.unescape(_TAG.sub("", s[pos:])))
    return "".join(out)


#: SearchRequest parameter → the option (or argument) the user typed on the command line.
OPTION_OF: dict[str, str | tuple[str, ...]] = {
    "size": ("--size", "--limit", "-n"), "q": "QUERY", "from": "--from", "to": "--to",
    "page": "--page", "source": "--source", "topic": "--topic", "month": "--month",
    "sort": "--sort", "lineage": "--lineage", "thesaurus": "--no-thesaurus"}


def cli_message(e: BadRequest) -> str:
    """A BadRequest as one CLI line naming the option the user typed (`--size`, not the URL
    parameter `size`), plus the valid values when there is a list."""
    opt = OPTION_OF.get(e.param or "", f"--{e.param}" if e.param else "")
    if isinstance(opt, tuple):  # aliases: the one typed
        opt = typed_spelling(click.get_current_context(silent=True), opt)
    msg = e.message
    for spelled in (f"parameter '{e.param}'", f"parameter \"{e.param}\"", f"'{e.param}'"):
        if e.param and spelled in msg:
            msg = msg.replace(spelled, opt, 1)
            break
    else:
        msg = f"{opt}: {msg}" if opt else msg
    valid = f" (valid: {', '.join(map(str, e.valid))})" if e.valid else ""
    return msg + valid


def _refuse_unknown_topics(handle, topics: tuple[str, ...]) -> None:
    """CliError (exit 1) naming the valid topics when a `--topic` value (`topics`: as the
    request holds them) selects no topic of the rules or the index (`unknown_topics`, which
    the search's `unknown_topic` notice reports), as for any other bad option value; a
    `topic:` word of the query stays a notice, as on the web."""
    from searchapp.search.searching import unknown_topics  # deferred like the search

    with handle.searcher() as s:
        bad, valid = unknown_topics(s, topics)
    if bad:
        said = text("unknown_topic", value=bad[0], valid=valid)
        raise CliError("--topic: " + said[0].lower() + said[1:].rstrip("."))


def _topic_label(key: str) -> str:
    """Display label of a topic key (`vocab.topics.label`), as the web shows it."""
    try:
        return label(key)
    except Exception:  # noqa: BLE001 - a rule-file problem must not hide the results
        return key


def format_response(resp: SearchResponse, style: str) -> list[str]:
    """SearchResponse → lines for a reader: count, ranked hits (title, source · date · topics ·
    id, snippet), facet counts, notices and suggestions."""
    lines: list[str] = []
    q = resp.query
    for n in q.notices:
        lines.append(f"note: {n}")
    what = f' for "{q.text}"' if q.text else ""
    lines.append(f"{resp.total} result{'s' if resp.total != 1 else ''}{what}"
                 + (f" (page {resp.page} of {resp.pages})" if resp.pages > 1 else "")
                 + f", {resp.took_ms:.0f} ms")
    if q.also_searched:
        lines.append("also searched: " + "; ".join(
            f"{d['word']} → {', '.join(d['variants'])}" for d in q.also_searched)
            + " (--no-thesaurus: the words alone)")
    for h in resp.hits:
        title = render_marked(h.title_html, style) if h.title_html else h.title
        lines.append("")
        lines.append(f"{h.rank:>3}. {title}")
        topics = ", ".join(_topic_label(t) for t in h.topics)
        meta = [x for x in (h.source, date_text(h.published or h.date), topics) if x]
        meta.append(f"id {h.id}")
        lines.append("     " + " · ".join(meta))
        if h.missing:
            lines.append("     missing: " + ", ".join(h.missing))  # `5G, 联通 OR 电信`
        if h.also_in:
            lines.append("     also in: " + "; ".join(
                c["file"] + (f" (id {c['id']})" if c.get("id") else "") for c in h.also_in))
        snip = render_marked(h.snippet_html, style) if h.snippet_html else h.snippet
        if snip:
            lines.append("     " + snip)
    facets = [(name, vals) for name, vals in resp.facets.items() if vals]
    if facets:
        lines.append("")
        for name, vals in facets:
            shown = ", ".join(f"{'*' if v.selected else ''}{envelope.facet_label(name, v.value)} "
                              f"({v.count})" for v in vals[:12])
            more = f", … {len(vals) - 12} more" if len(vals) > 12 else ""
            lines.append(f"{name}: {shown}{more}")
    if not resp.hits and resp.suggestions:
        lines.append("")
        lines.append("try: " + "; ".join(s.get("label", "") for s in resp.suggestions))
    return lines


@click.command(cls=QueryWordsCommand)
@click.argument("query", nargs=-1)
@index_option
@output_format(("text", "json"), "text", "json")
@click.option("--size", "--limit", "-n", "size", type=int, default=None,
              help="Results per page (1..100, default 10), as the web's `size`.")
@click.option("--page", "-p", type=int, default=None, help="Page number (1-based).")
@click.option("--source", "-s", multiple=True, help="Only this source (repeat: any of them).")
@click.option("--topic", "-t", multiple=True, help="Only this topic (repeat: any of them).")
@click.option("--month", multiple=True, help="Only this month, e.g. 2020-09 (repeat: any of them).")
@click.option("--lineage", multiple=True,
              help="original (原发) or reprint (转载) copies only (repeat: any of them).")
@click.option("--from", "date_from", help="From this day on (YYYY-MM-DD or YYYY-MM).")
@click.option("--to", "date_to", help="Up to this day (YYYY-MM-DD or YYYY-MM).")
@click.option("--sort", type=click.Choice(SORTS), default=None, help="Order (default relevance).")
@click.option("--thesaurus/--no-thesaurus", default=True, show_default=True,
              help="Also search each word's thesaurus variants (synonyms, abbreviations the "
                   "archive defines), as the web's `thesaurus`; --no-thesaurus: the words alone.")
@click.option("--plain", is_flag=True, help="No highlight marks at all (not bold, not 【】).")
def search(query: tuple[str, ...], index_dir: Path, fmt: str, size: int | None, page: int | None,
           source: tuple[str, ...], topic: tuple[str, ...], month: tuple[str, ...],
           lineage: tuple[str, ...], date_from: str | None, date_to: str | None,
           sort: str | None, thesaurus: bool, plain: bool) -> None:
    """Search the index for QUERY (best match: articles with every word first, then those with
    most of them; OR; -word; "phrase"; title:/source:/topic:).

    QUERY may be several words (`searchapp search 网络安全 -河南`); a word starting with "-" is
    an exclusion unless it is an option of this command. Shows ranked results with title,
    source, date, topics and a snippet; matches are bold on a terminal and in 【】 brackets
    otherwise. `--format json` (or `--json`) prints the object /api/search answers. A bad
    option value is a one-line error naming the valid values (exit 1), a `--topic` that names
    no topic of the rules or the index too (the web and the API answer it with a notice).
    """
    # deferred: the engine (Whoosh, numpy) loads only to search (`--help` stays quick)
    from searchapp.index import open_index
    from searchapp.search import search as run_search

    params = {"q": " ".join(query), "source": list(source), "topic": list(topic), "month": list(month),
              "lineage": list(lineage),
              "from": date_from, "to": date_to, "sort": sort, "page": page, "size": size,
              "thesaurus": None if thesaurus else "off"}
    try:
        req = SearchRequest.from_params({k: v for k, v in params.items() if v not in (None, [], "")})
    except BadRequest as e:  # name the option the user typed, not the URL parameter
        raise CliError(cli_message(e)) from None
    handle = open_index(index_dir)
    try:
        if req.topics:
            _refuse_unknown_topics(handle, req.topics)
        resp = run_search(handle, req)
    finally:
        handle.close()
    if fmt == "json":
        console.echo_json(envelope.search_envelope(resp, req))
        return
    style = "plain" if plain else ("ansi" if sys.stdout.isatty() else "brackets")
    click.echo(for_terminal("\n".join(format_response(resp, style))))
