"""loom against the raw-CIRCT floor it is built on, side by side in one run.

For each design, the *floor* writes the same hardware as hw/comb/seq MLIR
text straight from Python, parses it once, runs ``lower-seq-to-sv`` and
split ExportVerilog into a temporary folder, through the same CIRCT Python
bindings and thread setting loom uses. The *loom* flow builds the design's
generators and calls ``loom.emit`` with the default pipeline. Every
measurement runs in a fresh subprocess, so its peak memory is that flow's
alone; the two flows alternate (floor, loom, floor, loom, ...) so that load
from other jobs on the machine falls on both. The table gives medians of the
repetitions (wall-clock and CPU seconds: on a shared machine the CPU figures
move less), the ratios loom / floor, and peak RSS of each.

Designs (the ones issue 13 sets targets for):

- ``fanout``: ``examples/fanout.py``, N PE instances with 4 parameter values
  (default 50,000);
- ``modules``: N distinct leaf modules (default 10,000), as ``bench/pipeline.py``;
- ``tree``: ``examples/binary_tree.py`` at depth N (default 20);
- ``mesh``: ``examples/mesh.py``, N x N tiles (default 128).

Run: ``.venv/bin/python bench/floor.py [DESIGN[=N] ...] [--repeat 3] [--cpus N]``.
Not a timed test: run it by hand; the README's benchmark table comes from it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_SIZES = {"fanout": 50_000, "modules": 10_000, "tree": 20, "mesh": 128}
INCREMENTS = (1, 3, 5, 7)  # examples/fanout.py's parameter values


def _register(name: str, width: int, data: str, clock: str = "%clk", reset: str = "") -> str:
    """A ``seq.compreg`` line (reset to 0 when ``reset`` names the reset)."""
    tail = f" reset {reset}, %zero" if reset else ""
    return f"    %{name} = seq.compreg {data}, {clock}{tail} : i{width}\n"


def fanout_text(count: int) -> str:
    """One PE module per used increment, a top with ``count`` instances whose outputs are XORed."""
    used = INCREMENTS[:min(count, len(INCREMENTS))]
    parts = []
    for inc in used:
        parts.append(
            f"hw.module @PE_INC_{inc}(in %clk : !seq.clock, in %rst : i1, in %a : i8, out o : i8) {{\n"
            f"    %zero = hw.constant 0 : i8\n    %inc = hw.constant {inc} : i8\n"
            f"    %sum = comb.add %a, %inc : i8\n" + _register("result", 8, "%sum", reset="%rst") +
            "    hw.output %result : i8\n}\n")
    body = [f"    %o{i} = hw.instance \"pe{i}\" @PE_INC_{INCREMENTS[i % 4]}(clk: %clk: !seq.clock, rst: %rst: i1, "
            f"a: %a: i8) -> (o: i8)\n" for i in range(count)]
    outputs = ", ".join(f"%o{i}" for i in range(count))
    xor = f"    %x = comb.xor {outputs} : i8\n    hw.output %x : i8\n" if count > 1 else "    hw.output %o0 : i8\n"
    parts.append("hw.module @FanoutTop(in %clk : !seq.clock, in %rst : i1, in %a : i8, out o : i8) {\n"
                 + "".join(body) + xor + "}\n")
    return "".join(parts)


def modules_text(count: int) -> str:
    """``count`` distinct leaves registering ``a + k``; the top XORs their outputs."""
    parts = [f"hw.module @Leaf{k}(in %clk : !seq.clock, in %a : i16, out o : i16) {{\n"
             f"    %k = hw.constant {k & 0xFFFF} : i16\n    %sum = comb.add %a, %k : i16\n"
             + _register("held", 16, "%sum") + "    hw.output %held : i16\n}\n" for k in range(count)]
    body = [f"    %o{k} = hw.instance \"leaf{k}\" @Leaf{k}(clk: %clk: !seq.clock, a: %a: i16) -> (o: i16)\n"
            for k in range(count)]
    outputs = ", ".join(f"%o{k}" for k in range(count))
    parts.append("hw.module @ManyModules(in %clk : !seq.clock, in %a : i16, out o : i16) {\n" + "".join(body)
                 + f"    %x = comb.xor {outputs} : i16\n    hw.output %x : i16\n}}\n")
    return "".join(parts)


def tree_text(depth: int) -> str:
    """A leaf accumulator and ``depth`` levels, each instantiating the level below twice."""
    parts = ["hw.module @Leaf(in %clk : !seq.clock, in %a : i8, out o : i8) {\n"
             "    %sum = comb.add %acc, %a : i8\n" + _register("acc", 8, "%sum") + "    hw.output %acc : i8\n}\n"]
    below = "Leaf"
    for level in range(1, depth + 1):
        parts.append(
            f"hw.module @Node{level}(in %clk : !seq.clock, in %a : i8, out o : i8) {{\n"
            f"    %one = hw.constant 1 : i8\n    %b = comb.add %a, %one : i8\n"
            f"    %l = hw.instance \"left\" @{below}(clk: %clk: !seq.clock, a: %a: i8) -> (o: i8)\n"
            f"    %r = hw.instance \"right\" @{below}(clk: %clk: !seq.clock, a: %b: i8) -> (o: i8)\n"
            f"    %x = comb.xor %l, %r : i8\n    hw.output %x : i8\n}}\n")
        below = f"Node{level}"
    return "".join(parts)


def mesh_text(size: int) -> str:
    """``size`` x ``size`` tiles registering ``(w ^ n) + 1`` from their west and north neighbours."""
    parts = ["hw.module @Tile(in %clk : !seq.clock, in %w : i8, in %n : i8, out o : i8) {\n"
             "    %one = hw.constant 1 : i8\n    %x = comb.xor %w, %n : i8\n    %sum = comb.add %x, %one : i8\n"
             + _register("acc", 8, "%sum") + "    hw.output %acc : i8\n}\n"]
    body = []
    for y in range(size):
        for x in range(size):
            west = f"%t{y}_{x - 1}" if x else "%a"
            north = f"%t{y - 1}_{x}" if y else "%a"
            body.append(f"    %t{y}_{x} = hw.instance \"tile_{y}_{x}\" @Tile(clk: %clk: !seq.clock, w: {west}: i8, "
                        f"n: {north}: i8) -> (o: i8)\n")
    last = f"%t{size - 1}_{size - 1}"
    parts.append("hw.module @Mesh(in %clk : !seq.clock, in %a : i8, out o : i8) {\n" + "".join(body)
                 + f"    hw.output {last} : i8\n}}\n")
    return "".join(parts)


FLOOR_TEXT: dict[str, Callable[[int], str]] = {
    "fanout": fanout_text, "modules": modules_text, "tree": tree_text, "mesh": mesh_text}


def run_floor(design: str, size: int, out: str) -> int:
    """Text, parse, lower-seq-to-sv, split ExportVerilog; returns the number of files written."""
    import circt
    from circt import ir
    from circt.passmanager import PassManager

    from loom.dialect.context import new_context

    text = FLOOR_TEXT[design](size)
    with new_context() as context:
        module = ir.Module.parse(text, context)
        PassManager.parse("builtin.module(lower-seq-to-sv)").run(module.operation)
        circt.export_split_verilog(module, out)
    return len(list(Path(out).glob("*.sv")))


def loom_top(design: str, size: int):
    """The design's top generator, built from the examples (and ``bench/pipeline.py`` for ``modules``)."""
    from common import load_example

    if design == "modules":
        from pipeline import ManyModules

        return ManyModules(size)
    if design == "mesh":
        return load_example("mesh").top(size, size)
    if design == "tree":
        return load_example("binary_tree").top(size)
    return load_example("fanout").top(size)


