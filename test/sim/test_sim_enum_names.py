"""Enum members and FSM states as names in the SystemVerilog: lint-clean, and simulated against a Python model.

The design: an accumulator that a command (an enum with gaps in its values, one member never named in
the code) updates through ``match`` in an ``always_ff``, and a three-state sequencer. The model follows the
description below, not loom's output.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Enum, Generator, always_ff, posedge

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

Cmd = Enum("cmd_t", {"LOAD": 0, "INC": 1, "DEC": 2, "CLEAR": 4, "SPARE": 6})


class Machine(Generator):
    """``acc``: LOAD takes ``d``, INC adds one, DEC subtracts one, CLEAR empties it, any other command holds.
    The sequencer waits for ``start``, runs (``active``) until a CLEAR, drains for one cycle and goes back to
    waiting, pulsing ``flush`` on that last step. A synchronous reset empties ``acc`` and waits."""

    def __init__(self) -> None:
        super().__init__()
        self.clk = self.clock()
        self.rst = self.reset()
        self.cmd = self.input("cmd", Cmd)
        self.d = self.input("d", 8)
        start = self.input("start")
        self.acc = self.output("acc", 8)
        fsm = self.fsm("seq")
        waiting, running, draining = fsm.state("WAIT"), fsm.state("RUN"), fsm.state("DRAIN")
        fsm.reset_state(waiting)
        active = fsm.output(self.output("active"), default=0)
        flush = fsm.output(self.output("flush"), default=0)
        waiting.next(running, start)
        running.output(active, 1)
        running.next(draining, self.cmd == Cmd.CLEAR)
        draining.next(waiting, outputs={flush: 1})
        self.output("phase", 2).assign(fsm.current)

    @always_ff((posedge, "clk"))
    def update(self):
        if self.rst:
            self.acc = 0
        else:
            match self.cmd:
                case Cmd.LOAD:
                    self.acc = self.d
                case Cmd.INC:
                    self.acc = self.acc + 1
                case Cmd.DEC:
                    self.acc = self.acc - 1
                case Cmd.CLEAR:
                    self.acc = 0
                case _:
                    pass


class MachineModel:
    """The description above, one cycle per call: outputs first, then the clock edge."""

    PHASES = {"WAIT": 0, "RUN": 1, "DRAIN": 2}

    def __init__(self) -> None:
        self.acc: int | None = None
        self.phase: str | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        phase = self.phase
        outputs: Values = {"acc": self.acc, "active": None, "flush": None, "phase": None}
        if phase is not None:
            outputs.update(active=int(phase == "RUN"), flush=int(phase == "DRAIN"), phase=self.PHASES[phase])
        if inputs["rst"]:
            self.acc, self.phase = 0, "WAIT"
            return outputs
        cmd = inputs["cmd"]
        if self.acc is not None:
            self.acc = {0: inputs["d"], 1: self.acc + 1, 2: self.acc - 1, 4: 0}.get(cmd, self.acc) & 0xFF
        if phase == "WAIT" and inputs["start"]:
            self.phase = "RUN"
        elif phase == "RUN" and cmd == 4:
            self.phase = "DRAIN"
        elif phase == "DRAIN":
            self.phase = "WAIT"
        return outputs


def test_enum_names_simulate(tmp_path: Path) -> None:
    top = Machine()
    stimulus = random_stimulus(top, 400, seed=14, overrides={
        "rst": lambda rng, cycle: int(cycle == 0 or rng.random() < 0.02),
        "cmd": lambda rng, _: rng.choice([0, 1, 2, 4, 4, 3, 5, 6, 7]),
        "start": lambda rng, _: int(rng.random() < 0.3)})
    files = check_against_model(top, MachineModel(), stimulus, tmp_path)
    text = files[0].read_text()
    for label in ("WAIT:", "RUN:", "DRAIN:", "LOAD:", "INC:", "DEC:", "CLEAR:"):
        assert label in text, f"case label {label} missing"
    assert "localparam [2:0] SPARE = 6;" in text and "_unused_localparams = SPARE;" in text
    assert "'b" not in text  # no case label (or anything else) as a bit pattern
