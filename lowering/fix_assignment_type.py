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

from circt import ir
from circt.rewrite import PatternRewriter, RewritePatternSet, walk_and_apply_patterns

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError

_KIND_OPS = {"blocking": "sv.bpassign", "nonblocking": "sv.passign", "continuous": "sv.assign"}
_SEQUENTIAL = {"sv.alwaysff"}
_PROCEDURAL = {"sv.alwayscomb", "sv.always", "sv.initial", "sv.func", "sv.alwaysff"}
_CLOCK_EDGES = (0, 1)
"""``sv::EventControl`` values of ``posedge`` and ``negedge`` (2 is "any change", a level sensitivity)."""


def _is_edge_triggered(always: ir.Operation) -> bool:
    """An ``sv.always`` on a clock edge (``always @(posedge clk)``) is sequential."""
    attrs = always.attributes
    if "events" not in attrs:
        return False
    return any(ir.IntegerAttr(event).value in _CLOCK_EDGES for event in ir.ArrayAttr(attrs["events"]))


def kind_for(op: ir.Operation) -> str:
    """The assignment kind that the position of ``op`` calls for."""
    parent = op.parent
    while parent is not None:
        name = parent.name
        if name in _SEQUENTIAL or (name == "sv.always" and _is_edge_triggered(parent)):
            return "nonblocking"
        if name in _PROCEDURAL:
            return "blocking"
        if name in ("hw.module", "loom.module", "builtin.module"):
            return "continuous"
        parent = parent.parent
    return "continuous"


def _fix(op: ir.Operation, rewriter: PatternRewriter) -> bool:
    """Replace one ``loom.assign``; returns False (the binding's "matched") on success."""
    operation = op.operation if hasattr(op, "operation") else op
    attrs = operation.attributes
    kind = ir.StringAttr(attrs["kind"]).value if "kind" in attrs else "undefined"
    if kind == "undefined":
        kind = kind_for(operation)
    name = _KIND_OPS.get(kind)
    if name is None or len(operation.operands) != 2:
        raise PassFailedError(f"'loom.assign' needs two operands and a kind among undefined, "
                              f"{', '.join(_KIND_OPS)}; got kind '{kind}'", location_text(operation.location))
    with rewriter.ip, operation.location:
        ir.Operation.create(name, operands=list(operation.operands))
    rewriter.erase_op(operation)
    return False


def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Resolve every loom.assign into sv.bpassign / sv.passign / sv.assign by its position."""
    del options
    patterns = RewritePatternSet()
    patterns.add("loom.assign", _fix)
    walk_and_apply_patterns(module, patterns.freeze())
