"""A pytest fixture for loom.sim: ``pytest_plugins = ["loom.sim.pytest_plugin"]`` in a conftest.py.

``loom_sim(top, tests, **options)`` is ``loom.sim.run`` with the build folder
under the test's own ``tmp_path``, so parallel and repeated tests never share
a build::

    def test_counter(loom_sim):
        loom_sim(Counter(4), tests="counter_tb")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .results import SimResult
from .runner import run


@pytest.fixture
def loom_sim(tmp_path: Path) -> Callable[..., SimResult]:
    """``loom.sim.run`` building under ``tmp_path/sim_build``; a failing cocotb test fails the pytest test."""

    def simulate(top: Any, tests: Any, **options: Any) -> SimResult:
        options.setdefault("build_dir", tmp_path / "sim_build")
        return run(top, tests, **options)

    return simulate
