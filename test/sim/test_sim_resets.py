"""Every construct that has a reset, under every reset kind (sync/async x active high/low), in simulation.

One design per reset kind holds all of them at once (one simulation each): a
register, a register with an enable, an FSM, a procedural ``always_ff``, and a
register in a parameterised child (so ``loom-specialize`` makes a variant of
it). The top has a clock enable and is built with ``auto-insert-clock-enable``,
so every register is also gated, while resets stay ungated. The Python model
is written from that description: on reset every state takes its reset value
(at once for an asynchronous reset, at the clock edge for a synchronous one),
otherwise at each edge where the clock enable is high each state steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Generator, always_ff, negedge, posedge

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

KINDS = [(asynchronous, active_low) for asynchronous in (False, True) for active_low in (False, True)]
CHILD_INC = 3
RESET_VALUES = {"r_o": 5, "re_o": 3, "st": 1, "p_o": 7, "c_o": 9}


def reset_name(active_low: bool) -> str:
    return "rst_n" if active_low else "rst"


def make_top(asynchronous: bool, active_low: bool) -> Generator:
    """The design for one reset kind (classes are made here: the always_ff edges depend on the kind)."""
    name = reset_name(active_low)
    edges = [(posedge, "clk")] + ([(negedge if active_low else posedge, name)] if asynchronous else [])

    class Child(Generator):
        """``acc <= acc + x + INC``, reset to 9."""

        def __init__(self) -> None:
            super().__init__("ResetChild")
            self.clock()
            self.reset(name, asynchronous=asynchronous, active_low=active_low)
            inc = self.param("INC", 1, width=4)
            x = self.input("x", 4)
            acc = self.reg("acc", 4, reset_value=9)
            acc.assign(acc + x + inc)
            self.output("o", 4).assign(acc)

    class Top(Generator):
        def __init__(self) -> None:
            super().__init__(f"Resets{'Async' if asynchronous else 'Sync'}{'Low' if active_low else 'High'}")
            clk = self.clock()
            self.clock_en("clk_en")
            self.rst = self.reset(name, asynchronous=asynchronous, active_low=active_low)
            self.asserted = ~self.rst if active_low else self.rst
            self.x = self.input("x", 4)
            en = self.input("en")
            r = self.reg("r", 4, reset_value=5)
            r.assign(r + self.x)
            self.output("r_o", 4).assign(r)
            held = self.reg("held", 4, reset_value=3, enable=en)
            held.assign(held ^ self.x)
            self.output("re_o", 4).assign(held)
            fsm = self.fsm("m")
            a, b, c = fsm.state("A"), fsm.state("B"), fsm.state("C")
            fsm.reset_state(b)
            a.next(b, en)
            b.next(c, en)
            c.next(a, en)
            self.output("st", fsm.state_enum).assign(fsm.current)
            self.p = self.output("p_o", 4)
            self.add_child("u", Child(), params={"INC": CHILD_INC}, clk=clk, x=self.x,
                           o=self.output("c_o", 4), **{name: self.rst})

        @always_ff(*edges)
        def accumulate(self):
            if self.asserted:
                self.p = 7
            else:
                self.p = self.p + self.x

    return Top()


class Model:
    """The description above, cycle by cycle (``None``: unknown before the first reset)."""

    def __init__(self, asynchronous: bool, active_low: bool):
        self.asynchronous, self.active_low = asynchronous, active_low
        self.state: dict[str, int] | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        asserted = inputs[reset_name(self.active_low)] == (0 if self.active_low else 1)
        if asserted and self.asynchronous:
            self.state = dict(RESET_VALUES)
        outputs: Values = dict(self.state) if self.state is not None else dict.fromkeys(RESET_VALUES)
        if asserted:
            self.state = dict(RESET_VALUES)
        elif self.state is not None and inputs["clk_en"]:
            self.step(self.state, inputs)
        return outputs

    @staticmethod
    def step(state: dict[str, int], inputs: Mapping[str, int]) -> None:
        x, en = inputs["x"], inputs["en"]
        state["r_o"] = (state["r_o"] + x) % 16
        if en:
            state["re_o"] ^= x
            state["st"] = (state["st"] + 1) % 3
        state["p_o"] = (state["p_o"] + x) % 16
        state["c_o"] = (state["c_o"] + x + CHILD_INC) % 16


@pytest.mark.parametrize("asynchronous,active_low", KINDS,
                         ids=[f"{'async' if a else 'sync'}-{'low' if low else 'high'}" for a, low in KINDS])
def test_every_reset_kind(asynchronous: bool, active_low: bool, tmp_path: Path) -> None:
    top = make_top(asynchronous, active_low)
    name = reset_name(active_low)

    def reset(rng, cycle: int) -> int:
        asserted = cycle == 0 or rng.random() < 0.1
        return int(asserted != active_low)

    stimulus = random_stimulus(top, 300, seed=7, overrides={name: reset,
                                                             "clk_en": lambda rng, _: int(rng.random() < 0.7)})
    files = check_against_model(top, Model(asynchronous, active_low), stimulus, tmp_path,
                                passes="auto-insert-clock-enable")
    if asynchronous:
        edge = "negedge" if active_low else "posedge"
        assert f"@(posedge clk or {edge} {name})" in "".join(f.read_text() for f in files)
