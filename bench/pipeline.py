"""Pass-pipeline benchmark: loom's default kratos pipeline, per pass, on two large designs.

Designs:

- ``fanout``: ``examples/fanout.py`` with N PE instances (default 50,000;
  2 definitions, 4 specialised PE modules): instance-heavy.
- ``modules``: a top instantiating M distinct leaf generators (default
  10,000; each ``Leaf<k>`` registers ``a + k``), so the design has M + 1
  modules: module-heavy.

Run: ``.venv/bin/python bench/pipeline.py [fanout|modules|both] [--count N]
[--cpus N] [--extra PASS,...]``. For each design it reports the time to build
the generators and elaborate them to loom IR, the seconds of every pass of
the default pipeline (``pipelines.DEFAULT_PIPELINE``) and of every step
of the lowering (the same figures ``loom-opt --mlir-timing`` prints), then
ExportVerilog and peak memory. ``--extra`` appends passes that are not in
the default pipeline (e.g. ``dead-code-elimination,decouple-generator-ports``)
to measure them as well. Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

from common import Stopwatch, load_example, peak_rss_mb

from loom import Generator, set_num_cpus
from loom.driver.pass_manager import VerilogModule


class Leaf(Generator):
    """``o`` is ``a + k`` registered: every k is a distinct module."""

    def __init__(self, k: int):
        super().__init__(f"Leaf{k}")
        self.clock()
        a = self.input("a", 16)
        held = self.reg("held", 16, reset=False)
        held.assign(a + (k & 0xFFFF))
        self.output("o", 16).assign(held)


class ManyModules(Generator):
    """``count`` distinct leaves, all fed by ``a``; ``o`` XORs their outputs."""

    def __init__(self, count: int):
        super().__init__("ManyModules")
        clk = self.clock()
        a = self.input("a", 16)
        combined = None
        for k in range(count):
            inst = self.add_child(f"leaf{k}", Leaf(k), clk=clk, a=a)
            combined = inst.o if combined is None else combined ^ inst.o
        self.output("o", 16).assign(combined)


def measure(title: str, make_top, extra: list[str]) -> None:
    watch = Stopwatch()
    with watch.phase("build generators"):
        top = make_top()
    with watch.phase("emit + parse loom IR"):
        code_gen = VerilogModule(top)
    manager = code_gen.pass_manager()
    manager.add_default_passes()
    manager.add_passes(extra)
    start = time.perf_counter()
    code_gen.run_passes()
    passes_total = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as out, watch.phase("ExportVerilog"):
        files = code_gen.emit(out)
    print(title)
    for name, seconds in watch.phases[:2]:
        print(f"  {name:<44} {seconds:8.3f} s")
    print("  passes (default pipeline, then the lowering):")
    for name, seconds in code_gen.timing.items():
        print(f"    {name[:42]:<42} {seconds:8.3f} s")
    print(f"  {'all passes':<44} {passes_total:8.3f} s")
    name, seconds = watch.phases[2]
    print(f"  {name:<44} {seconds:8.3f} s")
    print(f"  {'total':<44} {sum(s for _, s in watch.phases) + passes_total:8.3f} s")
    print(f"  {'modules written':<44} {len(files):8d}")
    print(f"  {'peak RSS':<44} {peak_rss_mb():8.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("design", nargs="?", choices=("fanout", "modules", "both"), default="both")
    parser.add_argument("--count", type=int, help="instances (fanout) or modules (modules)")
    parser.add_argument("--cpus", type=int, default=0, help="MLIR threads (default: half the CPUs)")
    parser.add_argument("--extra", default="", help="comma-separated passes to add after the default ones")
    args = parser.parse_args()
    set_num_cpus(args.cpus)
    extra = [p.strip() for p in args.extra.split(",") if p.strip()]
    if args.design in ("fanout", "both"):
        count = args.count or 50_000
        example = load_example("fanout")
        measure(f"fanout: {count:,} PE instances", lambda: example.top(count), extra)
    if args.design in ("modules", "both"):
        count = args.count or 10_000
        measure(f"modules: {count:,} distinct leaf modules", lambda: ManyModules(count), extra)


if __name__ == "__main__":
    sys.exit(main())
