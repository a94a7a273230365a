"""``loom.sim``: test a design with cocotb from Python, from pytest and from the shell.

::

    import loom.sim
    result = loom.sim.run(Counter(4), tests="test_counter_tb", waves=True)   # raises if a test fails
    print(result.summary(), result.waves)

In the cocotb tests, ``loom.sim.Testbench(dut)`` starts the design's clocks,
applies its resets with their own polarity and loads memories; the types'
``pack``/``unpack`` turn struct, array and enum values into integers and back.
``loom sim FILE:GEN --tests MODULE`` does the same from the shell, and the
pytest plugin ``loom.sim.pytest_plugin`` gives a ``loom_sim`` fixture.
docs/simulation.md explains the flow.
"""

from typing import TYPE_CHECKING

from ..dialect.deferred import deferred_attributes
from .simulators import DEFAULT, SIMULATORS

# Imported at their first read: `loom build` registers `loom sim`, and needs only the simulators' names for that.
_DEFERRED: dict[str, tuple[str, str]] = {
    "DesignInfo": (".design_info", "DesignInfo"), "ResetInfo": (".design_info", "ResetInfo"),
    "SimResult": (".results", "SimResult"), "SimulationError": (".results", "SimulationError"),
    "TestOutcome": (".results", "TestOutcome"), "run": (".runner", "run"), "Testbench": (".testbench", "Testbench"),
}

if TYPE_CHECKING:
    from .design_info import DesignInfo, ResetInfo
    from .results import SimResult, SimulationError, TestOutcome
    from .runner import run
    from .testbench import Testbench
else:
    __getattr__ = deferred_attributes(__name__, _DEFERRED, globals())

__all__ = ["DEFAULT", "DesignInfo", "ResetInfo", "SIMULATORS", "SimResult", "SimulationError", "TestOutcome",
           "Testbench", "run"]
