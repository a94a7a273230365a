"""Free functions that build expressions: mux, concat, const."""

from __future__ import annotations

from ..dialect.srcloc import user_location
from .params import Condition, Param
from .signals import Const, Expr, Operand, Signal, check_data, coerce, coerce_pair, fail, fits, same_width, width_text


def const(value: int, width: int) -> Const:
    """A ``width``-bit constant (negative values are two's complement)."""
    if not fits(value, width):
        raise fail(f"constant {value} does not fit in {width} bits")
    return Const(value, width, user_location())


def mux(condition: Operand, if_true: Operand, if_false: Operand) -> Expr:
    """``condition ? if_true : if_false``; the condition must be one bit."""
    if isinstance(condition, (Param, Condition, int)):
        raise fail("mux() needs a 1-bit signal as its condition; compare a parameter with a signal first")
    if not isinstance(condition, Signal):
        raise fail(f"mux() condition must be a signal, not {condition!r}")
    check_data(condition, "mux")
    if not same_width(condition.width, 1):
        raise fail(f"mux() condition must be 1 bit wide, but {condition.describe()} has {width_text(condition.width)}"
                   " bits; compare it or reduce it (r_or()) first")
    if isinstance(if_true, Signal):
        first, second = coerce_pair(if_true, if_false, "mux")
    elif isinstance(if_false, Signal):
        second, first = coerce_pair(if_false, if_true, "mux")
    else:
        raise fail("mux() needs at least one signal among its two values to know the width")
    first = coerce(first, condition, "mux")
    second = coerce(second, condition, "mux") if second.owner is not None else second
    return Expr("mux", (condition, first, second), first.width, signed=first.signed and second.signed)


def concat(*parts: Signal) -> Expr:
    """Concatenate, most significant part first (like Verilog ``{a, b}``)."""
    if not parts:
        raise fail("concat() needs at least one signal")
    signals: list[Signal] = []
    width = 0
    for part in parts:
        if not isinstance(part, Signal):
            raise fail(f"concat() takes signals; wrap the constant {part!r} with const(value, width)")
        check_data(part, "concat")
        if not isinstance(part.width, int):
            raise fail(f"cannot concatenate {part.describe()} of parametric width {width_text(part.width)}")
        if signals:
            coerce(part, signals[0], "concat")
        signals.append(part)
        width += part.width
    return Expr("concat", tuple(signals), width)
