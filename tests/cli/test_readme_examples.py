"""README's example searches find something on the bundled corpus (third fresh tester, F12: two
of its three `searchapp search` examples answered 0 results, and a new user copying them thinks
search is broken). The commands are read from README's shell blocks, so a new or edited
example is checked too."""
from __future__ import annotations

import json
import re
import shlex

import pytest

from helpers import ROOT

README = ROOT / "README.md"


def readme_searches() -> list[list[str]]:
    """The argument lists (after `searchapp`) of every `searchapp search …` line in README's
    ```sh blocks, comments dropped, split as the shell would."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            if line.startswith("searchapp search "):
                out.append(shlex.split(line, comments=True)[1:])
    return out


def test_readme_shows_search_examples():
    assert len(readme_searches()) >= 2  # the parser above still finds them


@pytest.mark.slow
def test_every_readme_search_example_finds_articles_in_the_bundled_corpus(runner):
    from searchapp.cli import main

    for args in readme_searches():
        args = [a for a in args if a not in ("--json",)]
        if "--format" in args:
            i = args.index("--format")
            del args[i:i + 2]
        r = runner.invoke(main, args + ["--format", "json"])
        assert r.exit_code == 0, (args, r.output)
        assert json.loads(r.stdout)["total"] > 0, f"README example finds nothing: searchapp {shlex.join(args)}"
