"""Serving with waitress (a production WSGI server: a thread pool sharing one IndexHandle).

`searchapp serve` calls `serve(app, host, port, threads)`; tests use `make_server` with port 0
to get a free port and run it in a thread.
"""
from __future__ import annotations

from typing import Any

from waitress.server import create_server


def make_server(app: Any, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> Any:
    """A waitress server bound to host:port (port 0 picks a free one: see `.effective_port`),
    not yet running; call `.run()` to serve and `.close()` to stop. Raises OSError when the
    address is in use."""
    return create_server(app, host=host, port=port, threads=threads, ident="searchapp",
                         clear_untrusted_proxy_headers=True)


def url_of(server: Any) -> str:
    """Base URL of a server made by `make_server`, e.g. "http://127.0.0.1:5000/"."""
    host = server.effective_host
    if ":" in str(host):
        host = f"[{host}]"
    return f"http://{host}:{server.effective_port}/"


def serve(app: Any, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> None:
    """Serve `app` with waitress until Ctrl+C, printing the URL first. `threads` worker threads
    (each request runs in one) share the app's index handle."""
    server = make_server(app, host=host, port=port, threads=threads)
    print(f"searchapp: serving on {url_of(server)} with {threads} threads (Ctrl+C stops)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
