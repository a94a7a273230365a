"""Every operator x every signedness combination, simulated against Python arithmetic with random values.

The rule under test (docs/pitfalls.md, "Signedness"): a value is signed only when
declared ``signed=True`` or made by ``as_signed()``; extensions, ``~``, unary ``-``
and constants keep the operand's signedness; slices, ``concat``, comparisons and
reductions are unsigned; a binary operator, ``mux`` or comparison is signed only when
both operands are. Signedness changes what ``<``, ``<=``, ``>``, ``>=`` and ``>>``
compute; ``+ - * & | ^ == != <<`` give the same bits either way.

Each operand below is described by its bits and whether the rule makes it
signed; the model computes each output with Python integers from that
description alone.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Generator, concat, mux

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

W = 6
MASK = (1 << W) - 1


def as_int(bits: int, width: int, signed: bool) -> int:
    """The number ``bits`` stands for."""
    return bits - (1 << width) if signed and bits >> (width - 1) & 1 else bits


def sign_extend(bits: int, width: int, to: int) -> int:
    return as_int(bits, width, True) & ((1 << to) - 1)


@dataclass(frozen=True)
class Operand:
    """How to build a W-bit operand in the design, its bits from the inputs, and whether it is signed."""

    name: str
    build: Callable[[dict], object]
    bits: Callable[[Mapping[str, int]], int]
    signed: bool


OPERANDS = [
    Operand("a", lambda s: s["a"], lambda v: v["a"], False),
    Operand("b", lambda s: s["b"], lambda v: v["b"], False),
    Operand("sa", lambda s: s["sa"], lambda v: v["sa"], True),
    Operand("sb", lambda s: s["sb"], lambda v: v["sb"], True),
    Operand("u4_sext", lambda s: s["u4"].sext(W), lambda v: sign_extend(v["u4"], 4, W), False),
    Operand("s4_sext", lambda s: s["s4"].sext(W), lambda v: sign_extend(v["s4"], 4, W), True),
    Operand("u4_zext", lambda s: s["u4"].zext(W), lambda v: v["u4"], False),
    Operand("s4_zext", lambda s: s["s4"].zext(W), lambda v: v["s4"], True),
    Operand("a_as_signed", lambda s: s["a"].as_signed(), lambda v: v["a"], True),
    Operand("sa_as_unsigned", lambda s: s["sa"].as_unsigned(), lambda v: v["sa"], False),
    Operand("mux_ss", lambda s: mux(s["c"], s["sa"], s["sb"]), lambda v: v["sa"] if v["c"] else v["sb"], True),
    Operand("mux_su", lambda s: mux(s["c"], s["sa"], s["b"]), lambda v: v["sa"] if v["c"] else v["b"], False),
    Operand("slice", lambda s: s["sa"][W - 1:0], lambda v: v["sa"], False),
    Operand("concat", lambda s: concat(s["sa"][2:0], s["sb"][2:0]), lambda v: (v["sa"] & 7) << 3 | v["sb"] & 7,
            False),
    Operand("neg_sa", lambda s: -s["sa"], lambda v: -v["sa"] & MASK, True),
    Operand("inv_a", lambda s: ~s["a"], lambda v: ~v["a"] & MASK, False),
]
BY_NAME = {o.name: o for o in OPERANDS}
# Left/right operand pairs: every operand against a signed and an unsigned one, and some signed pairs.
PAIRS = [(o.name, right) for o in OPERANDS for right in ("sb", "b")] + [
    ("s4_sext", "sa"), ("s4_zext", "sa"), ("a_as_signed", "s4_sext"), ("mux_ss", "neg_sa"), ("u4_sext", "a")]

ARITHMETIC: dict[str, Callable[[int, int], int]] = {
    "add": operator.add, "sub": operator.sub, "mul": operator.mul, "and": operator.and_, "or": operator.or_,
    "xor": operator.xor}
COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge, "eq": operator.eq,
    "ne": operator.ne}
BINARY = {**ARITHMETIC, **COMPARISONS}


def binary_model(op: str, left: Operand, right: Operand) -> Callable[[Mapping[str, int]], int]:
    both = left.signed and right.signed

    def model(v: Mapping[str, int]) -> int:
        x, y = left.bits(v), right.bits(v)
        if op in ARITHMETIC:
            return ARITHMETIC[op](x, y) & MASK
        return int(COMPARISONS[op](as_int(x, W, both), as_int(y, W, both)))
    return model


def shift_right_model(operand: Operand, amount: Callable[[Mapping[str, int]], int]) -> Callable:
    return lambda v: (as_int(operand.bits(v), W, operand.signed) >> amount(v)) & MASK


Output = tuple[str, int, Callable[[dict], object], Callable[[Mapping[str, int]], int]]


def outputs() -> list[Output]:
    """(name, width, build from the signals, model from the input values) for every combination."""
    found: list[Output] = []
    for left_name, right_name in PAIRS:
        left, right = BY_NAME[left_name], BY_NAME[right_name]
        for op in BINARY:
            build = (lambda s, l=left, r=right, m=f"__{op}__": getattr(l.build(s), m)(r.build(s)))  # noqa: E731 -- binds the loop variables as defaults
            found.append((f"{op}_{left_name}_{right_name}", W if op in ARITHMETIC else 1, build,
                          binary_model(op, left, right)))
    for operand in OPERANDS:
        n = operand.name
        found += [
            (f"shr_{n}", W, lambda s, o=operand: o.build(s) >> s["n"], shift_right_model(operand, lambda v: v["n"])),
            (f"shr2_{n}", W, lambda s, o=operand: o.build(s) >> 2, shift_right_model(operand, lambda v: 2)),
            (f"shl_{n}", W, lambda s, o=operand: o.build(s) << s["n"], lambda v, o=operand: o.bits(v) << v["n"] & MASK),
            (f"ltz_{n}", 1, lambda s, o=operand: o.build(s) < 0,
             lambda v, o=operand: int(as_int(o.bits(v), W, o.signed) < 0)),
            (f"gem1_{n}", 1, lambda s, o=operand: o.build(s) >= -1,
             lambda v, o=operand: int(as_int(o.bits(v), W, o.signed) >= as_int(MASK, W, o.signed))),
            # A result of an extension or an operator is itself shifted and compared by the same rule.
            (f"ext_shr_{n}", W + 2, lambda s, o=operand: o.build(s).sext(W + 2) >> 1,
             lambda v, o=operand: (as_int(sign_extend(o.bits(v), W, W + 2), W + 2, o.signed) >> 1)
             & ((1 << (W + 2)) - 1)),
            (f"sum_lt_{n}", 1, lambda s, o=operand: (o.build(s) + s["sb"]) < s["sa"],
             lambda v, o=operand: int(as_int((o.bits(v) + v["sb"]) & MASK, W, o.signed) < as_int(v["sa"], W, o.signed))),
        ]
    return found


OUTPUTS = outputs()


class Operators(Generator):
    """Every output of ``OUTPUTS`` from the same inputs."""

    def __init__(self) -> None:
        super().__init__("SignednessMatrix")
        signals = {"a": self.input("a", W), "b": self.input("b", W), "sa": self.input("sa", W, signed=True),
                   "sb": self.input("sb", W, signed=True), "u4": self.input("u4", 4),
                   "s4": self.input("s4", 4, signed=True), "c": self.input("c"), "n": self.input("n", 3)}
        for name, width, build, _ in OUTPUTS:
            self.output(name, width).assign(build(signals))


def test_every_operator_and_signedness(tmp_path: Path) -> None:
    top = Operators()

    def model(inputs: Mapping[str, int]) -> Values:
        return {name: expected(inputs) for name, _, _, expected in OUTPUTS}

    stimulus = random_stimulus(top, 120, seed=11)
    check_against_model(top, model, stimulus, tmp_path)
    assert len(OUTPUTS) > 250


def test_sext_does_not_make_a_value_signed() -> None:
    """The reported case: ``a.sext(8) >> 1`` of an unsigned ``a`` is a logical shift."""
    import loom

    class Shift(Generator):
        def __init__(self) -> None:
            super().__init__("SextShift")
            a = self.input("a", 4)
            self.output("o", 8).assign(a.sext(8) >> 1)

    text = loom.verilog(Shift(), emit_locations=False)["SextShift"]
    assert ">>>" not in text and "$signed" not in text
