"""check-combinational-loop on the depth-20 binary tree (2^20 leaves, 21 modules): the median of N runs.

The check keeps one summary per module (which outputs depend combinationally on
which inputs) and composes them through the instance graph, so its cost follows
the 21 module definitions, not the 1,048,576 leaf instances. The baseline in
the same run is ``check-inferred-latch``, another per-module check over the same
IR (both read every module once).

Run: ``.venv/bin/python bench/combinational_loop.py [DEPTH] [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from common import load_example

from loom import elaborate
from loom.lowering.pipeline import run_pipeline


def median_seconds(module: object, pipeline: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run_pipeline(module.operation, pipeline)  # type: ignore[attr-defined]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("depth", nargs="?", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    module, _ = elaborate(load_example("binary_tree").top(args.depth))
    with module.context:
        loop = median_seconds(module, "check-combinational-loop", args.runs)
        latch = median_seconds(module, "check-inferred-latch", args.runs)
    print(f"binary tree depth {args.depth} ({2 ** args.depth:,} leaves), median of {args.runs} runs:")
    print(f"  check-combinational-loop {loop * 1000:8.2f} ms")
    print(f"  check-inferred-latch     {latch * 1000:8.2f} ms (baseline)")
    print(f"  ratio                    {loop / latch:8.2f}")


if __name__ == "__main__":
    sys.exit(main())
