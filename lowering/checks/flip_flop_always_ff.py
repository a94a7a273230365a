"""``check-flip-flop-always-ff``: every always_ff is a flip-flop Design Compiler can build.

kratos's ``check_flip_flop_always_ff`` rejects what Design Compiler refuses
with ELAB-302 ("statements outside the scope of the synthesis policy"); this
pass checks the rules behind it, for ``sv.alwaysff`` and edge-triggered
``sv.always`` blocks, reporting each violation at its op:

1. only non-blocking assignments (``<=``): a blocking assignment, or a
   ``loom.assign`` of kind ``blocking``, is an error;
2. with asynchronous resets in the sensitivity list (``sv.always posedge
   %clk, negedge %rst_n``) the block must be a single ``if`` testing a reset,
   with the right polarity (``if (rst)`` for posedge, ``if (!rst_n)`` for
   negedge), whose ``else`` tests the next reset, and so on; the last ``else``
   is the clocked logic. Statements beside that ``if`` are ELAB-302.
   ``sv.alwaysff`` with an ``asyncreset`` region has this shape by
   construction (ExportVerilog writes the ``if``);
3. reset styles are not mixed: a signal used as an asynchronous reset
   (``asyncreset``, an edge of an ``sv.always``, ``seq.firreg ... reset
   async``) is not also a synchronous one (``syncreset``, ``seq.firreg ...
   reset sync``) and is not tested again inside the clocked logic; a port
   declared ``reset = "async"`` is not used as a synchronous reset;
4. the clock is not read as data inside the block it clocks.

kratos also rejects a top-level ``if`` next to other statements in an
always_ff *without* asynchronous reset. Design Compiler builds such blocks
(it is the async-reset template ELAB-302 is about), and the rule makes
kratos users turn the check off, so it is not kept.
"""

from __future__ import annotations

from circt import ir

from ...dialect.opkinds import PURE
from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .model import (
    ASSIGN_OPS,
    BLOCKING,
    NEGEDGE,
    POSEDGE,
    Block,
    Event,
    ModuleModel,
    Scan,
    assignment_kind,
    is_clock,
    ops_in,
    reset_test,
    same_value,
    walk,
)
from .runner import Check

ELAB_302 = ("the statements in this {} are outside the scope of the synthesis policy: only an 'if' testing"
            " the asynchronous reset may be at its top level (ELAB-302)")
# Ops that compute values: they may sit anywhere in a block without being statements.
_EXPRESSION_DIALECTS = ("comb.", "hw.")


class _ResetUse:
    """A use of a signal as a reset: the op, whether asynchronous, and the signal."""

    __slots__ = ("asynchronous", "op", "signal")

    def __init__(self, op: ir.Operation, asynchronous: bool, signal: ir.Value):
        self.op = op
        self.asynchronous = asynchronous
        self.signal = signal


def check(report: DiagnosticReport, found: Scan) -> None:
    """Report every always_ff of the module Design Compiler would not build as flip-flops."""
    model = found.model
    uses = _firreg_resets(found.wanted("seq.firreg"))
    sequential = [block for block in found.blocks if block.sequential]
    async_ports = [value for value, port in model.arguments() if port.reset == "async"] if sequential else []
    for block in sequential:
        _check_assignments(report, block)
        _check_clock_as_data(report, model, block)
        uses.extend(_block_resets(block))
        uses.extend(_synchronous_tests(model, block, async_ports))
        if block.reset_style == "async" and block.reset_event is not None:
            _check_reset_in_clocked(report, model, block, block.reset_event.value, block.body)
        elif block.name == "sv.always":
            _check_reset_template(report, model, block)
    _check_reset_styles(report, model, uses)


def _check_assignments(report: DiagnosticReport, block: Block) -> None:
    for op in block.all_ops():
        if op.name in ASSIGN_OPS and assignment_kind(op, block) == BLOCKING:
            report.error(op, f"blocking assignment (=) in an {block.label}: flip-flops take non-blocking"
                             f" assignments (<=)")


def _check_clock_as_data(report: DiagnosticReport, model: ModuleModel, block: Block) -> None:
    clocks = [event.value for event in block.events if is_clock(event.value)]
    for op in block.all_ops():
        if op.name == "seq.from_clock":
            continue
        for operand in op.operands:
            if any(same_value(operand, clock) for clock in clocks):
                report.error(op, f"clock {model.describe(operand)} is read as data inside the {block.label} it"
                                 f" clocks")
                break


def _check_reset_in_clocked(report: DiagnosticReport, model: ModuleModel, block: Block, reset: ir.Value,
                            clocked: list[ir.Operation]) -> None:
    """The clocked branch of an async-reset block must not test the reset again (a synchronous use)."""
    for op in walk(clocked):
        if op.name == "sv.if" and reset_test(op.operands[0], reset) is not None:
            report.error(op, f"asynchronous reset {model.describe(reset)} is tested again in the clocked logic of"
                             f" this {block.label}: reset styles are mixed")


