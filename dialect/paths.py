"""Hierarchical path patterns: which instances of a design an edit, a query or metadata is about.

An instance's *path* is the list of instance names from the top module down
to it (the top itself has the empty path): in a design whose top ``D0``
instantiates ``c1`` and ``c2``, each instantiating ``c1`` and ``c2`` of the
next level, ``c2.c1.c2`` is the sixth of eight leaves. A pattern matches a
set of paths (docs/path-patterns.md has the full description)::

    pattern  := diff ("|" diff)*                 union
    diff     := inter ("-" inter)*               difference (a - b: in a, not in b)
    inter    := unary ("&" unary)*               intersection
    unary    := "!" unary | "(" pattern ")" | path   (! = every path not matched)
    path     := segment ("." segment)*
    segment  := "**" | glob index?
    glob     := (NAME_CHAR | "*" | "?")+         * = any run of characters, ? = one
    index    := "[" item ("," item)* "]"
    item     := (NAME "=")? value                bare values constrain the only identity parameter
    value    := INT | INT? ":" INT?              a:b is half-open, as in Python

``*`` as a whole segment is any one instance, ``**`` any number of levels
(zero included). Indices test *identity parameter* values (``cpu[0]``,
``tile[x=3, y=0:4]``); in an indexed segment the glob also matches the
instance's *base name*, its name without a trailing ``_<n>`` / ``<n>``
suffix, so ``cpu[1:3]`` selects ``cpu_1`` and ``cpu_2`` when those carry
``idx = 1, 2``.

``parse_pattern`` returns the syntax tree (errors name the column);
``dialect.automaton.compile_pattern`` turns it into the automaton that the
hierarchy walks run. Patterns never enumerate paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import ParseError

Identity = tuple[tuple[str, int], ...]
"""Identity parameter values of one instance, sorted by name."""

LabelSegment = tuple[str, Identity]
"""One level of an instance path: the instance name and its identity values."""

Label = tuple[LabelSegment, ...]
"""What one ``loom.instance`` adds to a path: normally one segment; an instance
moved up by inlining adds the names of the levels that were dissolved first."""


class PatternSyntaxError(ParseError):
    """A path pattern does not parse; ``column`` is 1-based."""

    def __init__(self, text: str, column: int, message: str):
        caret = " " * (column - 1) + "^"
        super().__init__(f"invalid path pattern {text!r} at column {column}: {message}\n  {text}\n  {caret}")
        self.text = text
        self.column = column
        self.reason = message


# -- syntax tree ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexItem:
    """``name=lo:hi`` (``name`` None: the instance's only identity parameter); ``hi`` None is unbounded."""

    name: str | None
    low: int
    high: int | None

    def holds(self, value: int) -> bool:
        return value >= self.low and (self.high is None or value < self.high)


_BASE_NAME = re.compile(r"(?:_?\d+)+$")


def base_name(name: str) -> str:
    """``cpu_3`` -> ``cpu``, ``tile_2_5`` -> ``tile``, ``cpu`` -> ``cpu`` (the name of an instance family)."""
    stripped = _BASE_NAME.sub("", name)
    return stripped or name


@dataclass(frozen=True)
class Segment:
    """One level: a name glob, optionally identity-value constraints; ``any_depth`` for ``**``."""

    glob: str
    index: tuple[IndexItem, ...] | None = None
    any_depth: bool = False

    def matches(self, segment: LabelSegment) -> bool:
        return _segment_matches(self, segment)

    def __str__(self) -> str:
        if self.any_depth:
            return "**"
        if self.index is None:
            return self.glob
        items = []
        for item in self.index:
            value = str(item.low) if item.high == item.low + 1 else \
                f"{item.low or ''}:{'' if item.high is None else item.high}"
            items.append(f"{item.name}={value}" if item.name else value)
        return f"{self.glob}[{', '.join(items)}]"


@dataclass(frozen=True)
class PathExpr:
    """A sequence of segments, anchored at both ends."""

    segments: tuple[Segment, ...]

    def __str__(self) -> str:
        return ".".join(str(s) for s in self.segments)


@dataclass(frozen=True)
class Not:
    operand: Pattern


@dataclass(frozen=True)
class And:
    lhs: Pattern
    rhs: Pattern


@dataclass(frozen=True)
class Or:
    lhs: Pattern
    rhs: Pattern


Pattern = PathExpr | Not | And | Or


def pattern_text(node: Pattern) -> str:
    """A pattern as text that parses back to the same tree (fully parenthesised where needed)."""
    if isinstance(node, PathExpr):
        return str(node)
    if isinstance(node, Not):
        return f"!({pattern_text(node.operand)})"
    if isinstance(node, And) and isinstance(node.rhs, Not):
        return f"({pattern_text(node.lhs)}) - ({pattern_text(node.rhs.operand)})"
    op = "&" if isinstance(node, And) else "|"
    return f"({pattern_text(node.lhs)}) {op} ({pattern_text(node.rhs)})"


@lru_cache(maxsize=65536)
def _glob_regex(glob: str) -> re.Pattern[str]:
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in glob) + r"\Z")


@lru_cache(maxsize=262144)
def _segment_matches(segment: Segment, label: LabelSegment) -> bool:
    if segment.any_depth:
        return True
    name, identity = label
    regex = _glob_regex(segment.glob)
    if segment.index is None:
        return regex.match(name) is not None
    if regex.match(name) is None and regex.match(base_name(name)) is None:
        return False
    values = dict(identity)
    by_name: dict[str | None, list[IndexItem]] = {}
    for item in segment.index:
        by_name.setdefault(item.name, []).append(item)
    for key, items in by_name.items():
        if key is None:
            if len(values) != 1:
                return False
            value = next(iter(values.values()))
        elif key in values:
            value = values[key]
        else:
            return False
        if not any(item.holds(value) for item in items):
            return False
    return True


