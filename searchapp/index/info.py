"""What an index holds, for `searchapp stats`: `index_info(index_dir) -> dict`."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from searchapp import engine
from searchapp.errors import IndexDamaged
from searchapp.index.handle import refuse_seen_damage, unusable
from searchapp.index.health import inspect
from searchapp.index.repair import damage_error
from searchapp.index.store import folder_size, gen_number, read_current, read_head, read_manifest

__all__ = ["index_info"]


def _value_counts(gen_dir: Path) -> dict[str, dict[str, int]]:
    """{"sources": {source: articles}, "topics": {topic: articles}}, most frequent first, from
    the stored fields (exact even with deletions; ~1 s per 20k articles)."""
    sources: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for a in engine.read_articles(gen_dir):
        if a.source:
            sources[a.source] += 1
        topics.update(a.topics)
    return {"sources": dict(sources.most_common()), "topics": dict(topics.most_common())}


def index_info(index_dir: str | os.PathLike) -> dict[str, Any]:
    """Facts for `searchapp stats`, from the live generation's manifest:
    {"articles": int, "files": int, "generation": int, "built_at": ISO-8601 UTC str,
     "size_bytes": int (the live generation's files), "index_dir": str, "problems": int,
     "sources": {str: int}, "topics": {str: int}}. The last two (articles per source and per
    topic, most frequent first) need a pass over the stored fields and are left out when it
    fails for another reason than a damaged index file. Raises IndexMissing when there is no
    built index, IndexDamaged (its subclass) when the folder is damaged: the cheap check a
    reader runs at open (`quick_problems`), then the deep check of the live generation
    (`health.inspect(deep=True)`: every index file's sha256 against the manifest, and the index
    opened; it reads the generation's files once), or a damaged file met while counting. The
    deep check is needed because counting reads only the stored fields: a segment's sub-files
    lie in a random order, so damage elsewhere (postings, terms) can leave them readable while
    every search fails."""
    d = Path(index_dir)
    name = read_current(d)
    m = read_manifest(d / name) if name else None
    if name is None or m is None:
        raise unusable(d)
    refuse_seen_damage(d, name, read_head(d / name) or {})
    health = inspect(d, deep=True)
    if health.damaged:
        raise damage_error(health)
    files = m.get("files", {})
    info = {
        "articles": len(m.get("articles", {})),
        "files": len(files),
        "generation": gen_number(name) or 0,
        "built_at": m.get("built_at"),
        "size_bytes": folder_size(d / name),
        "index_dir": str(d),
        "problems": sum(len(f.get("problems", [])) for f in files.values()),
    }
    try:
        info.update(_value_counts(d / name))
    except Exception as e:  # noqa: BLE001 - the counts are extras; the manifest facts stand
        found = unusable(d, e)  # ... unless reading them met a damaged index file
        if isinstance(found, IndexDamaged):
            raise found from None
    return info
