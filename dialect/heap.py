"""No full garbage collection while loom elaborates, runs a pipeline or writes files (``young_collections_only``).

When loom lowers a design, the process holds the user's generators, their
signals and everything imported: at 10,000 modules about 300,000 objects the
collector tracks. A pass allocates many short-lived objects (an ``OpView`` per
op it reads), so full collections start during the run, and each one visits
every tracked object: three of them were 0.33 s of the 2.7 s the 10,000-module
pipeline took. None of the long-lived objects become garbage because of a pass,
so inside the block the collector runs only its young generations (it raises
the threshold of the oldest one) and gets its own thresholds back afterwards.
Garbage the run makes is still collected by the young collections. The export
that follows a pipeline run is guarded too: the run leaves a full collection
owing, and at 10,000 modules it started while the file list was read back and
cost as much as ExportVerilog itself. The build holds them off the same way
while the outermost generator's ``__init__`` runs (``frontend/procedural.py``,
``wrap_init``): everything it makes is the design.

(``gc.freeze`` would hide the old objects as well, but a full collection during
the freeze makes the collector's estimate of the old generation tiny, and every
later ``loom.verilog`` of a small design then paid for a full collection.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_OLDEST_THRESHOLD = 1_000_000
"""Young collections between full ones inside the block: none in any run loom makes."""


def hold_full_collections() -> tuple[int, int, int] | None:
    """Start a stretch without full collections; the thresholds to give back, or None when one is running
    already (the outer one gives them back). For call sites where a context manager costs too much."""
    thresholds = gc.get_threshold()
    if thresholds[2] >= _OLDEST_THRESHOLD:
        return None
    gc.set_threshold(thresholds[0], thresholds[1], _OLDEST_THRESHOLD)
    return thresholds


def release_full_collections(thresholds: tuple[int, int, int] | None) -> None:
    """End the stretch ``hold_full_collections`` started (nothing for a nested one)."""
    if thresholds is not None:
        gc.set_threshold(*thresholds)


@contextmanager
def young_collections_only() -> Iterator[None]:
    """Inside the block, no full collection starts (a nested block leaves the outer one's setting)."""
    thresholds = hold_full_collections()
    try:
        yield
    finally:
        release_full_collections(thresholds)
