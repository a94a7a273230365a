"""Path patterns: syntax, errors with their column, and what they match (docs/path-patterns.md)."""

from __future__ import annotations

import pytest

from loom.dialect.automaton import compile_pattern, matches
from loom.dialect.paths import PatternSyntaxError, base_name, parse_pattern, pattern_text

LEAVES = [f"c{i}.c{j}.c{k}" for i in (1, 2) for j in (1, 2) for k in (1, 2)]


def label(name: str, **identity: int):  # type: ignore[no-untyped-def]
    return ((name, tuple(sorted(identity.items()))),)


@pytest.mark.parametrize("pattern, expected", [
    ("*.c1.c2", ["c1.c1.c2", "c2.c1.c2"]),  # the second and sixth leaf
    ("c1.*.*", LEAVES[:4]),
    ("**.c2", [p for p in LEAVES if p.endswith("c2")]),
    ("c1.c1.c1", ["c1.c1.c1"]),
    ("**", LEAVES),
    ("** - c2.**", LEAVES[:4]),
    ("!(c2.**)", LEAVES[:4]),
    ("c1.** | c2.c2.*", LEAVES[:4] + LEAVES[6:]),
    ("**.c1.* & c2.**", ["c2.c1.c1", "c2.c1.c2"]),
    ("c?.c1.*", ["c1.c1.c1", "c1.c1.c2", "c2.c1.c1", "c2.c1.c2"]),
])
def test_patterns_match_the_discussion_tree(pattern: str, expected: list[str]) -> None:
    assert [p for p in LEAVES if matches(pattern, p)] == expected


def test_any_depth_matches_zero_levels_and_one_level_wildcards_do_not() -> None:
    assert matches("c1.**", "c1") and matches("**", "")
    assert not matches("c1.*", "c1") and not matches("*", "")


def test_identity_indices_select_instances_by_value() -> None:
    assert matches("cpu[0]", [label("cpu_0", idx=0)])
    assert matches("cpu[1:3]", [label("cpu_2", idx=2)]) and not matches("cpu[1:3]", [label("cpu_3", idx=3)])
    assert matches("cpu[2:]", [label("cpu_9", idx=9)]) and matches("cpu[:2]", [label("cpu_1", idx=1)])
    assert matches("cpu[0, 4]", [label("cpu_4", idx=4)]) and not matches("cpu[0, 4]", [label("cpu_3", idx=3)])
    assert matches("tile[X=3, Y=0:2]", [label("tile_1_3", X=3, Y=1)])
    assert not matches("tile[X=3, Y=0:2]", [label("tile_2_3", X=3, Y=2)])
    assert not matches("tile[3]", [label("tile_1_3", X=3, Y=1)])  # a bare index needs one identity parameter
    assert not matches("cpu[0]", [label("cpu_0")])  # no identity value: no index matches
    assert matches("*[0]", [label("core7", idx=0)])
    assert base_name("tile_3_12") == "tile" and base_name("cpu0") == "cpu" and base_name("c1") == "c"


@pytest.mark.parametrize("text, column, reason", [
    ("a..b", 3, "expected an instance name"),
    ("a.", 3, "expected an instance name"),
    ("", 1, "empty pattern"),
    ("(a|b", 5, "'(' at column 1 is not closed"),
    ("a[1", 4, "'[' at column 2 is not closed"),
    ("a[x 1]", 5, "expected '=' after identity parameter name 'x'"),
    ("a**", 2, "'**' must be a whole segment"),
    ("a b", 3, "unexpected 'b'"),
    ("a[3:1]", 5, "empty range 3:1"),
    ("**[0]", 3, "cannot take an index"),
    ("a)", 2, "unbalanced ')'"),
    ("top.*.d3 + x", 10, "unexpected '+'"),
])
def test_bad_patterns_name_the_column(text: str, column: int, reason: str) -> None:
    with pytest.raises(PatternSyntaxError) as caught:
        parse_pattern(text)
    assert caught.value.column == column
    assert reason in caught.value.reason
    assert f"at column {column}" in str(caught.value)
    assert str(caught.value).splitlines()[-1] == "  " + " " * (column - 1) + "^"


def test_pattern_text_round_trips() -> None:
    for text in ("a.*.b[x=1, 2:4]", "(a | b) - c.**", "!(a.**) & **.b", "a.**"):
        tree = parse_pattern(text)
        assert parse_pattern(pattern_text(tree)) == tree


def test_automaton_states_are_few_and_settle() -> None:
    automaton = compile_pattern("c1.**")
    start = automaton.start
    inside = automaton.step(start, label("c1"))
    outside = automaton.step(start, label("c2"))
    assert automaton.settled(inside) is True and automaton.settled(outside) is False
    assert automaton.dead(outside) and not automaton.dead(start)
    # A depth-20 walk over a two-name alphabet discovers only a handful of states.
    automaton = compile_pattern("**.c1.*")
    frontier = {automaton.start}
    for _ in range(20):
        frontier = {automaton.step(s, label(n)) for s in frontier for n in ("c1", "c2")}
    assert automaton.num_states <= 4
