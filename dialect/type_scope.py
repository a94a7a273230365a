"""The ``hw.type_scope @loom_types`` that holds loom's named struct types.

The frontend writes the scope as text (``frontend/types.py``); passes that make
new struct types (``change-port-bundle-struct``) or read them
(``extract-struct-info``) use these helpers. A named struct is the type
``!hw.typealias<@loom_types::@name, !hw.struct<...>>``, and ExportVerilog prints
the scope as ``typedef struct packed {...} name;`` at the top of every file
that uses it.
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

SCOPE = "loom_types"


def find_scope(root: ir.Operation) -> ir.Operation | None:
    """The ``hw.type_scope @loom_types`` directly in ``root`` (a ``builtin.module``), if any."""
    for op in root.regions[0].blocks[0].operations:
        operation = op.operation
        if operation.name == "hw.type_scope" and ir.StringAttr(operation.attributes["sym_name"]).value == SCOPE:
            return operation
    return None


def typedecls(root: ir.Operation) -> dict[str, ir.Type]:
    """Name -> declared type of every ``hw.typedecl`` in the loom type scope, in declaration order."""
    scope = find_scope(root)
    if scope is None:
        return {}
    return {ir.StringAttr(op.operation.attributes["sym_name"]).value: ir.TypeAttr(op.operation.attributes["type"]).value
            for op in scope.regions[0].blocks[0].operations if op.operation.name == "hw.typedecl"}


def declare(root: ir.Operation, name: str, inner: ir.Type) -> ir.Type:
    """The alias type for ``inner`` named ``name`` (or ``name_1``, ... if taken by another type), declared once."""
    declared = typedecls(root)
    chosen, suffix = name, 0
    while chosen in declared and declared[chosen] != inner:
        suffix += 1
        chosen = f"{name}_{suffix}"
    if chosen not in declared:
        scope = find_scope(root)
        block = root.regions[0].blocks[0]
        with ir.Location.unknown():
            if scope is None:
                scope = ir.Operation.create("hw.type_scope", attributes={"sym_name": ir.StringAttr.get(SCOPE)},
                                            regions=1, ip=ir.InsertionPoint.at_block_begin(block))
                scope.regions[0].blocks.append()
            ir.Operation.create("hw.typedecl", attributes={"sym_name": ir.StringAttr.get(chosen),
                                                          "type": ir.TypeAttr.get(inner)},
                                ip=ir.InsertionPoint(scope.regions[0].blocks[0]))
    return ir.Type.parse(f"!hw.typealias<@{SCOPE}::@{chosen}, {inner}>")


def canonical(type_: ir.Type) -> ir.Type:
    """The type an alias stands for (any other type unchanged)."""
    return hw.TypeAliasType(type_).canonical_type if hw.TypeAliasType.isinstance(type_) else type_


def alias_name(type_: ir.Type) -> str | None:
    """``pixel_t`` for ``!hw.typealias<@loom_types::@pixel_t, ...>``."""
    return hw.TypeAliasType(type_).name if hw.TypeAliasType.isinstance(type_) else None
