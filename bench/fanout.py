"""Fanout benchmark: a top with N instances of a PE (8-bit add + register), 4 distinct parameter sets.

The design is ``examples/fanout.py`` at benchmark size.

Run: ``.venv/bin/python bench/fanout.py [N] [--keep-parameters]`` (default N = 50,000).
Reports elaboration (Python objects -> MLIR text -> parse), lowering
(specialise + loom->hw + CIRCT clean-up) and ExportVerilog seconds, and peak memory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from common import Stopwatch, load_example

from loom import elaborate
from loom.lowering.export import BackendOptions, export_split, lower


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", nargs="?", type=int, default=50_000)
    parser.add_argument("--keep-parameters", action="store_true")
    args = parser.parse_args()
    watch = Stopwatch()
    with watch.phase("build generators"):
        top = load_example("fanout").top(args.count)
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
