"""Per-instance questions answered per module: memoised descent over (module, automaton state).

"How many instances of D3 are under c1?", "which modules have some instances
matched by P and some not?", "list the paths of this (small) set": each is a
walk down the instance graph that runs the pattern's automaton and memoises
on (module, state), so it costs O(modules x states + edges), never the
number of elaborated instances (2^20 leaves of a binary tree are counted,
not visited). Only ``paths`` touches individual instances, and it first
counts them and refuses more than ``limit``.

``Queries`` is read-only; build a new one after the design changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from circt import ir

from ..dialect.errors import LoomError
from ..dialect.hierarchy import Edge, Hierarchy
from ..dialect.instance_graph import post_order
from ..dialect.opkinds import INSTANCE_ATTRIBUTES
from ..dialect.paths import Pattern, format_path

if TYPE_CHECKING:
    from ..dialect.automaton import Automaton


class TooManyPaths(LoomError):
    """``paths`` was asked for a set larger than its limit."""

    def __init__(self, pattern: str, count: int, limit: int):
        super().__init__(f"pattern '{pattern}' matches {count} instances, more than the limit of {limit};"
                         " count them with count() or raise the limit")
        self.count = count


@dataclass(frozen=True)
class InstancePath:
    """One elaborated instance: the edges from the top down to it, and its module."""

    edges: tuple[tuple[str, Edge], ...]
    """(parent module, edge) for each level, top first."""

    @property
    def module(self) -> str:
        return self.edges[-1][1].target if self.edges else ""

    @property
    def path(self) -> str:
        """The logical path: instance names, with the levels inlining dissolved (``c1.c2.x``)."""
        return format_path(tuple(segment for _, edge in self.edges for segment in edge.label))

    @property
    def instance_path(self) -> str:
        """The instance names as they are in the design now (``c1.c2_x`` once ``c2`` is inlined)."""
        return ".".join(_op_name(edge) for _, edge in self.edges)

    def __str__(self) -> str:
        return self.path


def _op_name(edge: Edge) -> str:
    attrs = edge.op.operation.attributes
    return ir.StringAttr(attrs[INSTANCE_ATTRIBUTES[edge.op.operation.name].name]).value


@dataclass(frozen=True)
class Mixed:
    """How many instances of a module a pattern matches, and how many it does not."""

    matched: int
    unmatched: int


class Queries:
    """Pattern queries over one design; ``root`` (default: the top) anchors the paths."""

    def __init__(self, root: ir.Operation, top: str | None = None, hierarchy: Hierarchy | None = None):
        self.hier = hierarchy or Hierarchy(root, top)
        self.pairs_visited = 0

    def _automaton(self, pattern: str | Pattern) -> Automaton:
        # Only a query compiles patterns: the checks' pass imports this module for their notes on errors.
        from ..dialect.automaton import compile_pattern

        return compile_pattern(pattern)

    def count(self, pattern: str | Pattern = "**", module: str | None = None, root: str | None = None) -> int:
        """How many instances (below ``root``) the pattern matches, only those of ``module`` if given.

        ``count("c1.**", module="D3")``: instances of D3 under c1.
        """
        auto = self._automaton(pattern)
        memo: dict[tuple[str, int], int] = {}
        start = root or self.hier.top
        return self._count(start, auto.start, auto, module, memo)

    def _count(self, name: str, state: int, auto: Automaton, module: str | None,
               memo: dict[tuple[str, int], int]) -> int:
        """Matched instances strictly below (name, state): an iterative post-order with a memo per pair."""
        if (name, state) in memo:
            return memo[(name, state)]
        self.pairs_visited += 1
        stack: list[list[object]] = [[name, state, 0, 0]]
        while stack:
            frame = stack[-1]
            current, s, index = frame[0], frame[1], frame[2]
            edges = self.hier.edges.get(current, [])  # type: ignore[call-overload]
            if index < len(edges):  # type: ignore[operator]
                edge = edges[index]
                child_state = auto.step(s, edge.label)  # type: ignore[arg-type]
                if auto.dead(child_state):
                    frame[2] = index + 1  # type: ignore[operator]
                    continue
                below = memo.get((edge.target, child_state))
                if below is None:
                    self.pairs_visited += 1
                    stack.append([edge.target, child_state, 0, 0])
                    continue
                hit = auto.accepts(child_state) and (module is None or edge.target == module)
                frame[2] = index + 1  # type: ignore[operator]
                frame[3] = frame[3] + int(hit) + below  # type: ignore[operator]
                continue
            stack.pop()
            memo[(current, s)] = cast(int, frame[3])  # type: ignore[index]
        return memo[(name, state)]

    def instances_of(self, module: str) -> int:
        """How many times ``module`` occurs in the elaborated design."""
        return self.count("**", module)

    def paths(self, pattern: str | Pattern, module: str | None = None, limit: int = 1000,
              root: str | None = None) -> list[InstancePath]:
        """Every instance the pattern matches (of ``module`` if given), in design order; at most ``limit``.

        Counts first (memoised), then descends only into (module, state) pairs
        with something matched below, so the cost follows the answer's size.
        """
        auto = self._automaton(pattern)
        memo: dict[tuple[str, int], int] = {}
        start = root or self.hier.top
        total = self._count(start, auto.start, auto, module, memo)
        if total > limit:
            raise TooManyPaths(pattern if isinstance(pattern, str) else str(pattern), total, limit)
        return list(self._matches(start, auto.start, (), auto, module, memo))

    def example(self, pattern: str | Pattern, module: str | None = None, root: str | None = None) -> str | None:
        """The path of the first instance the pattern matches (of ``module`` if given), None if there is none.

        What a diagnostic about a module with a million instances shows: one
        path, found by the lazy descent of ``paths`` stopped at its first
        answer, so the cost is the count plus one path's depth.
        """
        auto = self._automaton(pattern)
        memo: dict[tuple[str, int], int] = {}
        start = root or self.hier.top
        if not self._count(start, auto.start, auto, module, memo):
            return None
        first = next(self._matches(start, auto.start, (), auto, module, memo), None)
        return first.path if first is not None else None

    def _matches(self, name: str, state: int, prefix: tuple[tuple[str, Edge], ...], auto: Automaton,
                 module: str | None, memo: dict[tuple[str, int], int]) -> Iterator[InstancePath]:
        """The matched instances below (name, state) in design order, descending only where the memo counts some."""
        for edge in self.hier.edges.get(name, []):
            child_state = auto.step(state, edge.label)
            if auto.dead(child_state):
                continue
            path = prefix + ((name, edge),)
            if auto.accepts(child_state) and (module is None or edge.target == module):
                yield InstancePath(path)
            if memo.get((edge.target, child_state), 0):
                yield from self._matches(edge.target, child_state, path, auto, module, memo)

    def reach(self, pattern: str | Pattern = "**") -> dict[tuple[str, bool], int]:
        """(module, matched) -> number of instances of that module that are (not) matched.

        Top-down dynamic programming over (module, state) pairs in topological
        order; states from which nothing can match any more are folded into one.
        """
        auto = self._automaton(pattern)
        start = (self.hier.top, auto.start)
        dead_state = -1
        children: dict[tuple[str, int], list[tuple[str, int]]] = {}

        def pair_children(key: tuple[str, int]) -> list[tuple[str, int]]:
            name, state = key
            self.pairs_visited += 1
            kids = []
            for edge in self.hier.edges.get(name, []):
                child_state = dead_state if state == dead_state else auto.step(state, edge.label)
                if child_state != dead_state and auto.dead(child_state):
                    child_state = dead_state
                kids.append((edge.target, child_state))
            children[key] = kids
            return kids

        order = post_order([start], pair_children)
        ways: dict[tuple[str, int], int] = {start: 1}
        for key in reversed(order):
            count = ways.get(key, 0)
            for child_key in children[key]:
                ways[child_key] = ways.get(child_key, 0) + count
        result: dict[tuple[str, bool], int] = {}
        for (name, state), count in ways.items():
            if (name, state) == start:
                continue
            matched = state != dead_state and auto.accepts(state)
            result[(name, matched)] = result.get((name, matched), 0) + count
        return result

    def mixed(self, pattern: str | Pattern) -> dict[str, Mixed]:
        """Modules some of whose instances the pattern matches and some not (e.g. where an edit would split)."""
        reach = self.reach(pattern)
        names = {name for name, _ in reach}
        result = {}
        for name in names:
            yes, no = reach.get((name, True), 0), reach.get((name, False), 0)
            if yes and no:
                result[name] = Mixed(yes, no)
        return dict(sorted(result.items()))
