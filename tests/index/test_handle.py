"""IndexHandle's searcher pool: bounded lending (memory must not grow with the server's threads),
no deadlock for nested calls."""
from __future__ import annotations

import threading
import time

from searchapp.index import handle as IH
from searchapp.index import open_index


def test_at_most_max_searchers_lent_at_once(corpus_index):
    h = open_index(corpus_index)
    lent, peak, ids = [0], [0], set()
    guard = threading.Lock()

    def work():
        with h.searcher() as s:
            with guard:
                lent[0] += 1
                peak[0] = max(peak[0], lent[0])
                ids.add(id(s))
            time.sleep(0.02)
            with guard:
                lent[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(4 * IH.MAX_SEARCHERS + 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    h.close()
    assert not any(t.is_alive() for t in threads)
    assert 1 <= peak[0] <= IH.MAX_SEARCHERS
    assert len(ids) <= IH.MAX_SEARCHERS  # searchers are reused, not one per thread


def test_nested_calls_in_a_thread_do_not_wait_for_a_slot(corpus_index):
    h = open_index(corpus_index)
    done = threading.Event()

    def nested():
        with h.searcher():
            with h.searcher() as inner:  # all slots may be taken: must not deadlock
                inner.doc_count()
        done.set()

    entered, release = threading.Semaphore(0), threading.Event()

    def hold():
        with h.searcher():
            entered.release()
            release.wait(timeout=10)

    holders = [threading.Thread(target=hold) for _ in range(IH.MAX_SEARCHERS - 1)]
    for t in holders:
        t.start()
    for _ in holders:  # every slot but one is taken before the nested caller starts
        assert entered.acquire(timeout=10)
    t = threading.Thread(target=nested)
    t.start()
    assert done.wait(timeout=10), "nested searcher() calls deadlocked"
    release.set()
    for x in holders + [t]:
        x.join(timeout=10)
    h.close()
