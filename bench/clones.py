"""Generator clones: ``create`` against building independent generators (a plain script, not a timed test).

    .venv/bin/python bench/clones.py [--count 100000] [--distinct 10] [--edits 100] [--emit]

Each scenario runs in its own process, so memory figures do not mix:

``create``       ``count`` calls of ``PE.create(width=8, inc=i % distinct)``, all kept (as a design
                 keeps its children), then ``edits`` of them ``initialize_clone()``d and edited.
``independent``  ``count`` generators built with ``PE(width=8, inc=i % distinct)``, all kept.

Reported: CPU time of the process (wall-clock too), time per call (mean, and the fastest
block of 10,000 calls, the figure least disturbed by other processes on a shared machine),
resident memory added by the scenario, and with ``--emit`` the time to turn a top instantiating every generator into
loom IR (the frontend writes one module per definition, so shared clones cost nothing there).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import loom
from loom import Generator

BLOCK = 10_000


class PE(Generator):
    """A processing element: ``o`` registers ``a + b + inc`` (two ports in, one out, clock and reset)."""

    def __init__(self, width: int = 8, inc: int = 1, is_clone: bool = False):
        super().__init__(f"PE_{width}_{inc}", is_clone=is_clone)
        self.width = width
        self.clock()
        self.reset()
        self.a = self.input("a", width)
        self.b = self.input("b", width)
        result = self.reg("result", width)
        result.assign(self.a + self.b + inc)
        self.output("o", width).assign(result)


class Top(Generator):
    """Instantiates every generator it is given, all reading the same inputs."""

    def __init__(self, children: list[Generator]):
        super().__init__("Top")
        clk, rst = self.clock(), self.reset()
        a, b = self.input("a", 8), self.input("b", 8)
        result = None
        for index, child in enumerate(children):
            inst = self.add_child(f"pe{index}", child, clk=clk, rst=rst, a=a, b=b)
            result = inst.o if result is None else result ^ inst.o
        self.output("o", 8).assign(result)


def rss_mb() -> float:
    """Current resident set size (not the peak), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed_blocks(make, count: int) -> tuple[list[Generator], float, float, float]:
    """Call ``make(i)`` ``count`` times.

    Returns the results, the wall-clock seconds, the CPU seconds of this
    process, and the fastest block's CPU seconds per call.
    """
    made: list[Generator] = []
    fastest = float("inf")
    start, cpu_start = time.perf_counter(), time.process_time()
    for block_start in range(0, count, BLOCK):
        block_end = min(count, block_start + BLOCK)
        t0 = time.process_time()
        for index in range(block_start, block_end):
            made.append(make(index))
        fastest = min(fastest, (time.process_time() - t0) / (block_end - block_start))
    return made, time.perf_counter() - start, time.process_time() - cpu_start, fastest


def scenario(name: str, count: int, distinct: int, edits: int, emit: bool) -> dict[str, float]:
    before = rss_mb()
    result: dict[str, float] = {}
    if name == "create":
        made, total, cpu, fastest = timed_blocks(lambda i: PE.create(width=8, inc=i % distinct), count)
        result["clones"] = sum(g.is_cloned for g in made)
        t0 = time.process_time()
        for index in range(distinct, distinct + edits):  # skip the definitions themselves
            clone = made[index]
            clone.initialize_clone()
            clone.output("doubled", 8).assign(clone.a + clone.a)
        result["edit_s"] = time.process_time() - t0
    else:
        made, total, cpu, fastest = timed_blocks(lambda i: PE(width=8, inc=i % distinct), count)
    result.update(total_s=total, cpu_s=cpu, mean_us=cpu / count * 1e6, fastest_us=fastest * 1e6,
                  rss_mb=rss_mb() - before)
    if emit:
        t0 = time.process_time()
        module, _ = loom.elaborate(Top(made))
        result["elaborate_s"] = time.process_time() - t0
        result["modules"] = len(module.body.operations)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=10)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--emit", action="store_true", help="also elaborate a top instantiating them all")
    parser.add_argument("--scenario", choices=("create", "independent"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario:
        print(json.dumps(scenario(args.scenario, args.count, args.distinct, args.edits, args.emit)))
        return
    results = {}
    for name in ("create", "independent"):
        command = [sys.executable, __file__, "--scenario", name, "--count", str(args.count), "--distinct",
                   str(args.distinct), "--edits", str(args.edits)] + (["--emit"] if args.emit else [])
        results[name] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    create, independent = results["create"], results["independent"]
    print(f"{args.count:,} generators over {args.distinct} argument sets")
    print("  (CPU time of the process; wall-clock in brackets)")
    for name in ("create", "independent"):
        r = results[name]
        print(f"  {name + ':':<13} {r['cpu_s']:6.2f} s ({r['total_s']:.2f} s), {r['mean_us']:5.1f} us/call mean,"
              f" {r['fastest_us']:5.1f} us/call fastest block of {BLOCK:,}; +{r['rss_mb']:.0f} MB resident")
    print(f"  create: {int(create['clones']):,} clones; {independent['cpu_s'] / create['cpu_s']:.1f}x less time,"
          f" {independent['rss_mb'] / max(create['rss_mb'], 1e-9):.1f}x less memory than independent generators")
    print(f"  {args.edits} x initialize_clone() + edit: {create['edit_s'] * 1e3:.1f} ms"
          f" ({create['edit_s'] / max(args.edits, 1) * 1e6:.0f} us each)")
    if args.emit:
        for name in ("create", "independent"):
            print(f"  elaborate top ({name}): {results[name]['elaborate_s']:.2f} s,"
                  f" {int(results[name]['modules'])} modules")


if __name__ == "__main__":
    main()
