"""Slow or idle clients never stop the service: with more idle connections than waitress's
default limit (100) and clients dribbling their headers, normal searches keep answering; a client
that does not finish its request headers in time is disconnected; and even more connections than
the server's own limit only delay a search by a sweep or two. Loopback (127.0.0.1) only, bounded
counts and times (docs/web.md, "Slow clients")."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.request

import pytest

from searchapp.web import create_app
from searchapp.web.server import make_server, url_of

IDLE, DRIBBLERS = 150, 30


@contextlib.contextmanager
def running(corpus_index, **limits):
    app = create_app({"INDEX_DIR": str(corpus_index)})
    srv = make_server(app, "127.0.0.1", 0, 4, header_timeout=3, channel_timeout=6,
                      cleanup_interval=1, **limits)
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    try:
        yield srv
    finally:
        srv.close()
        th.join(5)


@contextlib.contextmanager
def slow_clients(port: int):
    """IDLE connections that send nothing and DRIBBLERS that send a header line every 0.5 s
    and never end their headers. Yields the dribblers' sockets."""
    idle, dribblers = [], []
    stop = threading.Event()

    def dribble():
        while not stop.wait(0.5):
            for s in dribblers:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass

    try:
        for _ in range(IDLE):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        for _ in range(DRIBBLERS):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /api/search?q=5G HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            dribblers.append(s)
        threading.Thread(target=dribble, daemon=True).start()
        yield dribblers
    finally:
        stop.set()
        for s in idle + dribblers:
            s.close()


def get(url: str, timeout: float) -> tuple[int, float]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as r:
        r.read()
        return r.status, time.perf_counter() - t


def closed_by_server(socks: list[socket.socket], within: float) -> int:
    """How many of `socks` the server has closed (EOF or reset), waiting up to `within` s."""
    deadline = time.monotonic() + within
    while True:
        closed = 0
        for s in socks:
            s.settimeout(0.01)
            try:
                if s.recv(1) == b"":
                    closed += 1
            except (socket.timeout, BlockingIOError):
                pass
            except OSError:
                closed += 1
        if closed == len(socks) or time.monotonic() > deadline:
            return closed
        time.sleep(0.2)


@pytest.mark.slow
def test_searches_keep_answering_while_slow_clients_hold_connections(corpus_index):
    with running(corpus_index) as srv:
        url = url_of(srv) + "api/search?q=5G"
        assert get(url, 10)[0] == 200  # warm
        with slow_clients(srv.effective_port) as dribblers:
            took = [get(url, 5) for _ in range(10)]
            assert all(status == 200 for status, _ in took)
            assert max(t for _, t in took) < 5
            # they never finish their headers: disconnected after the header deadline (3 s)
            assert closed_by_server(dribblers, 10) == DRIBBLERS
            assert get(url, 5)[0] == 200


@pytest.mark.slow
def test_more_slow_clients_than_the_limit_only_delay_a_search(corpus_index):
    with running(corpus_index, connection_limit=60) as srv:
        url = url_of(srv) + "api/search?q=5G"
        assert get(url, 10)[0] == 200
        with slow_clients(srv.effective_port):
            took = [get(url, 8) for _ in range(3)]
            assert all(status == 200 for status, _ in took)
