"""kratos's spellings of loom's declarations, so that kratos generators port with renames only.

loom's own API (``input``/``output``/``clock``/``reset``/``param``/``reg``) stays the documented one;
what is here maps kratos's signatures onto it and adds nothing of its own: ``port(name, width,
direction, port_type)``, ``parameter(name, width, value)``, the register helpers ``reg_next`` /
``reg_init`` / ``reg_enable`` (each a loom register), ``PortDirection`` / ``PortType``, ``clog2``,
``resize``, ``ternary`` and ``comment``. docs/from-kratos.md lists every one next to loom's name.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, cast

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import user_location
from .connect import signal_named
from .functions import mux
from .signals import Operand, PortKind, Signal, Width, fail
from .signals import resize as _resize
from .statements import CommentStmt

if TYPE_CHECKING:
    from .array_decls import ArraySize
    from .generator import Generator
    from .params import Param
    from .signals import Port, Reg


class PortDirection(enum.Enum):
    """kratos's port directions (``port(name, width, PortDirection.In)``)."""

    In = "in"
    Out = "out"


class PortType(enum.Enum):
    """kratos's port types: the kind of an input (``input(name, 1, PortType.Clock)``)."""

    Data = "data"
    Clock = "clock"
    AsyncReset = "async_reset"
    Reset = "reset"
    ClockEnable = "clock_enable"


def clog2(value: int) -> int:
    """``ceil(log2(value))`` for a Python int (0 for 0 and 1), as kratos and SystemVerilog's ``$clog2``."""
    if isinstance(value, Signal):
        raise fail(f"clog2() takes a Python int (a width or size known while the generator runs), got"
                   f" {value.describe()}")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(f"clog2() takes a non-negative int, got {value!r}")
    return max(0, (value - 1).bit_length())


def resize(signal: Signal, width: int) -> Signal:
    """``signal`` truncated or zero-extended to ``width`` bits (kratos ``resize``)."""
    if not isinstance(signal, Signal):
        raise fail(f"resize() takes a signal, got {signal!r}")
    return _resize(signal, width)


def ternary(condition: Operand, if_true: Operand, if_false: Operand) -> Signal:
    """kratos's name for ``mux(condition, if_true, if_false)``."""
    return mux(condition, if_true, if_false)


def comment(text: str) -> Any:
    """A ``// text`` line in the SystemVerilog: place it with ``add_stmt`` (module level or a block)."""
    if not isinstance(text, str):
        raise fail(f"comment() takes a string, got {type(text).__name__}")
    return CommentStmt(user_location(), text)


