"""Scoped passes benchmark: a pass or a rewrite-pattern set on some instances (plain script, not a timed test).

Run: ``.venv/bin/python bench/scoped.py [--repeat 7] [--depth 20] [--mesh 32]``.

Each case builds a fresh ``loom.Design`` (not timed), times the scoped call
``--repeat`` times and prints the median and the range with the modules
before and after:

- tree, one leaf: ``remove-assertion`` on ``left.left....`` (the leaf has an
  immediate assertion) and a user rewrite-pattern set (``a + b`` ->
  ``a - b``) on the same path;
- tree, ``**``: a pipeline with nothing to do (no variant may be created);
- tree, unscoped check: ``check-inferred-latch`` over a tree whose leaf
  infers a latch, reporting one example path and the instance count;
- mesh, one row: ``insert-pipeline-stages{stages=1}`` on ``tile[Y=3]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from circt.dialects import comb
from common import load_example

from loom import Design, Generator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "test" / "hierarchy"))
from test_scoped_passes import LatchLeaf, _add_to_sub, checked_tree

from loom.lowering.diagnostics import CheckFailedError


def measure(title: str, make: Callable[[], Design], action: Callable[[Design], object], repeat: int) -> None:
    times, before, after = [], 0, 0
    for _ in range(repeat):
        design = make()
        before = len(design.modules)
        start = time.perf_counter()
        action(design)
        times.append(time.perf_counter() - start)
        after = len(design.modules)
    print(f"{title:<52} median {statistics.median(times) * 1e3:7.1f} ms"
          f" (min {min(times) * 1e3:.1f}, max {max(times) * 1e3:.1f})  modules {before} -> {after}")


def unscoped_check(top: Generator) -> Callable[[Design], object]:
    def run(design: Design) -> object:
        try:
            design.run("check-inferred-latch")
        except CheckFailedError as error:
            return error
        raise AssertionError("the latch was not reported")
    del top
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--mesh", type=int, default=32)
    args = parser.parse_args()
    tree = load_example("binary_tree")
    mesh = load_example("mesh")
    leaf = ".".join(["left"] * args.depth)
    d = args.depth
    measure(f"tree {d}: remove-assertion on one leaf", lambda: Design(checked_tree(d)),
            lambda design: design.run("remove-assertion", on=leaf), args.repeat)
    measure(f"tree {d}: rewrite patterns on one leaf", lambda: Design(tree.top(d)),
            lambda design: design.rewrite(leaf, [(comb.AddOp, _add_to_sub)]), args.repeat)
    measure(f"tree {d}: nothing to do on **", lambda: Design(tree.top(d)),
            lambda design: design.run("remove-assertion, remove-unused-stmts", on="**"), args.repeat)
    latch_top = checked_tree(d, LatchLeaf())
    measure(f"tree {d}: unscoped latch check, count + example path", lambda: Design(latch_top),
            unscoped_check(latch_top), args.repeat)
    n = args.mesh
    measure(f"mesh {n}x{n}: insert-pipeline-stages on tile[Y=3]", lambda: Design(mesh.top(n, n)),
            lambda design: design.run("insert-pipeline-stages{stages=1}", on="tile[Y=3]"), args.repeat)


if __name__ == "__main__":
    main()
