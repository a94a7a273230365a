"""The ``hw.type_scope @<top>_types`` that holds loom's named struct types.

The frontend writes the scope as text (``frontend/types.py``); passes that make
new struct types (``change-port-bundle-struct``) or read them
(``extract-struct-info``) use these helpers. A named struct is the type
``!hw.typealias<@<top>_types::@name, !hw.struct<...>>``, and ExportVerilog prints
the scope as ``typedef struct packed {...} name;`` at the top of every file
that uses it, inside an include guard named after the scope
(```ifndef _TYPESCOPE_<top>_types``).

The scope is named after the design's top module (``scope_name``), so the guard
is different for each design: two loom-generated IPs compiled together each
declare their own typedefs (with one shared guard, the second IP's were
skipped). The name is stable from run to run, as the top's name is.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from circt import ir
from circt.dialects import hw

from .hierarchy import Hierarchy

SCOPE = "loom_types"
"""The scope's name where no top module is known (a design without modules)."""


def scope_name(top: str, taken: Collection[str]) -> str:
    """``<top>_types``, or ``<top>_types_1``, ... when a module already has that name."""
    name, suffix = f"{top}_types", 0
    while name in taken:
        suffix += 1
        name = f"{top}_types_{suffix}"
    return name


def find_scope(root: ir.Operation) -> ir.Operation | None:
    """The ``hw.type_scope`` directly in ``root`` (a ``builtin.module``; loom writes one), if any."""
    for op in root.regions[0].blocks[0].operations:
        if op.operation.name == "hw.type_scope":
            return op.operation
    return None


def _new_scope(root: ir.Operation) -> ir.Operation:
    """An empty type scope at the start of ``root``, named after its top module."""
    block = root.regions[0].blocks[0]
    symbols = [ir.StringAttr(op.operation.attributes["sym_name"]).value for op in block.operations
               if "sym_name" in op.operation.attributes]
    tops = Hierarchy(root, require_top=False).top
    name = scope_name(tops, symbols) if tops else SCOPE
    scope = ir.Operation.create("hw.type_scope", attributes={"sym_name": ir.StringAttr.get(name)},
                                regions=1, ip=ir.InsertionPoint.at_block_begin(block))
    scope.regions[0].blocks.append()
    return scope


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
    scope = find_scope(root)
    if chosen not in declared:
        with ir.Location.unknown():
            if scope is None:
                scope = _new_scope(root)
            ir.Operation.create("hw.typedecl", attributes={"sym_name": ir.StringAttr.get(chosen),
                                                          "type": ir.TypeAttr.get(inner)},
                                ip=ir.InsertionPoint(scope.regions[0].blocks[0]))
    assert scope is not None  # a declared name has a scope
    name = ir.StringAttr(scope.attributes["sym_name"]).value
    return ir.Type.parse(f"!hw.typealias<@{name}::@{chosen}, {inner}>")


def canonical(type_: ir.Type) -> ir.Type:
    """The type an alias stands for (any other type unchanged)."""
    return hw.TypeAliasType(type_).canonical_type if hw.TypeAliasType.isinstance(type_) else type_


def unpacked_size(type_: ir.Type) -> int | None:
    """The number of elements of an unpacked array type (``!hw.uarray<4xi2>``: 4); None for any other type.

    The wheel has no Python class for CIRCT's unpacked array type, so it is read from the type's text."""
    match = re.match(r"!hw\.uarray<(\d+)x", str(canonical(type_)))
    return int(match.group(1)) if match else None


def alias_name(type_: ir.Type) -> str | None:
    """``pixel_t`` for ``!hw.typealias<@<top>_types::@pixel_t, ...>``."""
    return hw.TypeAliasType(type_).name if hw.TypeAliasType.isinstance(type_) else None
