"""The statement-level rewrite passes keep behaviour: simulate before and after, against a Python model.

Designs are hand-written loom IR (the procedural frontend writes the same
ops) or built with the structural frontend. Each is lowered twice, without
and with the pass, and both SystemVerilog versions must lint clean and
simulate like the model cycle by cycle; the pass's effect is checked in the
SystemVerilog too (``case`` instead of an if chain, one assignment instead
of eight, a reversal that stays a reversal).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Mapping

import pytest
from simulate import (Interface, PortSpec, Values, compare, expected_outputs, lint, random_stimulus, reset_first,
                      simulate, tools_available)

import loom
from loom import Generator, always_comb, always_ff, concat, posedge
from loom.dialect import new_context
from circt import ir

needs_tools = pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")

MASK8 = 0xFF


def reverse8(value: int) -> int:
    return int(f"{value:08b}"[::-1], 2)


def emit_ir(text: str, out_dir: Path, passes: str) -> list[Path]:
    """SystemVerilog files for hand-written loom IR (top module ``top``) after ``passes``."""
    with new_context():
        module = ir.Module.parse(text)
        return loom.emit(module, out_dir, top_name="top", passes=passes, default_passes=False,
                         emit_locations=False)


def run_both(text: str, interface: Interface, passes: str, model: Callable[[Mapping[str, int]], Values],
             stimulus: list[dict[str, int]], tmp_path: Path) -> str:
    """Lint and simulate the design without and with ``passes``; returns the transformed top's SystemVerilog."""
    expected = expected_outputs(model, stimulus)
    after = ""
    for label, pipeline in (("before", ""), ("after", passes)):
        files = emit_ir(text, tmp_path / label / "rtl", pipeline)
        lint(files, "top")
        compare(simulate(files, interface, stimulus, tmp_path / label / "sim"), expected, stimulus)
        after = next(f for f in files if f.stem == "top").read_text()
    return after


# -- transform-if-to-case ------------------------------------------------------------

CHAIN_IR = """
"loom.module"() ({
^bb0(%clk: i1, %rst: i1, %sel: i2, %a: i8, %b: i8):
  %o = sv.logic sym @o : !hw.inout<i8>
  %st = sv.reg sym @st : !hw.inout<i2>
  %acc = sv.reg sym @acc : !hw.inout<i8>
  %c0 = hw.constant 0 : i2
  %c1 = hw.constant 1 : i2
  %c2 = hw.constant 2 : i2
  %c3 = hw.constant 3 : i2
  %z8 = hw.constant 0 : i8
  sv.alwayscomb {
    %e0 = comb.icmp eq %sel, %c0 : i2
    sv.if %e0 {
      sv.bpassign %o, %a : i8
    } else {
      %e1 = comb.icmp eq %c1, %sel : i2
      sv.if %e1 {
        sv.bpassign %o, %b : i8
      } else {
        %e2 = comb.icmp eq %sel, %c2 : i2
        sv.if %e2 {
          %x = comb.xor %a, %b : i8
          sv.bpassign %o, %x : i8
        } else {
          %s = comb.add %a, %b : i8
          sv.bpassign %o, %s : i8
        }
      }
    }
  }
  sv.alwaysff(posedge %clk) {
    sv.if %rst {
      sv.passign %st, %c0 : i2
      sv.passign %acc, %z8 : i8
    } else {
      %s0 = sv.read_inout %st : !hw.inout<i2>
      %r0 = sv.read_inout %acc : !hw.inout<i8>
      %f0 = comb.icmp eq %s0, %c0 : i2
      sv.if %f0 {
        sv.passign %st, %c1 : i2
        sv.passign %acc, %a : i8
      } else {
        %s1 = sv.read_inout %st : !hw.inout<i2>
        %f1 = comb.icmp eq %s1, %c1 : i2
        sv.if %f1 {
          sv.passign %st, %c2 : i2
          %sum = comb.add %r0, %b : i8
          sv.passign %acc, %sum : i8
        } else {
          %s2 = sv.read_inout %st : !hw.inout<i2>
          %f2 = comb.icmp eq %s2, %c2 : i2
          sv.if %f2 {
            sv.passign %st, %c3 : i2
            %x = comb.xor %r0, %a : i8
            sv.passign %acc, %x : i8
          } else {
            %s3 = sv.read_inout %st : !hw.inout<i2>
            %f3 = comb.icmp eq %s3, %c3 : i2
            sv.if %f3 {
              sv.passign %st, %c0 : i2
            }
          }
        }
      }
    }
  }
  %ro = sv.read_inout %o : !hw.inout<i8>
  %rq = sv.read_inout %acc : !hw.inout<i8>
  %rs = sv.read_inout %st : !hw.inout<i2>
  "loom.output"(%ro, %rq, %rs) : (i8, i8, i2) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "clk", dir = "in", type = i1},
    {name = "rst", dir = "in", type = i1}, {name = "sel", dir = "in", type = i2}, {name = "a", dir = "in", type = i8},
    {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}, {name = "q", dir = "out", type = i8},
    {name = "s", dir = "out", type = i2}]} : () -> ()
"""

