"""Per-instance edits change exactly the matched instances: simulated leaf by leaf, linted clean.

The seed discussion's hierarchy (``examples/seed_hierarchy.py``) shows every
leaf in its own byte of the top's output, so one simulation tells which
instances an edit changed. The three edits of the discussion are applied one
after the other, checking the module count after each:

1. ``c1`` (D1 only on the c1 descent): D1's output is xored with 0x0F0F0F0F;
2. ``c1.*`` (the D2s of the left half): D2's output is xored with 0x00F0;
3. ``*.c1.c2`` (the 2nd and 6th D3): the leaf's output is replaced by 0xAA.

Also: a 4x4 mesh with one row edited, simulated against a model.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from simulate import Interface, PortSpec, compare, lint, load_example, port_names, simulate, tools_available

from loom import Design, Generator
from loom.lowering.editors import ModuleEditor

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp"),
]


def xor_output(port: str, mask: int):  # type: ignore[no-untyped-def]
    """A module edit: ``port`` becomes its old value xor ``mask`` (replaces the driving logic's result)."""

    def edit(module: ModuleEditor) -> None:
        value = module.output(port)
        constant = module.constant(mask, value.type.width)  # type: ignore[attr-defined]
        module.set_output(port, module.create("comb.xor", [value, constant], value.type))  # type: ignore[arg-type]

    return edit


def leaf_edit(stage: int):  # type: ignore[no-untyped-def]
    """The model of the first ``stage`` edits, per leaf path."""

    def edit(path: str, value: int) -> int:
        steps = path.split(".")
        if stage >= 1 and steps[0] == "c1":
            value ^= 0x0F  # D1's output ^ 0x0F0F0F0F: every leaf byte under c1 gets 0x0F
        if stage >= 2 and steps[0] == "c1":
            # D2's 16-bit output ^ 0x00F0: the second leaf (c2) of each left-half D2
            value ^= 0xF0 if steps[2] == "c2" else 0
        if stage >= 3 and steps[1] == "c1" and steps[2] == "c2":
            value = 0xAA
            if steps[0] == "c1":  # the D1 and D2 edits above sit on top of the replaced leaf
                value ^= 0x0F ^ 0xF0
        return value

    return edit


def check(design: Design, stage: int, work: Path) -> None:
    seed = load_example("seed_hierarchy")
    files = design.emit(work / f"rtl{stage}", emit_locations=False)
    lint(files, "D0")
    interface = Interface("D0", (PortSpec("a", 8),), (PortSpec("o", 64),), None)
    stimulus = [{"a": value} for value in random.Random(stage).sample(range(256), 64)]
    actual = simulate(files, interface, stimulus, work / f"sim{stage}")
    expected = [{"o": seed.model(s["a"], leaf_edit(stage))} for s in stimulus]
    compare(actual, expected, stimulus)


def test_seed_discussion_edits_change_exactly_the_matched_instances(tmp_path: Path) -> None:
    seed = load_example("seed_hierarchy")
    design = Design(seed.top())
    assert sorted(design.modules) == ["D0", "D1", "D2", "D3"]
    check(design, 0, tmp_path)

    result = design.edit("c1", xor_output("o", 0x0F0F0F0F), tag="left")
    assert result.matched_modules == 1
    assert sorted(design.modules) == ["D0", "D1", "D1_left", "D2", "D3"]
    check(design, 1, tmp_path)

    design.edit("c1.*", xor_output("o", 0x00F0), tag="half")
    assert len(design.modules) == 6  # + one D2 variant; the c1 D1 variant is replaced, not copied
    check(design, 2, tmp_path)

    result = design.edit("*.c1.c2", lambda m: m.set_output("o", m.constant(0xAA, 8)), tag="leaf")
    assert result.matched_modules == 1  # one D3 variant serves both matched leaves
    assert design.count("**", module=result.variants[max(result.variants)]) >= 1
    # D3 + its variant; D2, D2_half and a variant of each; D1, D1_left; D0.
    assert len(design.modules) == 9
    assert sorted(design.paths("*.c1.c2")) == ["c1.c1.c2", "c2.c1.c2"]
    check(design, 3, tmp_path)


def test_mesh_row_edit_simulates_against_a_model(tmp_path: Path) -> None:
    mesh = load_example("mesh")
    rows = cols = 4
    design = Design(mesh.top(rows, cols))
    result = design.edit("tile[Y=2]", xor_output("o", 0x5A), tag="row2")
    assert sorted(design.modules) == ["Mesh", "Tile", "Tile_row2"]
    assert result.pairs_visited == 2 and result.matched_modules == 1
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, "Mesh")
    interface = Interface("Mesh", (PortSpec("a", 8),), (PortSpec("o", 8),), "clk")
    rng = random.Random(7)
    stimulus = [{"a": rng.getrandbits(8)} for _ in range(40)]
    registers: dict[tuple[int, int], int | None] = {(y, x): None for y in range(rows) for x in range(cols)}

    def output(y: int, x: int) -> int | None:
        value = registers[(y, x)]
        return None if value is None else value ^ (0x5A if y == 2 else 0)

    expected = []
    for values in stimulus:
        expected.append({"o": output(rows - 1, cols - 1)})
        step = {}
        for y in range(rows):
            for x in range(cols):
                w = output(y, x - 1) if x else values["a"]
                n = output(y - 1, x) if y else values["a"]
                step[(y, x)] = None if w is None or n is None else ((w ^ n) + 1) & 0xFF
        registers = step
    actual = simulate(files, interface, stimulus, tmp_path / "sim")
    compare(actual, expected, stimulus)


