"""``wire-unpacked-element-sources``: a value assigned to an unpacked array element goes through its own wire.

ExportVerilog reuses assignments: when a value is continuously assigned to
exactly one destination and also read elsewhere, the other readers read the
destination instead (CIRCT's PrepareForEmission). For an element of an unpacked
array that turns::

    assign g[1] = a[0];
    assign g[0] = a[0] ^ a[1];

into ``assign g[0] = g[1] ^ a[1];``. The behaviour is the same, but Verilator
treats an unpacked array as one signal, so the array now seems to feed itself
(``verilator -Wall``: UNOPTFLAT, circular combinational logic; found by the random
designs with unpacked arrays). This pass gives such a value a wire of its own,
named after the element (``g_1``), and assigns the element from the wire: the
other readers then read the wire, never the array::

    wire g_1 = a[0];
    assign g[1] = g_1;
    assign g[0] = g_1 ^ a[1];

A value only the element assignment reads is left alone (nothing is reused), so is
a constant (always printed in place), and so are assignments to whole variables and
to packed parts (loom assigns a packed aggregate whole).
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from ..dialect.constants import constant_value
from ..dialect.type_scope import unpacked_size
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect_held, idle
from .stage import needs_lowered_ir

INLINE = ("hw.constant", "hw.aggregate_constant")
"""Values ExportVerilog always prints in place, never through a destination."""
SELECTS = ("sv.array_index_inout", "sv.struct_field_inout", "sv.indexed_part_select_inout")
ASSIGN = "sv.assign"
"""The assignments the pass looks at."""


def _unpacked_element_name(destination: ir.Value) -> str | None:
    """A name for the wire (``g_1``) when ``destination`` is a part of an unpacked array; None otherwise."""
    indices: list[str] = []
    unpacked = False
    producer = destination.owner.operation if isinstance(destination, ir.OpResult) else None
    while producer is not None and producer.name in SELECTS:
        if producer.name == "sv.array_index_inout":
            unpacked |= unpacked_size(hw.InOutType(producer.operands[0].type).element_type) is not None
            index = constant_value(producer.operands[1])
            indices.append("x" if index is None else str(index))
        source = producer.operands[0]
        producer = source.owner.operation if isinstance(source, ir.OpResult) else None
    if not unpacked:
        return None
    root = producer.attributes["name"] if producer is not None and "name" in producer.attributes else None
    base = ir.StringAttr(root).value if root is not None else "element"
    return "_".join([base, *reversed(indices)])


def _read_elsewhere(source: ir.Value, assign: ir.Operation) -> bool:
    """Whether something besides ``assign`` reads ``source`` (a constant is always printed in place)."""
    if source.owner.operation.name in INLINE:
        return False
    return any(use.owner.operation != assign for use in source.uses)


@loom_pass("wire-unpacked-element-sources", kind=PassKind.DESIGN,
           summary="Give a value assigned to an unpacked array element and read elsewhere a wire of its own"
                   " (else ExportVerilog makes the readers read the element: Verilator UNOPTFLAT)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Route each shared value assigned to an unpacked array element through a wire named after it."""
    del options
    if idle(root, "wire-unpacked-element-sources"):
        return False
    changed = False
    for assign in collect_held(root, [ASSIGN]):
        assign = assign.operation
        destination, source = assign.operands
        if not isinstance(source, ir.OpResult) or not _read_elsewhere(source, assign):
            continue
        name = _unpacked_element_name(destination)
        if name is None:
            continue
        with assign.location, ir.InsertionPoint(assign):
            wire = ir.Operation.create("sv.wire", results=[hw.InOutType.get(source.type)],
                                       attributes={"name": ir.StringAttr.get(name)}).results[0]
            ir.Operation.create("sv.assign", operands=[wire, source])
            read = ir.Operation.create("sv.read_inout", results=[source.type], operands=[wire]).results[0]
        assign.operands[1] = read
        changed = True
    return None if changed else False
