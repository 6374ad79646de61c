"""Serving with waitress (a production WSGI server: a thread pool sharing one IndexHandle).

`searchapp serve` calls `serve(app, host, port, threads)`; tests use `make_server` with port 0
to get a free port and run it in a thread.

Slow and idle clients (docs/web.md, "Slow clients"). waitress reads requests in its one
event-loop thread and hands a worker thread only a *complete* request, so a client that sends
slowly costs a connection slot, never a worker. With waitress's defaults (100 connections,
idle ones closed after 120 s, checked every 30 s, `select()`), 101 idle connections made every
other request wait for minutes. Here:
- `CONNECTION_LIMIT` connections (the process's open-file limit is raised to fit);
- a connection idle for `CHANNEL_TIMEOUT` seconds is closed (checked every `CLEANUP_INTERVAL`);
- a request whose headers are not complete `HEADER_TIMEOUT` seconds after its first byte is
  closed: a "slowloris" client that sends one header line every few seconds is never idle, so
  the idle timeout alone would keep it forever;
- when the connections reach `PRESSURE` of the limit, connections idle for `PRESSURE_IDLE`
  seconds, and requests still in their headers after as long, are closed at every sweep, so
  clients holding connections open cannot keep new ones out for more than a few seconds;
- `poll()` instead of `select()` (which fails past 1,024 descriptors).
These bound what one client costs; they cannot stop many machines opening connections faster
than they time out — put a reverse proxy with per-client limits in front of a public server.
Protocol errors and raw non-ASCII request lines are answered like the app answers: the channel's
parser and error task come from `web.protocol`.
"""
from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server

from searchapp.web.protocol import ErrorTask, Parser

__all__ = ["make_server", "url_of", "serve", "CONNECTION_LIMIT", "CHANNEL_TIMEOUT",
           "HEADER_TIMEOUT", "CLEANUP_INTERVAL"]

#: Open connections served at once (waitress's default is 100); more wait in the listen backlog.
CONNECTION_LIMIT = 1000
#: Seconds a connection may stay idle (no byte received or sent, no request running).
CHANNEL_TIMEOUT = 30
#: Seconds from a request's first byte to the end of its headers (nginx's client_header_timeout
#: is 60 s, Apache's mod_reqtimeout 20-40 s; a real client sends its headers in one packet).
HEADER_TIMEOUT = 10
#: Seconds between two sweeps for idle and slow connections.
CLEANUP_INTERVAL = 2
#: Share of CONNECTION_LIMIT from which idle and slow connections are closed early.
PRESSURE = 0.9
#: Seconds idle (or in the headers) after which a connection is closed under pressure.
PRESSURE_IDLE = 2
#: File descriptors kept free beside the connections (index files, logs, the listening socket).
_FD_SPARE = 256


class _Channel(HTTPChannel):
    """waitress's channel, remembering when the request being received began (monotonic s),
    with the request-line parser and the error answers of `web.protocol`."""

    parser_class = Parser
    error_task_class = ErrorTask
    request_started: float | None = None

    def received(self, data: bytes) -> bool:
        fresh = self.request is None
        done = super().received(data)
        if self.request is None:
            self.request_started = None
        elif fresh or self.request_started is None:
            self.request_started = time.monotonic()
        return done


def _guard(server: BaseWSGIServer, header_timeout: float) -> None:
    """Give `server` channels that note when a request began, and a maintenance sweep that also
    closes requests whose headers took longer than `header_timeout` seconds, and under pressure
    (`PRESSURE`) every connection idle or in its headers for `PRESSURE_IDLE` seconds."""
    server.channel_class = _Channel
    idle_sweep = server.maintenance
    limit = server.adj.connection_limit

    def maintenance(now: float) -> None:
        idle_sweep(now)
        channels = list(server.active_channels.values())
        crowded = len(channels) >= PRESSURE * limit
        slow = time.monotonic() - (min(header_timeout, PRESSURE_IDLE) if crowded else header_timeout)
        idle = now - PRESSURE_IDLE
        for channel in channels:
            if channel.requests or channel.total_outbufs_len:
                continue  # a request is running or its answer is still being sent
            started = getattr(channel, "request_started", None)
            request = channel.request
            if request is not None and not request.headers_finished:
                if started is not None and started < slow:
                    channel.will_close = True
            elif crowded and request is None and channel.last_activity < idle:
                channel.will_close = True

    server.maintenance = maintenance


def _listeners(server: Any) -> list[BaseWSGIServer]:
    """The listening servers behind what `create_server` returned (one, or several for a host
    name with IPv4 and IPv6 addresses)."""
    if isinstance(server, BaseWSGIServer):
        return [server]
    return [s for s in getattr(server, "map", {}).values() if isinstance(s, BaseWSGIServer)]


def _room_for(connections: int) -> int:
    """Raise the soft open-file limit so `connections` fit (up to the hard limit); returns how
    many connections fit after that."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = connections + _FD_SPARE
    if soft != resource.RLIM_INFINITY and soft < want:
        new = want if hard == resource.RLIM_INFINITY else min(want, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
            soft = new
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return connections
    return max(1, min(connections, soft - _FD_SPARE))


def make_server(app: Any, host: str = "127.0.0.1", port: int = 5000, threads: int = 8, *,
                connection_limit: int = CONNECTION_LIMIT, channel_timeout: int = CHANNEL_TIMEOUT,
                header_timeout: float = HEADER_TIMEOUT,
                cleanup_interval: int = CLEANUP_INTERVAL) -> Any:
    """A waitress server bound to host:port (port 0 picks a free one: see `.effective_port`),
    not yet running; call `.run()` to serve and `.close()` to stop. The limits (seconds and
    connections) are the module's constants unless given (tests shorten them). Raises OSError
    when the address is in use."""
    server = create_server(app, host=host, port=port, threads=threads, ident="searchapp",
                           clear_untrusted_proxy_headers=True,
                           connection_limit=_room_for(connection_limit),
                           channel_timeout=channel_timeout, cleanup_interval=cleanup_interval,
                           asyncore_use_poll=True)
    for s in _listeners(server):
        _guard(s, header_timeout)
    return server


def url_of(server: Any) -> str:
    """Base URL of a server made by `make_server`, e.g. "http://127.0.0.1:5000/"."""
    host = server.effective_host
    if ":" in str(host):
        host = f"[{host}]"
    return f"http://{host}:{server.effective_port}/"


def serve(app: Any, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> None:
    """Serve `app` with waitress until Ctrl+C, printing first the URL and the index folder it
    serves (absolute: `make run` and a server started from another folder say where the index
    is). `threads` worker threads (each request runs in one) share the app's index handle."""
    server = make_server(app, host=host, port=port, threads=threads)
    where = Path(app.config.get("INDEX_DIR", "index")).absolute()
    print(f"searchapp: serving on {url_of(server)} with {threads} threads (Ctrl+C stops); "
          f"index: {where}", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
