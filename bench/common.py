"""Shared timing and memory reporting for the benchmarks (plain scripts, not timed tests)."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from loom.tools.build import load_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def load_example(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` (the benchmarks measure the designs the examples document)."""
    return load_file(EXAMPLES / f"{name}.py")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stopwatch:
    """Named phases with their wall-clock seconds, printed as one table."""

    def __init__(self) -> None:
        self.phases: list[tuple[str, float]] = []

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.phases.append((name, time.perf_counter() - start))

    def report(self, title: str) -> None:
        total = sum(seconds for _, seconds in self.phases)
        print(title)
        for name, seconds in self.phases:
            print(f"  {name:<28} {seconds:8.3f} s")
        print(f"  {'total':<28} {total:8.3f} s")
        print(f"  {'peak RSS':<28} {peak_rss_mb():8.1f} MB")
