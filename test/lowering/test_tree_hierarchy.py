"""A binary hierarchy of depth 20 stays 21 modules: nothing is elaborated per instance."""

from __future__ import annotations

from loom import Generator, elaborate, verilog
from loom.dialect import InstanceGraph

DEPTH = 20


class Leaf(Generator):
    def __init__(self) -> None:
        super().__init__("Leaf")
        self.clock()
        a = self.input("a", 8)
        acc = self.reg("acc", 8, reset=False)
        acc.assign(acc + a)
        self.output("o", 8).assign(acc)


class Node(Generator):
    def __init__(self, level: int, child: Generator) -> None:
        super().__init__(f"Node{level}")
        clk = self.clock()
        a = self.input("a", 8)
        left = self.add_child("left", child, clk=clk, a=a)
        right = self.add_child("right", child, clk=clk, a=a + 1)
        self.output("o", 8).assign(left.o ^ right.o)


def build_tree(depth: int) -> Generator:
    level: Generator = Leaf()
    for index in range(1, depth + 1):
        level = Node(index, level)
    return level


def test_depth_20_tree_has_21_modules_and_a_million_leaves() -> None:
    top = build_tree(DEPTH)
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
