"""Path patterns as deterministic automata over instance labels, built lazily.

A walk down the instance graph feeds each ``loom.instance``'s label (its name
and identity values) to ``Automaton.step``; the state reached says whether
the path so far is matched (``accepts``) and whether anything below can
still change that (``settled``). States are small integers, so a walk can
memoise on (module, state): the number of distinct pairs is bounded by
modules x states, whatever the number of elaborated instances.

Construction: a path expression is an NFA whose positions are the segment
indices (``**`` loops on itself and may be skipped); its DFA states are sets
of positions, found by subset construction on demand. ``!``, ``&``, ``|``
combine sub-automata by the product construction, also on demand. A
transition is computed once per (state, label) and cached; a design has few
distinct labels per state.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, cast

from .paths import And, Label, Not, Or, PathExpr, Pattern, Segment, parse_pattern


class _Machine(Protocol):
    def start(self) -> Hashable: ...

    def step(self, state: Hashable, label: Label) -> Hashable: ...

    def accepts(self, state: Hashable) -> bool: ...

    def settled(self, state: Hashable) -> bool | None: ...


@dataclass
class _PathMachine:
    segments: tuple[Segment, ...]

    def __post_init__(self) -> None:
        n = len(self.segments)
        # tail_any[p]: every segment from p on is '**' (from such a position, every extension matches).
        self.tail_any = [False] * (n + 1)
        self.tail_any[n] = True
        for p in range(n - 1, -1, -1):
            self.tail_any[p] = self.segments[p].any_depth and self.tail_any[p + 1]

    def closure(self, positions: set[int]) -> frozenset[int]:
        result = set(positions)
        work = list(positions)
        while work:
            p = work.pop()
            if p < len(self.segments) and self.segments[p].any_depth and p + 1 not in result:
                result.add(p + 1)
                work.append(p + 1)
        return frozenset(result)

    def start(self) -> frozenset[int]:
        return self.closure({0})

    def step(self, state: Hashable, label: Label) -> frozenset[int]:
        current: frozenset[int] = state  # type: ignore[assignment]
        for segment in label:
            moved: set[int] = set()
            for p in current:
                if p == len(self.segments):
                    continue
                seg = self.segments[p]
                if seg.any_depth:
                    moved.add(p)
                elif seg.matches(segment):
                    moved.add(p + 1)
            current = self.closure(moved)
            if not current:
                break
        return current

    def accepts(self, state: Hashable) -> bool:
        return len(self.segments) in state  # type: ignore[operator]

    def settled(self, state: Hashable) -> bool | None:
        positions: frozenset[int] = state  # type: ignore[assignment]
        if not positions:
            return False
        if any(p < len(self.segments) and self.tail_any[p] for p in positions):
            return True
        return None


@dataclass
class _NotMachine:
    inner: _Machine

    def start(self) -> Hashable:
        return self.inner.start()

    def step(self, state: Hashable, label: Label) -> Hashable:
        return self.inner.step(state, label)

    def accepts(self, state: Hashable) -> bool:
        return not self.inner.accepts(state)

    def settled(self, state: Hashable) -> bool | None:
        value = self.inner.settled(state)
        return None if value is None else not value


@dataclass
class _ProductMachine:
    lhs: _Machine
    rhs: _Machine
    conjunction: bool

    def start(self) -> Hashable:
        return (self.lhs.start(), self.rhs.start())

    def step(self, state: Hashable, label: Label) -> Hashable:
        a, b = cast(tuple[Hashable, Hashable], state)
        return (self.lhs.step(a, label), self.rhs.step(b, label))

    def accepts(self, state: Hashable) -> bool:
        a, b = cast(tuple[Hashable, Hashable], state)
        if self.conjunction:
            return self.lhs.accepts(a) and self.rhs.accepts(b)
        return self.lhs.accepts(a) or self.rhs.accepts(b)

    def settled(self, state: Hashable) -> bool | None:
        a, b = cast(tuple[Hashable, Hashable], state)
        x, y = self.lhs.settled(a), self.rhs.settled(b)
        absorbing = not self.conjunction  # False absorbs a conjunction, True a disjunction
        if x is absorbing or y is absorbing:
            return absorbing
        if x is not None and y is not None:
            return x  # both equal to the neutral value
        return None


def _machine(node: Pattern) -> _Machine:
    if isinstance(node, PathExpr):
        return _PathMachine(node.segments)
    if isinstance(node, Not):
        return _NotMachine(_machine(node.operand))
    if isinstance(node, And):
        return _ProductMachine(_machine(node.lhs), _machine(node.rhs), True)
    assert isinstance(node, Or)
    return _ProductMachine(_machine(node.lhs), _machine(node.rhs), False)


class Automaton:
    """The DFA of one pattern. States are ints; ``start`` is the state of the empty path (the top).

    ``step(state, label)`` follows one instance; ``accepts(state)`` says whether the
    path is matched; ``settled(state)`` is True/False when every path below has that
    answer too (a walk can stop descending on False), None otherwise.
    ``num_states`` counts the states discovered so far.
    """

    def __init__(self, pattern: Pattern, text: str = ""):
        self.pattern = pattern
        self.text = text
        self._machine = _machine(pattern)
        self._ids: dict[Hashable, int] = {}
        self._raw: list[Hashable] = []
        self._accepts: list[bool] = []
        self._settled: list[bool | None] = []
        self._delta: dict[tuple[int, Label], int] = {}
        self.start = self._intern(self._machine.start())

    def _intern(self, raw: Hashable) -> int:
        state = self._ids.get(raw)
        if state is None:
            state = self._ids[raw] = len(self._raw)
            self._raw.append(raw)
            self._accepts.append(self._machine.accepts(raw))
            self._settled.append(self._machine.settled(raw))
        return state

    def step(self, state: int, label: Label) -> int:
        key = (state, label)
        target = self._delta.get(key)
        if target is None:
            target = self._delta[key] = self._intern(self._machine.step(self._raw[state], label))
        return target

    def run(self, path: list[Label] | tuple[Label, ...]) -> int:
        """The state after a whole path (for tests and exact look-ups)."""
        state = self.start
        for label in path:
            state = self.step(state, label)
        return state

    def accepts(self, state: int) -> bool:
        return self._accepts[state]

    def settled(self, state: int) -> bool | None:
        return self._settled[state]

    def dead(self, state: int) -> bool:
        """Nothing at or below this state is matched."""
        return self._settled[state] is False

    @property
    def num_states(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"Automaton({self.text!r}, {self.num_states} states)"


def compile_pattern(pattern: str | Pattern) -> Automaton:
    """A fresh automaton for ``pattern`` (text or syntax tree); text errors raise PatternSyntaxError."""
    if isinstance(pattern, str):
        return Automaton(parse_pattern(pattern), pattern)
    return Automaton(pattern)


@lru_cache(maxsize=256)
def _cached(text: str) -> Automaton:
    return compile_pattern(text)


def matches(pattern: str, path: str | list[Label]) -> bool:
    """Whether a concrete path (``"c1.c2"`` or labels) is matched; for tests and single look-ups only.

    A dotted string has no identity values; pass labels to test indices.
    """
    automaton = _cached(pattern)
    if isinstance(path, str):
        labels: list[Label] = [((name, ()),) for name in path.split(".") if name]
    else:
        labels = path
    return automaton.accepts(automaton.run(labels))