CHAIN_INTERFACE = Interface("top", (PortSpec("rst", 1), PortSpec("sel", 2), PortSpec("a", 8), PortSpec("b", 8)),
                            (PortSpec("o", 8), PortSpec("q", 8), PortSpec("s", 2)), "clk")


class ChainModel:
    """The comb chain on ``sel`` and the four-state machine on ``st`` (synchronous reset)."""

    def __init__(self) -> None:
        self.st: int | None = None
        self.acc: int | None = None

    def __call__(self, v: Mapping[str, int]) -> Values:
        a, b, sel = v["a"], v["b"], v["sel"]
        o = [a, b, a ^ b, (a + b) & MASK8][sel]
        outputs: Values = {"o": o, "q": self.acc, "s": self.st}
        if v["rst"]:
            self.st, self.acc = 0, 0
        elif self.st is not None and self.acc is not None:
            st, acc = self.st, self.acc
            self.st, self.acc = [(1, a), (2, (acc + b) & MASK8), (3, acc ^ a), (0, acc)][st]
        return outputs


@needs_tools
def test_if_to_case_keeps_behaviour(tmp_path: Path) -> None:
    stimulus = random_stimulus(CHAIN_INTERFACE, 200, seed=6, overrides={"rst": reset_first(0.03)})
    after = run_both(CHAIN_IR, CHAIN_INTERFACE, "transform-if-to-case", ChainModel(), stimulus, tmp_path)
    assert "case (sel)" in after and "case (st)" in after
    assert "if (sel" not in after and "if (st" not in after


class Decoder(Generator):
    """The same design written with the procedural frontend: Python if/elif chains."""

    def __init__(self) -> None:
        super().__init__("Decoder")
        self.clk = self.clock()
        self.rst = self.reset()
        self.sel = self.input("sel", 2)
        self.a = self.input("a", 8)
        self.b = self.input("b", 8)
        self.o = self.output("o", 8)
        self.q = self.output("q", 8)
        self.s = self.output("s", 2)
        self.st = self.var("st", 2)

    @always_comb
    def pick(self) -> None:
        if self.sel == 0:
            self.o = self.a
        elif self.sel == 1:
            self.o = self.b
        elif self.sel == 2:
            self.o = self.a ^ self.b
        else:
            self.o = self.a + self.b

    @always_ff((posedge, "clk"))
    def step(self) -> None:
        if self.rst:
            self.st = 0
            self.q = 0
        elif self.st == 0:
            self.st = 1
            self.q = self.a
        elif self.st == 1:
            self.st = 2
            self.q = self.q + self.b
        elif self.st == 2:
            self.st = 3
            self.q = self.q ^ self.a
        else:
            self.st = 0

    @always_comb
    def state(self) -> None:
        self.s = self.st


@needs_tools
def test_if_to_case_on_the_procedural_frontend(tmp_path: Path) -> None:
    """loom.verilog's default pipeline turns the Python chains into case statements; behaviour is kept."""
    stimulus = random_stimulus(CHAIN_INTERFACE, 200, seed=9, overrides={"rst": reset_first(0.03)})
    interface = Interface("Decoder", CHAIN_INTERFACE.inputs, CHAIN_INTERFACE.outputs, "clk")
    expected = expected_outputs(ChainModel(), stimulus)
    for label, defaults in (("before", False), ("after", True)):
        files = loom.emit(Decoder(), tmp_path / label, emit_locations=False, default_passes=defaults)
        lint(files, "Decoder")
        compare(simulate(files, interface, stimulus, tmp_path / label / "sim"), expected, stimulus)
        source = files[0].read_text()
        assert ("case (sel)" in source and "case (st)" in source) == defaults


