"""Unit tests for the instance graph and the symbol index."""

import pytest
from circt import ir

from loom.dialect import InstanceGraph, SymbolIndex, new_context


def module_text(name: str, children: list[str]) -> str:
    instances = "\n".join(
        f'  "loom.instance"() {{instance_name = "{child.lower()}{i}", module = @{child}, parameters = {{}},'
        f' input_names = [], output_names = []}} : () -> ()'
        for i, child in enumerate(children))
    return (f'"loom.module"() ({{\n{instances}\n  "loom.output"() : () -> ()\n}}, {{}})'
            f' {{sym_name = "{name}", parameters = [], ports = []}} : () -> ()')


def parse(*modules: tuple[str, list[str]]) -> ir.Module:
    return ir.Module.parse("\n".join(module_text(name, children) for name, children in modules))


@pytest.fixture(autouse=True)
def context():
    with new_context() as ctx:
        yield ctx


def test_tops_children_post_order():
    module = parse(("Leaf", []), ("Mid", ["Leaf", "Leaf"]), ("Top", ["Mid", "Leaf", "Mid"]), ("Other", []))
    graph = InstanceGraph(module.operation)
    assert graph.tops() == ["Top", "Other"]
    assert graph.children("Top") == ["Mid", "Leaf"]
    assert graph.children("Leaf") == []
    assert graph.post_order("Top") == ["Leaf", "Mid", "Top"]
    assert graph.post_order() == ["Leaf", "Mid", "Top", "Other"]
    assert graph.find_cycle() is None


def test_instance_counts_follow_the_dag():
    module = parse(("Leaf", []), ("Mid", ["Leaf", "Leaf"]), ("Top", ["Mid", "Leaf", "Mid"]))
    assert InstanceGraph(module.operation).instance_counts("Top") == {"Top": 1, "Mid": 2, "Leaf": 5}


def test_binary_tree_counts_without_elaboration():
    depth = 20
    modules = [("L0", [])] + [(f"L{d}", [f"L{d - 1}", f"L{d - 1}"]) for d in range(1, depth + 1)]
    graph = InstanceGraph(parse(*modules).operation)
    assert graph.instance_counts(f"L{depth}")["L0"] == 2 ** depth
    assert len(graph.post_order(f"L{depth}")) == depth + 1


def test_find_cycle():
    module = parse(("A", ["B"]), ("B", ["C"]), ("C", ["A"]))
    cycle = InstanceGraph(module.operation).find_cycle()
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"A", "B", "C"}


def test_unknown_targets_are_not_children():
    module = parse(("Top", ["Missing"]))
    graph = InstanceGraph(module.operation)
    assert graph.children("Top") == []
    assert graph.tops() == ["Top"]


def test_symbol_index():
    module = ir.Module.parse(module_text("A", []) + "\n" + module_text("A", []) + "\n"
                             + "hw.module @H() {\n  hw.output\n}")
    index = SymbolIndex(module.operation)
    assert index.names() == ["A", "H"]
    assert len(index.duplicates) == 1
    assert index.loom_module("A") is not None
    assert index.loom_module("H") is None
    assert index.lookup("H") is not None
    assert "H" in index and "Z" not in index
    assert index.unique_name("Z") == "Z"
    assert index.unique_name("A") == "A_1"


def test_body_indexes_share_no_set_they_add_to():
    """A body index keeps the shared empty sets until something is added (dialect/instance_graph.py), so an
    index that gains an ``hw.instance`` target or a mixed kind gains its own: another index sees none of it."""
    module = ir.Module.parse(
        'hw.module @Ext() {\n  hw.output\n}\n'
        '"loom.module"() ({\n  hw.instance "e" @Ext() -> ()\n  "loom.output"() : () -> ()\n}, {})'
        ' {sym_name = "UsesExt", parameters = [], ports = []} : () -> ()\n' + module_text("Leaf", []))
    graph = InstanceGraph(module.operation)
    uses, leaf = graph.nodes["UsesExt"].body, graph.nodes["Leaf"].body
    assert uses.hw_targets == {"Ext"} and not leaf.hw_targets
    kind = (ir.FlatSymbolRefAttr.get("Leaf"), None, None, ir.ArrayAttr.get([]), ir.ArrayAttr.get([]))
    leaf.add_mixed(kind)
    assert leaf.mixed == {kind} and not uses.mixed
    assert not graph.nodes["UsesExt"].body.mixed and InstanceGraph(module.operation).nodes["Leaf"].body.mixed == set()
