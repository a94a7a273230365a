"""A binary hierarchy of depth 20 stays 21 modules: nothing is elaborated per instance.

The design is ``examples/binary_tree.py`` (also the ``bench/tree.py`` benchmark).
"""

from __future__ import annotations

from loom import elaborate, verilog
from loom.dialect import InstanceGraph
from loom.tools.build import EXAMPLES_DIR, load_file

DEPTH = 20


def test_depth_20_tree_has_21_modules_and_a_million_leaves() -> None:
    top = load_file(EXAMPLES_DIR / "binary_tree.py").top(DEPTH)
    module, top_name = elaborate(top)
    with module.context:
        graph = InstanceGraph(module.operation)
        assert len(graph.nodes) == DEPTH + 1
        assert sum(len(node.instances) for node in graph.nodes.values()) == 2 * DEPTH
        counts = graph.instance_counts(top_name)
    assert counts["Leaf"] == 2**DEPTH
    assert counts[f"Node{DEPTH - 1}"] == 2
    sources = verilog(top, emit_locations=False)
    assert sorted(sources) == sorted(["Leaf", *(f"Node{level}" for level in range(1, DEPTH + 1))])
    assert sources["Node1"].count("Leaf ") == 2