def test_exposed_signal_is_a_port_of_exactly_the_matched_tile(tmp_path: Path) -> None:
    """A port added by an edit: two Tile variants, only one has it; routed to the top; both lint clean."""
    mesh = load_example("mesh")
    design = Design(mesh.top(4, 4))
    result = design.expose("tile[X=1, Y=2]", "acc", "dbg")
    assert sorted(design.modules) == ["Mesh", "Tile", "Tile_dbg_out"]
    assert result.matched_modules == 1
    sources = design.verilog(emit_locations=False)
    assert port_names(sources["Tile"], "Tile") == ["clk", "w", "n", "o"]
    assert port_names(sources["Tile_dbg_out"], "Tile_dbg_out") == ["clk", "w", "n", "o", "dbg"]
    assert "tile_2_1_dbg" in port_names(sources["Mesh"], "Mesh")
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, "Mesh")


class Counter(Generator):
    """``total`` accumulates ``a``; with ``DEBUG`` a conditional output ``count`` counts the cycles."""

    def __init__(self) -> None:
        super().__init__("Counter")
        debug = self.param("DEBUG", 0, width=1)
        self.clock()
        a = self.input("a", 8)
        total = self.reg("sum", 8, reset=False)
        total.assign(total + a)
        self.output("total", 8).assign(total)
        count = self.reg("cycles", 8, reset=False)
        count.assign(count + 1)
        self.output("count", 8, when=debug).assign(count)


class Counters(Generator):
    def __init__(self, n: int = 64) -> None:
        super().__init__("Counters")
        clk = self.clock()
        a = self.input("a", 8)
        acc = None
        counter = Counter()
        for index in range(n):
            inst = self.add_child(f"counter_{index}", counter, clk=clk, a=a + index)
            acc = inst.total if acc is None else acc ^ inst.total
        self.output("o", 8).assign(acc)


