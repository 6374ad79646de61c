"""`searchapp serve`: the web UI and JSON API with waitress."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli.common import CliError, index_option
from searchapp.errors import IndexMissing


@click.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Worker threads of the WSGI server (waitress).")
def serve(index_dir: Path, host: str, port: int, threads: int) -> None:
    """Serve the web UI and JSON API with waitress (a production WSGI server).

    Without an index the server starts anyway and says so on stderr: pages and API calls answer
    503 ("index not built") until `searchapp index` builds it, then serve it without a restart.
    """
    # deferred: Flask, waitress and the engine load only to serve (`--help` stays quick)
    from searchapp.index import open_index
    from searchapp.web import create_app, serve as run

    try:
        h = open_index(index_dir)
    except IndexMissing:
        click.echo(f"warning: no index in {index_dir} yet; pages answer 503 until it is built: "
                   f"searchapp index corpus/ --index {index_dir}", err=True)
    else:
        h.close()
    app = create_app({"INDEX_DIR": str(index_dir)})
    try:
        run(app, host, port, threads)
    except OSError as e:
        raise CliError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
