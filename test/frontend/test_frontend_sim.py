"""Operators and registers behave like Python's arithmetic, checked by simulation with Icarus Verilog.

Few and fast: one combinational design holding every operator and one register
design, each with seeded random stimulus, compared cycle by cycle with a
Python model (test/sim/simulate.py conventions, through conftest fixtures).
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from loom import Generator, concat, mux

pytestmark = pytest.mark.slow
MASK8 = 0xFF


def signed8(value: int) -> int:
    return value - 256 if value & 0x80 else value


class Alu(Generator):
    """Every operator on 8-bit inputs ``a``, ``b`` and a 12-bit shift amount ``n``."""

    def __init__(self):
        super().__init__()
        a, b, n = self.input("a", 8), self.input("b", 8), self.input("n", 12)
        sa, sb = a.as_signed(), b.as_signed()
        self.output("add", 8).assign(a + b)
        self.output("sub", 8).assign(a - b)
        self.output("mul", 8).assign(a * b)
        self.output("bits", 8).assign((a & b) | (a ^ ~b))
        self.output("shl", 8).assign(a << n)
        self.output("shr", 8).assign(b >> n)
        self.output("ashr", 8).assign(sa >> n[3:0])
        self.output("cmp", 6).assign(concat(a < b, a <= b, a == b, a != b, sa < sb, sa >= sb))
        self.output("neg", 1).assign(sa < 0)
        self.output("red", 3).assign(concat(a.r_and(), a.r_or(), b.r_xor()))
        self.output("sel", 8).assign(mux(n[11], a, b))
        self.output("ext", 16).assign(concat(a.sext(8 + 4)[11:4], b.zext(12)[11:4]))
        self.output("swap", 8).assign(concat(a[3:0], a[7, 4]))


def alu_model(v: Mapping[str, int]) -> dict[str, int]:
    a, b, n = v["a"], v["b"], v["n"]
    sa, sb = signed8(a), signed8(b)
    cmp = [a < b, a <= b, a == b, a != b, sa < sb, sa >= sb]
    ext_a = (sa & 0xFFF) >> 4
    return {
        "add": (a + b) & MASK8,
        "sub": (a - b) & MASK8,
        "mul": (a * b) & MASK8,
        "bits": ((a & b) | (a ^ (~b & MASK8))) & MASK8,
        "shl": (a << n) & MASK8,
        "shr": b >> n,
        "ashr": (sa >> (n & 0xF)) & MASK8,
        "cmp": int("".join(str(int(c)) for c in cmp), 2),
        "neg": int(sa < 0),
        "red": (int(a == MASK8) << 2) | (int(a != 0) << 1) | (bin(b).count("1") & 1),
        "sel": a if n >> 11 else b,
        "ext": (ext_a << 8) | (b >> 4),
        "swap": ((a & 0xF) << 4) | (a >> 4),
    }


def test_alu_matches_python(check_against_model, random_stimulus):
    stimulus = random_stimulus(Alu(), 200, seed=1)
    # Make sure small shift amounts and the edge values show up, not only random 12-bit ones.
    stimulus += [{"a": a, "b": b, "n": n} for a, b, n in
                 [(0x80, 0x7F, 1), (0xFF, 0xFF, 7), (0x01, 0x80, 8), (0x81, 0x00, 0x800), (0, 0, 0), (0xC3, 3, 256)]]
    check_against_model(Alu(), alu_model, stimulus)


class Registers(Generator):
    """Three 4-bit registers: sync reset, async active-low reset with enable, and no reset."""

    def __init__(self):
        super().__init__()
        self.clock()
        rst = self.reset("rst")
        rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
        en, d = self.input("en"), self.input("d", 4)
        sync = self.reg("sync", 4, reset=rst, reset_value=5)
        sync.assign(d)
        held = self.reg("held", 4, reset=rst_n, reset_value=0xA, enable=en)
        held.assign(held + d)
        free = self.reg("free", 4, reset=False)
        free.assign(sync ^ held)
        self.output("q", 12).assign(concat(sync, held, free))


class RegistersModel:
    """Outputs before each edge, then the edge (test/sim/simulate.py's cycle convention)."""

    def __init__(self) -> None:
        self.sync: int | None = None
        self.held: int | None = None
        self.free: int | None = None

    def __call__(self, v: Mapping[str, int]) -> dict[str, int | None]:
        if v["rst_n"] == 0:  # asynchronous: visible before the edge
            self.held = 0xA
        known = None not in (self.sync, self.held, self.free)
        out = {"q": (self.sync << 8) | (self.held << 4) | self.free if known else None}  # type: ignore[operator]
        free = None if None in (self.sync, self.held) else self.sync ^ self.held  # type: ignore[operator]
        self.sync = 5 if v["rst"] else v["d"]
        if v["rst_n"] == 0:
            self.held = 0xA
        elif v["en"] and self.held is not None:
            self.held = (self.held + v["d"]) & 0xF
        self.free = free
        return out


def test_registers_match_python(check_against_model, random_stimulus):
    stimulus = random_stimulus(Registers(), 120, seed=2, overrides={
        "rst": lambda rng, cycle: int(cycle == 0 or rng.random() < 0.1),
        "rst_n": lambda rng, cycle: int(not (cycle == 0 or rng.random() < 0.1)),
    })
    check_against_model(Registers(), RegistersModel(), stimulus)
