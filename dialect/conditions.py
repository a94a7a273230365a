"""Port conditions: a small expression language over module parameters.

A conditional port exists only in the instances whose parameter values make
its condition true. Conditions are stored on ``loom.module`` ports as strings
so they print, parse and compare as plain text::

    expr    := or
    or      := and ("||" and)*
    and     := not ("&&" not)*
    not     := "!" not | compare
    compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum     := atom (("+"|"-") atom)*
    atom    := INT | NAME | "(" expr ")"

A bare value is true when it is non-zero. ``parse_condition`` reports the
column of a syntax error; ``evaluate`` names a parameter that has no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[<>!()+-]))")


class ConditionSyntaxError(ValueError):
    """A condition string does not parse; ``column`` is 1-based."""

    def __init__(self, text: str, column: int, message: str):
        super().__init__(f"invalid port condition {text!r} at column {column}: {message}")
        self.column = column


@dataclass(frozen=True)
class Const:
    """An integer literal."""

    value: int


@dataclass(frozen=True)
class Ref:
    """A parameter read by name."""

    name: str


@dataclass(frozen=True)
class Unary:
    """``!`` or ``-`` applied to an operand."""

    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    """An operator of two operands."""

    op: str
    lhs: Node
    rhs: Node


Node = Const | Ref | Unary | Binary

_BINARY = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
}


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []  # (kind, text, column)
        position = 0
        while position < len(text):
            if text[position:].strip() == "":
                break
            match = _TOKEN.match(text, position)
            if match is None:
                column = position + len(text[position:]) - len(text[position:].lstrip()) + 1
                raise ConditionSyntaxError(text, column, f"unexpected character {text[column - 1]!r}")
            group = match.lastindex or 3
            kind = ("int", "name", "op")[group - 1]
            self.tokens.append((kind, match.group(group), match.start(group) + 1))
            position = match.end()
        self.index = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, *ops: str) -> str | None:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ops:
            self.index += 1
            return token[1]
        return None

    def error(self, message: str) -> ConditionSyntaxError:
        token = self.peek()
        column = token[2] if token else len(self.text) + 1
        return ConditionSyntaxError(self.text, column, message)

    def parse(self) -> Node:
        if not self.tokens:
            raise self.error("empty condition")
        node = self.binary_level(0)
        if self.peek() is not None:
            raise self.error(f"unexpected {self.peek()[1]!r}")  # type: ignore[index]
        return node

    _LEVELS = (("||",), ("&&",), ("==", "!=", "<", "<=", ">", ">="), ("+", "-"))

    def binary_level(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        node = self.binary_level(level + 1)
        while (op := self.take(*self._LEVELS[level])) is not None:
            node = Binary(op, node, self.binary_level(level + 1))
            if level == 2:  # comparisons do not chain
                break
        return node

    def unary(self) -> Node:
        if self.take("!"):
            return Unary("!", self.unary())
        if self.take("-"):
            return Unary("-", self.unary())
        return self.atom()

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.error("expected a value")
        if self.take("("):
            node = self.binary_level(0)
            if not self.take(")"):
                raise self.error("expected ')'")
            return node
        kind, text, _ = token
        if kind == "int":
            self.index += 1
            return Const(int(text))
        if kind == "name":
            self.index += 1
            return Ref(text)
        raise self.error(f"expected a value, found {text!r}")


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> Node:
    """Parse a condition; raises ConditionSyntaxError with the column."""
    return _Parser(text).parse()


def referenced_names(node: Node) -> set[str]:
    """The parameter names a condition reads."""
    if isinstance(node, Ref):
        return {node.name}
    if isinstance(node, Unary):
        return referenced_names(node.operand)
    if isinstance(node, Binary):
        return referenced_names(node.lhs) | referenced_names(node.rhs)
    return set()


def evaluate(node: Node, values: dict[str, int]) -> int:
    """Evaluate with concrete parameter values; KeyError names a missing parameter."""
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Ref):
        return values[node.name]
    if isinstance(node, Unary):
        operand = evaluate(node.operand, values)
        return int(not operand) if node.op == "!" else -operand
    return _BINARY[node.op](evaluate(node.lhs, values), evaluate(node.rhs, values))


def holds(text: str | None, values: dict[str, int]) -> bool:
    """Whether a port with condition ``text`` (None: unconditional) exists."""
    return text is None or bool(evaluate(parse_condition(text), values))
