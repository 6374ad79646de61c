"""Compiled templates kept between starts: Jinja's bytecode cache in searchapp's cache folder.

    template_cache() -> jinja2.BytecodeCache | None     (None: no writable cache folder)

Jinja compiles a template (parse, generate Python, `compile`) the first time a process renders
it: every start of the server paid that on its first page (the results page and the templates it
includes), inside the first reader's wait. With a bytecode cache a later process loads the
compiled code instead (Jinja's `FileSystemBytecodeCache`, as Python keeps `__pycache__`). An
entry is keyed by the template's name and file and holds the sha1 of its source and Jinja's and
Python's versions (`jinja2.bccache.Bucket`), so an edited template, another install or another
Python compiles afresh; entries are written whole (a temporary file renamed).

The folder is `$SEARCHAPP_CACHE/templates` (default `~/.cache/searchapp/templates`, beside the
tokenizer's dictionary cache, `analysis.tokenizer.cache_path`). A folder that cannot be made or
written costs nothing but the speed: a failed write or read is ignored and the template is
compiled as without a cache.
"""
from __future__ import annotations

from typing import Any

from jinja2 import FileSystemBytecodeCache

from searchapp.analysis.tokenizer import cache_path  # the one place the cache root is named

__all__ = ["template_cache", "QuietBytecodeCache"]


class QuietBytecodeCache(FileSystemBytecodeCache):
    """`FileSystemBytecodeCache` whose failures to read or write an entry (OSError: a folder
    made read-only or removed meanwhile, a full disk) are ignored: the page is rendered from the
    freshly compiled template either way."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache() -> QuietBytecodeCache | None:
    """The bytecode cache in `$SEARCHAPP_CACHE/templates` (made if missing); None when that
    folder cannot be made (then templates compile in every process, as without a cache)."""
    folder = cache_path().parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietBytecodeCache(str(folder))
