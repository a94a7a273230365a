"""The module tree printout (``Design.hierarchy()``, ``loom hierarchy``): counts from the instance graph.

Expected counts are computed here from the examples' documented shapes (a
binary tree has 2^(D-k) instances of level k), never read from loom.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

import loom
from loom.tools.build import EXAMPLES_DIR, main

sys.path.insert(0, str(EXAMPLES_DIR))

import binary_tree
import fanout
import seed_hierarchy


def test_binary_tree_of_2_20_leaves_prints_in_well_under_a_second() -> None:
    start = time.process_time()
    tree = loom.Design(binary_tree.top(20)).hierarchy()
    text = str(tree)
    elapsed = time.process_time() - start
    assert elapsed < 0.5, f"{elapsed:.2f} s CPU to elaborate and print a depth-20 tree"
    lines = text.splitlines()
    assert len(lines) == 21 and lines[0] == "Node20  [1 instance]"
    for level in range(1, 20):
        assert f": Node{level} x2  [{2 ** (20 - level):,} in the design]" in text
    assert lines[-1].endswith("left, right: Leaf x2  [1,048,576 in the design]")
    assert tree.summary() == f"21 modules, {sum(2 ** k for k in range(1, 21)):,} instances"


def test_shared_modules_are_expanded_once() -> None:
    design = loom.Design(seed_hierarchy.top())
    assert str(design.hierarchy()).splitlines() == [
        "D0  [1 instance]",
        "└── c1, c2: D1 x2  [2 in the design]",
        "    └── c1, c2: D2 x2  [4 in the design]",
        "        └── c1, c2: D3 x2  [8 in the design]",
    ]
    # The tree printed for 16 PEs names a few instances, not all of them.
    assert "pe0, pe1, pe2, pe3, ... (16 in all): PE x16  [16 in the design]" in str(
        loom.Design(fanout.top(16)).hierarchy())


def test_variants_made_by_edits_are_marked() -> None:
    design = loom.Design(seed_hierarchy.top())
    design.tie_output("*.c1.c2", "o", 0xAA)  # the 2nd and 6th leaf: one D3 under each c1-side D2
    tree = design.hierarchy()
    text = str(tree)
    assert text.endswith("* made by an edit")
    marked = {line.split(": ", 1)[1].split(" x")[0] for line in text.splitlines()[1:] if "*" in line and ": " in line}
    assert any(m.startswith("D3_") and m.endswith("* (variant of D3)") for m in marked), text
    assert any(m.startswith("D2_") and m.endswith("* (variant of D2)") for m in marked), text
    # 8 leaves in all: 2 edited, 6 not.
    leaf_counts = {name: count for name, count in tree.counts.items() if name.startswith("D3")}
    assert sorted(leaf_counts.values()) == [2, 6]
    dot = tree.dot()
    assert dot.count("fillcolor") == sum(1 for name in tree.counts if name in tree.variants)


def test_cli_prints_the_tree_and_draws_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["hierarchy", f"{EXAMPLES_DIR / 'binary_tree.py'}:top", "--param", "depth=3", "-o", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0
    assert "left, right: Leaf x2  [8 in the design]" in out and "4 modules, 14 instances" in out
    dot, svg = tmp_path / "Node3_hierarchy.dot", tmp_path / "Node3_hierarchy.svg"
    assert '"Node1" -> "Leaf"' in dot.read_text()
    assert "<svg" in svg.read_text() and "Leaf" in svg.read_text()
