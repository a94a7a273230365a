"""A reset's kind (synchronous or asynchronous) and polarity, and how each becomes IR: decided here only.

A reset port is declared once (``Generator.reset(asynchronous=, active_low=)``)
and read by every construct that resets something: registers (``seq.firreg``),
FSMs (``loom.fsm`` -> ``realize-fsm`` -> ``sv.alwaysff``), the port entries the
checks read (``reset = "async"``, ``active_low = true``). Each of them used to
decide the polarity on its own, and one got it wrong (a synchronous active-low
FSM reset came out as ``if (rst_n)``). The rules, in one place:

- ``seq.firreg`` only has an active-high reset, so an active-low reset signal is
  inverted first (``comb.xor %rst_n, true``);
- ``sv.alwaysff``'s ``asyncreset`` honours its edge (ExportVerilog writes
  ``@(posedge clk or negedge rst_n) if (!rst_n)``), so an asynchronous reset
  keeps its signal and states the edge at which it asserts;
- ``sv.alwaysff``'s ``syncreset`` ignores its edge: ExportVerilog writes
  ``if (rst)`` whatever the edge says (measured with CIRCT 1.162). A
  synchronous active-low reset is therefore inverted first, like a register's,
  and the block tests the active-high value on ``posedge``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from circt import ir

Emit = Callable[[str], None]
"""Appends one line of MLIR text (with its location) to the body being written."""


@dataclass(frozen=True)
class ResetStyle:
    """How a reset signal acts: ``asynchronous`` (in the sensitivity list) and ``active_low``."""

    asynchronous: bool = False
    active_low: bool = False

    @staticmethod
    def of(signal: object) -> ResetStyle:
        """The style of a frontend reset: a port declared with ``reset(...)``; any other 1-bit signal used as a
        reset is synchronous and active high."""
        return ResetStyle(bool(getattr(signal, "asynchronous", False)), bool(getattr(signal, "active_low", False)))

    @staticmethod
    def from_port_entry(fields: ir.DictAttr) -> ResetStyle | None:
        """The style a loom port entry declares (``reset = "sync"|"async"``, ``active_low``); None if not a reset."""
        if "reset" not in fields:
            return None
        active_low = "active_low" in fields and str(fields["active_low"]) in ("true", "unit")
        return ResetStyle(ir.StringAttr(fields["reset"]).value == "async", active_low)

    @property
    def kind(self) -> str:
        """``"async"`` or ``"sync"``: the spelling of port entries, ``loom.fsm`` and ``seq.firreg``."""
        return "async" if self.asynchronous else "sync"

    @property
    def edge(self) -> str:
        """The edge at which the reset asserts (``negedge`` for active low)."""
        return "negedge" if self.active_low else "posedge"

    def port_entry(self) -> str:
        """The entries of a loom port dictionary that declare this reset (read by the checks)."""
        return f', reset = "{self.kind}"' + (", active_low = true" if self.active_low else "")

    def fsm_attributes(self) -> str:
        """The ``reset``/``reset_active_low`` attributes of a ``loom.fsm`` (read by ``realize-fsm``)."""
        return f'reset = "{self.kind}", reset_active_low = {"true" if self.active_low else "false"}'

    def active_high(self, signal: str, fresh: Callable[[], str], emit: Emit, loc: str) -> str:
        """An ``i1`` value that is 1 while the reset is asserted: ``signal`` itself, or its inverse."""
        if not self.active_low:
            return signal
        one, inverted = fresh(), fresh()
        emit(f"{one} = hw.constant true {loc}")
        emit(f"{inverted} = comb.xor {signal}, {one} : i1 {loc}")
        return inverted

    def firreg_clause(self, signal: str, value: str, fresh: Callable[[], str], emit: Emit, loc: str) -> str:
        """``reset async|sync %r, %value`` for ``seq.firreg`` (its reset is always active high)."""
        return f" reset {self.kind} {self.active_high(signal, fresh, emit, loc)}, {value}"

    def alwaysff_clause(self, signal: str, fresh: Callable[[], str], emit: Emit, loc: str) -> str:
        """``(asyncreset : negedge %rst_n)`` or ``(syncreset : posedge %active)`` for ``sv.alwaysff``."""
        if self.asynchronous:
            return f"(asyncreset : {self.edge} {signal})"
        return f"(syncreset : posedge {self.active_high(signal, fresh, emit, loc)})"
