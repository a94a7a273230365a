"""``python -m loom.tools.fuzz designs|passes --count N``: the long mode of the differential tests.

Prints a progress line per batch and writes a reproducer for every failure into
``--out`` (``failures/seed_<n>/reproduce.py``). Exits 1 when a failure that is not
a known finding turned up. loom runs in forked children (``isolate.py``): a crash
of loom, or a hang past ``isolate.LOOM_DEADLINE``, is a failure of kind "crash",
and the run goes on.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from .isolate import HUNG

SHRUNK_PER_FINDING = 3
"""Known findings recur often; only the first few of each are shrunk (the rest keep the whole design)."""


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m loom.tools.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("designs", "passes"),
                        help="designs: simulate against the models; passes: prove each pass with yosys")
    parser.add_argument("--count", type=int, default=200, help="random designs (passes: per pass)")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--batch", type=int, default=40, help="designs per Icarus run")
    parser.add_argument("--cycles", type=int, default=100, help="simulated cycles per design")
    parser.add_argument("--passes", default="", help="passes mode: a comma-separated subset of the passes")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"), help="where reproducers go")
    return parser.parse_args(argv)


def run_designs(args: argparse.Namespace) -> int:
    from .designs import check_isolated, random_design, reproduce  # not at the top: each mode loads only what it runs

    counts: Counter[str] = Counter()
    shrunk: Counter[str] = Counter()
    work = args.out / "work"
    started = time.monotonic()
    done = 0
    for first in range(args.start, args.start + args.count, args.batch):
        seeds = range(first, min(first + args.batch, args.start + args.count))
        designs = [random_design(seed) for seed in seeds]
        for failure in check_isolated(designs, work / f"batch_{first}", args.cycles):
            label = f"known {failure.kind}" if failure.known else failure.kind
            counts[label] += 1
            finding = failure.known or ""
            # A hang (loom's, or the known Icarus one) is not shrunk: every try would wait for its timeout.
            shrink_it = not failure.message.startswith(HUNG) and (
                not finding or (shrunk[finding] < SHRUNK_PER_FINDING and failure.kind != "simulate"))
            shrunk[finding] += 1
            directory = reproduce(failure, args.out / "failures", args.cycles, shrink_it)
            print(f"  {failure.summary()} -> {directory / 'reproduce.py'}", flush=True)
        shutil.rmtree(work / f"batch_{first}", ignore_errors=True)
        done += len(seeds)
        progress(done, args.count, started, counts)
    shutil.rmtree(work, ignore_errors=True)
    return 1 if any(not label.startswith("known") for label in counts) else 0


def progress(done: int, total: int, started: float, counts: Counter[str]) -> None:
    rate = done / max(time.monotonic() - started, 1e-9)
    found = ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "no failures"
    print(f"[{done}/{total}] {found}; {rate:.1f} designs/s", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    runners: dict[str, Callable[[argparse.Namespace], int]] = {"designs": run_designs}
    if args.mode == "passes":
        from .passes import run_passes  # not at the top: each mode loads only what it runs

        runners["passes"] = run_passes
    return runners[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
