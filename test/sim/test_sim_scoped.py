"""Scoped passes change exactly the matched instances: simulated (Icarus) against Python models.

- a user rewrite-pattern set (``a + b`` -> ``a - b``) on one leaf of a tree:
  only that leaf's accumulator subtracts;
- ``insert-pipeline-stages{stages=1}`` on one row of a mesh: that row's tiles
  answer one cycle later, the rows above are unchanged (observed through
  ``expose``), and the module count is the minimum (the mesh, the tile, the
  staged tile).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from circt.dialects import comb
from simulate import (
    Interface,
    PortSpec,
    compare,
    lint,
    load_example,
    random_stimulus,
    reset_first,
    simulate,
    tools_available,
)

from loom import Design, Generator

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Leaf(Generator):
    """``o`` accumulates ``a`` (synchronous reset to 0)."""

    def __init__(self) -> None:
        super().__init__("Leaf")
        self.clock()
        self.reset()
        a = self.input("a", 8)
        acc = self.reg("acc", 8)
        acc.assign(acc + a)
        self.output("o", 8).assign(acc)


class Node(Generator):
    """Two children fed ``a`` and ``a ^ 0x5A``; ``o`` XORs their outputs."""

    def __init__(self, level: int, child: Generator) -> None:
        super().__init__(f"Node{level}")
        clk, rst = self.clock(), self.reset()
        a = self.input("a", 8)
        left = self.add_child("left", child, clk=clk, rst=rst, a=a)
        right = self.add_child("right", child, clk=clk, rst=rst, a=a ^ 0x5A)
        self.output("o", 8).assign(left.o ^ right.o)


def tree(depth: int) -> Generator:
    level: Generator = Leaf()
    for index in range(1, depth + 1):
        level = Node(index, level)
    return level


def _add_to_sub(op: comb.AddOp, rewriter: object) -> bool:
    with rewriter.ip:  # type: ignore[attr-defined]
        sub = comb.SubOp(op.operands[0], op.operands[1])
    rewriter.replace_op(op, sub.operation)  # type: ignore[attr-defined]
    return False


class TreeModel:
    """Every leaf of a depth-``depth`` tree by its path; the leaf at ``edited`` subtracts instead of adding."""

    def __init__(self, depth: int, edited: tuple[str, ...]):
        self.paths = [tuple("left" if (i >> (depth - 1 - level)) & 1 == 0 else "right" for level in range(depth))
                      for i in range(2**depth)]
        self.edited = edited
        self.acc = dict.fromkeys(self.paths, 0)
        self.reset_seen = False  # before the first reset the registers hold x

    def __call__(self, inputs: dict[str, int]) -> dict[str, int | None]:
        out = 0
        for path in self.paths:
            out ^= self.acc[path]
        shown = out if self.reset_seen else None
        self.reset_seen = self.reset_seen or bool(inputs["rst"])
        for path in self.paths:
            a = inputs["a"]
            for step in path:
                a = a ^ 0x5A if step == "right" else a
            if inputs["rst"]:
                self.acc[path] = 0
            elif path == self.edited:
                self.acc[path] = (self.acc[path] - a) & 0xFF
            else:
                self.acc[path] = (self.acc[path] + a) & 0xFF
        return {"o": shown}


@pytest.mark.parametrize("edited", [("left", "right", "left"), ("right", "right", "right")])
def test_rewrite_on_one_leaf_changes_only_that_leaf(edited: tuple[str, ...], tmp_path: Path) -> None:
    top = tree(3)
    design = Design(top)
    design.rewrite(".".join(edited), [(comb.AddOp, _add_to_sub)])
    assert len(design.modules) == 4 + 3  # Node3 (edited in place), Node2, Node1, Leaf + a variant of each below it
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, design.top)
    interface = Interface.of(top)
    stimulus = random_stimulus(interface, 120, seed=len(edited[0]), overrides={"rst": reset_first(0.03)})
    model = TreeModel(3, edited)
    compare(simulate(files, interface, stimulus, tmp_path / "sim"), [model(dict(s)) for s in stimulus], stimulus)


class MeshModel:
    """``examples/mesh.py``: each tile registers ``(w ^ n) + 1``; tiles in ``staged_row`` add one more register."""

    def __init__(self, rows: int, cols: int, staged_row: int):
        self.rows, self.cols, self.staged_row = rows, cols, staged_row
        self.acc: dict[tuple[int, int], int | None] = {(y, x): None for y in range(rows) for x in range(cols)}
        self.stage: dict[tuple[int, int], int | None] = {(y, x): None for y in range(rows) for x in range(cols)}

    def out(self, y: int, x: int) -> int | None:
        return self.stage[(y, x)] if y == self.staged_row else self.acc[(y, x)]

    def __call__(self, inputs: dict[str, int]) -> dict[str, int | None]:
        shown = {"o": self.out(self.rows - 1, self.cols - 1), "tile_0_1_dbg": self.acc[(0, 1)]}
        nxt = {}
        for y in range(self.rows):
            for x in range(self.cols):
                w = self.out(y, x - 1) if x else inputs["a"]
                n = self.out(y - 1, x) if y else inputs["a"]
                nxt[(y, x)] = None if w is None or n is None else ((w ^ n) + 1) & 0xFF
        for key in self.stage:
            self.stage[key] = self.acc[key]
        self.acc = nxt
        return shown


def test_pipeline_stages_on_one_mesh_row(tmp_path: Path) -> None:
    mesh = load_example("mesh")
    design = Design(mesh.top(4, 4))
    result = design.run("insert-pipeline-stages{stages=1}", on="tile[Y=2]")
    assert result is not None and result.changed == ["Tile"]
    assert len(design.modules) == 3
    design.expose("tile_0_1", "acc", "dbg")  # a tile above the staged row, observed at the top
    files = design.emit(tmp_path / "rtl", emit_locations=False)
    lint(files, design.top)
    plain = Interface.of(mesh.top(4, 4))
    interface = Interface(plain.module, plain.inputs, (*plain.outputs, PortSpec("tile_0_1_dbg", 8)), plain.clock)
    stimulus = random_stimulus(interface, 60, seed=7)
    model = MeshModel(4, 4, staged_row=2)
    compare(simulate(files, interface, stimulus, tmp_path / "sim"), [model(dict(s)) for s in stimulus], stimulus)
