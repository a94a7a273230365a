"""What a cocotb testbench needs to know about the design under test, written next to the build.

``loom.sim.run`` knows the generator; the cocotb tests run in another process
(the simulator's embedded Python). The facts the testbench helpers need --
the top module's name, its clocks, its resets with their kind and polarity --
travel as a small JSON file whose path is in the environment variable
``LOOM_SIM_DESIGN``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..dialect.errors import LoomError
from ..dialect.ops import IN
from ..frontend.signals import PortKind

if TYPE_CHECKING:
    from ..frontend.generator import Generator

ENV_VAR = "LOOM_SIM_DESIGN"
FILE_NAME = "loom_design.json"


@dataclass(frozen=True)
class ResetInfo:
    """A reset input: asserted by driving 0 when ``active_low``, else 1."""

    name: str
    active_low: bool
    asynchronous: bool

    @property
    def asserted(self) -> int:
        return 0 if self.active_low else 1


@dataclass(frozen=True)
class DesignInfo:
    """The top module's name, clocks and resets (ports of the top, in declaration order)."""

    top: str
    clocks: tuple[str, ...] = ()
    resets: tuple[ResetInfo, ...] = ()
    inputs: tuple[str, ...] = field(default=())  # data inputs, for ``Testbench.zero_inputs``

    @classmethod
    def of(cls, generator: "Generator") -> "DesignInfo":
        clocks, resets, inputs = [], [], []
        for port in generator.port_list:
            if port.kind == PortKind.CLOCK:
                clocks.append(port.name)
            elif port.kind == PortKind.RESET:
                resets.append(ResetInfo(port.name, port.active_low, port.asynchronous))
            elif port.direction == IN and port.condition is None:
                inputs.append(port.name)
        return cls(generator.name, tuple(clocks), tuple(resets), tuple(inputs))

    def write(self, directory: Path) -> Path:
        path = directory / FILE_NAME
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")
        return path

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> "DesignInfo":
        data = json.loads(Path(path).read_text())
        return cls(data["top"], tuple(data["clocks"]), tuple(ResetInfo(**r) for r in data["resets"]),
                   tuple(data["inputs"]))

    @classmethod
    def from_environment(cls) -> "DesignInfo":
        """The description ``loom.sim.run`` wrote for the running simulation."""
        path = os.environ.get(ENV_VAR)
        if not path:
            raise LoomError(f"no design description: ${ENV_VAR} is not set. The testbench helpers work in tests"
                            " started by loom.sim.run (or `loom sim`); elsewhere pass Testbench(dut, info=...)")
        return cls.read(path)
