"""Hierarchy benchmark: per-instance edits without per-instance copies (plain script, not a timed test).

Run: ``.venv/bin/python bench/hierarchy.py [--depths 10,15,20] [--mesh 32]``.

For binary trees (``examples/binary_tree.py``) of each depth and a square
mesh of tiles (``examples/mesh.py``), it applies edits through
``loom.Design`` and reports for each: the modules before and after, the
modules created, the (module, automaton state) pairs the walk visited and
the automaton's states, the time of the edit, and the process's resident
memory before the edit and at its peak (VmHWM is reset before each edit, so
the peak belongs to the edit). Then it lowers the last edited design and
writes its SystemVerilog, to show the whole flow stays per module.

Tree edits: one leaf (``left.left...``), every left child's subtree
(``**.left.*``), a difference (``left.** - **.right.left.*``). Mesh edits: one
row (``tile[Y=3]``), one column (``tile[X=5]``), one tile
(``tile[X=5, Y=3]``); each replaces the tile's output logic (a callback;
the loom verifier, which the lowering runs anyway, is not timed).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from common import load_example

from loom import Design
from loom.lowering.edits import EditResult


def _status_kb(key: str) -> int:
    match = re.search(key + r":\s+(\d+)", open("/proc/self/status").read())
    return int(match.group(1)) if match else 0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass


@dataclass
class Row:
    design: str
    edit: str
    before: int
    after: int
    result: EditResult
    seconds: float
    rss_mb: float
    peak_mb: float

    def __str__(self) -> str:
        r = self.result
        return (f"  {self.design:<14} {self.edit:<30} {self.before:>5} -> {self.after:<5} +{len(r.created):<4}"
                f" {r.pairs_visited:>6} {r.automaton_states:>6} {self.seconds * 1000:>9.1f} ms"
                f" {self.rss_mb:>8.1f} {self.peak_mb:>8.1f} ({self.peak_mb / self.rss_mb:4.2f}x)")


HEADER = (f"  {'design':<14} {'edit':<30} {'modules':^13} {'new':<5} {'pairs':>6} {'states':>6} {'time':>12}"
          f" {'RSS MB':>8} {'peak MB':>8}")


def measure(name: str, label: str, design: Design, apply: Callable[[Design], EditResult]) -> Row:
    before = len(design.modules)
    rss = _status_kb("VmRSS") / 1024
    _reset_peak()
    start = time.perf_counter()
    result = apply(design)
    seconds = time.perf_counter() - start
    peak = max(_status_kb("VmHWM") / 1024, rss)
    return Row(name, label, before, len(design.modules), result, seconds, rss, peak)


def tree_rows(depth: int) -> list[Row]:
    tree = load_example("binary_tree")
    leaf = ".".join(["left"] * depth)
    edits: list[tuple[str, Callable[[Design], EditResult]]] = [
        ("one leaf", lambda d: d.tie_output(leaf, "o", 7)),
        ("**.left.*", lambda d: d.set_attribute("**.left.*", "marked", "1")),
        ("left.** - **.right.left.*", lambda d: d.set_attribute("left.** - **.right.left.*", "other", "1")),
    ]
    rows = []
    for label, apply in edits:
        design = Design(tree.top(depth))
        rows.append(measure(f"tree {depth}", label, design, apply))
    return rows


def xor_output(value: int) -> Callable[..., None]:
    def edit(module) -> None:  # type: ignore[no-untyped-def]
        old = module.output("o")
        module.set_output("o", module.create("comb.xor", [old, module.constant(value, 8)], old.type))

    return edit


def mesh_rows(size: int) -> tuple[list[Row], Design]:
    mesh = load_example("mesh")
    edits = [("one row tile[Y=3]", "tile[Y=3]"), ("one column tile[X=5]", "tile[X=5]"),
             ("one tile tile[X=5, Y=3]", "tile[X=5, Y=3]")]
    rows = []
    design = Design(mesh.top(size, size))
    for label, pattern in edits:
        design = Design(mesh.top(size, size))
        rows.append(measure(f"mesh {size}x{size}", label, design,
                            lambda d, p=pattern: d.edit(p, xor_output(0x5A), tag="edited", verify=False)))
    return rows, design


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--depths", default="10,15,20", help="comma-separated tree depths")
    parser.add_argument("--mesh", type=int, default=32, help="mesh side (tiles per row and column)")
    args = parser.parse_args()
    print("hierarchy edits (modules before -> after, modules created, (module, state) pairs visited,"
          " automaton states, edit time, RSS before the edit and peak during it)")
    print(HEADER)
    for depth in (int(d) for d in args.depths.split(",") if d):
        for row in tree_rows(depth):
            print(row)
    rows, design = mesh_rows(args.mesh)
    for row in rows:
        print(row)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        files = design.emit(out, emit_locations=False)
    print(f"  lower + ExportVerilog of the mesh with one tile edited: {len(files)} modules,"
          f" {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
