"""Lazy per-instance queries: answered per (module, automaton state), never by enumerating instances."""

from __future__ import annotations

import time

import pytest

from loom import Design
from loom.lowering.queries import Queries, TooManyPaths
from loom.tools.build import EXAMPLES_DIR, load_file

seed = load_file(EXAMPLES_DIR / "seed_hierarchy.py")
tree = load_file(EXAMPLES_DIR / "binary_tree.py")


def test_how_many_instances_of_d3_are_under_c1() -> None:
    design = Design(seed.top())
    assert design.count("c1.**", module="D3") == 4
    assert design.count("**", module="D3") == 8 and design.count("**", module="D2") == 4
    assert design.count("*.c1.c2") == 2 and design.count("**") == 14  # instances below the top
    assert design.paths("c2.*", module="D2") == ["c2.c1", "c2.c2"]


def test_which_modules_have_a_mixed_value_of_a_property() -> None:
    design = Design(seed.top())
    mixed = design.mixed("c1.**")
    assert {name: (m.matched, m.unmatched) for name, m in mixed.items()} == \
        {"D1": (1, 1), "D2": (2, 2), "D3": (4, 4)}
    assert design.mixed("**") == {}  # everything matched: no module is split by it
    assert set(design.mixed("*.c1.c2")) == {"D3"}


def test_queries_on_a_million_leaves_visit_pairs_not_instances() -> None:
    design = Design(tree.top(20))
    with design.context:
        queries = design.queries()
        start = time.perf_counter()
        assert queries.count("**.left.*", module="Leaf") == 2**19
        assert queries.count("left.**", module="Leaf") == 2**19
        elapsed = time.perf_counter() - start
        assert queries.pairs_visited <= 2 * 21 * 4
        reach = queries.reach("**.left")
        assert reach[("Leaf", True)] == 2**19 and reach[("Leaf", False)] == 2**19
    assert elapsed < 0.5, elapsed


def test_paths_counts_first_and_refuses_big_sets() -> None:
    design = Design(tree.top(20))
    with pytest.raises(TooManyPaths, match="matches 1048576 instances"):
        design.paths("**", module="Leaf")
    assert design.paths("right.right.**", module="Node17") == ["right.right.left", "right.right.right"]
    paths = design.instance_paths("left.right.left", limit=1)
    assert [str(p) for p in paths] == ["left.right.left"] and paths[0].module == "Node17"


def test_queries_from_a_module_root() -> None:
    design = Design(seed.top())
    with design.context:
        queries = Queries(design.module.operation)
        assert queries.count("**", module="D3", root="D1") == 4  # below each D1 instance
