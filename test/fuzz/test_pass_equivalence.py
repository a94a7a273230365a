"""Seeded smoke of pass equivalence (the long mode: python -m loom.tools.fuzz passes --count N).

Every transforming pass and Design edit in loom.tools.fuzz.passes.TRANSFORMS, on a
few random designs, proven equal to the plain lowering with yosys.
"""

from collections import Counter
from pathlib import Path

import pytest

from loom.lowering.prove import yosys_available
from loom.tools.fuzz.describe import random_design
from loom.tools.fuzz.designs import tools_available
from loom.tools.fuzz.passes import TRANSFORMS, check_design

pytestmark = pytest.mark.skipif(not (yosys_available() and tools_available()), reason="yosys/iverilog not installed")

SMOKE_SEEDS = (2000, 2001, 2002)


def test_every_transform_preserves_behaviour(tmp_path: Path) -> None:
    outcomes: Counter[str] = Counter()
    failed = []
    for seed in SMOKE_SEEDS:
        for check in check_design(random_design(seed), list(TRANSFORMS), tmp_path / str(seed)):
            outcomes[check.outcome] += 1
            if check.failed and not check.known:
                failed.append(f"{check.summary()}\n{check.detail}")
    assert not failed, "\n\n".join(failed)
    # A design whose plain lowering hits a known finding checks no transform; the others must mostly prove.
    lowered = len(SMOKE_SEEDS) - outcomes["error"]
    assert lowered >= 2 and outcomes["equivalent"] >= len(TRANSFORMS) * lowered * 3 // 4, outcomes
