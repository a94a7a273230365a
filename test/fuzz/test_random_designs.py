"""Seeded smoke of the random-design differential test (the long mode: python -m loom.tools.fuzz designs).

Each seed is a random loom program checked with verilator --lint-only -Wall and
simulated in Icarus against a Python model made from the same description.
"""

from pathlib import Path

import pytest

from loom.tools.fuzz import designs
from loom.tools.fuzz.description import (
    Block,
    DesignDesc,
    InstanceDesc,
    MemoryDesc,
    ModuleDesc,
    Node,
    ParamDesc,
    Port,
    Reset,
    Stmt,
    TypeDesc,
)
from loom.tools.fuzz.designs import check_described, check_designs, tools_available
from loom.tools.fuzz.model import DesignModel

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

SMOKE_SEEDS = range(1000, 1040)


def test_random_designs_match_their_models(tmp_path: Path) -> None:
    failures = check_designs(SMOKE_SEEDS, tmp_path)
    new = [f"{f.summary()}\n{f.message}" for f in failures if not f.known]
    assert not new, "\n\n".join(new)


def test_a_wrong_model_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness has teeth: a design whose output is ``a + b`` checked against a model of ``a - b``."""
    top = ModuleDesc("Teeth_Top", inputs=[Port("a", 4), Port("b", 4)])
    top.nodes = [Node("input", 4, attrs=("a",)), Node("input", 4, attrs=("b",)), Node("add", 4, args=(0, 1)),
                 Node("concat", 8, args=(0, 1)), Node("r_xor", 1, args=(3,))]
    top.outputs = [(Port("s", 4), 2), (Port("chk", 1), 4)]
    design = DesignDesc(0, [top])
    assert check_described([design], tmp_path / "right") == []
    program = designs.design_source(design)
    monkeypatch.setattr(designs, "design_source", lambda _: program)  # loom builds the unchanged design
    top.nodes[2].op = "sub"
    found = check_described([design], tmp_path / "wrong")
    assert [f.kind for f in found] == ["mismatch"], [f.summary() for f in found]
    assert found[0].message.startswith("cycle 0: s is ")


def test_model_follows_the_signedness_rules() -> None:
    """A hand-written description: sext keeps signedness, comparisons are signed only when both sides are."""
    top = ModuleDesc("T", inputs=[Port("a", 4, True), Port("b", 4)])
    top.nodes = [Node("input", 4, True, attrs=("a",)), Node("input", 4, False, attrs=("b",)),
                 Node("sext", 8, True, (0,)), Node("lt", 1, False, (2,), value=0),      # signed: a < 0
                 Node("sext", 8, False, (1,)), Node("lt", 1, False, (4,), value=0),     # unsigned: never
                 Node("shr", 8, True, (2,), value=1)]                                   # arithmetic
    top.outputs = [(Port("neg", 1), 3), (Port("never", 1), 5), (Port("half", 8), 6)]
    model = DesignModel(DesignDesc(0, [top]))
    assert model.step({"a": 0b1000, "b": 0b1000}, set()) == {"neg": 1, "never": 0, "half": 0b11111100}
    assert model.step({"a": 0b0110, "b": 0b1000}, set()) == {"neg": 0, "never": 0, "half": 0b00000011}


def test_model_follows_the_data_type_rules() -> None:
    """A hand-written description: parts of a struct and an array (a dynamic index past the end reads unknown
    bits), an enum comparison, a parameter operand, and a memory (unknown until written, sync read one edge
    later)."""
    types = {"S0": TypeDesc("struct", "t_s0", [("hi", 4), ("lo", 4)]), "A1": TypeDesc("array", "", [("", 4)] * 3),
             "E2": TypeDesc("enum", "t_e2", [("E2_A", 1), ("E2_B", 6)], 4)}
    top = ModuleDesc("T", clocks=["clk"], inputs=[Port("a", 8), Port("i", 2), Port("e", 4)],
                     params=[ParamDesc("P0", 8, 0x0F)])
    top.nodes = [Node("input", 8, attrs=("a",)), Node("input", 2, attrs=("i",)), Node("input", 4, attrs=("e",)),
                 Node("agg", 8, args=(0,), attrs=("bits",), dtype="S0"),             # 3: S0.from_bits(a)
                 Node("part", 4, args=(3,), attrs=(0,)),                             # 4: .hi (most significant)
                 Node("part", 4, args=(3,), attrs=(1,)),                             # 5: .lo
                 Node("agg", 12, args=(4, 5, 2), attrs=("expr",), dtype="A1"),       # 6: A1.of([hi, lo, e])
                 Node("part_dyn", 4, args=(6, 1)),                                   # 7: [i]
                 Node("enum", 4, attrs=("E2", "E2_B")), Node("eq", 1, args=(2, 8)),  # 9: e == E2.E2_B
                 Node("xor", 8, args=(0,), attrs=("param", "P0")),                   # 10: a ^ P0
                 Node("mem_read", 4, args=(1,), attrs=(0,)), Node("mem_sync", 4, args=(1,), attrs=(0, 0))]
    top.memories = [MemoryDesc("m0", 4, 3, "clk", [(1, 7, None)])]                  # m0[i] <= element i
    top.outputs = [(Port(name, top.nodes[n].width), n) for name, n in
                   (("hi", 4), ("el", 7), ("is_b", 9), ("x", 10), ("q", 11), ("s", 12))]
    model = DesignModel(DesignDesc(0, [top], types))
    first = model.step({"a": 0xA6, "i": 1, "e": 6}, {"clk"})
    assert first == {"hi": 0xA, "el": 0x6, "is_b": 1, "x": 0xA9, "q": None, "s": None}
    second = model.step({"a": 0x3C, "i": 1, "e": 1}, {"clk"})
    assert second == {"hi": 0x3, "el": 0xC, "is_b": 0, "x": 0x33, "q": 0x6, "s": None}  # m0[1] from cycle 0
    third = model.step({"a": 0, "i": 3, "e": 0}, set())
    # index 3 is past the end; the sync read took m0[1] before the edge that wrote 0xC (read before write)
    assert third == {"hi": 0, "el": None, "is_b": 0, "x": 0x0F, "q": None, "s": 0x6}


def test_model_keeps_unpacked_elements_like_an_arrays() -> None:
    """A hand-written description: an unpacked array built element by element, read by a constant and a
    signal index (past the end: unknown), and a register file written at a signal index after a reset."""
    types = {"U0": TypeDesc("uarray", "", [("", 4)] * 3)}
    top = ModuleDesc("T", clocks=["clk"], resets=[Reset("rst", False, False)],
                     inputs=[Port("a", 4), Port("i", 2), Port("we", 1)])
    top.nodes = [Node("input", 4, attrs=("a",)), Node("input", 2, attrs=("i",)), Node("input", 1, attrs=("we",)),
                 Node("not", 4, args=(0,)),
                 Node("agg", 12, args=(0, 3, 0), attrs=("parts", "g0"), dtype="U0"),  # 4: [a, ~a, a]
                 Node("part", 4, args=(4,), attrs=(1,)),                            # 5: g0[1]
                 Node("part_dyn", 4, args=(4, 1)),                                  # 6: g0[i]
                 Node("block", 12, attrs=(0,), dtype="U0"),                         # 7: the register file
                 Node("part_dyn", 4, args=(7, 1))]                                  # 8: rf[i]
    write = Stmt("part", value=0, subject=1)
    top.blocks = [Block("ff", "t0", 12, False, [Stmt("if", branches=[(2, [write])])], clock="clk", reset="rst",
                        reset_value=0x321, dtype="U0")]
    top.outputs = [(Port("one", 4), 5), (Port("at", 4), 6), (Port("rf", 4), 8)]
    model = DesignModel(DesignDesc(0, [top], types))
    assert model.step({"a": 0x5, "i": 2, "we": 1, "rst": 1}, {"clk"}) == {"one": 0xA, "at": 0x5, "rf": None}
    assert model.step({"a": 0x6, "i": 1, "we": 1, "rst": 0}, {"clk"}) == {"one": 0x9, "at": 0x9, "rf": 0x2}
    assert model.step({"a": 0x7, "i": 1, "we": 0, "rst": 0}, {"clk"}) == {"one": 0x8, "at": 0x8, "rf": 0x6}
    assert model.step({"a": 0x7, "i": 3, "we": 0, "rst": 0}, {"clk"}) == {"one": 0x8, "at": None, "rf": None}


@pytest.mark.parametrize("keep", [False, True], ids=["specialised", "keep-parameters"])
def test_identity_values_are_read_per_instance(tmp_path: Path, keep: bool) -> None:
    """A hand-written description: a child reads its identity parameter ``X`` as a value (``a + X``) and in port
    conditions (input ``b`` only where ``X == 1``, output ``p`` only where ``X != 1``); two instances differ
    only in ``X``. The model gives each instance its own value; loom's program agrees in simulation."""
    child = ModuleDesc("Id_C0", inputs=[Port("a", 4), Port("b", 4, when=("X", "==", 1))],
                       params=[ParamDesc("X", 4, None, identity=True)])
    child.nodes = [Node("input", 4, attrs=("a",)), Node("input", 4, attrs=("b",)),
                   Node("add", 4, args=(0,), attrs=("param", "X")), Node("xor", 4, args=(2, 1))]  # (a + X) ^ b
    child.outputs = [(Port("o", 4), 3), (Port("p", 4, when=("X", "!=", 1)), 1)]
    top = ModuleDesc("Id_Top", inputs=[Port("t", 4)])
    top.instances = [InstanceDesc("u0", 0, 0, inputs={"a": 0, "b": 0}, identity={"X": 1}),
                     InstanceDesc("u1", 0, 0, inputs={"a": 0}, identity={"X": 2})]
    top.nodes = [Node("input", 4, attrs=("t",)), Node("child", 4, attrs=(0, "o")), Node("child", 4, attrs=(1, "o")),
                 Node("child", 4, attrs=(1, "p"))]
    top.outputs = [(Port("o0", 4), 1), (Port("o1", 4), 2), (Port("p1", 4), 3)]
    design = DesignDesc(0, [child, top], keep_parameters=keep)
    # u0: (5 + 1) ^ 5 = 3; u1: b is absent (reads 0), so (5 + 2) ^ 0 = 7, and p = b = 0.
    assert DesignModel(design).step({"t": 5}, set()) == {"o0": 3, "o1": 7, "p1": 0}
    assert check_described([design], tmp_path) == []


def test_constant_bits_of_a_concatenation_decide_a_comparison(tmp_path: Path) -> None:
    """Random design 8963: ``r4 >= {b, 18'h0, b}[11:7]`` is ``r4 >= 5'h0``, always true (verilator: UNSIGNED)
    unless fold-constant-comparisons sees that the selected bits are the constant's."""
    failures = check_designs([8963], tmp_path)
    assert not failures, "\n\n".join(f"{f.summary()}\n{f.message}" for f in failures)
