"""``name-unused-instance-outputs``: connect every unread output of a child instance to a named wire.

ExportVerilog prints an instance output that nothing reads as an empty
connection, ``.o (/* unused */)``, and ``verilator --lint-only -Wall`` reports
every such pin (PINCONNECTEMPTY). Leaving an output open is ordinary design
(a child's status flag the parent ignores), so the SystemVerilog must not warn
about it. This pass, the last step of the ``cleanup`` pipeline, gives each unread
output an ``hw.wire`` named ``<instance>_<port>_unused``, printed as::

    wire [3:0] u1_o_unused;
    Leaf u1 (.i (a), .o (u1_o_unused));

Why this scheme: Verilator's default ``--unused-regexp`` is ``*unused*``, so a
signal whose name contains ``unused`` is exempt from UNUSEDSIGNAL by
Verilator's own convention, without a waiver comment or option; the wire is
driven by the pin, so nothing else warns (UNDRIVEN). Other tools read it as a
plain wire. The name also tells a reader that the output is left open on
purpose. When the name is taken, ExportVerilog makes it unique with a suffix
(``u1_o_unused_0``), which still matches the pattern.

The wires carry no inner symbol: nothing after this pass removes unused
wires (ExportVerilog keeps named wires), and a symbol would have to be unique.
MLIR's walk driver finds the ``hw.instance`` ops in C++, so Python only visits
instances.
"""

from __future__ import annotations

from circt import ir

from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import visit

INSTANCE = "hw.instance"
SUFFIX = "_unused"


def _unread(op: ir.Operation) -> list[tuple[int, ir.Value]]:
    """The results of ``op`` (an instance with several results, or none) that nothing reads."""
    return [(index, result) for index, result in enumerate(op.results) if next(iter(result.uses), None) is None]


def _name(op: ir.Operation, unread: list[tuple[int, ir.Value]]) -> None:
    """Give each ``unread`` result of the ``hw.instance`` ``op`` a wire named ``<instance>_<port>_unused``."""
    instance = ir.StringAttr(op.attributes["instanceName"]).value
    names = [ir.StringAttr(name).value for name in ir.ArrayAttr(op.attributes["resultNames"])]
    point = ir.InsertionPoint.after(op)
    with op.location:
        for index, result in reversed(unread):  # ExportVerilog declares them in the opposite order
            name = ir.StringAttr.get(f"{instance}_{names[index]}{SUFFIX}")
            ir.Operation.create("hw.wire", results=[result.type], operands=[result], attributes={"name": name},
                                ip=point)


@loom_pass("name-unused-instance-outputs", kind=PassKind.MODULE,
           summary="Connect every unread child instance output to a wire `<instance>_<port>_unused`"
                   " (verilator -Wall clean)")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Connect every unread output of a child instance to a wire named ``<instance>_<port>_unused``.

    The walk only looks (most instances have every output read: 50,000 of them cost one Python call each,
    and no list of them is made); the wires are made after it."""
    del options
    found: list[tuple[ir.Operation, list[tuple[int, ir.Value]]]] = []

    def look(op: ir.Operation) -> None:  # called for each of 50,000 instances: one result asked for directly
        try:
            result = op.result  # most instances: one result, and no result list to make
        except ValueError:  # none, or several
            unread = _unread(op)
            if unread:
                found.append((op, unread))
            return
        if next(iter(result.uses), None) is None:
            found.append((op, [(0, result)]))

    visit(module, [INSTANCE], look)
    for op, unread in found:
        _name(op, unread)
