"""Phases of a build (elaborate, passes, lowering, export): their times, and a live status on a terminal.

A build of 16,384 processing elements takes seconds in each phase and used
to say nothing until it was done. ``Progress`` times each phase and, when its
stream is a terminal, shows which phase (and which pass) is running once the
build has taken longer than ``delay`` seconds, using ``rich``; it shows
nothing on a pipe or a file, so logs and tests stay clean. The code that does
the work marks its phases with the module-level ``phase(name)`` and
``step(detail)``; they cost a dictionary lookup when no ``Progress`` is
active (the Python API's default).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from contextvars import ContextVar
from typing import Any, Iterator, TextIO

PHASES = ("elaborate", "passes", "lowering", "export")
DETAIL_WIDTH = 48

_ACTIVE: ContextVar["Progress | None"] = ContextVar("loom_progress", default=None)


class Progress:
    """Times the phases of one build; shows a transient status line on a terminal after ``delay`` seconds."""

    def __init__(self, stream: TextIO | None = None, *, show: bool | None = None, delay: float = 1.0):
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.show = show if show is not None else bool(isatty and isatty())
        self.delay = delay
        self.times: dict[str, float] = {}
        self._stack: list[list[Any]] = []  # [name, started at]: the running phase is last
        self._detail = ""
        self._status: Any = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._begun = time.perf_counter()

    # -- timing ---------------------------------------------------------------------------------------

    def _charge(self, entry: list[Any], now: float) -> None:
        self.times[entry[0]] = self.times.get(entry[0], 0.0) + now - entry[1]
        entry[1] = now

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time ``name``; an inner phase's time is not counted in the outer one. Re-entering a phase is a no-op."""
        if any(entry[0] == name for entry in self._stack):
            yield
            return
        now = time.perf_counter()
        if self._stack:
            self._charge(self._stack[-1], now)
        self._stack.append([name, now])
        self._detail = ""
        self._refresh()
        try:
            yield
        finally:
            now = time.perf_counter()
            self._charge(self._stack.pop(), now)
            if self._stack:
                self._stack[-1][1] = now
            self._refresh()

    def step(self, detail: str) -> None:
        """What the current phase is doing now (a pass name; a long MLIR pipeline is cut short)."""
        detail = " ".join(detail.split())
        self._detail = detail if len(detail) <= DETAIL_WIDTH else detail[:DETAIL_WIDTH - 3] + "..."
        self._refresh()

    # -- display --------------------------------------------------------------------------------------

    def _text(self) -> str:
        name = self._stack[-1][0] if self._stack else "done"
        detail = f" ({self._detail})" if self._detail else ""
        return f"loom: {name}{detail}  {time.perf_counter() - self._begun:.1f} s"

    def _refresh(self) -> None:
        if not self.show:
            return
        with self._lock:
            if self._status is not None:
                self._status.update(self._text())
            elif self._timer is None:
                self._timer = threading.Timer(self.delay, self._start_status)
                self._timer.daemon = True
                self._timer.start()

    def _start_status(self) -> None:
        from rich.console import Console

        with self._lock:
            if self._timer is None or not self._stack:
                return
            console = Console(file=self.stream, force_terminal=True)
            self._status = console.status(self._text())
            self._status.start()

    def close(self) -> None:
        """Stop the status line (it leaves nothing behind on the terminal)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._status is not None:
                self._status.stop()
                self._status = None

    @contextlib.contextmanager
    def active(self) -> Iterator["Progress"]:
        """Make this the progress that ``phase`` and ``step`` report to, until the block ends."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)
            self.close()

    def summary(self) -> str:
        """``elaborate 0.41 s, passes 0.10 s, ...`` in phase order."""
        order = [p for p in PHASES if p in self.times] + [p for p in self.times if p not in PHASES]
        return ", ".join(f"{name} {self.times[name]:.2f} s" for name in order)


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    """Mark a phase of the active ``Progress`` (nothing when none is active)."""
    progress = _ACTIVE.get()
    if progress is None:
        yield
        return
    with progress.phase(name):
        yield


def step(detail: str) -> None:
    """Tell the active ``Progress`` what its phase is doing (nothing when none is active)."""
    progress = _ACTIVE.get()
    if progress is not None:
        progress.step(detail)
