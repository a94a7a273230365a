"""Fanout benchmark: a top with N instances of a PE (8-bit add + register), 4 distinct parameter sets.

Run: ``.venv/bin/python bench/fanout.py [N] [--keep-parameters]`` (default N = 50,000).
Reports elaboration (Python objects -> MLIR text -> parse), lowering
(specialise + loom->hw + CIRCT clean-up) and ExportVerilog seconds, and peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from common import Stopwatch

from loom import Generator, elaborate
from loom.lowering.backend import BackendOptions, export_split, lower


class PE(Generator):
    """acc <= acc + a + INC, an 8-bit processing element."""

    def __init__(self) -> None:
        super().__init__("PE")
        increment = self.param("INC", 0, width=8)
        self.clock()
        self.reset()
        a = self.input("a", 8)
        acc = self.reg("acc", 8)
        acc.assign(acc + a + increment)
        self.output("o", 8).assign(acc)


class Fanout(Generator):
    """N PEs fed by one input; their outputs are XOR-reduced so every instance is used."""

    def __init__(self, count: int) -> None:
        super().__init__("Fanout")
        clk = self.clock()
        rst = self.reset()
        a = self.input("a", 8)
        pe = PE()
        result = None
        for index in range(count):
            out = self.add_child(f"pe{index}", pe, params={"INC": index % 4}, clk=clk, rst=rst, a=a).o
            result = out if result is None else result ^ out
        self.output("o", 8).assign(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", nargs="?", type=int, default=50_000)
    parser.add_argument("--keep-parameters", action="store_true")
    args = parser.parse_args()
    watch = Stopwatch()
    with watch.phase("build generators"):
        top = Fanout(args.count)
    with watch.phase("emit + parse loom IR"):
        module, top_name = elaborate(top)
    options = BackendOptions(keep_parameters=args.keep_parameters, emit_locations=True)
    with watch.phase("lower (loom -> hw -> sv)"):
        lower(module, top_name, options)
    with tempfile.TemporaryDirectory() as out, watch.phase("ExportVerilog"):
        files = export_split(module, out)
    watch.report(f"fanout: {args.count} PE instances, {len(files)} modules written"
                 f"{' (keep-parameters)' if args.keep_parameters else ''}")


if __name__ == "__main__":
    sys.exit(main())
