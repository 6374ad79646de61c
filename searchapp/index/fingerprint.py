"""When users must rebuild: a fingerprint of the code and data that shape what the index stores.

    fingerprint(package=PACKAGE) -> str         sha1 hex; equal fingerprints = same stored data

Stored data is shaped by whole packages, listed in `STORED_DATA`: what reads files into
Articles (ingest/), what text turns into (analysis/: normalisation, tokenizer, words, the
literal column, near-duplicates), the archive as printed and reprinted (archive/: editions,
credits, reprint lineage), the vocabulary that is indexed (vocab/: topic rules, outlet
names, the user dictionary), what a document is on disk (engine/store/: schema, analyzer
adapter, writers), the Article itself (model.py), how its date reads (dates.py: the sort
instant is stored) and the set arithmetic near-duplicate marking uses (sortedsets.py). Every
file under them counts, whatever its name, so a module added there counts without anyone listing it; nothing else counts, so
query-time code (engine/match/, engine/build.py, query/ with its synonyms, search/), the web,
the CLI and bulk can change without forcing a rebuild. The on-disk format (Whoosh's version)
and the manifest format count too.

tests/index/test_fingerprint.py changes files in a copy of the package to show both sides,
and checks that the modules the document-producing code imports lie inside STORED_DATA.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from searchapp.engine import format_version
from searchapp.index.store import MANIFEST_FORMAT

__all__ = ["fingerprint", "STORED_DATA", "PACKAGE"]

#: The searchapp package folder.
PACKAGE = Path(__file__).resolve().parent.parent
#: Packages (folders) and modules, relative to the package, whose files shape stored data.
STORED_DATA = ("ingest", "analysis", "archive", "vocab", "engine/store", "model.py", "dates.py",
               "sortedsets.py")


def stored_data_files(package: Path) -> list[Path]:
    """Every file under `STORED_DATA` in `package` (sources and data files; no byte code),
    sorted."""
    out: list[Path] = []
    for rel in STORED_DATA:
        root = package / rel
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        out += [p for p in files if "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")]
    return sorted(out)


@functools.lru_cache(maxsize=4)
def fingerprint(package: Path = PACKAGE) -> str:
    """sha1 hex over the on-disk format, the manifest format and every file of
    `stored_data_files(package)` (its path relative to `package`, then its bytes). Computed once
    per process and folder (the code a process runs does not change under it). Raises OSError
    when a file cannot be read."""
    h = hashlib.sha1(f"{format_version()}|manifest {MANIFEST_FORMAT}".encode())
    for p in stored_data_files(package):
        h.update(b"\0" + p.relative_to(package).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()
