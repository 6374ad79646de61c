"""BoundedCache (searchapp/cache.py), the one cache shape of per-segment data: a budget in units,
least recently used out first, an existing entry wins a put race, growth evicts others only."""
from __future__ import annotations

from searchapp.cache import BoundedCache


def test_budget_and_least_recently_used_order():
    c = BoundedCache(10)
    for k in "abc":
        c.put(k, k.upper(), 4)        # a + b = 8; c makes 12: a goes
    assert c.get("a") is None and c.get("b") == "B" and c.size == 8
    c.get("b")                        # b is now the most recently used
    c.put("d", "D", 4)                # evicts c, not b
    assert (c.get("c"), c.get("b"), c.get("d")) == (None, "B", "D")


def test_existing_entry_wins_and_oversized_values_are_not_kept():
    c = BoundedCache(5)
    assert c.put("k", "first") == "first"
    assert c.put("k", "second") == "first"
    assert c.put("big", "x", 6) == "x" and c.get("big") is None and c.size == 1


def test_grow_evicts_older_entries_never_the_growing_one():
    c = BoundedCache(10)
    c.put("old", 1, 5)
    c.put("pos", {}, 0)
    c.grow("pos", 8)
    assert c.get("old") is None and c.get("pos") == {} and c.size == 8
    c.grow("pos", 20)                 # alone and over budget: it stays (it is in use)
    assert c.get("pos") == {} and len(c) == 1


def test_tally_adds_per_key_and_forgets_past_its_key_budget():
    from searchapp.cache import Tally

    t = Tally(keys=2)
    assert t.add("a") == 1 and t.add("a", 5) == 6 and t.add("b", 2) == 2
    assert t.add("c") == 1        # a third key: the old totals are forgotten
    assert t.add("a") == 1


def test_kept_on_computes_once_per_object():
    from searchapp.cache import kept_on

    class Reader:
        pass

    calls = []
    r1, r2 = Reader(), Reader()
    for r in (r1, r1, r2):
        kept_on(r, "_x", lambda: calls.append(1) or len(calls))
    assert calls == [1, 1] and r1._x == 1 and r2._x == 2
    assert kept_on(r1, "_none", lambda: None) is None and kept_on(r1, "_none", lambda: 7) is None
