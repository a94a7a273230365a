"""Chains of one associative op (written as one variadic op where each link has one reader) with links that
other logic reads too: lint-clean and equal to a Python model cycle by cycle."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, reset_first, tools_available

from loom import Generator

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

MASK = 0xFF


class Echo(Generator):
    """``o`` is ``i``."""

    def __init__(self):
        super().__init__("Echo")
        self.output("o", 8).assign(self.input("i", 8))


class Chains(Generator):
    """Outputs, for 8-bit inputs a, b, c, d (arithmetic wraps at 8 bits):

    - ``parity``: a xor b xor c xor d; ``inverted``: not (a xor b xor c)
    - ``total``: a + b + c + d, where ``s = a + b + c`` is also read by ``low``: the low 4 bits of s
    - ``product``: a * b * c * d; ``square``: (a * b) * (a * b), one product read twice
    - ``masked``: (a and b and c) or (a and d) or b
    - ``echoed``: t xor the child ``Echo``'s output, whose input is t = a or b or c
    - ``acc``: a register, 0 after reset, else acc xor a xor b at each clock edge
    """

    def __init__(self):
        super().__init__("Chains")
        self.clock()
        self.reset()
        a, b, c, d = (self.input(name, 8) for name in "abcd")
        self.output("parity", 8).assign(a ^ b ^ c ^ d)
        self.output("inverted", 8).assign(~(a ^ b ^ c))
        s = a + b + c
        self.output("total", 8).assign(s + d)
        self.output("low", 4).assign(s[3:0])
        self.output("product", 8).assign(a * b * c * d)
        pair = a * b
        self.output("square", 8).assign(pair * pair)
        self.output("masked", 8).assign((a & b & c) | (a & d) | b)
        t = a | b | c
        self.output("echoed", 8).assign(t ^ self.add_child("echo", Echo(), i=t).o)
        acc = self.reg("acc_q", 8)
        acc.assign(acc ^ a ^ b)
        self.output("acc", 8).assign(acc)


class ChainsModel:
    """``Chains`` from its description."""

    def __init__(self):
        self.acc: int | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        a, b, c, d = (inputs[name] for name in "abcd")
        s = (a + b + c) & MASK
        outputs: Values = {
            "parity": a ^ b ^ c ^ d, "inverted": ~(a ^ b ^ c) & MASK, "total": (s + d) & MASK, "low": s & 0xF,
            "product": (a * b * c * d) & MASK, "square": (a * b) ** 2 & MASK, "masked": (a & b & c) | (a & d) | b,
            "echoed": 0, "acc": self.acc}
        if inputs["rst"]:
            self.acc = 0
        elif self.acc is not None:
            self.acc ^= a ^ b
        return outputs


def test_chains_with_shared_links_simulate(tmp_path: Path) -> None:
    top = Chains()
    stimulus = random_stimulus(top, 120, seed=13, overrides={"rst": reset_first(0.05)})
    check_against_model(top, ChainsModel(), stimulus, tmp_path)

