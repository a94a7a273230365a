"""A mesh of identical tiles named by identity parameters: one ``Tile`` module for any size.

``Mesh(rows, cols)`` instantiates ``Tile`` as ``tile_<y>_<x>`` with identity
parameters ``X`` and ``Y``; no logic reads them, so all tiles share one
module. Each tile registers ``(w ^ n) + 1``, where ``w`` and ``n`` are the
outputs of its west and north neighbours (the mesh input ``a`` on the
edges); ``o`` is the south-east tile's output. Path patterns select tiles by
their indices: ``tile[Y=3]`` is row 3, ``tile[X=5]`` column 5,
``tile[X=5, Y=3]`` one tile (``bench/hierarchy.py`` edits each).
"""

from __future__ import annotations

import sys

import loom
from loom import Generator


class Tile(Generator):
    """``o`` registers ``(w ^ n) + 1``; identity parameters ``X``/``Y`` name the tile and are not read."""

    def __init__(self) -> None:
        super().__init__("Tile")
        self.param("X", 0, width=16, identity=True)
        self.param("Y", 0, width=16, identity=True)
        self.clock()
        w = self.input("w", 8)
        n = self.input("n", 8)
        acc = self.reg("acc", 8, reset=False)
        acc.assign((w ^ n) + 1)
        self.output("o", 8).assign(acc)


class Mesh(Generator):
    """``rows`` x ``cols`` tiles fed from the west and north edges by ``a``."""

    def __init__(self, rows: int = 32, cols: int = 32) -> None:
        super().__init__("Mesh")
        clk = self.clock()
        a = self.input("a", 8)
        tile = Tile()
        outputs: dict[tuple[int, int], loom.Signal] = {}
        for y in range(rows):
            for x in range(cols):
                west = outputs[(y, x - 1)] if x else a
                north = outputs[(y - 1, x)] if y else a
                inst = self.add_child(f"tile_{y}_{x}", tile, identity={"X": x, "Y": y}, clk=clk, w=west, n=north)
                outputs[(y, x)] = inst.o
        self.output("o", 8).assign(outputs[(rows - 1, cols - 1)])


def top(rows: int = 32, cols: int = 32) -> Generator:
    return Mesh(rows, cols)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/mesh"
    for path in loom.emit(top(), out_dir):
        print(path)