def test_a_parameter_set_by_an_edit_enables_a_port_in_one_instance(tmp_path: Path) -> None:
    design = Design(Counters())

    def enable(instance) -> None:  # type: ignore[no-untyped-def]
        instance.set_parameter("DEBUG", 1)
        instance.parent.add_output(f"{instance.name}_count", instance.connect_output("count"))

    result = design.edit("counter_5", instance=enable)
    assert result.matched_instance_ops == 1 and sorted(design.modules) == ["Counter", "Counters"]
    sources = design.verilog(emit_locations=False)
    assert sorted(sources) == ["Counter_DEBUG_0", "Counter_DEBUG_1", "Counters"]  # exactly two variants
    assert "count" not in port_names(sources["Counter_DEBUG_0"], "Counter_DEBUG_0")
    assert "count" in port_names(sources["Counter_DEBUG_1"], "Counter_DEBUG_1")
    assert sources["Counters"].count("Counter_DEBUG_1 ") == 1
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, "Counters")


def test_constant_only_divergence_lints_and_simulates_as_before(tmp_path: Path) -> None:
    """64 cores differing in a constant (one with a structural change) -> Core + K0 parameter, and Core_5."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hierarchy"))
    from test_identity_and_constants import Cluster

    count, odd = 64, 5
    design = Design(Cluster(count=count, odd=odd))
    design.parameterize_constants()
    assert sorted(design.modules) == ["Cluster", "Core", "Core_5"]
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    assert sorted(p.stem for p in files) == ["Cluster", "Core", "Core_5"]
    lint(files, "Cluster")
    interface = Interface("Cluster", (PortSpec("a", 8),), (PortSpec("o", 8),), "clk")
    rng = random.Random(3)
    stimulus = [{"a": rng.getrandbits(8)} for _ in range(30)]
    pcs: list[int | None] = [None] * count
    expected = []
    for values in stimulus:
        known = all(pc is not None for pc in pcs)
        total = 0
        for pc in pcs:
            total ^= pc or 0
        expected.append({"o": total if known else None})
        a = values["a"]
        pcs = [None if pc is None else (((pc - a) if i == odd else (pc + a)) & 0xFF) ^ i for i, pc in enumerate(pcs)]
    actual = simulate(files, interface, stimulus, tmp_path / "sim")
    compare(actual, expected, stimulus)


class CombLeaf(Generator):
    def __init__(self) -> None:
        super().__init__("Leaf")
        a = self.input("a", 8)
        self.output("o", 8).assign(a + 1)


class CombNode(Generator):
    """Like examples/binary_tree.py's Node, combinational: left gets a, right a + 1; o = left.o ^ right.o."""

    def __init__(self, level: int, child: Generator) -> None:
        super().__init__(f"Node{level}")
        a = self.input("a", 8)
        left = self.add_child("left", child, a=a)
        right = self.add_child("right", child, a=a + 1)
        self.output("o", 8).assign(left.o ^ right.o)


def test_one_edited_leaf_of_a_tree_changes_only_that_leaf(tmp_path: Path) -> None:
    """A depth-6 tree, one leaf tied: 13 modules; the xor of all leaves matches a model where only it changed."""
    depth, leaf = 6, "left.right.right.left.right.left"
    top: Generator = CombLeaf()
    for level in range(1, depth + 1):
        top = CombNode(level, top)
    design = Design(top)
    design.tie_output(leaf, "o", 0x3C)
    assert len(design.modules) == 2 * depth + 1
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, f"Node{depth}")
    interface = Interface(f"Node{depth}", (PortSpec("a", 8),), (PortSpec("o", 8),), None)
    stimulus = [{"a": value} for value in random.Random(5).sample(range(256), 40)]
    paths = [".".join("right" if (index >> (depth - 1 - bit)) & 1 else "left" for bit in range(depth))
             for index in range(2**depth)]
    expected = []
    for values in stimulus:
        total = 0
        for path in paths:
            total ^= 0x3C if path == leaf else (values["a"] + path.count("right") + 1) & 0xFF
        expected.append({"o": total})
    actual = simulate(files, interface, stimulus, tmp_path / "sim")
    compare(actual, expected, stimulus)