def run_loom(design: str, size: int, out: str) -> int:
    """Build the generators and ``loom.emit`` them with the default pipeline."""
    import loom

    return len(loom.emit(loom_top(design, size), out))


def child(flow: str, design: str, size: int, cpus: int) -> None:
    """One measurement (in its own process): prints seconds, peak RSS and files as JSON."""
    import resource

    import loom

    loom.set_num_cpus(cpus)
    if flow == "loom":
        loom_top("tree", 1)  # imports the example loader outside the timed region, as the floor's imports are
    runner = run_loom if flow == "loom" else run_floor
    with tempfile.TemporaryDirectory() as out:
        start, cpu_start = time.perf_counter(), time.process_time()
        files = runner(design, size, out)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss, "files": files}))


def measure(flow: str, design: str, size: int, cpus: int) -> dict:
    """One flow in a fresh process. Python may write its bytecode caches, as it does for a user: with
    ``PYTHONDONTWRITEBYTECODE`` set, every run would compile the passes loom imports on first use (about
    0.05 s), which is no cost of the flow itself."""
    command = [sys.executable, __file__, "--child", flow, design, str(size), "--cpus", str(cpus)]
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        raise SystemExit(f"{flow} {design}={size} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def parse_design(text: str) -> tuple[str, int]:
    name, _, size = text.partition("=")
    if name not in DEFAULT_SIZES:
        raise argparse.ArgumentTypeError(f"unknown design {name!r}; choose from {', '.join(DEFAULT_SIZES)}")
    return name, int(size) if size else DEFAULT_SIZES[name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("designs", nargs="*", type=parse_design, help="DESIGN or DESIGN=SIZE (default: all four)")
    parser.add_argument("--repeat", type=int, default=3, help="measurements of each flow (median reported)")
    parser.add_argument("--cpus", type=int, default=0, help="MLIR threads (default: half the CPUs)")
    parser.add_argument("--child", nargs=3, metavar=("FLOW", "DESIGN", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        flow, design, size = args.child
        child(flow, design, int(size), args.cpus)
        return
    designs = args.designs or list(DEFAULT_SIZES.items())
    print(f"| design (medians of {args.repeat}) | raw CIRCT floor | loom | loom / floor | CPU floor | CPU loom | "
          "CPU loom / floor | peak RSS floor | peak RSS loom |")
    print("|---|---|---|---|---|---|---|---|---|")
    for design, size in designs:
        runs: dict[str, list[dict]] = {"floor": [], "loom": []}
        for _ in range(args.repeat):
            for flow in runs:
                runs[flow].append(measure(flow, design, size, args.cpus))
        time_of = {flow: statistics.median(r["seconds"] for r in results) for flow, results in runs.items()}
        cpu_of = {flow: statistics.median(r["cpu"] for r in results) for flow, results in runs.items()}
        rss_of = {flow: statistics.median(r["rss_mb"] for r in results) for flow, results in runs.items()}
        print(f"| {design} {size:,} | {time_of['floor']:.3f} s | {time_of['loom']:.3f} s | "
              f"{time_of['loom'] / time_of['floor']:.2f}x | {cpu_of['floor']:.3f} s | {cpu_of['loom']:.3f} s | "
              f"{cpu_of['loom'] / cpu_of['floor']:.2f}x | {rss_of['floor']:.0f} MB | {rss_of['loom']:.0f} MB "
              f"({rss_of['loom'] / rss_of['floor']:.2f}x) |", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
