"""Shared fixtures: a real index of the bundled corpus built once per session in a temp folder,
the real Flask app over it, its test client, and a click CliRunner. No mocks. Shared helper
functions and paths live in tests/helpers.py; tests are grouped by the package they test
(tests/<package>/), `slow` marks what `pytest -m "not slow"` leaves out."""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from helpers import CORPUS, ROOT, SHARED

if str(ROOT) not in sys.path:  # bench/ is not an installed package
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """Folder of a real Whoosh index built from corpus/ (read-only for tests: copy to modify)."""
    from searchapp.index import build

    d = tmp_path_factory.mktemp("index")
    build([CORPUS], d)
    return d


@pytest.fixture(scope="session")
def handle(corpus_index):
    """An open IndexHandle over `corpus_index`."""
    from searchapp.index import open_index

    return open_index(corpus_index)


@pytest.fixture(scope="session")
def archive_inputs(tmp_path_factory, shared_dir) -> dict:
    """The small archive of tests/archive_data.py written to a temp folder (needs ../shared)."""
    from archive_data import write_archive

    return write_archive(tmp_path_factory.mktemp("archive-data"))


@pytest.fixture(scope="session")
def archive_index(tmp_path_factory, archive_inputs) -> Path:
    """A real index of that archive plus the bundled issue (read-only for tests: copy to modify)."""
    from searchapp.index import build

    d = tmp_path_factory.mktemp("archive-index")
    build(archive_inputs["paths"], d)
    return d


@pytest.fixture()
def app(corpus_index):
    from searchapp.web import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(corpus_index)})
    yield app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(corpus_index, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("SEARCHAPP_INDEX", str(corpus_index))
    return CliRunner()


# --- a served app and a real browser (the browser tests) ----------------------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def served_url(corpus_index):
    """Base URL (no trailing slash) of the real app over `corpus_index`, served by waitress on a
    free loopback port for the whole session."""
    from searchapp.web import create_app, make_server
    from searchapp.web.server import url_of

    server = make_server(create_app({"INDEX_DIR": str(corpus_index)}), host="127.0.0.1", port=0,
                         threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield url_of(server).rstrip("/")
    server.close()


@pytest.fixture(scope="session")
def chromium():
    """Debian's /usr/bin/chromium driven by Playwright (never a downloaded browser). Skipped
    when it is missing, except under CI (env CI set), where that is a failure."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing under CI (apt-get install -y chromium)")
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


# The fast lane (`pytest -m "not slow"`) stays under a minute only while its tests stay short:
# a test that is not marked slow and takes longer than this is named at the end of the run (a
# note for whoever runs the lane, never a failure: timings depend on the machine).
FAST_LANE_LIMIT_S = 2.0
_long_in_fast_lane: list[tuple[float, str]] = []


def pytest_runtest_logreport(report):
    if report.when == "call" and report.duration > FAST_LANE_LIMIT_S \
            and "slow" not in report.keywords:
        _long_in_fast_lane.append((report.duration, report.nodeid))


def pytest_terminal_summary(terminalreporter):
    if _long_in_fast_lane:
        terminalreporter.section("tests not marked slow that took over %.0f s" % FAST_LANE_LIMIT_S)
        for seconds, nodeid in sorted(_long_in_fast_lane, reverse=True):
            terminalreporter.write_line(f"{seconds:5.1f} s  {nodeid}  (mark it @pytest.mark.slow)")
