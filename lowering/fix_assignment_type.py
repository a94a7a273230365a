"""``fix-assignment-type``: give every ``loom.assign {kind = "undefined"}`` its SystemVerilog kind.

kratos's ``fix_assignment_type``: the statement builder (``loom.assign(dst,
src)``) makes assignments before they are placed, so the frontend writes
them as ``"loom.assign"(%dst, %value) {kind = "undefined"}``. Where the op
ends up decides the kind (docs/ir-conventions.md):

- inside ``sv.alwaysff``, or an ``sv.always`` on a clock edge: non-blocking
  (``sv.passign``);
- inside any other procedural region (``sv.alwayscomb``, a level-sensitive
  ``sv.always``, ``sv.initial``, ``sv.func``): blocking (``sv.bpassign``);
- at module level: continuous (``sv.assign``).

A ``loom.assign`` whose ``kind`` is already ``blocking`` / ``nonblocking`` /
``continuous`` becomes that op wherever it is. It is one pattern on
``loom.assign`` applied by the walk driver (each op is visited once; no
fixpoint is needed).
"""

from __future__ import annotations

from circt import ir, rewrite

from ..dialect.opkinds import ASSIGN_OP, MODULES, PROCEDURAL_BLOCKS
from ..dialect.statement_ops import AssignOp
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import idle, is_clocked, parent_op, walk_and_apply

_PROCEDURAL = PROCEDURAL_BLOCKS | {"sv.func"}


def kind_for(op: ir.Operation) -> str:
    """The assignment kind that the position of ``op`` calls for."""
    parent = parent_op(op)
    while parent is not None:
        name = parent.name
        if name in _PROCEDURAL:
            return "nonblocking" if is_clocked(parent) else "blocking"
        if name in MODULES or name == "builtin.module":
            return "continuous"
        parent = parent_op(parent)
    return "continuous"


def _fix(operation: ir.Operation, rewriter: rewrite.PatternRewriter) -> bool:
    """Replace one ``loom.assign`` by the op of its kind."""
    attrs = operation.attributes  # kind and operands were checked by the op's definition (AssignOp)
    kind = ir.StringAttr(attrs["kind"]).value if "kind" in attrs else "undefined"
    if kind == "undefined":
        kind = kind_for(operation)
    name = ASSIGN_OP[kind]
    with rewriter.ip, operation.location:
        ir.Operation.create(name, operands=list(operation.operands))
    rewriter.erase_op(operation)
    return True


@loom_pass("fix-assignment-type", kind=PassKind.MODULE,
           summary="Make each undefined loom.assign blocking, non-blocking or continuous by where it is placed")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Resolve every loom.assign into sv.bpassign / sv.passign / sv.assign by its position."""
    del options
    if idle(module, "fix-assignment-type"):
        return False  # no loom.assign: the IR is untouched
    return None if walk_and_apply(module, [(AssignOp.OPERATION_NAME, _fix)]) else False