def _check_reset_template(report: DiagnosticReport, model: ModuleModel, block: Block) -> None:
    """``sv.always`` on a clock and async resets: ``if (rst) ... else if (rst2) ... else <clocked>``."""
    resets = [event for event in block.events if not is_clock(event.value)]
    if not resets or not any(is_clock(event.value) for event in block.events):
        return
    ops = block.body
    pending = list(resets)
    while pending:
        statements = [op for op in ops if not _is_expression(op.name)]
        if not statements:
            return
        if len(statements) != 1 or statements[0].name != "sv.if":
            stray = next((op for op in statements if op.name != "sv.if"), statements[-1])
            report.error(stray, ELAB_302.format(block.label))
            return
        branch = statements[0]
        event = _tested_reset(branch, pending)
        if event is None:
            names = " or ".join(model.describe(e.value) for e in pending)
            report.error(branch, f"the 'if' at the top of this {block.label} must test its asynchronous reset"
                                 f" ({names}) first (ELAB-302)")
            return
        expected = "high" if event.edge == POSEDGE else "low"
        if reset_test(branch.operands[0], event.value) != expected:
            name = model.describe(event.value)
            test = f"if ({name.strip(chr(39))})" if expected == "high" else f"if (!{name.strip(chr(39))})"
            report.error(branch, f"reset {name} is in the sensitivity list on {event.edge} but tested active-"
                                 f"{'low' if expected == 'high' else 'high'}; write {test}")
        pending.remove(event)
        ops = ops_in(branch.regions[1])
    for event in resets:
        _check_reset_in_clocked(report, model, block, event.value, ops)


def _tested_reset(branch: ir.Operation, pending: list[Event]) -> Event | None:
    return next((event for event in pending if reset_test(branch.operands[0], event.value) is not None), None)


def _is_expression(name: str) -> bool:
    return name in PURE or name.startswith(_EXPRESSION_DIALECTS)


def _block_resets(block: Block) -> list[_ResetUse]:
    uses = [_ResetUse(block.op, True, event.value) for event in block.events
            if event.edge in (POSEDGE, NEGEDGE) and not is_clock(event.value)]
    if block.reset_style == "sync" and block.reset_event is not None:
        uses.append(_ResetUse(block.op, False, block.reset_event.value))
    return uses


def _synchronous_tests(model: ModuleModel, block: Block, async_ports: list[ir.Value]) -> list[_ResetUse]:
    """``if (rst)`` on a declared asynchronous reset that is not in this block's sensitivity list."""
    if not async_ports:
        return []
    own = [event.value for event in block.events]
    others = [port for port in async_ports if not any(same_value(port, value) for value in own)]
    uses: list[_ResetUse] = []
    for op in block.all_ops():
        if op.name == "sv.if":
            uses.extend(_ResetUse(op, False, port) for port in others if reset_test(op.operands[0], port))
    return uses


def _has_reset(firreg: ir.Operation) -> bool:
    """Whether a ``seq.firreg`` has a reset (and its value): the only registers this check reads."""
    return len(firreg.operands) >= 4


def _firreg_resets(firregs: list[ir.Operation]) -> list[_ResetUse]:
    return [_ResetUse(op, "isAsync" in op.attributes, op.operands[2]) for op in firregs if _has_reset(op)]


def _check_reset_styles(report: DiagnosticReport, model: ModuleModel, uses: list[_ResetUse]) -> None:
    """One signal, one reset style; a port declared asynchronous is never a synchronous reset."""
    first_async: dict[ir.Value, _ResetUse] = {}
    for use in uses:
        if use.asynchronous:
            first_async.setdefault(use.signal, use)
    reported: set[ir.Value] = set()
    for use in uses:
        if use.asynchronous or use.signal in reported:
            continue
        name = model.describe(use.signal)
        other = next((a for s, a in first_async.items() if same_value(s, use.signal)), None)
        if other is not None:
            reported.add(use.signal)
            report.error(use.op, f"{name} is used as a synchronous reset here and as an asynchronous reset"
                                 f" elsewhere: reset styles are mixed").note(other.op, "used as an asynchronous"
                                                                                       " reset here")
            continue
        port = model.port_of(use.signal)
        if port is not None and port.reset == "async":
            reported.add(use.signal)
            report.error(use.op, f"{name} is declared an asynchronous reset but is used as a synchronous reset")


CHECK = Check("check-flip-flop-always-ff", check, frozenset({"seq.firreg"}), kept_if={"seq.firreg": _has_reset})
run = loom_pass("check-flip-flop-always-ff", kind=PassKind.CHECK,
                summary="Check always_ff blocks are synthesizable flip-flops (non-blocking, reset tested first,"
                        " ELAB-302)")(CHECK.run)
