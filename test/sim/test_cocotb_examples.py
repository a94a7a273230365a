"""Every example in examples/ passes a cocotb bench (test/sim/benches/tb_<example>.py) on Icarus.

Each bench checks the design cycle by cycle against a Python model written
from the example's documented interface. The run goes through ``loom.sim.run``
(the ``loom_sim`` fixture), so this also covers the user-facing flow: build,
design description, clocks and resets started by ``Testbench``, results.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from simulate import load_example

from loom.sim.pytest_plugin import loom_sim  # noqa: F401  -- the fixture
from loom.tools.build import example_files

BENCHES = Path(__file__).parent / "benches"

# Example -> arguments of its top(): small sizes keep each run short.
SIZES: dict[str, dict[str, Any]] = {
    "adder_tree": {}, "arbiter": {"n": 4}, "binary_tree": {"depth": 3}, "conditional_port": {},
    "counter": {"width": 4}, "fanout": {"count": 6}, "fifo": {"width": 8, "depth_bits": 2},
    "mesh": {"rows": 3, "cols": 3}, "seed_hierarchy": {}, "shift_register": {"depth": 4, "width": 8},
    "stream_merge": {"n": 3, "width": 8, "depth": 8},
    "uart_tx": {"data_bits": 8, "cycles_per_bit": 4},
}


def test_every_example_has_a_bench() -> None:
    examples = {path.stem for path in example_files()}
    assert examples == set(SIZES)
    assert all((BENCHES / f"tb_{name}.py").is_file() for name in examples)


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted(SIZES))
def test_example_bench(example: str, loom_sim: Callable[..., Any]) -> None:  # noqa: F811
    top = load_example(example).top(**SIZES[example])
    result = loom_sim(top, BENCHES / f"tb_{example}.py", seed=1)
    assert result.tests and not result.failed