# -- parser ----------------------------------------------------------------------------------------

_NAME_CHARS = re.compile(r"[A-Za-z0-9_$*?]+")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_INT = re.compile(r"\d+")


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> PatternSyntaxError:
        return PatternSyntaxError(self.text, (self.pos if pos is None else pos) + 1, message)

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def take(self, char: str) -> bool:
        if self.peek() == char:
            self.pos += 1
            return True
        return False

    def describe_here(self) -> str:
        return f"{self.text[self.pos]!r}" if self.pos < len(self.text) else "the end of the pattern"

    def parse(self) -> Pattern:
        if not self.text.strip():
            raise self.error("empty pattern (use '**' for every instance)", 0)
        node = self.union()
        if self.peek():
            if self.peek() == ")":
                raise self.error("unbalanced ')'")
            raise self.error(f"unexpected {self.describe_here()}; expected '.', '|', '&', '-' or the end")
        return node

    def union(self) -> Pattern:
        node = self.difference()
        while self.take("|"):
            node = Or(node, self.difference())
        return node

    def difference(self) -> Pattern:
        node = self.intersection()
        while self.take("-"):
            node = And(node, Not(self.intersection()))
        return node

    def intersection(self) -> Pattern:
        node = self.unary()
        while self.take("&"):
            node = And(node, self.unary())
        return node

    def unary(self) -> Pattern:
        if self.take("!"):
            return Not(self.unary())
        if self.peek() == "(":
            start = self.pos
            self.pos += 1
            node = self.union()
            if not self.take(")"):
                raise self.error(f"'(' at column {start + 1} is not closed; found {self.describe_here()}")
            return node
        return self.path()

    def path(self) -> PathExpr:
        segments = [self.segment()]
        while self.peek() == ".":
            self.pos += 1
            segments.append(self.segment())
        return PathExpr(tuple(segments))

    def segment(self) -> Segment:
        self.skip_space()
        start = self.pos
        match = _NAME_CHARS.match(self.text, self.pos)
        if match is None:
            raise self.error(f"expected an instance name, '*' or '**', found {self.describe_here()}")
        glob = match.group(0)
        self.pos = match.end()
        if glob == "**":
            if self.pos < len(self.text) and self.text[self.pos] == "[":
                raise self.error("'**' spans any number of levels and cannot take an index")
            return Segment("**", None, any_depth=True)
        if "**" in glob:
            raise self.error("'**' must be a whole segment (write 'a.**' or 'a*')", start + glob.index("**"))
        index = None
        if self.pos < len(self.text) and self.text[self.pos] == "[":
            index = self.index()
        return Segment(glob, index)

    def index(self) -> tuple[IndexItem, ...]:
        open_pos = self.pos
        self.pos += 1
        items = [self.index_item()]
        while self.take(","):
            items.append(self.index_item())
        if not self.take("]"):
            raise self.error(f"'[' at column {open_pos + 1} is not closed; found {self.describe_here()}")
        return tuple(items)

    def index_item(self) -> IndexItem:
        self.skip_space()
        name = None
        ident = _IDENT.match(self.text, self.pos)
        if ident is not None:
            self.pos = ident.end()
            if not self.take("="):
                raise self.error(f"expected '=' after identity parameter name '{ident.group(0)}'")
            name = ident.group(0)
            self.skip_space()
        low = self.integer()
        if not self.take(":"):
            if low is None:
                raise self.error(f"expected an index value or a range 'lo:hi', found {self.describe_here()}")
            return IndexItem(name, low, low + 1)
        high_pos = self.pos
        high = self.integer()
        low = low or 0
        if high is not None and high <= low:
            raise self.error(f"empty range {low}:{high} (ranges are half-open: lo:hi selects lo .. hi-1)", high_pos)
        return IndexItem(name, low, high)

    def integer(self) -> int | None:
        self.skip_space()
        match = _INT.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = match.end()
        return int(match.group(0))


@lru_cache(maxsize=4096)
def parse_pattern(text: str) -> Pattern:
    """The syntax tree of a path pattern; raises PatternSyntaxError naming the column."""
    if not isinstance(text, str):
        raise TypeError(f"a path pattern is a string, got {type(text).__name__}")
    return _Parser(text).parse()


def literal_segment(segment: LabelSegment) -> Segment:
    """The segment that matches exactly one label segment (its name and identity values)."""
    name, identity = segment
    index = tuple(IndexItem(k, v, v + 1) for k, v in identity) or None
    return Segment(name, index)  # instance names are identifiers: no glob characters


def with_prefix(node: Pattern, prefix: Label) -> Pattern:
    """The pattern matching ``prefix`` followed by a path ``node`` matches (``prefix`` may be empty).

    Used for paths relative to a place that inlining dissolved: a complement
    stays inside the prefix (``!a`` under ``c2`` is ``c2.** - c2.a``).
    """
    if not prefix:
        return node
    head = tuple(literal_segment(s) for s in prefix)
    if isinstance(node, PathExpr):
        return PathExpr(head + node.segments)
    if isinstance(node, Not):
        return And(PathExpr(head + (Segment("**", None, True),)), Not(with_prefix(node.operand, prefix)))
    if isinstance(node, And):
        return And(with_prefix(node.lhs, prefix), with_prefix(node.rhs, prefix))
    return Or(with_prefix(node.lhs, prefix), with_prefix(node.rhs, prefix))


def format_path(path: Label | tuple[LabelSegment, ...]) -> str:
    """``c1.cpu_0`` for a list of label segments (identity values are not part of the printed name)."""
    return ".".join(name for name, _ in path)
