"""Is an index folder whole? What is damaged, and which generations are still intact?

    inspect(index_dir, deep=False) -> Health
    check_generation(gen_dir, deep=False) -> GenerationState
    quick_problems(gen_dir, head) -> [str]     the cheap check a reader runs when it opens

An index folder is in one of three states (docs/index.md, "Damage and repair"):
- **fresh**: no `CURRENT` file and no generation folder holding a manifest (nothing was ever
  completed; leftovers of a first build that was killed are not an index);
- **healthy**: `CURRENT` names a generation folder that is intact;
- **damaged**: anything else — `CURRENT` missing (while a generation was completed), empty,
  unreadable, not a generation name, naming a folder that does not exist; or the live
  generation damaged.

Whether one generation is intact is `index.generation_health` (`check_generation`, and the
cheap `quick_problems` a reader runs when it opens; both importable from here too).
Nothing here writes, and nothing opens a file that is not a regular file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from searchapp.index.generation_health import (GenerationState, check_generation, quick_problems,
                                               regular_file)
from searchapp.index.store import CURRENT, MANIFEST, gen_name, gen_number, list_generations

__all__ = ["Health", "GenerationState", "inspect", "check_generation", "quick_problems"]


@dataclass
class Health:
    """What `inspect` found. `live`: the generation CURRENT names (None when fresh or when the
    pointer is damaged); `pointer_problem`: what is wrong with CURRENT, or None;
    `generations`: every generation folder, oldest first."""

    index_dir: Path
    live: str | None
    pointer_problem: str | None
    generations: list[GenerationState]

    def state(self, name: str | None) -> GenerationState | None:
        return next((g for g in self.generations if g.name == name), None)

    @property
    def fresh(self) -> bool:
        """No index was ever completed here."""
        return self.live is None and self.pointer_problem is None

    @property
    def damaged(self) -> bool:
        live = self.state(self.live)
        return self.pointer_problem is not None or (live is not None and not live.intact)

    def problems(self) -> list[str]:
        """One line per problem (empty when healthy or fresh)."""
        out = [self.pointer_problem] if self.pointer_problem else []
        live = self.state(self.live)
        if live is not None and not live.intact:
            out.append(f"the live generation {live.describe()}")
        return out

    def intact(self) -> list[GenerationState]:
        """The intact generations, newest first (checked ones: all of them when the folder is
        damaged, the live one when it is healthy)."""
        return [g for g in reversed(self.generations) if g.intact]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape for `searchapp repair --check --json`."""
        return {"index_dir": str(self.index_dir), "healthy": not self.damaged and not self.fresh,
                "fresh": self.fresh, "damaged": self.damaged, "live": self.live,
                "problems": self.problems(),
                "generations": [{"name": g.name, "intact": g.intact, "problems": g.problems,
                                 "notes": g.notes, "articles": g.articles,
                                 "built_at": g.built_at}
                                for g in self.generations]}


def _pointer(index_dir: Path, gens: list[GenerationState]) -> tuple[str | None, str | None]:
    """(live generation name, problem with CURRENT)."""
    path = index_dir / CURRENT
    why, size = regular_file(path)
    if why == "is missing":
        completed = [g.name for g in gens if os.path.lexists(index_dir / g.name / MANIFEST)]
        if completed:
            return None, (f"{CURRENT} (the pointer to the live generation) is missing, though "
                          f"{len(completed)} generation{'s' if len(completed) > 1 else ''} "
                          f"{'were' if len(completed) > 1 else 'was'} completed")
        return None, None
    if why:
        return None, f"{CURRENT} {why}"
    if size > 4096:
        return None, f"{CURRENT} holds {size} bytes, not a generation name"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            raw = f.read()
    except OSError as e:
        return None, f"{CURRENT} cannot be read ({e.strerror})"
    if not raw.strip():
        return None, f"{CURRENT} is empty"
    name = raw.decode("ascii", "replace").strip()
    if gen_number(name) is None:
        return None, f"{CURRENT} holds {raw[:40]!r}, not a generation name"
    if not os.path.lexists(index_dir / name):
        return None, f"{CURRENT} names {name}, which does not exist"
    return name, None


def inspect(index_dir: str | os.PathLike, deep: bool | str = False) -> Health:
    """The state of the folder `index_dir` (module docstring): CURRENT and the generation
    folders. `deep` hashes the live generation's files and opens it; "all" does so for every
    generation. When the folder is healthy, only the live generation is checked (a build needs
    no more; the others are listed as found); when it is damaged, every generation is, so the
    intact ones can be named. A folder that does not exist is fresh."""
    d = Path(index_dir)
    names = [gen_name(n) for n in list_generations(d)]
    gens = [GenerationState(n) for n in names]
    live, problem = _pointer(d, gens)
    if problem is None and live is not None and live not in names:  # pragma: no cover - raced
        problem = f"{CURRENT} names {live}, which does not exist"
    if problem is None and live is not None and deep != "all":
        state = check_generation(d / live, deep=bool(deep))
        if state.intact:
            return Health(d, live, None, [state if g.name == live else g for g in gens])
    gens = [check_generation(d / n, deep=(deep == "all") or (bool(deep) and n == live))
            for n in names]
    return Health(d, live if problem is None else None, problem, gens)
