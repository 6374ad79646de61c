"""`searchapp serve`: the web UI and JSON API with waitress."""
from __future__ import annotations

from pathlib import Path

import click

from searchapp.cli.common import CliError, index_option
from searchapp.startup import collection_paused
from searchapp.config import check_public_url
from searchapp.errors import IndexMissing, SearchAppError


@click.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Worker threads of the WSGI server (waitress).")
@click.option("--public-url", envvar="SEARCHAPP_PUBLIC_URL", show_envvar=True, default=None,
              help="The site's address as readers reach it (e.g. https://news.example.org/): "
                   "the base of permalinks and export links. Default http://HOST:PORT/; "
                   "relative links when HOST is a wildcard (0.0.0.0, ::).")
def serve(index_dir: Path, host: str, port: int, threads: int, public_url: str | None) -> None:
    """Serve the web UI and JSON API with waitress (a production WSGI server).

    Without an index the server starts anyway and says so on stderr: pages and API calls answer
    503 ("index not built") until `searchapp index` builds it, then serve it without a restart.
    Absolute links are built from --public-url, never from the request's Host header. What a
    process's first search loads (the tokenizer's dictionary, OpenCC's tables, the index's
    arrays) is loaded before the server listens, so the first reader does not wait for it; the
    handle that search opened is the one the server reads with. Garbage collection is paused
    while it loads (`searchapp.startup`).
    """
    try:
        public_url = check_public_url(public_url) or default_public_url(host, port)
    except SearchAppError as e:
        raise CliError(f"--public-url: {e.message}") from None
    h = None
    try:
        with collection_paused():  # what is loaded here stays for the life of the server
            # deferred: Flask, waitress and the engine load only to serve (`--help` stays quick)
            from searchapp.analysis.tokenizer import warm
            from searchapp.index import open_index
            from searchapp.web import create_app, serve as run
            from searchapp.web.resources import adopt_handle

            try:
                h = open_index(index_dir)
            except IndexMissing:
                click.echo(f"warning: no index in {index_dir} yet; pages answer 503 until it is "
                           f"built: searchapp index corpus/ --index {index_dir}", err=True)
                warm()
            else:
                warm_up(h)
            app = create_app({"INDEX_DIR": str(index_dir), "PUBLIC_URL": public_url})
            if h is not None:  # the warmed handle serves: the first request opens nothing again
                adopt_handle(app, h)
        try:
            run(app, host, port, threads)
        except (OSError, ValueError) as e:  # waitress: ValueError for an unresolvable address
            why = str(getattr(e, "strerror", None) or e).rstrip(".")
            raise CliError(f"cannot listen on {host}:{port}: {why}; give --host an address of "
                           f"this machine (127.0.0.1, 0.0.0.0, ::)") from None
    finally:
        if h is not None:
            h.close()


def warm_up(handle) -> None:
    """Run one search on `handle` (an open `IndexHandle`) so that what every process loads once
    on its first search (the tokenizer's dictionary, OpenCC's tables, the generation's arrays)
    is loaded now, and the homophone table of spelling suggestions
    (`analysis.homophones.warm`); the answer is thrown away."""
    # deferred like serve's own imports: the engine loads only to serve
    from searchapp.analysis.homophones import warm
    from searchapp.request import SearchRequest
    from searchapp.search import search

    search(handle, SearchRequest(q="新闻 news"))
    warm()


def default_public_url(host: str, port: int) -> str | None:
    """http://HOST:PORT/ of a server listening on one address; None (relative links) for a
    wildcard address (0.0.0.0, ::, empty) or port 0, where the readers' address is unknown."""
    if host in ("", "0.0.0.0", "::", "[::]") or port == 0:
        return None
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
