"""Run a piece of the fuzzer in a forked child: a crash of loom becomes a result instead of the end of the run.

The fuzzers build designs in process (``loom.emit``), where a crash inside
MLIR/CIRCT (SIGSEGV, SIGABRT, LLVM's fatal-error ``exit``) would kill the whole
run: no failure line, no reproducer, no count, and the remaining seeds never
run. ``in_child`` forks (loom is imported already, so a child costs a few
milliseconds), runs the function there and hands its pickled result back
through a pipe; when the child dies instead, the result is a ``Died`` naming
the signal, with what the child wrote on stderr: the Python stack
(``faulthandler``) and LLVM's stack at the moment of the crash. A hang of loom
would stop the run as surely: the loom work in a child runs under ``deadline()``,
past which the child writes its Python stack and exits, and the result is a
``Died`` that says loom hung.
"""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

LOOM_DEADLINE = 120.0
"""Seconds one piece of loom work (a build, a transform) may take in a child: a random design builds in well
under a second, so past this loom hangs."""

HUNG = "loom hung"
"""How a hang's message starts (a hang is not shrunk: every candidate that still hangs costs the deadline)."""

_TIMEOUT_HEADER = "Timeout ("
"""How ``faulthandler.dump_traceback_later`` starts what it writes before it ends the process."""


@dataclass(frozen=True)
class Died:
    """How a child ended without a result: ``how`` is a signal's name (``SIGSEGV``) or ``exit status N``."""

    how: str
    stack: str = ""

    def message(self) -> str:
        """The first line names how loom died (what shrinking keeps); then the Python stack at the crash."""
        if self.stack.startswith(_TIMEOUT_HEADER):
            return f"{HUNG}: no result within {LOOM_DEADLINE:.0f} s\n{self.stack}".rstrip()
        return f"loom died of {self.how}\n{self.stack}".rstrip()


class ChildError(RuntimeError):
    """The function raised in the child: a bug of the harness, not of loom (the child's traceback is the message)."""


def in_child[T, **P](function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | Died:
    """``function(*args, **kwargs)`` in a forked child; its result, or ``Died`` when the child did not return."""
    sys.stdout.flush()  # what the parent buffered would be printed twice
    sys.stderr.flush()
    with tempfile.TemporaryFile("w+") as stack:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(write_fd, stack, lambda: function(*args, **kwargs))
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, wait_status = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(wait_status)
        if status == 0 and data:
            kind, value = pickle.loads(data)
            if kind == "raised":
                raise ChildError(value)
            return value
        stack.seek(0)
        how = signal.Signals(-status).name if status < 0 else f"exit status {status}"
        return Died(how, stack.read().strip())


@contextmanager
def deadline() -> Iterator[None]:
    """Bound the loom work inside: past ``LOOM_DEADLINE`` seconds the process writes every thread's Python stack
    (to the child's stack file) and exits, even when the hang is in C++. Only the loom work is bounded: the
    tools around it (Verilator, Icarus, yosys) have timeouts of their own."""
    # to file descriptor 2 (``sys.stderr`` may be a capture without one): in a child, its stack file
    faulthandler.dump_traceback_later(LOOM_DEADLINE, exit=True, file=2)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def _child(write_fd: int, stack: IO[str], run: Callable[[], object]) -> None:
    """In the forked child: run, send ``("returned", result)`` or ``("raised", traceback)``; never returns."""
    try:
        # A crash writes the Python stack (faulthandler) and LLVM's stack (its own handler, on stderr) into
        # ``stack``, and no core file (a sweep may crash hundreds of times).
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.dup2(stack.fileno(), 2)
        faulthandler.enable(file=stack)
        try:
            data = pickle.dumps(("returned", run()))
        except Exception:
            data = pickle.dumps(("raised", traceback.format_exc()))
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)  # never the parent's atexit handlers or pytest's teardown
