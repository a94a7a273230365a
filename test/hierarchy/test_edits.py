"""Sparse specialisation on large hierarchies: modules created, (module, state) pairs visited, time, memory.

The binary tree of depth 20 (``examples/binary_tree.py``: 21 modules, 2^20
leaves) is edited without ever elaborating its instances. Behaviour of
edited designs is simulated in ``test/sim/test_sim_hierarchy.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest

from loom import Design, LoomWarning, PassFailedError
from loom.lowering.edits import Edit
from loom.tools.build import EXAMPLES_DIR, load_file

DEPTH = 20
tree = load_file(EXAMPLES_DIR / "binary_tree.py")


@pytest.fixture(scope="module")
def design() -> Design:
    return Design(tree.top(DEPTH))


def fresh() -> Design:
    return Design(tree.top(DEPTH))


def test_editing_one_leaf_adds_one_module_per_level() -> None:
    design = fresh()
    leaf = ".".join(["left"] * DEPTH)
    start = time.perf_counter()
    result = design.tie_output(leaf, "o", 7)
    elapsed = time.perf_counter() - start
    assert len(design.modules) == 41  # 21 originals + Node19..Node1 and Leaf variants; Node20 is replaced
    assert result.matched_modules == 1 and result.pairs_visited == DEPTH + 1
    assert result.renamed == {"Node20_o_7": "Node20"}
    assert design.count("**", module="Leaf_o_7") == 1
    assert design.count("**", module="Leaf") == 2**DEPTH - 1
    assert design.paths("**", module="Leaf_o_7") == [leaf]
    assert elapsed < 1.0, elapsed


@pytest.mark.parametrize("pattern", ["**.left.*", "**.right.left.**", "left.** - **.left.right.*", "*.*.left"])
def test_wildcard_edits_visit_at_most_modules_times_states(pattern: str) -> None:
    design = fresh()
    modules = len(design.modules)
    start = time.perf_counter()
    result = design.set_attribute(pattern, "marked", "1")
    elapsed = time.perf_counter() - start
    assert result.pairs_visited <= modules * result.automaton_states, (result.pairs_visited, result.automaton_states)
    assert len(design.modules) <= modules * result.automaton_states
    assert elapsed < 1.0, elapsed
    # Every matched instance carries the attribute, and no other does.
    modules_now = design.hierarchy().modules
    marked = {name for name, op in modules_now.items() if "user_attributes" in op.operation.attributes}
    matched = sum(design.count(pattern, module=m) for m in marked)
    assert matched == design.count(pattern)
    assert sum(design.count("**", module=m) for m in marked) == design.count(pattern)


def test_edit_that_changes_nothing_merges_back(design: Design) -> None:
    before = sorted(design.modules)
    result = design.edit("**.left.*", lambda module: None)
    assert result.merged == result.affected_pairs - 1  # all but the top, which is replaced, never compared
    assert sorted(design.modules) == before and not result.created


def test_a_pattern_that_matches_nothing_changes_nothing(design: Design) -> None:
    before = sorted(design.modules)
    with pytest.warns(LoomWarning, match="test_edits.py:[0-9]+:[0-9]+: warning: path pattern 'left.nowhere.[*][*]'"
                                         " matches no instance"):
        result = design.tie_output("left.nowhere.**", "o", 1)
    assert not result.matched and result.pairs_visited <= 2 and sorted(design.modules) == before


def test_peak_memory_of_an_edit_stays_within_ten_percent() -> None:
    """Measured in a fresh process: VmHWM is reset after elaboration, then read after the edits."""
    script = textwrap.dedent(f"""
        import gc, json, re
        from loom import Design
        from loom.tools.build import EXAMPLES_DIR, load_file
        design = Design(load_file(EXAMPLES_DIR / "binary_tree.py").top({DEPTH}))
        gc.collect()
        def status(key):
            return int(re.search(key + r":\\s+(\\d+)", open("/proc/self/status").read()).group(1))
        unedited = status("VmRSS")
        open("/proc/self/clear_refs", "w").write("5")
        design.tie_output("{'.'.join(['left'] * DEPTH)}", "o", 7)
        design.set_attribute("**.left.*", "marked", "1")
        print(json.dumps({{"unedited": unedited, "peak": status("VmHWM"), "modules": len(design.modules)}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["peak"] <= 1.1 * figures["unedited"], figures


def test_instance_and_module_edits_report_bad_requests(design: Design) -> None:
    with pytest.raises(PassFailedError, match="has no output 'nope'"):
        design.tie_output("left", "nope", 1)
    with pytest.raises(PassFailedError, match="no parameter 'W'"):
        design.set_parameter("left", W=3)
    with pytest.raises(TypeError):
        design.edit("left")
    assert Edit().tag == "edit"


def test_an_edit_removes_only_the_logic_it_made_dead() -> None:
    """An unread var the user declared stays (as in the original); logic the tie made dead goes, and so does
    the input it left unread (the parent stops connecting it)."""
    from loom import Generator

    class Leaf(Generator):
        def __init__(self) -> None:
            super().__init__("Leaf")
            a = self.input("a", 8)
            b = self.input("b", 8)
            self.var("spare", 8).assign(b ^ 1)  # declared, never read
            self.output("o", 8).assign(a + 1)
            self.output("p", 8).assign(b)

    class Pair(Generator):
        def __init__(self) -> None:
            super().__init__("Pair")
            a = self.input("a", 8)
            leaf = Leaf()
            x = self.add_child("x", leaf, a=a, b=a + 2)
            y = self.add_child("y", leaf, a=a, b=a + 3)
            self.output("o", 8).assign(x.o ^ y.o ^ x.p ^ y.p)

    design = Design(Pair())
    design.tie_output("x", "o", 5)
    text = str(design)
    variant = text[:text.index('sym_name = "Leaf_o_5"')]
    variant = variant[variant.rindex('"loom.module"'):]
    assert "spare" in variant and "comb.add" not in variant
    assert 'name = "a"' not in variant and 'name = "b"' in variant
    assert 'input_names = ["b"], instance_name = "x", module = @Leaf_o_5' in text
