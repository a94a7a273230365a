"""Generator parameters and conditions over them.

A ``Param`` is a module parameter: it becomes a ``#hw.param.decl`` on the
``loom.module``, instances give it values, and lowering either makes one
module per distinct value or keeps it as a SystemVerilog parameter. It can be
used as a port width, as a value in expressions, and in port conditions
(``when=self.HAS_EN`` or ``when=self.MODE == 2``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dialect.conditions import ConditionSyntaxError, parse_condition
from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location

if TYPE_CHECKING:
    from .generator import Generator


@dataclass(frozen=True)
class Condition:
    """A port condition: text in loom's condition language (``loom.dialect.conditions``)."""

    text: str

    def __and__(self, other: "Condition | Param") -> "Condition":
        return Condition(f"({self.text}) && ({as_condition(other).text})")

    def __or__(self, other: "Condition | Param") -> "Condition":
        return Condition(f"({self.text}) || ({as_condition(other).text})")

    def __invert__(self) -> "Condition":
        return Condition(f"!({self.text})")

    def __bool__(self) -> bool:
        raise ElaborationError("a parameter condition has no Python truth value; pass it as when=... or use mux()",
                               str(user_location()))


class Param:
    """A module parameter declared with ``Generator.param``."""

    __slots__ = ("owner", "name", "default", "width", "identity", "loc")
    __hash__ = object.__hash__

    def __init__(self, owner: "Generator", name: str, default: int | None, width: int, identity: bool,
                 loc: SourceLoc):
        self.owner = owner
        self.name = name
        self.default = default
        self.width = width
        self.identity = identity
        self.loc = loc

    def __repr__(self) -> str:
        return f"Param({self.name!r}, default={self.default!r})"

    def _compare(self, op: str, other: object) -> Condition:
        if isinstance(other, Param):
            return Condition(f"{self.name} {op} {other.name}")
        if isinstance(other, int):
            return Condition(f"{self.name} {op} {other}")
        raise ElaborationError(f"cannot compare parameter '{self.name}' with {other!r}; compare with an int or"
                               " another parameter", str(user_location()))

    def __eq__(self, other: object) -> Condition:  # type: ignore[override]
        return self._compare("==", other)

    def __ne__(self, other: object) -> Condition:  # type: ignore[override]
        return self._compare("!=", other)

    def __lt__(self, other: object) -> Condition:
        return self._compare("<", other)

    def __le__(self, other: object) -> Condition:
        return self._compare("<=", other)

    def __gt__(self, other: object) -> Condition:
        return self._compare(">", other)

    def __ge__(self, other: object) -> Condition:
        return self._compare(">=", other)

    def __and__(self, other: "Condition | Param") -> Condition:
        """``P & (Q == 2)``: both conditions hold (a bare parameter means non-zero)."""
        return Condition(self.name) & other

    def __or__(self, other: "Condition | Param") -> Condition:
        return Condition(self.name) | other

    def __invert__(self) -> Condition:
        return ~Condition(self.name)

    def _arithmetic(self, other: object) -> object:
        """``P + 1``: parameters are not Python numbers while the generator is built; with a signal the
        signal's operator builds hardware (``NotImplemented`` hands over to it)."""
        from .signals import Signal  # not at the top: signals.py imports this module

        if isinstance(other, Signal):
            return NotImplemented
        raise ElaborationError(f"arithmetic on parameter '{self.name}' is not supported: it has no value while the"
                               " generator is built; use it with a signal (sig + P), as a width, or compare it in"
                               " when= (P == 2)", str(user_location()))

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __lshift__ = __rshift__ = _arithmetic

    def __bool__(self) -> bool:
        raise ElaborationError(f"parameter '{self.name}' has no Python value while the generator is built; use it"
                               " in expressions, as a width, or in when=...", str(user_location()))

    def ref_text(self) -> str:
        return f'#hw.param.decl.ref<"{self.name}">'


def as_condition(value: "Condition | Param | str") -> Condition:
    """Normalise a ``when=`` argument; a bare parameter means "non-zero"."""
    if isinstance(value, Condition):
        return value
    if isinstance(value, Param):
        return Condition(value.name)
    if isinstance(value, str):
        try:
            parse_condition(value)
        except ConditionSyntaxError as error:
            raise ElaborationError(str(error), str(user_location())) from None
        return Condition(value)
    raise ElaborationError(f"when= expects a parameter, a parameter comparison or a condition string, not {value!r}",
                           str(user_location()))
