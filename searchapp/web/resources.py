"""The index as a per-application resource (after flaskr's `db.py`: get_x / close_x / init_app).

One `IndexHandle` is opened lazily by the first request that needs it and then shared by every
request thread of the app (the handle is thread-safe and reopens itself after a rebuild, see
`searchapp.index`). Nothing is opened at import time or in `create_app`, so an app can be created
before its index exists: requests answer 503 with how to build it until it does, and the first
request after the build opens it (a failed open is not cached). A handle opened before the app
can be handed to it (`adopt_handle`: `serve`'s warm-up handle).
"""
from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app

from searchapp.errors import IndexDamaged, IndexMissing, IndexOutdated
from searchapp.index import open_index

_KEY = "searchapp.index"
BUILD_HINT = "build it with `searchapp index corpus/` (or point SEARCHAPP_INDEX / --index at an existing index)"


def init_app(app: Flask) -> None:
    """Register the (not yet opened) handle slot on `app`."""
    app.extensions[_KEY] = {"handle": None, "lock": threading.Lock()}


def get_handle() -> Any:
    """The app's open IndexHandle, opened on first use from `INDEX_DIR`.

    Raises `errors.IndexMissing` (503) when there is no index, with a message saying how to build it.
    """
    slot = current_app.extensions[_KEY]
    handle = slot["handle"]
    if handle is None:
        with slot["lock"]:
            handle = slot["handle"]
            if handle is None:
                index_dir = current_app.config["INDEX_DIR"]
                try:
                    handle = open_index(index_dir, current_app.config.get("MATCHER"))
                except (IndexDamaged, IndexOutdated):
                    raise  # their own message says what to do (repair, rebuild)
                except IndexMissing as e:
                    msg = e.message if "searchapp index" in e.message else (
                        f"no search index at {index_dir}: {BUILD_HINT}")
                    raise IndexMissing(msg) from None
                slot["handle"] = handle
    return handle


def adopt_handle(app: Flask, handle: Any) -> None:
    """Make `handle` (an open IndexHandle of the app's INDEX_DIR) the app's handle, so its first
    request does not open the index again: `serve` hands over the handle its warm-up search
    opened, with what that search loaded into its searchers (the generation's arrays, maps and
    term files) still in them. `close_handle` closes it."""
    with app.extensions[_KEY]["lock"]:
        app.extensions[_KEY]["handle"] = handle


def close_handle(app: Flask) -> None:
    """Close and forget the app's handle (tests, shutdown). Safe when none was opened."""
    slot = app.extensions.get(_KEY)
    if not slot:
        return
    with slot["lock"]:
        handle, slot["handle"] = slot["handle"], None
    close = getattr(handle, "close", None)
    if callable(close):
        close()
