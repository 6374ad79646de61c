"""The per-generation file of mined pairs (`abbreviations.json`, written by `index.mined` inside
the generation folder): its bytes, and reading it back without ever raising.

    encode(pairs) -> bytes;  decode(data) -> Pairs      the file (decode: ValueError)
    read(folder) -> Pairs | None            the generation's file, or None (missing, damaged)
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from searchapp.vocab.abbrev.pairs import Pairs

__all__ = ["encode", "decode", "read", "FILE", "FORMAT"]

log = logging.getLogger("searchapp")

#: The per-generation file (written by `index.build` inside the generation folder).
FILE = "abbreviations.json"
FORMAT = 1


def encode(pairs: Pairs) -> bytes:
    """The per-generation file: JSON {"format", "pairs": [[full, short, [ids]]], "sha256"} with
    the sha256 of the canonical "pairs" value (so damage that still parses is found)."""
    body = sorted([f, s, sorted(ids)] for (f, s), ids in pairs.by_pair.items())
    return json.dumps({"format": FORMAT, "pairs": body, "sha256": _digest(body)},
                      ensure_ascii=False).encode("utf-8")


def _digest(body: list) -> str:
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def decode(data: bytes) -> Pairs:
    """Inverse of `encode`. Raises ValueError when the data is not such a file (another
    format, damaged, checksum mismatch)."""
    try:
        doc = json.loads(data.decode("utf-8"))
        body = doc["pairs"]
        ok = doc.get("format") == FORMAT and doc.get("sha256") == _digest(body)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ValueError(f"not an abbreviation file: {e}") from e
    if not ok:
        raise ValueError("abbreviation file of another format or damaged (checksum)")
    try:
        return Pairs({(str(f), str(s)): set(map(str, ids)) for f, s, ids in body})
    except (TypeError, ValueError) as e:
        raise ValueError(f"abbreviation file damaged: {e}") from e


def read(folder: Path) -> Pairs | None:
    """The pairs of the generation in `folder`, or None when it has no such file (written
    before mining existed) or the file is damaged; damage is logged (warning on the
    `searchapp` logger) and never raised: search goes on without mined pairs."""
    path = Path(folder) / FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        log.warning("mined abbreviations not used: cannot read %s (%s)", path, e)
        return None
    try:
        return decode(data)
    except ValueError as e:
        log.warning("mined abbreviations not used: %s is damaged (%s)", path, e)
        return None
