"""``loom.annotate``: metadata about a module or about instance paths, kept in the IR.

::

    "loom.annotate"() {target = "c1.**", data = {floorplan = "x0y0"}} : () -> ()

The op sits in the body of a ``loom.module`` (the *anchor*). Without
``target`` it is about the anchor itself: every instance of the module. With
``target`` (a path pattern, docs/path-patterns.md) it is about the instances
below each anchor instance whose path relative to the anchor matches;
metadata about absolute paths therefore lives in the top module. An op that
inlining moved up carries the dissolved levels in ``scope`` (as
``loom.instance`` does), and its target is relative to them.

Why ops and not a side table: the op travels with its module through every
pass that copies, merges, renames or inlines modules, because those passes
move ops; none of them has to know metadata exists (the FIRRTL RenameMap
problem, docs/hierarchy.md). Modules that
hold annotations say so with the unit attribute ``has_annotations``, so the
export (``lowering/metadata.py``) finds them without walking every body.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar, cast

from circt import ir

from .hierarchy import scope_of
from .opdef import DICT, SCOPE, STRING, AttrDef, LoomOp, define, optional, required
from .ops import ModuleOp

if TYPE_CHECKING:
    from .paths import Label

# Path patterns (paths.py) are parsed only for an annotation with a target: every design's verification
# imports this module, and the pattern language's classes are 2-3 ms of `import loom` (docs/architecture.md,
# "Start-up").

FLAG = "has_annotations"
SIGNAL_FLAG = "has_signal_attributes"
"""A module whose body has a var or register with ``user_attributes`` (the metadata export reads only those)."""
USER_ATTRIBUTES = "user_attributes"
"""The entry of a port, or the attribute of a var or register, holding the attributes the user gave it."""
NO_METADATA = "no-metadata"
"""The ``dialect/analyses.py`` fact ``loom-verify`` leaves when no module is flagged (``FLAG``, ``SIGNAL_FLAG``)
and no port has ``USER_ATTRIBUTES``: ``loom-export-metadata`` would find nothing, and
``loom-specialize-to-hw`` asks no module again."""


def attribute_value(value: object) -> ir.Attribute:
    """A metadata value as an attribute: str, int, bool, or an attribute as is."""
    if isinstance(value, ir.Attribute):
        return value
    if isinstance(value, bool):
        return ir.BoolAttr.get(value)
    if isinstance(value, int):
        return ir.IntegerAttr.get(ir.IntegerType.get_signless(64), value)
    if isinstance(value, str):
        return ir.StringAttr.get(value)
    raise TypeError(f"metadata values are str, int or bool, got {type(value).__name__} ({value!r})")


@define
class AnnotateOp(LoomOp):
    """``loom.annotate``: metadata ``data`` about the anchor module or the instances ``target`` matches."""

    OPERATION_NAME = "loom.annotate"
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {
        "data": required(DICT), "target": optional(STRING), "scope": optional(SCOPE)}
    PARENTS = ("loom.module",)

    def verify_(self) -> Iterator[str]:
        target = self.target
        if target is not None:
            from .paths import PatternSyntaxError, parse_pattern  # an annotation with a target only (the note above)

            try:
                parse_pattern(target)
            except PatternSyntaxError as error:
                yield f"'loom.annotate' target: {error.message.splitlines()[0]}"

    @classmethod
    def build(cls, data: dict[str, object], target: str | None = None, loc: ir.Location | None = None,
              ip: ir.InsertionPoint | None = None) -> AnnotateOp:
        attributes: dict[str, ir.Attribute] = {
            "data": ir.DictAttr.get({key: attribute_value(value) for key, value in data.items()})}
        if target is not None:
            from .paths import parse_pattern  # an annotation with a target only (the note above)

            parse_pattern(target)  # fail now, with the column, not at export
            attributes["target"] = ir.StringAttr.get(target)
        return cast(AnnotateOp, ir.Operation.create(cls.OPERATION_NAME, attributes=attributes, loc=loc, ip=ip).opview)

    @property
    def target(self) -> str | None:
        attrs = self.operation.attributes
        return ir.StringAttr(attrs["target"]).value if "target" in attrs else None

    @property
    def data(self) -> dict[str, ir.Attribute]:
        return {named.name: named.attr for named in ir.DictAttr(self.operation.attributes["data"])}

    @property
    def scope(self) -> Label:
        return scope_of(self.operation.attributes)


def annotate(module: ModuleOp, data: dict[str, object], target: str | None = None,
             loc: ir.Location | None = None) -> AnnotateOp:
    """Add a ``loom.annotate`` to ``module`` (before its terminator) and flag the module."""
    op = AnnotateOp.build(data, target, loc=loc or module.location, ip=ir.InsertionPoint(module.output.operation))
    module.operation.attributes[FLAG] = ir.UnitAttr.get()
    return op


def verify_annotate(op: AnnotateOp, module: ModuleOp) -> list[tuple[ir.Location, str]]:
    """What the op's definition cannot see: the anchor module must carry the flag the export looks for."""
    if FLAG in module.operation.attributes:
        return []
    return [(op.location, f"module '{module.sym_name}' holds a 'loom.annotate' but lacks the unit"
                          f" attribute '{FLAG}' (the metadata export finds annotations by it)")]
