"""The searchable symbols (`text.is_symbol`) of known Unicode versions, as code point ranges: a
process reads them here instead of asking `unicodedata.category` about ~78,000 code points on its
first query (`text.symbol_ranges`).

    ranges(version) -> ((first, last), ...) | None     None: no table for that Unicode version

`TABLES` maps a Unicode version (`unicodedata.unidata_version`) to its ranges, ascending and
inclusive, as hexadecimal `first-last` (or `first` alone) separated by spaces. A Python with
another Unicode version computes them as before (and tests/analysis/test_symbol_table.py, which
checks the running version's entry against that computation, prints the entry to add).
"""
from __future__ import annotations

import textwrap

__all__ = ["TABLES", "ranges", "entry"]

TABLES = {
    "14.0.0": (
        "a6 a9 ae 482 58d-58e 60e-60f 6de 6e9 6fd-6fe 7f6 9fa b70 bf3-bf8 bfa c7f d4f d79 "
        "f01-f03 f13 f15-f17 f1a-f1f f34 f36 f38 fbe-fc5 fc7-fcc fce-fcf fd5-fd8 109e-109f "
        "1390-1399 166d 1940 19de-19ff 1b61-1b6a 1b74-1b7c 2100-2101 2103-2106 2108-2109 2114 "
        "2116-2117 211e-2123 2125 2127 2129 212e 213a-213b 214a 214c-214d 214f 218a-218b "
        "2195-2199 219c-219f 21a1-21a2 21a4-21a5 21a7-21ad 21af-21cd 21d0-21d1 21d3 21d5-21f3 "
        "2300-2307 230c-231f 2322-2328 232b-237b 237d-239a 23b4-23db 23e2-2426 2440-244a "
        "249c-24e9 2600-266e 2670-2767 2794-27bf 2800-28ff 2b00-2b2f 2b45-2b46 2b4d-2b73 "
        "2b76-2b95 2b97-2bff 2ce5-2cea 2e50-2e51 2e80-2e99 2e9b-2ef3 2f00-2fd5 2ff0-2ffb 3004 "
        "3012-3013 3020 3036-3037 303e-303f 3190-3191 3196-319f 31c0-31e3 3200-321e 322a-3247 "
        "3250 3260-327f 328a-32b0 32c0-33ff a490-a4c6 ffe4 ffe8 ffed-ffee 10137-1013f "
        "10179-10189 1018c-1018e 10190-1019c 101a0 101d0-101fc 10877-10878 10ac8 1173f "
        "11fd5-11fdc 11fe1-11ff1 16b3c-16b3f 16b45 1bc9c 1cf50-1cfc3 1d000-1d0f5 1d100-1d126 "
        "1d129-1d164 1d16a-1d16c 1d183-1d184 1d18c-1d1a9 1d1ae-1d1ea 1d200-1d241 1d245 "
        "1d300-1d356 1d800-1d9ff 1da37-1da3a 1da6d-1da74 1da76-1da83 1da85-1da86 1e14f 1ecac "
        "1ed2e 1f000-1f02b 1f030-1f093 1f0a0-1f0ae 1f0b1-1f0bf 1f0c1-1f0cf 1f0d1-1f0f5 "
        "1f10d-1f1ad 1f1e6-1f202 1f210-1f23b 1f240-1f248 1f250-1f251 1f260-1f265 1f300-1f3fa "
        "1f400-1f6d7 1f6dd-1f6ec 1f6f0-1f6fc 1f700-1f773 1f780-1f7d8 1f7e0-1f7eb 1f7f0 "
        "1f800-1f80b 1f810-1f847 1f850-1f859 1f860-1f887 1f890-1f8ad 1f8b0-1f8b1 1f900-1fa53 "
        "1fa60-1fa6d 1fa70-1fa74 1fa78-1fa7c 1fa80-1fa86 1fa90-1faac 1fab0-1faba 1fac0-1fac5 "
        "1fad0-1fad9 1fae0-1fae7 1faf0-1faf6 1fb00-1fb92 1fb94-1fbca"
    ),
}


def ranges(version: str) -> tuple[tuple[int, int], ...] | None:
    """The symbol ranges stored for Unicode `version`, ascending inclusive (first, last) code
    points; None when none are stored."""
    text = TABLES.get(version)
    if text is None:
        return None
    out = []
    for tok in text.split():
        first, _, last = tok.partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return tuple(out)


def entry(version: str, ranges: tuple[tuple[int, int], ...]) -> str:
    """The `TABLES` entry (source lines) of Unicode `version` for `ranges` (ascending inclusive
    (first, last) code points)."""
    toks = [f"{a:x}" if a == b else f"{a:x}-{b:x}" for a, b in ranges]
    lines = textwrap.wrap(" ".join(toks), 86)
    body = "\n".join(f'        "{line}{" " if i < len(lines) - 1 else ""}"'
                     for i, line in enumerate(lines))
    return f'    "{version}": (\n{body}\n    ),'
