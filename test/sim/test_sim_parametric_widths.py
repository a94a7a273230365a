"""Signals whose width is a parameter (issue 15 item 9), simulated (Icarus) against a Python model and
linted, with the parameter kept in the SystemVerilog (``keep_parameters=True``) and specialised away (the
default):

- a register of width ``W`` with a reset value (``reg("acc", w, reset_value=5)``);
- constant slices of ``W``-bit signals read (``acc[3:0]``, ``acc[5]``), in continuous code and in a block.

Assigning bits of a ``W``-bit signal is an error that says why (CIRCT has no parametric part select to
assign), tested at the end.

``Top`` instantiates ``Acc`` twice, with ``W = 8`` and ``W = 12``. The model is written from this
description, not from loom's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, reset_first, tools_available

from loom import ElaborationError, Generator, always_comb, verilog

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Acc(Generator):
    """``acc`` (W bits) is 5 after a synchronous reset and adds ``d`` at every rising edge. Outputs:
    ``q = acc``, ``low = acc[3:0]``, ``bit5 = acc[5]``, and ``mix`` (4 bits) = ``acc[3:0] ^ d[7:4]``, computed
    in a block."""

    def __init__(self) -> None:
        super().__init__("Acc")
        w = self.param("W", 8)
        self.clock()
        self.reset()
        self.d = self.input("d", w)
        acc = self.reg("acc", w, reset_value=5)
        acc.assign(acc + self.d)
        self.acc = acc
        self.output("q", w).assign(acc)
        self.output("low", 4).assign(acc[3:0])
        self.output("bit5", 1).assign(acc[5])
        self.mix = self.output("mix", 4)

    @always_comb
    def merge(self) -> None:
        self.mix = self.acc[3:0] ^ self.d[7:4]


class Top(Generator):
    def __init__(self) -> None:
        super().__init__("Top")
        clk, rst = self.clock(), self.reset()
        d = self.input("d", 12)
        for name, width in (("a", 8), ("b", 12)):
            child = self.add_child(name, Acc(), params={"W": width}, clk=clk, rst=rst, d=d[width - 1:0])
            self.output(f"{name}_q", width).assign(child.q)
            self.output(f"{name}_low", 4).assign(child.low)
            self.output(f"{name}_bit5", 1).assign(child.bit5)
            self.output(f"{name}_mix", 4).assign(child.mix)


class TopModel:
    def __init__(self) -> None:
        self.acc: dict[str, int | None] = {"a": None, "b": None}

    def step(self, inputs: dict[str, int]) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for name, width in (("a", 8), ("b", 12)):
            d = inputs["d"] & ((1 << width) - 1)
            acc = self.acc[name]
            out[f"{name}_q"] = acc
            out[f"{name}_low"] = None if acc is None else acc & 0xF
            out[f"{name}_bit5"] = None if acc is None else (acc >> 5) & 1
            out[f"{name}_mix"] = None if acc is None else (acc & 0xF) ^ ((d >> 4) & 0xF)
            self.acc[name] = 5 if inputs["rst"] else None if acc is None else (acc + d) % (1 << width)
        return out


@pytest.mark.parametrize("keep", [True, False])
def test_parametric_width_register_with_reset_and_slices(tmp_path: Path, keep: bool) -> None:
    top = Top()
    stimulus = random_stimulus(top, 120, seed=159, overrides={"rst": reset_first(0.05)})
    files = check_against_model(top, TopModel().step, stimulus, tmp_path, keep_parameters=keep)
    acc = next(f for f in files if f.stem.startswith("Acc")).read_text()
    if keep:
        assert "parameter" in acc and "W'(5)" in acc, acc
        assert re.search(r"acc\[32'h0 \+: 4\]", acc), acc
    else:
        assert "parameter" not in acc


def _line(marker: str) -> str:
    lines = Path(__file__).read_text().splitlines()
    return f"{Path(__file__).name}:{next(n for n, line in enumerate(lines, 1) if line.endswith(f'# ERR: {marker}'))}:"


def test_a_slice_past_the_default_width_is_an_error_at_the_users_line() -> None:
    class Wide(Generator):
        def __init__(self) -> None:
            super().__init__()
            w = self.param("W", 8)
            a = self.input("a", w)
            self.output("o", 2).assign(a[9:8])  # ERR: past default

    with pytest.raises(ElaborationError, match=r"bits \[9:8\] are out of range for .* width W \(8 by default\)") as info:
        Wide()
    assert _line("past default") in str(info.value)


def test_an_instance_width_too_narrow_for_a_slice_or_reset_value_is_an_error() -> None:
    class Leaf(Generator):
        def __init__(self, reset_value: int, sliced: bool) -> None:
            super().__init__(f"Leaf{reset_value}")
            w = self.param("W", 8)
            self.clock()
            self.reset()
            a = self.input("a", w)
            r = self.reg("r", w, reset_value=reset_value)  # ERR: reset value
            r.assign(a)
            if sliced:
                self.output("o", 1).assign(r[3:0].r_or())  # ERR: narrow slice
            else:
                self.output("o", 1).assign(r == a)

    class Narrow(Generator):
        def __init__(self, reset_value: int, sliced: bool) -> None:
            super().__init__()
            clk, rst = self.clock(), self.reset()
            self.add_child("u", Leaf(reset_value, sliced), params={"W": 2}, clk=clk, rst=rst, a=self.input("a", 2),
                           o=self.output("o", 1))

    with pytest.raises(Exception, match="'Leaf0' with W = 2 does not hold: a constant slice reaches past the width"
                                        " the parameters give the signal here") as info:
        verilog(Narrow(0, sliced=True))
    assert _line("narrow slice") in str(info.value)
    with pytest.raises(Exception, match="constant 7 does not fit in 2 bits") as info:
        verilog(Narrow(7, sliced=False))
    assert _line("reset value") in str(info.value)


def test_a_dynamic_bit_select_at_a_parametric_width_is_refused_with_the_reason() -> None:
    class Dyn(Generator):
        def __init__(self) -> None:
            super().__init__()
            w = self.param("W", 8)
            self.output("o", 1).assign(self.input("a", w)[self.input("i", 3)])  # ERR: dynamic

    with pytest.raises(ElaborationError, match="parametric width") as info:
        Dyn()
    assert _line("dynamic") in str(info.value)


def test_assigning_bits_of_a_parametric_width_signal_is_refused_with_the_reason() -> None:
    class Continuous(Generator):
        def __init__(self) -> None:
            super().__init__()
            w = self.param("W", 8)
            o = self.output("o", w)
            o[3:0].assign(self.input("a", 4))  # ERR: continuous slice

    class InBlock(Generator):
        def __init__(self) -> None:
            super().__init__()
            w = self.param("W", 8)
            self.a = self.input("a", 4)
            self.o = self.output("o", w)

        @always_comb
        def body(self) -> None:
            self.o[3:0] = self.a  # ERR: block slice

    for generator, marker in ((Continuous, "continuous slice"), (InBlock, "block slice")):
        with pytest.raises(ElaborationError, match="its width is a parameter, and CIRCT has no part select") as info:
            generator()
        assert _line(marker) in str(info.value)
