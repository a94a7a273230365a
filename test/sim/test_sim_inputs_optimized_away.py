"""An input the design reads stays read after the optimisation removes its last reader (issue 11).

Found by the random designs (seed 234): a register whose next value is always its
reset value is the constant it resets to, so CIRCT's canonicalize replaced it,
and its reset input was then read by nothing: verilator -Wall reported it
(UNUSEDSIGNAL), although the generator reads it. ``record-read-inputs`` and
``name-inputs-optimized-away`` connect such an input to a ``<port>_unused`` wire.
An input the generator never reads still warns. Simulated against a model.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from simulate import Interface, build, compare, lint, random_stimulus, simulate, tools_available

from loom import Generator

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Constant(Generator):
    """``r`` resets to 5 and, when ``load``, loads ``load ^ 4`` (5 again); ``o`` is ``r``; ``p`` is ``a + b``
    (``a + 1`` without ``read_b``: ``b`` is then never read)."""

    def __init__(self, read_b: bool = True) -> None:
        super().__init__("Constant" if read_b else "Unread")
        self.clock("clk")
        rst_n = self.reset("rst_n", active_low=True)
        load = self.input("load", 1)
        a = self.input("a", 4)
        b = self.input("b", 4)
        r = self.reg("r", 3, reset=rst_n, reset_value=5, enable=load)
        r.assign(load.zext(3) ^ 4)
        self.output("o", 3).assign(r)
        self.output("p", 4).assign(a + b if read_b else a + 1)


def model(stimulus: list[dict[str, int]]) -> list[dict[str, int | None]]:
    """``o`` is unknown until the first reset (outputs are seen before each clock edge), then 5."""
    expected: list[dict[str, int | None]] = []
    r: int | None = None
    for values in stimulus:
        expected.append({"o": r, "p": (values["a"] + values["b"]) & 0xF})
        if values["rst_n"] == 0:
            r = 5
        elif values["load"]:
            r = 1 ^ 4
    return expected


def test_reset_of_a_constant_register_stays_read(tmp_path: Path) -> None:
    files = build(Constant(), tmp_path / "rtl")
    lint(files, "Constant")
    assert "rst_n_unused = rst_n;" in files[0].read_text()
    interface = Interface.of(Constant())
    stimulus = random_stimulus(interface, 60, seed=3,
                               overrides={"rst_n": lambda rng, cycle: int(cycle > 0 and rng.random() > 0.1)})
    compare(simulate(files, interface, stimulus, tmp_path / "sim"), model(stimulus), stimulus)


def test_an_input_the_generator_never_reads_still_warns(tmp_path: Path) -> None:
    files = build(Constant(read_b=False), tmp_path)
    result = subprocess.run(["verilator", "--lint-only", "-Wall", *map(str, files)], capture_output=True, text=True)
    assert "Signal is not used: 'b'" in result.stderr
