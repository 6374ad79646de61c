"""A publication's name for the issue files of a folder: the sidecar file `publication.toml`.

    read_masthead(path) -> dict                          {"name", "issn"?, "cn"?, "kind"?}
    find_masthead(file, top=None) -> Path | None         the sidecar that applies to a file
    masthead_for(file, top=None) -> (dict | None, Problem | None)

An issue file (a PDF-extracted magazine issue, a PDF issue: `archive.ISSUE_FORMATS`) names
neither its publication nor, reliably, its kind; without help its archive key is the file name
without date and issue words (`issue-2020-09-some-magazine` → `some-magazine`), which is a stable
URL key but not a name to cite. The editor who keeps the issues says what they are, once per
folder, in a small TOML file beside them:

    # publication.toml
    name = "某某杂志"            # required: the name as printed on the masthead (刊名/报名)
    issn = "1234-5679"          # optional: ISSN, NNNN-NNNC (C a digit or X)
    cn = "41-1234/TN"           # optional: the Chinese serial number, CN NN-NNNN[/class]
    kind = "期刊"                # optional: 期刊 (magazine, the default) or 报纸 (newspaper)

It applies to the issue files of its folder and of the folders below it (the nearest one wins),
up to the folder given to the build; a file named on the command line uses its own folder's.
Other files (exports, pages) name their outlet themselves (`source`) and ignore it. The name is
kept with each article (`extra["masthead"]`) and shown and cited instead of the key, which stays
the URL key (docs/archive.md, "Naming a publication").

Errors: a sidecar that is not UTF-8 TOML, has an unknown key, no `name`, or a value of the wrong
form is refused with one line naming the file (and the line for TOML syntax) and what is valid
(`MastheadError`); the build reports it as a problem and reads the issues all the same.
"""
from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from .result import Problem

__all__ = ["SIDECAR_NAME", "KINDS", "MastheadError", "read_masthead", "find_masthead",
           "masthead_for"]

#: File name of the sidecar (never read as an input file: `ingest.find_inputs` skips it).
SIDECAR_NAME = "publication.toml"
#: `kind` values and what they mean for citations (GB/T 7714 [J] or [N], RIS MGZN or NEWS).
KINDS = {"期刊": "magazine", "杂志": "magazine", "magazine": "magazine",
         "报纸": "newspaper", "newspaper": "newspaper"}
_KEYS = ("name", "issn", "cn", "kind")
_MAX_NAME = 60
#: ISSN (ISO 3297): four digits, a hyphen, three digits and a check character.
_ISSN = re.compile(r"\d{4}-\d{3}[\dX]")
#: 国内统一连续出版物号 (GB/T 9999.1): CN, a two-digit region, a hyphen, four digits, an
#: optional /class (letters), e.g. 11-1234/TN.
_CN = re.compile(r"(?:CN\s*)?(\d{2}-\d{4})(/[A-Z]{1,3})?")


class MastheadError(Exception):
    """A sidecar that cannot be used: `.file` (str) and `.reason` (one line naming what is
    valid)."""

    def __init__(self, file: str | os.PathLike, reason: str, line: int | None = None):
        super().__init__(reason)
        self.file, self.reason, self.line = str(file), reason, line


def _issn_ok(issn: str) -> bool:
    """The ISSN check character (ISO 3297: weights 8..2, mod 11, 10 written X)."""
    digits = issn.replace("-", "")
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def _text(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise MastheadError(path, f"{key} must be a string in quotes, got {value!r}")
    return " ".join(unicodedata.normalize("NFKC", value).split())


def read_masthead(path: str | os.PathLike) -> dict[str, str]:
    """The sidecar at `path` as {"name": str, "issn"?: str, "cn"?: str, "kind"?: "magazine" |
    "newspaper"} (only the keys given; values NFKC-normalised, ISSN upper case, CN without its
    "CN" prefix). Raises MastheadError (see the module docstring)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_bytes().decode("utf-8"))
    except OSError as e:
        raise MastheadError(p, f"cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise MastheadError(p, "not UTF-8 text (save it as UTF-8)") from None
    except tomllib.TOMLDecodeError as e:
        line = getattr(e, "lineno", None)
        raise MastheadError(p, f"not valid TOML: {e} (write e.g. name = \"刊名\")", line) from None
    unknown = sorted(k for k in data if k not in _KEYS)
    if unknown:
        raise MastheadError(p, f"unknown key {', '.join(map(repr, unknown))}; valid keys: "
                               f"{', '.join(_KEYS)}")
    if "name" not in data:
        raise MastheadError(p, "no name: write the publication's name, e.g. name = \"刊名\"")
    out = {"name": _text(p, "name", data["name"])}
    if not out["name"] or len(out["name"]) > _MAX_NAME or \
            any(unicodedata.category(c)[0] == "C" for c in out["name"]):
        raise MastheadError(p, f"name must be 1 to {_MAX_NAME} printable characters, "
                               f"got {data['name']!r}")
    if "issn" in data:
        issn = _text(p, "issn", data["issn"]).upper()
        if not _ISSN.fullmatch(issn) or not _issn_ok(issn):
            raise MastheadError(p, f"issn must look like 1234-5679 (with a valid check "
                                   f"character), got {data['issn']!r}")
        out["issn"] = issn
    if "cn" in data:
        m = _CN.fullmatch(_text(p, "cn", data["cn"]).upper())
        if not m:
            raise MastheadError(p, f"cn must look like 41-1234/TN, got {data['cn']!r}")
        out["cn"] = m.group(1) + (m.group(2) or "")
    if "kind" in data:
        kind = KINDS.get(_text(p, "kind", data["kind"]).lower())
        if kind is None:
            raise MastheadError(p, f"kind must be one of {', '.join(KINDS)}, got {data['kind']!r}")
        out["kind"] = kind
    return out


def find_masthead(file: str | os.PathLike, top: str | os.PathLike | None = None) -> Path | None:
    """The sidecar that applies to `file`: `publication.toml` in its folder, else in the folders
    above it up to `top` (a folder given to the build; None: the file's own folder only)."""
    folder = Path(os.path.realpath(Path(file).parent))
    stop = Path(os.path.realpath(top)) if top is not None else folder
    while True:
        cand = folder / SIDECAR_NAME
        if cand.is_file():
            return cand
        if folder == stop or stop not in folder.parents:
            return None
        folder = folder.parent


def masthead_for(file: str | os.PathLike, top: str | os.PathLike | None = None
                 ) -> tuple[dict[str, str] | None, Problem | None]:
    """(the masthead of the sidecar that applies to `file`, or None; a Problem when that sidecar
    cannot be used — then None, and the caller decides what the file keeps). Never raises."""
    path = find_masthead(file, top)
    if path is None:
        return None, None
    try:
        return read_masthead(path), None
    except MastheadError as e:
        return None, Problem(e.file, e.line, f"{e.reason}; the issues it names keep the name "
                                             "they had (or their file-name key)")
