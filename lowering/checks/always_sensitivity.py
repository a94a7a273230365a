"""``check-always-sensitivity``: only clocks and asynchronous resets in sensitivity lists.

kratos's ``check_always_sensitivity`` allows only variables typed Clock or
AsyncReset (or cast to them) in an ``always`` block's sensitivity list. In
loom IR the types say it:

- a clock is ``!seq.clock`` (a ``clock()`` port or ``seq.to_clock``), read
  as ``seq.from_clock`` where an ``sv`` op wants a bit;
- an asynchronous reset is an input port declared with
  ``reset(asynchronous=True)``: its port entry says ``reset = "async"``
  (and ``active_low = true`` for an active-low one).

Checked for every ``sv.alwaysff`` (its clock, and its ``asyncreset`` signal)
and every ``sv.always`` event: anything else (a data signal, a synchronous
reset, a clock used as a reset) is an error at the block, naming the
signal. The edge must match the reset's polarity: an active-low reset on
``negedge``, an active-high one on ``posedge`` (kratos's check_active_high).
In hw IR (after lowering) ports carry no reset declarations and clocks may
be plain ``i1`` ports, so any 1-bit input port is accepted there.
"""

from __future__ import annotations

from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .model import ANYEDGE, NEGEDGE, POSEDGE, Block, Event, ModuleModel, Scan, is_clock
from .runner import Check



def check(report: DiagnosticReport, found: Scan) -> None:
    """Report every sensitivity-list entry that is not a clock or a declared asynchronous reset."""
    for block in found.blocks:
        for index, event in enumerate(block.events):
            problem = _problem(found.model, block, index, event)
            if problem is not None:
                report.error(block.op, problem)


CHECK = Check("check-always-sensitivity", check)
run = loom_pass("check-always-sensitivity", kind=PassKind.CHECK,
                summary="Allow only clocks and declared asynchronous resets in sensitivity lists")(CHECK.run)


def _problem(model: ModuleModel, block: Block, index: int, event: Event) -> str | None:
    """What is wrong with one entry of ``block``'s sensitivity list (None: nothing)."""
    name = model.describe(event.value)
    reset_slot = block.reset_event is not None and event is block.reset_event
    if is_clock(event.value):
        if reset_slot:
            return f"clock {name} is used as the asynchronous reset of this {block.label}"
        return None
    port = model.port_of(event.value)
    if port is None:
        return (f"{name} is not a clock or an asynchronous reset input; only those may be in the sensitivity list"
                f" of this {block.label}")
    if not port.declared:
        return None
    if port.reset is None:
        kind = "clock" if index == 0 and not reset_slot else "asynchronous reset"
        return (f"{name} is a data signal used as the {kind} of this {block.label}; only clocks and asynchronous"
                f" resets may be in a sensitivity list (declare it with clock() or reset(asynchronous=True))")
    if port.reset != "async":
        return (f"{name} is declared a synchronous reset but is in the sensitivity list of this {block.label};"
                f" loom's reset() is synchronous unless asked (kratos's is asynchronous by default): declare it"
                f" with reset(asynchronous=True) (kratos: is_async=True) or test it inside the block")
    expected = NEGEDGE if port.active_low else POSEDGE
    if event.edge == ANYEDGE:
        return f"asynchronous reset {name} must be in the sensitivity list on {expected}, not on any edge"
    if event.edge != expected:
        polarity = "active-low" if port.active_low else "active-high"
        return f"{polarity} reset {name} is in the sensitivity list on {event.edge}; use {expected}"
    return None
