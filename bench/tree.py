"""Tree benchmark: a binary hierarchy of depth D (default 20: 1,048,576 leaves, 21 distinct modules).

The design is ``examples/binary_tree.py`` at benchmark depth.

Run: ``.venv/bin/python bench/tree.py [DEPTH]``. Each level is one generator
instantiated twice by the level above, so the design has D + 1 modules and
2 * D instance ops however many leaves it has. The benchmark reports the time
to build, lower and export, and the leaf count computed by the instance graph
(count propagation, never per-instance elaboration).
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from common import Stopwatch, load_example

from loom import elaborate
from loom.dialect import InstanceGraph
from loom.lowering.export import BackendOptions, export_split, lower


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("depth", nargs="?", type=int, default=20)
    args = parser.parse_args()
    watch = Stopwatch()
    with watch.phase("build generators"):
        top = load_example("binary_tree").top(args.depth)
    with watch.phase("emit + parse loom IR"):
        module, top_name = elaborate(top)
    with watch.phase("count leaves (instance graph)"):
        with module.context:
            leaves = InstanceGraph(module.operation).instance_counts(top_name)["Leaf"]
    with watch.phase("lower (loom -> hw -> sv)"):
        lower(module, top_name, BackendOptions(emit_locations=True))
    with tempfile.TemporaryDirectory() as out, watch.phase("ExportVerilog"):
        files = export_split(module, out)
    watch.report(f"tree: depth {args.depth}, {leaves:,} leaf instances, {len(files)} modules written")


if __name__ == "__main__":
    sys.exit(main())