class KratosSpellings:
    """Generator methods with kratos's signatures; each one calls loom's own declaration."""

    @property
    def _as_generator(self) -> Generator:
        """This object as the ``Generator`` it is a base of (its only subclass), whose declarations it calls."""
        return cast("Generator", self)

    def port(self, name: str, width: Width, direction: PortDirection | str,
             port_type: PortType = PortType.Data, is_signed: bool = False, size: ArraySize = None,
             packed: bool = False, explicit_array: bool = False) -> Port:
        """kratos ``port(name, width, PortDirection.In, PortType.Clock)``: loom's ``input``/``output``/``clock``/
        ``reset``/``clock_en`` by direction and type."""
        text = direction.value if isinstance(direction, PortDirection) else direction
        if text not in ("in", "out"):
            raise fail(f"port direction must be PortDirection.In or PortDirection.Out, got {direction!r}")
        if text == "out":
            if port_type not in (PortType.Data, None):
                raise fail(f"output '{name}' cannot be a {port_type.name} port: loom's clocks, resets and clock"
                           " enables are inputs")
            return self._as_generator.output(name, width, signed=is_signed, size=size, packed=packed,
                               explicit_array=explicit_array)
        return self._as_generator.input(name, width, port_type, signed=is_signed, size=size, packed=packed,
                          explicit_array=explicit_array)

    def typed_input(self, name: str, width: Width, port_type: PortType | None, signed: bool) -> Port | None:
        """The input of a kratos port type (None for data, which ``input`` declares itself)."""
        if port_type in (None, PortType.Data):
            return None
        if not isinstance(port_type, PortType):
            raise fail(f"port_type must be a PortType (PortType.Clock, ...), got {port_type!r}")
        if width != 1 or signed:
            raise fail(f"a {port_type.name} port is 1 bit and unsigned; '{name}' is declared with width {width!r}")
        if port_type is PortType.Clock:
            return self._as_generator.clock(name)
        if port_type is PortType.ClockEnable:
            return self._as_generator.clock_en(name)
        return self._as_generator.reset(name, asynchronous=port_type is PortType.AsyncReset)

    def parameter(self, name: str, width: int = 32, value: int | None = None, is_signed: bool = False,
                  initial_value: int | None = None) -> Param:
        """kratos ``parameter(name, width, value)``; loom's name is ``param(name, default, width=...)``."""
        if is_signed:
            raise fail(f"parameter '{name}': signed parameters are not supported; declare it unsigned")
        default = value if value is not None else initial_value
        return self._as_generator.param(name, default, width=width)

    def get_var(self, name: str) -> Signal:
        """kratos ``get_var`` / ``gen.vars[name]``: the port, var or register called ``name`` (any legal
        SystemVerilog name, Python keywords such as ``in`` included)."""
        return signal_named(self._as_generator, name)

    def add_fsm(self, fsm_name: str, clk_name: Signal | str | None = None,
                reset_name: Signal | str | None = None, reset_high: bool = True) -> Any:
        """kratos ``add_fsm(name, clk_name, reset_name, reset_high)``: loom's ``fsm(name, clock=, reset=)``.

        The clock and reset may be named; the reset keeps the polarity of its port, so ``reset_high`` must
        agree with it (``reset(name, active_low=True)`` for ``reset_high=False``).
        """
        clock = self._source(clk_name) if clk_name is not None else None
        reset = self._source(reset_name) if reset_name is not None else None
        fsm = self._as_generator.fsm(fsm_name, clock=clock, reset=reset)
        if bool(getattr(fsm.reset, "active_low", False)) == bool(reset_high):
            polarity = "active-low" if reset_high else "active-high"
            raise fail(f"add_fsm('{fsm_name}', reset_high={reset_high}): the reset {fsm.reset.describe()} is"
                       f" {polarity}; loom's FSMs follow their reset port's polarity")
        return fsm

    # -- kratos's register helpers (each one is a loom register) -----------------

    def _source(self, var: Signal | str) -> Signal:
        signal = signal_named(self._as_generator, var) if isinstance(var, str) else var
        if not isinstance(signal, Signal):
            raise fail(f"expected a signal or the name of one, got {var!r}")
        return signal

    def _copy(self, name: str, source: Signal, **options: Any) -> Reg:
        register = self._as_generator.reg(name, source.width, signed=source.signed, **options)
        register.assign(source)
        return register

    def reg_next(self, var_name: str, var: Signal | str, clk: Signal | str | None = None) -> Reg:
        """kratos ``reg_next``: a register ``var_name`` that takes ``var`` at every rising clock edge (no reset)."""
        source = self._source(var)
        clock = self._source(clk) if clk is not None else None
        return self._copy(var_name, source, clock=clock, reset=False)

    def reg_init(self, var_name: str, var: Signal | str, clk: Signal | str | None = None,
                 reset: Signal | str | None = None, init_value: int = 0) -> Reg:
        """kratos ``reg_init``: like ``reg_next`` with a reset to ``init_value``.

        The reset behaves as its port was declared (kratos's default reset is asynchronous: declare it
        with ``reset(name, is_async=True)`` for the same hardware).
        """
        source = self._source(var)
        clock = self._source(clk) if clk is not None else None
        reset_signal = (self._source(reset) if reset is not None
                        else self._as_generator._only_port(PortKind.RESET, user_location()))
        return self._copy(var_name, source, clock=clock, reset=reset_signal, reset_value=init_value)

    def reg_enable(self, var_name: str, var: Signal | str, en: Signal | str,
                   clk: Signal | str | None = None) -> Reg:
        """kratos ``reg_enable``: a register ``var_name`` that takes ``var`` at a rising edge when ``en`` is 1."""
        source = self._source(var)
        clock = self._source(clk) if clk is not None else None
        return self._copy(var_name, source, clock=clock, reset=False, enable=self._source(en))


def reset_style(name: str, asynchronous: bool | None, active_low: bool | None, is_async: bool | None,
                active_high: bool | None) -> tuple[bool, bool]:
    """``(asynchronous, active_low)`` from loom's keywords of ``reset()`` or kratos's (``is_async``,
    ``active_high``); loom's default is a synchronous, active-high reset."""
    if asynchronous is not None and is_async is not None and asynchronous != is_async:
        raise ElaborationError(f"reset '{name}': asynchronous= and is_async= disagree", str(user_location(2)))
    if active_low is not None and active_high is not None and active_low == active_high:
        raise ElaborationError(f"reset '{name}': active_low= and active_high= disagree", str(user_location(2)))
    chosen = asynchronous if asynchronous is not None else is_async
    low = active_low if active_low is not None else (active_high is False)
    return bool(chosen), low
