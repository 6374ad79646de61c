"""The class of the fast tokenizer backend (rjieba, a Rust port of jieba) without the instance
rjieba's package builds at import.

    jieba_class() -> type | None        rjieba's `Jieba` class; None when rjieba is not installed

`import rjieba` runs the package's `__init__.py`, which builds a module-level `Jieba()` (jieba's
whole default dictionary, ~0.1 s) for its module functions (`rjieba.cut`, ...). searchapp never
calls those: the tokenizer builds its own private instance (`tokenizer.new_fast`), so that first
one was built for nothing on every start of a process. Here the compiled module
(`rjieba.rjieba`, which defines the class) is loaded on its own and registered under its own
name, so a later `import rjieba` (a test, another library) finds it there and still works as
documented. When rjieba's package is already imported, or its layout is not the one expected
(another version), the class is taken from `import rjieba` as before.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from typing import Any

__all__ = ["jieba_class"]

#: The compiled module inside rjieba's package that defines `Jieba` (rjieba 0.2.x).
COMPILED = "rjieba.rjieba"


def jieba_class() -> Any:
    """rjieba's `Jieba` class (instances: `.tokenize(text, mode, hmm)`, `.add_word(word, freq,
    tag)`); None when rjieba is not importable. Loads the compiled module only, unless rjieba's
    package is already imported or laid out otherwise (then `import rjieba`)."""
    loaded = sys.modules.get(COMPILED)
    if loaded is None and "rjieba" not in sys.modules:
        loaded = _load_compiled()
    if loaded is not None and hasattr(loaded, "Jieba"):
        return loaded.Jieba
    try:
        import rjieba  # deferred and optional: the fast backend, when installed
    except ImportError:
        return None
    return rjieba.Jieba


def _load_compiled() -> Any:
    """`rjieba.rjieba` loaded without running the package's `__init__.py`, registered in
    sys.modules; None when rjieba is not installed or has no such compiled module."""
    try:
        package = importlib.util.find_spec("rjieba")
    except (ImportError, ValueError):
        return None
    where = package and package.submodule_search_locations
    if not where:
        return None
    spec = importlib.machinery.PathFinder.find_spec(COMPILED, list(where))
    if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[COMPILED] = module
    return module
