"""The checks' scan finds the same ops whether MLIR's walk driver finds them by name or Python lists the body.

Without name prefixes to match, ``scan`` asks the walk driver for the ops it keeps
(``named_top_ops``); with them it reads every top-level op. Both must give the
same blocks, assignments and kept ops, in order, on every example design.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loom.frontend.emit import elaborate
from loom.lowering.checks import model as checks_model
from loom.lowering.checks.model import Scan, modules, scan
from loom.lowering.checks.runner import all_checks
from loom.tools.build import example_files, load_generator

WANTED = frozenset().union(*(check.wanted for check in all_checks()))
NOTHING = ("\0",)  # a prefix no op name has: forces the scan to read the whole body


def summary(found: Scan) -> tuple[object, ...]:
    return ([block.op for block in found.blocks], [(a.op, a.kind, a.block is None) for a in found.assignments],
            {name: list(ops) for name, ops in found.ops.items()})


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_named_walk_finds_what_the_body_holds(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks_model, "LARGE_BODY", 0)  # every body is scanned through the walk driver
    module, _ = elaborate(load_generator(f"{path}:top", {}))
    with module.context:
        for model in modules(module.operation):
            assert summary(scan(model, WANTED)) == summary(scan(model, WANTED, NOTHING)), model.name
