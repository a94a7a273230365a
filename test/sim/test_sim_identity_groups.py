"""Tiles whose logic reads their identity parameters stay apart, though loom-verify groups them.

loom-verify puts instances that differ only in integer identity values in one group when the values cannot
change whether they are valid (``BodyIndex.mixed``: a mesh's tiles); loom-specialize must still give each
tile whose logic reads ``X``/``Y`` its own values, as a module of its own (specialised) or as parameters of
its ``hw.instance`` (keep-parameters). Simulated against a model written from the description below: a
grouping that merged the tiles would give every tile one tile's values.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from simulate import Interface, PortSpec, build, compare, lint, simulate, tools_available

from loom import Generator, Signal
from loom.dialect import analyses
from loom.dialect.context import new_context
from loom.dialect.instance_graph import INSTANCE_BODIES, BodyIndex
from loom.dialect.verify import verify_or_raise
from loom.frontend.emit import elaborate

ROWS, COLS = 3, 4


class ReadTile(Generator):
    """``o = ((w ^ n) + X) ^ Y``: the tile's identity values are part of its logic."""

    def __init__(self) -> None:
        super().__init__("ReadTile")
        x = self.param("X", 0, width=8, identity=True)
        y = self.param("Y", 0, width=8, identity=True)
        w = self.input("w", 8)
        n = self.input("n", 8)
        self.output("o", 8).assign(((w ^ n) + x) ^ y)


class PlainTile(Generator):
    """``o = w + n``: identity values that name the tile only."""

    def __init__(self) -> None:
        super().__init__("PlainTile")
        self.param("X", 0, width=8, identity=True)
        self.param("Y", 0, width=8, identity=True)
        w = self.input("w", 8)
        n = self.input("n", 8)
        self.output("o", 8).assign(w + n)


class ReadMesh(Generator):
    """A mesh of ``ReadTile`` (west and north neighbours, ``a`` on the edges); ``o`` is the south-east tile's
    output, ``p`` a ``PlainTile`` fed by ``o`` and ``a``."""

    def __init__(self) -> None:
        super().__init__("ReadMesh")
        a = self.input("a", 8)
        tile = ReadTile()
        out: dict[tuple[int, int], Signal] = {}
        for y in range(ROWS):
            for x in range(COLS):
                west = out[(y, x - 1)] if x else a
                north = out[(y - 1, x)] if y else a
                out[(y, x)] = self.add_child(f"t_{y}_{x}", tile, identity={"X": x, "Y": y}, w=west, n=north).o
        corner = out[(ROWS - 1, COLS - 1)]
        self.output("o", 8).assign(corner)
        plain = PlainTile()
        self.output("p", 8).assign(self.add_child("p_0_0", plain, identity={"X": 0, "Y": 0}, w=corner, n=a).o)


def model(a: int) -> dict[str, int | None]:
    """The mesh's outputs for input ``a``, from the docstrings above."""
    out: dict[tuple[int, int], int] = {}
    for y in range(ROWS):
        for x in range(COLS):
            west = out[(y, x - 1)] if x else a
            north = out[(y - 1, x)] if y else a
            out[(y, x)] = (((west ^ north) + x) & 0xFF) ^ y
    corner = out[(ROWS - 1, COLS - 1)]
    return {"o": corner, "p": (corner + a) & 0xFF}


def test_verify_groups_the_tiles_in_one_kind() -> None:
    """What the grouping is for: one group of all tiles, not one per tile (the specialiser parts them)."""
    with new_context():
        module, _ = elaborate(ReadMesh())
        with analyses.scope():  # as in a pipeline run: the verifier leaves its grouping for the specialiser
            verify_or_raise(module.operation)
            bodies = analyses.take(module.operation, INSTANCE_BODIES)
        assert isinstance(bodies, dict)
        body: BodyIndex = bodies["ReadMesh"]
        sizes = sorted(len(instances) for _, instances in body.kinds.values())
        assert sizes == [1, ROWS * COLS]
        assert len(body.mixed) == 2


@pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")
@pytest.mark.parametrize("keep", [False, True], ids=["specialised", "keep-parameters"])
def test_tiles_that_read_identity_get_their_own_values(tmp_path: Path, keep: bool) -> None:
    files = build(ReadMesh(), tmp_path / "rtl", keep_parameters=keep)
    tiles = sorted(p.stem for p in files if p.stem.startswith("ReadTile"))
    # Specialised: every parameter the logic reads splits the module (one per tile); kept: one module.
    assert len(tiles) == (1 if keep else ROWS * COLS), tiles
    assert [p.stem for p in files if p.stem.startswith("PlainTile")] == ["PlainTile"]
    lint(files, "ReadMesh")
    interface = Interface("ReadMesh", (PortSpec("a", 8),), (PortSpec("o", 8), PortSpec("p", 8)), None)
    rng = random.Random(13)
    stimulus = [{"a": a} for a in [0, 1, 0xFF] + [rng.getrandbits(8) for _ in range(12)]]
    actual = simulate(files, interface, stimulus, tmp_path / "sim")
    compare(actual, [model(values["a"]) for values in stimulus], stimulus)
