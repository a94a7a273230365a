"""``loom-inline``: dissolve the instances a path pattern matches into their parents.

Inlining is an instance edit (``edits.py``), so only the parents on matched
paths get variants; an instance of a module elsewhere is left alone. The
child's body ops move into the parent in place of the instance: its inputs
become the instance's operands, its outputs replace the instance's results.
Names that must stay unique in the parent get the instance name as prefix
(``c2_acc``, with a number added on a clash): ``name`` attributes, inner
symbols, and instance names; a moved instance remembers its own name in
``path_name``.

Moved ``loom.instance`` and ``loom.annotate`` ops record the dissolved level
in ``scope`` (``[{name = "c2", identity = {...}}]``), which path patterns,
queries and the metadata export read as part of the path: the logical path
``c1.c2.x`` still matches the instance that is now ``c1.c2_x``. That is the
inliner keeping its own bookkeeping, the way MLIR inlining keeps call-site
locations; nothing that refers to paths is rewritten.

The child must be specialised first (no parameters, no conditional ports).
Options: ``path`` (the pattern), ``top``.
"""

from __future__ import annotations

import re

from circt import ir
from circt.dialects import hw

from ..dialect.annotate import FLAG, SIGNAL_FLAG, AnnotateOp
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.hierarchy import identity_of, scope_attr, scope_of
from ..dialect.ops import IN, InstanceOp
from ..dialect.symbols import claim_unique_name
from .edit_passes import run_edit_pass
from .editors import InstanceEditor
from .edits import Edit
from .pass_kinds import PassKind
from .pass_options import PathOptions
from .registry import loom_pass

_INNER_SYM = re.compile(r"@([\w$.-]+|\"[^\"]*\")")


def _inner_sym(attrs: ir.OpAttributeMap) -> str | None:
    if "inner_sym" not in attrs:
        return None
    match = _INNER_SYM.search(str(attrs["inner_sym"]))
    return match.group(1).strip('"') if match is not None else None


def _taken_names(block: ir.Block) -> set[str]:
    """Instance names and inner symbols already used in the parent's body (they must stay unique)."""
    taken: set[str] = set()
    for op in block.operations:
        attrs = op.operation.attributes
        if isinstance(op, InstanceOp):
            taken.add(op.instance_name)
        sym = _inner_sym(attrs)
        if sym is not None:
            taken.add(sym)
    return taken


def _rename(op: ir.OpView, prefix: str, segment: tuple[str, tuple[tuple[str, int], ...]], taken: set[str]) -> bool:
    """Give one moved op its new names and scope; True if it is an annotation."""
    attrs = op.operation.attributes
    if isinstance(op, (InstanceOp, AnnotateOp)):
        attrs["scope"] = scope_attr((segment,) + scope_of(attrs))
    if isinstance(op, InstanceOp):
        if "path_name" not in attrs:
            attrs["path_name"] = attrs["instance_name"]
        attrs["instance_name"] = ir.StringAttr.get(claim_unique_name(f"{prefix}_{op.instance_name}", taken))
    if "name" in attrs and isinstance(attrs["name"], ir.StringAttr):
        attrs["name"] = ir.StringAttr.get(f"{prefix}_{ir.StringAttr(attrs['name']).value}")
    sym = _inner_sym(attrs)
    if sym is not None:
        attrs["inner_sym"] = hw.InnerSymAttr.get(ir.StringAttr.get(claim_unique_name(f"{prefix}_{sym}", taken)))
    return isinstance(op, AnnotateOp)


def inline_instance(instance: InstanceEditor) -> None:
    """Replace one ``loom.instance`` by a copy of its (specialised) module's body."""
    target = instance.target
    op = instance.op
    if target.parameters or any(p.condition is not None for p in target.ports):
        raise PassFailedError(f"cannot inline instance '{instance.name}': '{target.sym_name}' still has parameters"
                              " or conditional ports; run loom-specialize first", location_text(op.location))
    clone = target.operation.clone(ip=ir.InsertionPoint(op.operation))
    body = clone.regions[0].blocks[0]
    connected = dict(zip(op.input_names, op.operation.operands))
    inputs = [p for p in target.ports if p.direction == IN]
    for port, argument in zip(inputs, body.arguments):
        if port.name not in connected:
            raise PassFailedError(f"cannot inline instance '{instance.name}': input '{port.name}' is not connected",
                                  location_text(op.location))
        argument.replace_all_uses_with(connected[port.name])
    operations = list(body.operations)
    terminator = operations[-1]
    outputs = [p.name for p in target.ports if p.direction != IN]
    driven = dict(zip(outputs, terminator.operation.operands))
    segment = (instance.name, identity_of(op.operation.attributes))
    moved_annotation = False
    taken = _taken_names(instance.parent.module.body)
    for inner in operations[:-1]:
        moved_annotation |= _rename(inner, instance.name, segment, taken)
        inner.operation.move_before(op.operation)
    for name, result in zip(op.output_names, op.operation.results):
        result.replace_all_uses_with(driven[name])
    op.operation.erase()
    clone.erase()
    if moved_annotation:
        instance.parent.module.operation.attributes[FLAG] = ir.UnitAttr.get()
    if SIGNAL_FLAG in target.operation.attributes:  # attributed vars moved up: the export must look here now
        instance.parent.module.operation.attributes[SIGNAL_FLAG] = ir.UnitAttr.get()


def inline() -> Edit:
    """Inline each matched instance into its parent (a parent variant where only some of its instances match)."""
    return Edit(instance=inline_instance, tag="inlined")


@loom_pass("loom-inline", kind=PassKind.HIERARCHY,
           summary="Inline the instances a path pattern matches into their parents", options=PathOptions)
def run(module: ir.Operation, options: PathOptions) -> None:
    """Inline the instances a path pattern matches into their parents (children must be specialised)."""
    run_edit_pass(module, options, "loom-inline", inline())
