"""Every component over a sweep of argument values, linted together with ``verilator --lint-only -Wall``.

The simulations use a few argument values each; corner values (a 1-bit
counter, 2 requesters, every LFSR width of the tap table, depths that are and
are not powers of two) can still produce code that lints badly (an unused
bit, a width mismatch). One bench with all of them costs one build and one
lint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import Bench, Case, sim
from loom.lib import (
    LFSR_TAPS,
    AsyncFifo,
    BinaryToOneHot,
    Counter,
    FixedPriorityArbiter,
    Handshake,
    Lfsr,
    OneHotToBinary,
    PriorityEncoder,
    PulseSynchronizer,
    RoundRobinArbiter,
    SimpleDualPortRam,
    SinglePortRam,
    SkidBuffer,
    SyncFifo,
    Synchronizer,
    Timer,
)

pytestmark = pytest.mark.skipif(not sim.tools_available(), reason="needs verilator")


def generators() -> list:
    made = [SkidBuffer.create(payload=1), Timer.create(width=1), PulseSynchronizer.create(stages=4),
            Handshake.create(payload=1, stages=4)]
    for depth in range(2, 10):
        made += [SyncFifo.create(payload=2, depth=depth, fwft=fwft, almost_full=depth, almost_empty=1)
                 for fwft in (True, False)]
        made += [SinglePortRam.create(payload=3, depth=depth), SimpleDualPortRam.create(payload=3, depth=depth)]
    made += [AsyncFifo.create(payload=2, depth=1 << k) for k in range(1, 6)]
    for n in range(2, 10):
        made += [kind.create(n=n, lock=lock) for kind in (FixedPriorityArbiter, RoundRobinArbiter)
                 for lock in (False, True)]
        made += [kind.create(n=n) for kind in (OneHotToBinary, BinaryToOneHot, PriorityEncoder)]
    for width in range(1, 6):
        made += [Counter.create(width=width), Synchronizer.create(width=width, stages=2 + width % 3)]
        if width > 1:
            made.append(Counter.create(width=width, maximum=(1 << width) - 2))
    made += [Lfsr.create(width=width) for width in sorted(LFSR_TAPS)]
    return made


def test_every_component_lints_clean(tmp_path: Path) -> None:
    cases = [Case(f"u{i}", generator, model=lambda _inputs: {}) for i, generator in enumerate(generators())]
    bench = Bench("LintSweep", cases)
    files = sim.build(bench, tmp_path)
    names = {f.stem for f in files}
    assert {case.generator.name for case in cases} <= names, "a component's module is missing"
    sim.lint(files, "LintSweep")
