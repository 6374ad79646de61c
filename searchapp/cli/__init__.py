"""The `searchapp` command (also `python -m searchapp`): a click group whose docstrings are its
--help, one module per command.

    segment   segment.py     the articles a file yields
    index     index.py       build or update the index
    search    search.py      one query, for reading or as JSON
    bulk      bulk.py        many queries, one record per line
    serve     serve.py       the web UI and JSON API
    repair    repair.py      check a damaged index folder and repair it
    stats     stats.py       what the index holds
    archive   archive.py     the archive as printed: publications, calendars, issues by page
    lineage   lineage.py     who ran a story first and who reprinted it
    cite      cite.py        freeze a result list; show or export a frozen list

Shared options, one-line errors and exit codes: common.py. Commands import the engine, the
readers and Flask inside their function (commented "deferred"), so `--help` stays instant.
"""
from __future__ import annotations

from searchapp.startup import collection_paused

with collection_paused():  # the commands' modules: kept for the life of the process
    import click

    from searchapp.cli.archive import archive
    from searchapp.cli.bulk import bulk_command
    from searchapp.cli.cite import cite
    from searchapp.cli.common import Group
    from searchapp.cli.index import index
    from searchapp.cli.repair import repair
    from searchapp.cli.lineage import lineage
    from searchapp.cli.search import search
    from searchapp.cli.segment import segment
    from searchapp.cli.serve import serve
    from searchapp.cli.stats import stats

__all__ = ["main"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchapp")
def main() -> None:
    """searchapp: search Chinese news articles (magazine issues, news pages, JSONL exports).

    \b
    Typical use:
      searchapp index corpus/          build or update the index in ./index
      searchapp search 5G --topic AI   ranked results with snippets
      searchapp serve                  web UI and JSON API on http://127.0.0.1:5000/
    """


for _command in (segment, index, search, bulk_command, serve, stats, repair, archive, lineage, cite):
    main.add_command(_command)
