"""Saying what is damaged, and repairing it only when asked.

    damage_error(health) -> IndexDamaged         the one error every writer and reader raises
    repair_plan(health) -> RepairChoice          what `searchapp repair` would do, and why
    repair(index_dir, mode="auto", ...) -> dict  do it (holding the writer lock)

Two repairs (docs/index.md, "Damage and repair"):
- **reindex**: a full build from the input files recorded in the newest readable manifest (the
  live generation's when it is readable), as a new generation. The index then holds exactly
  what the damaged generation was built from, read afresh.
- **recover**: make the newest intact generation live again (`CURRENT` points at it). Nothing is
  read; the index is as it was when that generation was built; the next `searchapp index PATHS`
  brings it up to date incrementally.
`auto` re-indexes when every recorded input file still exists and recovers otherwise (so no
article is lost for want of its file); with nothing to re-index from and no intact generation,
it says so and changes nothing. Damaged generations are never deleted here: the next
successful build's clean-up removes them like any other old or unfinished generation.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from searchapp.errors import IndexDamaged, SearchAppError
from searchapp.index.health import Health, inspect
from searchapp.index.store import HEAD, MANIFEST, gen_number, read_manifest, switch_current

__all__ = ["damage_error", "repair_plan", "RepairChoice", "MODES", "repair_command"]

MODES = ("auto", "reindex", "recover")


@dataclass
class RepairChoice:
    """What repair would do: `action` "reindex", "recover" or None (nothing possible);
    `inputs`: recorded input files that still exist, `missing`: those that do not,
    `inputs_from`: the generation whose manifest listed them; `target`: the generation a
    recovery makes live; `why`: one line."""

    action: str | None
    inputs: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    inputs_from: str | None = None
    target: str | None = None
    why: str = ""
    #: when nothing can be done automatically: the command that would (None: the generic
    #: `searchapp index --rebuild ... PATHS`)
    command: str | None = None


def repair_command(index_dir: Path, mode: str | None = None) -> str:
    """The command line that repairs `index_dir` (`searchapp repair --index DIR [--recover]`)."""
    flag = f" --{mode}" if mode in ("reindex", "recover") else ""
    return f"searchapp repair --index {index_dir}{flag}"


def recorded_manifest(health: Health) -> tuple[dict[str, Any] | None, str | None]:
    """(manifest, generation) of the newest readable manifest, the live one first; (None, None)
    when none can be read. A manifest is metadata beside the index files: it stays readable
    when the index files of its generation are damaged, so it still says what was read, and
    how (each file's `read_options`). A manifest that belongs to another index or generation
    (`GenerationState.foreign`) is skipped: its input files never fed this index, and
    re-indexing them would replace this index's articles with another corpus."""
    names = [g.name for g in reversed(health.generations)]
    for name in ([health.live] if health.live else []) + names:
        state = health.state(name)
        if state is not None and state.foreign:  # another index's: its inputs are not ours
            continue
        m = read_manifest(health.index_dir / name)
        if m is not None:
            return m, name
    return None, None


def _recorded_inputs(health: Health) -> tuple[list[str], str | None]:
    """(inputs, generation) from `recorded_manifest`: the paths given to its builds (`roots`:
    folders are read again whole, so files added to them since are found too), plus any
    recorded file outside them (manifests without `roots`: the files)."""
    m, name = recorded_manifest(health)
    if m is None:
        return [], None
    roots = sorted(m.get("roots", []))
    under = tuple(r.rstrip(os.sep) + os.sep for r in roots)
    files = [f for f in sorted(m.get("files", {})) if f not in roots and not f.startswith(under)]
    return roots + files, name


def repair_plan(health: Health, mode: str = "auto") -> RepairChoice:
    """What `repair(mode)` would do for this state (see the module docstring)."""
    recorded, source = _recorded_inputs(health)
    inputs = [f for f in recorded if os.path.exists(f)]
    missing = [f for f in recorded if not os.path.exists(f)]
    intact = health.intact()
    target = intact[0].name if intact else None
    foreign = _foreign_live(health)
    if foreign is not None and not recorded and (mode == "reindex" or target is None):
        return _refuse_foreign(health, foreign, missing, source)
    if mode == "reindex" or (mode == "auto" and inputs and not missing):
        if not inputs:
            return RepairChoice(None, why="no recorded input path exists to re-index from")
        return RepairChoice("reindex", inputs, missing, source, target,
                            f"re-index the {len(inputs)} input path{'s' * (len(inputs) != 1)} "
                            f"recorded in {source}" + (f" ({len(missing)} recorded paths are "
                                                       f"gone: their articles are lost)"
                                                       if missing else ""))
    if target is not None:
        return RepairChoice("recover", inputs, missing, source, target,
                            f"make {intact[0].describe()} live again")
    if inputs and not missing:  # asked to recover only (the re-index is what would work)
        why = (f"no intact generation to recover; the {len(inputs)} input "
               f"path{'s' * (len(inputs) != 1)} recorded in {source} can be re-indexed with "
               f"`searchapp repair --index {health.index_dir}`")
    elif missing:
        why = (f"no intact generation to recover and {len(missing)} of the recorded input paths "
               "are gone")
    else:
        why = "no intact generation to recover and no recorded input path"
    return RepairChoice(None, inputs, missing, source, None, why)


def _foreign_live(health: Health) -> Any:
    """The GenerationState of the live generation (or the newest, when CURRENT is damaged) when
    its manifest belongs to another index or generation, else None."""
    name = health.live or (health.generations[-1].name if health.generations else None)
    state = health.state(name)
    return state if state is not None and state.foreign else None


def _refuse_foreign(health: Health, state: Any, missing: list[str],
                    source: str | None) -> RepairChoice:
    """Nothing automatic for a generation whose manifest is another's: its own articles are in
    its index files (its generation.json lists them), the foreign manifest's inputs are not this
    index's. The way out: put back its own manifest, or re-index the paths its own
    generation.json records (`roots`), named in the command."""
    d = health.index_dir
    roots = " ".join(state.roots) if state.roots else "PATHS"
    command = f"searchapp index --rebuild --index {d} {roots}"
    if state.other_files:
        why = (f"none of the index files {state.name}'s {MANIFEST} and {HEAD} record is in its "
               f"folder, which holds others: either those two files were copied in from "
               f"another index (re-indexing the paths they record would replace this folder's "
               f"articles with another corpus) or the index files were; nothing was re-indexed "
               f"automatically. Put back the generation's own files from the copy they came "
               f"with, or, when {MANIFEST} is this index's own, re-index the paths it records")
        return RepairChoice(None, [], missing, source, None, why, command)
    own = "whole" if len(state.problems) == 1 else "not whole either"
    why = (f"{state.name}'s {MANIFEST} belongs to another index or generation, so the input "
           f"paths it records were not re-indexed (that would replace this index's "
           f"{state.articles} articles with another corpus); its own index files (listed in "
           f"its {HEAD}) are {own}. Put back the {MANIFEST} of {state.name} from the copy it "
           f"came with, or re-index the input paths this generation's own {HEAD} records "
           f"(its manifest, which recorded each file's reading options, is lost: give "
           f"--map or --title again for files first indexed with them)")
    return RepairChoice(None, [], missing, source, None, why, command)


def damage_error(health: Health) -> IndexDamaged:
    """IndexDamaged naming what is wrong, the intact generations and the repair commands."""
    d = health.index_dir
    intact = health.intact()
    parts = [f"the index in {d} is damaged: {'; '.join(health.problems())}.",
             "Nothing was written or deleted."]
    parts.append("Intact generations: " + ", ".join(g.describe() for g in intact) + "."
                 if intact else "No generation is intact.")
    auto = repair_plan(health)
    if auto.action is None:
        parts.append(f"It cannot be repaired automatically ({auto.why}): rebuild it with "
                     f"`{auto.command or f'searchapp index --rebuild --index {d} PATHS'}`.")
    else:
        ways = [f"`{repair_command(d)}` ({auto.why})"]
        if auto.action == "reindex" and intact:
            ways.append(f"`{repair_command(d, 'recover')}` (make {intact[0].name} live again)")
        parts.append("Repair with " + " or ".join(ways) + ".")
    return IndexDamaged(" ".join(parts),
                        message_zh=f"索引“{d}”已损坏（{'；'.join(health.problems())}），未作任何更改。"
                                   f"修复：{repair_command(d)}")


def recover(health: Health, target: str) -> None:
    """Point CURRENT at the intact generation `target` (caller holds the writer lock)."""
    switch_current(health.index_dir, target)


def repair(index_dir: str | os.PathLike, mode: str = "auto", *,
           rebuild: Callable[[list[Path]], Any] | None = None) -> dict[str, Any]:
    """Repair `index_dir` (caller holds the writer lock). `rebuild(paths)` runs a full build
    over `paths` under that lock and returns its BuildReport. Returns {"action": "none" |
    "reindex" | "recover", "why", "health" (before), "generation", "report" (reindex)}.
    Raises SearchAppError when nothing can be done (the index is left as it was)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    health = inspect(index_dir, deep="all")
    out: dict[str, Any] = {"health": health.to_dict()}
    if not health.damaged:
        out.update(action="none", why="the index is healthy: nothing to repair" if not health.fresh
                   else "there is no index here yet: nothing to repair")
        return out
    choice = repair_plan(health, mode)
    if choice.action is None:
        command = choice.command or f"searchapp index --rebuild --index {index_dir} PATHS"
        raise SearchAppError(f"cannot repair {index_dir}: {choice.why}; nothing was changed. "
                             f"Rebuild it with `{command}`",
                             code="index_damaged", status=503)
    out.update(action=choice.action, why=choice.why, missing=choice.missing)
    if choice.action == "recover":
        recover(health, choice.target or "")
        out["generation"] = gen_number(choice.target or "")
    else:
        if rebuild is None:
            raise ValueError("reindex needs `rebuild`")
        report = rebuild([Path(p) for p in choice.inputs])
        out["report"] = report.to_dict()
        out["generation"] = report.generation
    return out
