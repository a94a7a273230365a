"""``record-read-inputs`` and ``name-inputs-optimized-away``: an input the design reads stays read.

CIRCT's ``canonicalize`` may remove every reader of an input port: a register
whose next value is always its constant reset value becomes that constant, and
its reset input is then read by nothing (found by the random designs: seed 234).
``verilator --lint-only -Wall`` reports the input (UNUSEDSIGNAL), although the
design the user wrote reads it. ``record-read-inputs``, at the start of the
clean-up, marks each ``hw.module`` with the inputs something reads
(``loom.read_inputs``); ``name-inputs-optimized-away``, at its end, connects each
marked input that nothing reads any more to a wire named ``<port>_unused``
(``wire rst_unused = rst;``) and drops the mark. The wire's name matches
Verilator's default ``--unused-regexp`` (``*unused*``), as in
``name-unused-instance-outputs``; it tells a reader the optimisation left the
input unneeded. An input the user never read is not marked and still warns: that
is the design's own business.
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_lowered_ir

MARK = "loom.read_inputs"
SUFFIX = "_unused"


def _modules(root: ir.Operation) -> list[ir.Operation]:
    return [operation for op in root.regions[0].blocks[0].operations
            if (operation := op.operation).name == "hw.module"]


def _read_indices(arguments: ir.BlockArgumentList) -> tuple[int, ...]:
    """The indices of the ``arguments`` something reads (indexed: iterating the list asks the bindings twice)."""
    return tuple([index for index in range(len(arguments)) if next(iter(arguments[index].uses), None) is not None])


@loom_pass("record-read-inputs", kind=PassKind.DESIGN,
           summary="Mark each hw.module with the input ports something reads (for name-inputs-optimized-away)")
@needs_lowered_ir
def record(root: ir.Operation, options: NoOptions) -> bool | None:
    """Set ``loom.read_inputs`` on every ``hw.module`` to the indices of the inputs something reads."""
    del options
    i64 = ir.IntegerType.get_signless(64)
    marks: dict[tuple[int, ...], ir.ArrayAttr] = {}  # most modules read the same inputs: make each mark once
    for module in _modules(root):
        read = _read_indices(module.regions[0].blocks[0].arguments)
        mark = marks.get(read)
        if mark is None:
            mark = marks[read] = ir.ArrayAttr.get([ir.IntegerAttr.get(i64, index) for index in read])
        module.attributes[MARK] = mark
    return None


@loom_pass("name-inputs-optimized-away", kind=PassKind.DESIGN,
           summary="Connect each input the clean-up left unread (record-read-inputs marked it read) to a wire"
                   " `<port>_unused` (verilator -Wall clean)")
@needs_lowered_ir
def name(root: ir.Operation, options: NoOptions) -> bool | None:
    """Give every marked input that nothing reads now a ``<port>_unused`` wire; remove the marks."""
    del options
    changed = False
    decoded: dict[ir.Attribute, list[int]] = {}  # the marks are uniqued: decode each distinct one once
    for module in _modules(root):
        attributes = module.attributes
        mark = attributes.get(MARK)
        if mark is None:
            continue
        marked = decoded.get(mark)
        if marked is None:
            marked = decoded[mark] = [ir.IntegerAttr(index).value for index in ir.ArrayAttr(mark)]
        del attributes[MARK]
        body = module.regions[0].blocks[0]
        arguments = body.arguments
        for index in marked:
            argument = arguments[index]
            if next(iter(argument.uses), None) is not None:  # still read (most inputs)
                continue
            names = hw.ModuleType(ir.TypeAttr(module.attributes["module_type"]).value).input_names
            with module.location, ir.InsertionPoint.at_block_begin(body):
                ir.Operation.create("hw.wire", results=[argument.type], operands=[argument],
                                    attributes={"name": ir.StringAttr.get(f"{names[index]}{SUFFIX}")})
            changed = True
    return None if changed else False
