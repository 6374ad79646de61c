"""Under concurrent use, `searchapp serve` (its default settings, a real process on loopback)
answers every request, good or hostile, and never with a 5xx. Bounded in time and count; the
latency figures are printed, not asserted (speed targets live in bench/)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from helpers import free_port

pytestmark = pytest.mark.slow

CLIENTS = 10
SECONDS = 6.0
MAX_REQUESTS = 2000

# A mix of what web users, editors and scripts send: good queries, filters, paging, exports,
# hostile and malformed input (each of these was a fault class in issue 8).
PATHS = [
    "/search?q=5G",
    "/search?q=%E7%BD%91%E7%BB%9C%E5%AE%89%E5%85%A8&topic=security",
    "/api/search?q=AI&sort=newest&size=5",
    "/api/search?q=%22%E6%95%B0%E5%AD%97%E7%BB%8F%E6%B5%8E%22",
    "/search?q=5G&format=csv",
    "/search?q=%E7%B6%B2%E7%B5%A1&page=1000",
    "/api/search?q=%22unbalanced&page=2",
    "/api/search?q=OR",
    "/api/search?q=%80",
    "/api/search?q=a&page=abc",
    "/api/search?q=a&size=0",
    "/api/search?q=a&sort=sideways",
    "/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/api/search?bogus=1",
    "/article/..%2F..%2Fetc%2Fpasswd",
    "/api/articles/does-not-exist",
    "/api/search?q=" + "%E7%BD%91" * 600,
]



@pytest.fixture(scope="module")
def server(corpus_index):
    port = free_port()
    env = dict(os.environ, SEARCHAPP_INDEX=str(corpus_index))
    proc = subprocess.Popen([sys.executable, "-m", "searchapp", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/search?q=5G", timeout=5).read()
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if proc.poll() is not None:
                pytest.fail("searchapp serve exited: " + (proc.stdout.read() if proc.stdout else ""))
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("searchapp serve did not answer within 60 s")
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_concurrent_mixed_requests_never_5xx(server):
    results: list[tuple[str, int, float, bytes]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop_at:
            with lock:
                if len(results) >= MAX_REQUESTS:
                    return
            path = PATHS[i % len(PATHS)]
            i += 1
            t0 = time.perf_counter()
            status, body = _get(server + path)
            with lock:
                results.append((path, status, time.perf_counter() - t0, body))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 60)
    assert not any(t.is_alive() for t in threads), "a client hung"

    assert len(results) >= len(PATHS), f"only {len(results)} requests answered"
    errors = [(p, s) for p, s, _, _ in results if s >= 500]
    assert not errors, f"5xx answers: {errors[:5]}"
    # Every path of the mix was exercised, and the hostile ones got a 4xx, the good ones a 200.
    seen = {p: s for p, s, _, _ in results}
    assert set(seen) == set(PATHS)
    assert seen["/search?q=5G"] == 200 and seen["/api/search?q=AI&sort=newest&size=5"] == 200
    for bad in ("/api/search?q=%80", "/api/search?q=a&page=abc", "/api/search?bogus=1"):
        assert 400 <= seen[bad] < 500, (bad, seen[bad])
    # No traceback ever reaches a response.
    assert not any(re.search(rb"Traceback \(most recent call last\)", b) for *_, b in results)

    lat = sorted(t for _, _, t, _ in results)
    p95 = lat[int(0.95 * (len(lat) - 1))]
    print(f"\nload: {len(results)} requests, {CLIENTS} clients, {SECONDS:.0f} s, "
          f"p50 {lat[len(lat) // 2] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, 0 x 5xx")