# -- merge-wire-assignments and remove-fanout-one-wires: a reversal stays a reversal --


def _slices_ir() -> str:
    """copy: b bit by bit (shuffled order); rev: b reversed bit by bit; swap: nibbles, procedurally;
    wcopy / wrev: the structural forms (a wire of concatenated bits) in order and reversed."""
    lines = ['"loom.module"() ({', "^bb0(%b: i8):"]
    for var in ("copy", "rev", "swap"):
        lines.append(f"  %{var} = sv.logic sym @{var} : !hw.inout<i8>")
    for i in range(8):
        lines.append(f"  %k{i} = hw.constant {i} : i3")
        lines.append(f"  %b{i} = comb.extract %b from {i} : (i8) -> i1")
    for i in (3, 0, 7, 5, 1, 6, 2, 4):
        lines.append(f"  %pc{i} = sv.indexed_part_select_inout %copy[%k{i} : 1] : !hw.inout<i8>, i3")
        lines.append(f"  sv.assign %pc{i}, %b{i} : i1")
    for i in range(8):
        lines.append(f"  %pr{i} = sv.indexed_part_select_inout %rev[%k{i} : 1] : !hw.inout<i8>, i3")
        lines.append(f"  sv.assign %pr{i}, %b{7 - i} : i1")
    lines += [
        "  sv.alwayscomb {",
        "    %lo = sv.indexed_part_select_inout %swap[%k0 : 4] : !hw.inout<i8>, i3",
        "    %hi = sv.indexed_part_select_inout %swap[%k4 : 4] : !hw.inout<i8>, i3",
        "    %bh = comb.extract %b from 4 : (i8) -> i4",
        "    sv.bpassign %lo, %bh : i4",
        "    %bl = comb.extract %b from 0 : (i8) -> i4",
        "    sv.bpassign %hi, %bl : i4",
        "  }",
        "  %in_order = comb.concat " + ", ".join(f"%b{i}" for i in reversed(range(8))) + " : " + ", ".join(["i1"] * 8),
        "  %wcopy = hw.wire %in_order sym @wcopy : i8",
        "  %reversed = comb.concat " + ", ".join(f"%b{i}" for i in range(8)) + " : " + ", ".join(["i1"] * 8),
        "  %wrev = hw.wire %reversed sym @wrev : i8",
        "  %wrev2 = hw.wire %wrev sym @wrev2 : i8",
        "  %rc = sv.read_inout %copy : !hw.inout<i8>",
        "  %rr = sv.read_inout %rev : !hw.inout<i8>",
        "  %rs = sv.read_inout %swap : !hw.inout<i8>",
        '  "loom.output"(%rc, %rr, %rs, %wcopy, %wrev2) : (i8, i8, i8, i8, i8) -> ()',
        '}, {}) {sym_name = "top", parameters = [], ports = [{name = "b", dir = "in", type = i8},',
        '    {name = "o_copy", dir = "out", type = i8}, {name = "o_rev", dir = "out", type = i8},',
        '    {name = "o_swap", dir = "out", type = i8}, {name = "o_wcopy", dir = "out", type = i8},',
        '    {name = "o_wrev", dir = "out", type = i8}]} : () -> ()',
    ]
    return "\n".join(lines)


SLICES_INTERFACE = Interface("top", (PortSpec("b", 8),), tuple(
    PortSpec(name, 8) for name in ("o_copy", "o_rev", "o_swap", "o_wcopy", "o_wrev")), None)


def slices_model(v: Mapping[str, int]) -> Values:
    b = v["b"]
    return {"o_copy": b, "o_rev": reverse8(b), "o_swap": ((b << 4) | (b >> 4)) & MASK8, "o_wcopy": b,
            "o_wrev": reverse8(b)}


@needs_tools
@pytest.mark.parametrize("passes", ["merge-wire-assignments", "remove-fanout-one-wires",
                                    "merge-wire-assignments, remove-fanout-one-wires"])
