"""Parameter values: evaluating instance parameters and substituting them into types.

Parameter values are MLIR attributes: plain integers (``8 : i32``), references
to the enclosing module's parameters (``#hw.param.decl.ref<"W">``) or CIRCT
parameter expressions over them. Substitution works on the printed form and
re-parses it, because CIRCT folds constant parameter expressions on
construction (``#hw.param.expr.add<8, 4>`` parses as ``12``); the results are
memoised, since a design has few distinct (attribute, values) pairs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from circt import ir

_DECL_REF = re.compile(r'#hw\.param\.decl\.ref<"((?:[^"\\]|\\.)+)">')
_ESCAPE = re.compile(r'\\([0-9A-Fa-f]{2}|.)')


def _unescape(printed: str) -> str:
    """A name as MLIR prints it inside quotes (``W\\C3\\A9``: non-ASCII bytes in hex) -> the name (``Wé``)."""
    if "\\" not in printed:
        return printed
    pieces = _ESCAPE.split(printed)  # text, escape, text, escape, ..., text
    data = bytearray()
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            data += piece.encode()
        else:
            data += bytes([int(piece, 16)]) if len(piece) == 2 else piece.encode()
    return data.decode("utf-8", errors="replace")


ParamValues = tuple[tuple[str, int], ...]
"""Concrete parameter values of one module variant, sorted by name (hashable)."""


class UnboundParameterError(KeyError):
    """A parameter reference has no value in the enclosing scope."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def substitute_text(text: str, values: dict[str, int] | dict[str, str], keep_unbound: bool = False) -> str:
    """Replace each ``#hw.param.decl.ref<"N">`` in ``text`` by the value of ``N``.

    A reference to a parameter without a value raises UnboundParameterError,
    or stays as it is with ``keep_unbound`` (parameters kept for SystemVerilog).
    """

    def replace(match: re.Match[str]) -> str:
        name = _unescape(match.group(1))
        if name not in values:
            if keep_unbound:
                return match.group(0)
            raise UnboundParameterError(name)
        return str(values[name])

    return _DECL_REF.sub(replace, text)


def is_parametric(text: str) -> bool:
    """Whether a printed attribute or type refers to a parameter."""
    return "#hw.param" in text


def int_value(attr: ir.Attribute) -> int | None:
    """The value of a constant parameter attribute, None when it is not a constant.

    Parameters are unsigned: ``200 : i8`` (which MLIR keeps as -56) is 200,
    and ``true``/``false`` (i1 values parse as ``BoolAttr``, which is not an
    ``IntegerAttr`` in the Python bindings) are 1 and 0.
    """
    if isinstance(attr, ir.BoolAttr):
        return int(ir.BoolAttr(attr).value)
    if not isinstance(attr, ir.IntegerAttr):
        return None
    value = ir.IntegerAttr(attr).value
    type_ = attr.type
    if value < 0 and isinstance(type_, ir.IntegerType) and not ir.IntegerType(type_).is_signed:
        value += 1 << ir.IntegerType(type_).width
    return value


def value_text(attr: ir.Attribute) -> str:
    """A parameter value as it appears inside a type or another parameter expression (no ``: iN``)."""
    value = int_value(attr)
    if value is not None:
        return str(value)
    text = str(attr)
    head, sep, tail = text.rpartition(" : ")
    return head if sep and tail.startswith("i") and tail[1:].isdigit() else text


def evaluate(attr: ir.Attribute, values: dict[str, int]) -> int:
    """The integer value of a parameter attribute given the enclosing module's values."""
    value = int_value(attr)
    if value is not None:
        return value
    return _evaluate_text(str(attr), tuple(sorted(values.items())))


@lru_cache(maxsize=65536)
def _evaluate_text(text: str, values: ParamValues) -> int:
    substituted = substitute_text(text, dict(values))
    value = int_value(ir.Attribute.parse(substituted))
    if value is None:
        raise ValueError(f"parameter expression {text} does not fold to an integer")
    return value


def substitute_type(type_: ir.Type, values: dict[str, int] | dict[str, str]) -> ir.Type:
    """``type_`` with every parameter reference replaced by its value."""
    text = str(type_)
    if not is_parametric(text):
        return type_
    return ir.Type.parse(substitute_text(text, values))


def referenced_parameters(text: str) -> set[str]:
    """Names of the parameters a printed attribute or type refers to."""
    return {_unescape(name) for name in _DECL_REF.findall(text)}
