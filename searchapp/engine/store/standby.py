"""Writer processes forked before a build plans, waiting for their share of the articles.

    with standby(count) as ready:     fork `count` idle writer processes now (count ≤ 0: none)
        ...plan the build...          (the parent grows: readers, per-article records)
        proc = ready.helper()         meanwhile, one that can take small jobs for the planner:
        proc.ask(fn, args); proc.answer()   ("ok", fn(*args)) or ("error", why); then it waits again
        proc = ready.take()           one of them (or a process forked now when none is left)
        proc.send(job)                its job, pickled through a pipe: (function, args)
        status, value = proc.result() ("ok", what the function returned) or ("error", message)

A writer forked after planning starts with every resident page of the planner (its modules, the
readers, a few hundred bytes of records per article) and counts them again in its own resident
memory, so a build's summed RSS grew with the number of articles. A process forked before
planning holds only what the building process held then; what it writes reaches it as a job:
the index folder, the spool file's offsets of its share and their marks (`index.spool`), never
the articles themselves.

Each process dies with its parent (PR_SET_PDEATHSIG), so a killed build leaves no writer
behind; one that is never given a job is told to exit (or killed) when the `with` block ends.
A process that dies or fails is reported by `result` as ("error", why), never raised. A process
that died while helping the planner (`ask`) is never given a writer's job: `take` forks another.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

__all__ = ["standby", "Ready", "Proc"]


class Proc:
    """One writer process, forked now and idle until `send(job)`; then `result()`."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        jobs_in, self._out = ctx.Pipe(duplex=False)       # the child reads its job
        self._in, results_out = ctx.Pipe(duplex=False)    # and writes its answer
        self.process = ctx.Process(target=_serve, args=(jobs_in, results_out), daemon=True)
        _fork_holding_ctrl_c(self.process)
        jobs_in.close()  # the parent keeps only its ends: the child's death is an EOF
        results_out.close()
        #: True once an `ask` failed (the process died, or its answer was an error)
        self.broken = False

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def ask(self, fn: Callable[..., Any], args: tuple) -> bool:
        """A small job before the real one: `fn(*args)` is run there (both pickled) and the
        process waits for its next job again; read the answer with `answer()` before asking
        again (one question in flight: neither side then blocks on a full pipe). False when the
        process is gone."""
        try:
            self._out.send(_Ask(fn, args))
            return True
        except OSError:
            return False

    def answered(self) -> bool:
        """True when the answer to the last `ask` can be read without waiting (or the process
        is gone)."""
        try:
            return self._in.poll()
        except OSError:
            return True

    def answer(self) -> tuple[str, Any]:
        """("ok", what the asked `fn` returned) or ("error", why): also when the process died
        before answering, which marks it broken (`Ready.take` then never hands it out)."""
        try:
            got = self._in.recv()
        except (EOFError, OSError):
            self.broken = True
            return "error", "the process exited before answering"
        if got[0] != "ok":
            self.broken = True
        return got

    def send(self, job: tuple[Callable[..., Any], tuple] | None) -> bool:
        """Give the process its job, `(function, args)` run as `function(*args)` there (both
        pickled); None: exit unused. False when the process is gone already."""
        try:
            self._out.send(job)
            return True
        except OSError:  # BrokenPipeError: it died while waiting
            return False
        finally:
            self._out.close()

    def result(self) -> tuple[str, Any]:
        """("ok", the job's return value) or ("error", message): also when the process exited
        before answering (its exit code in the message)."""
        try:
            got = self._in.recv()
        except (EOFError, OSError):
            self.process.join(timeout=5)
            return "error", (f"writer process exited with code {self.process.exitcode} before "
                             f"finishing")
        self.process.join(timeout=30)
        return got

    def stop(self) -> None:
        """Kill it if it still runs; reap it; close the pipes."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self._out.close()
        self._in.close()


class Ready:
    """The idle processes of a `standby` block."""

    def __init__(self, count: int):
        self._idle: list[Proc] = []
        self._all: list[Proc] = []
        for _ in range(max(0, count)):
            self._add()

    def _add(self) -> Proc:
        p = Proc()
        self._all.append(p)
        self._idle.append(p)
        return p

    @property
    def idle(self) -> int:
        """How many processes wait for a job."""
        return len(self._idle)

    def helper(self) -> Proc | None:
        """An idle process that may take `ask` jobs while the build plans (it stays idle and is
        still handed out by `take` unless it broke); None when there is none."""
        return self._idle[0] if self._idle else None

    def take(self) -> Proc:
        """An idle process (forked before planning) that did not break while helping, else one
        forked now."""
        for p in [p for p in self._idle if p.broken]:
            self._idle.remove(p)
            p.stop()
        if not self._idle:
            self._add()
        return self._idle.pop(0)

    def close(self) -> None:
        """Tell idle processes to exit, stop every process, reap them."""
        for p in self._idle:
            p.send(None)
        self._idle = []
        for p in self._all:
            p.stop()
        self._all = []


@contextmanager
def standby(count: int) -> Iterator[Ready]:
    """`count` writer processes forked now, waiting for jobs (module docstring); every one is
    stopped when the block ends, whatever happens in it."""
    ready = Ready(count)
    try:
        yield ready
    finally:
        ready.close()


def _fork_holding_ctrl_c(process) -> None:
    """`process.start()` (a fork) with a Ctrl-C that arrives meanwhile held until it is done,
    then delivered to the handler in force. Python runs fork's handlers (e.g. logging's lock
    release) in the parent, and a KeyboardInterrupt raised inside one is printed and dropped:
    the build went on as if never interrupted. (Blocking the signal would not do: numpy's
    threads would take it.) Outside the main thread, where handlers cannot be set, it forks."""
    if threading.current_thread() is not threading.main_thread():
        process.start()
        return
    seen: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: seen.append(signum))
    try:
        process.start()
    finally:
        signal.signal(signal.SIGINT, previous)
    if seen:
        signal.raise_signal(signal.SIGINT)


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux: the daemon flag still reaps it on exit
        pass


class _Ask:
    """A job asked before the real one (`Proc.ask`): answered, then the process waits again."""

    def __init__(self, fn: Callable[..., Any], args: tuple):
        self.fn, self.args = fn, args


def _serve(jobs, results) -> None:
    """The forked process: answer the `_Ask` jobs, if any, then wait for one job, run it, send
    ("ok", value) or ("error", why); any exception ends it quietly: the parent reports the
    build's failure. It ignores Ctrl-C (which reaches the whole process group): the building
    process is the one interrupted, and it stops this one (`Proc.stop`; or this one dies with
    it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    try:
        job = jobs.recv()
        while isinstance(job, _Ask):
            results.send(_run(job.fn, job.args))
            job = jobs.recv()
        if job is None:
            return
        results.send(_run(*job))
    except BaseException:  # noqa: BLE001 - the parent sees the closed pipe
        pass
    finally:
        os._exit(0)


def _run(fn: Callable[..., Any], args: tuple) -> tuple[str, Any]:
    """("ok", fn(*args)) or ("error", "Type: message")."""
    try:
        return "ok", fn(*args)
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        return "error", f"{type(e).__name__}: {e}"