def test_slice_merging_keeps_a_reversal(passes: str, tmp_path: Path) -> None:
    stimulus = [{"b": value} for value in (0x01, 0x80, 0x0F, 0xA5, 0x3C, 0x12)] + \
        random_stimulus(SLICES_INTERFACE, 40, seed=7)
    after = run_both(_slices_ir(), SLICES_INTERFACE, passes, slices_model, stimulus, tmp_path)
    reversal = "{b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]}"
    assert reversal in after  # (cse may share the two reversals)
    if "merge" in passes:
        assert re.search(r"assign (o_)?copy(_0)? = b;", after)
        assert "+: 1]" not in after  # every bit-by-bit assignment was merged


class WireChains(Generator):
    """Chains of copies into outputs: two long ones (one carrying a bit reversal) and a single copy."""

    def __init__(self) -> None:
        super().__init__("WireChains")
        a = self.input("a", 8)
        total = self.output("total", 8)
        rev = self.output("rev", 8)
        named = self.output("named", 8)
        s = self.var("s", 8)
        s.assign(a + 1)
        t = self.var("t", 8)
        t.assign(s)
        u = self.var("u", 8)
        u.assign(t)
        total.assign(u)
        r = self.var("r", 8)
        r.assign(concat(*[a[i] for i in range(8)]))
        r2 = self.var("r2", 8)
        r2.assign(r)
        rev.assign(r2)
        x = self.var("x", 8)
        x.assign(a ^ 0x5A)
        named.assign(x)


@needs_tools
def test_default_pipeline_on_the_frontend(tmp_path: Path) -> None:
    """The default pipeline collapses the chains (the reversal survives); the single copy keeps its name."""
    source = loom.verilog(WireChains(), emit_locations=False)["WireChains"]
    assert not re.search(r"\b(s|t|u|r|r2)\b =", source), source
    assert "assign total = a + 8'h1;" in source and "wire [7:0] x = a ^ 8'h5A;" in source
    assert "assign rev = {a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]};" in source
    files = loom.emit(WireChains(), tmp_path / "rtl", emit_locations=False)
    lint(files, "WireChains")
    interface = Interface("WireChains", (PortSpec("a", 8),),
                          (PortSpec("total", 8), PortSpec("rev", 8), PortSpec("named", 8)), None)
    stimulus = random_stimulus(interface, 40, seed=8)
    model = lambda v: {"total": (v["a"] + 1) & MASK8, "rev": reverse8(v["a"]), "named": v["a"] ^ 0x5A}  # noqa: E731
    compare(simulate(files, interface, stimulus, tmp_path / "sim"), expected_outputs(model, stimulus), stimulus)


class BitByBit(Generator):
    """``o[i] = b[i]`` and ``r[i] = b[7 - i]``, one bit per statement (kratos merged both into a copy)."""

    def __init__(self) -> None:
        super().__init__("BitByBit")
        self.b = self.input("b", 8)
        self.o = self.output("o", 8)
        self.r = self.output("r", 8)

    @always_comb
    def body(self) -> None:
        for i in range(8):
            self.o[i] = self.b[i]
        for i in range(8):
            self.r[i] = self.b[7 - i]


@needs_tools
def test_bit_by_bit_assignments_on_the_procedural_frontend(tmp_path: Path) -> None:
    source = loom.verilog(BitByBit(), emit_locations=False)["BitByBit"]
    assert "o_0 = b;" in source and "r_0 = {b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]};" in source
    interface = Interface("BitByBit", (PortSpec("b", 8),), (PortSpec("o", 8), PortSpec("r", 8)), None)
    stimulus = [{"b": value} for value in (0x01, 0x80, 0x0F, 0xA5)] + random_stimulus(interface, 20, seed=10)
    expected = expected_outputs(lambda v: {"o": v["b"], "r": reverse8(v["b"])}, stimulus)
    for label, defaults in (("before", False), ("after", True)):
        files = loom.emit(BitByBit(), tmp_path / label, emit_locations=False, default_passes=defaults)
        lint(files, "BitByBit")
        compare(simulate(files, interface, stimulus, tmp_path / label / "sim"), expected, stimulus)
