"""A symbol index for loom modules.

``loom.module`` is unregistered, so MLIR's ``SymbolTable`` does not see it as
a symbol; this index maps ``sym_name`` to the op for every module-like op
(``loom.module``, and ``hw.module``/``hw.module.extern`` once lowering has
produced them) directly in a ``builtin.module``. A module without a string
``sym_name`` is left out (the verifier reports it at the op), so building the
index never fails on malformed input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from circt import ir

from . import analyses
from .opkinds import MODULE_LIKE
from .ops import ModuleOp

SYMBOL_INDEX = "symbol-index"
"""The ``dialect/analyses.py`` fact loom-verify leaves for the next pass: its ``SymbolIndex`` of the root's modules
(at 10,000 modules, building one is 10-15 ms; loom-specialize-to-hw would build it again)."""


class SymbolIndex:
    """Name -> module-like op of one ``builtin.module``; rebuilt on demand, not kept in sync."""

    def __init__(self, root: ir.Operation, operations: Iterable[ir.OpView] | None = None):
        """``operations``: the ops of ``root``'s body, when the caller has listed them (each listing makes a
        Python object per op)."""
        self.root = root
        self._by_name: dict[str, ir.OpView] = {}
        self.duplicates: list[tuple[ir.OpView, ir.OpView]] = []
        for op in root.regions[0].blocks[0].operations if operations is None else operations:
            operation = op.operation
            if operation.name not in MODULE_LIKE:
                continue
            attr = operation.attributes.get("sym_name")
            if not isinstance(attr, ir.StringAttr):
                continue  # the verifier reports it; nothing can refer to it meanwhile
            name = attr.value
            if name in self._by_name:
                self.duplicates.append((self._by_name[name], op))
                continue
            self._by_name[name] = op

    @classmethod
    def of(cls, root: ir.Operation) -> SymbolIndex:
        """The index loom-verify left for ``root`` (``SYMBOL_INDEX``) when no pass has changed the IR since,
        else a new one; either way the caller's to keep (a kept index is handed out once)."""
        kept = analyses.take(root, SYMBOL_INDEX)
        return kept if isinstance(kept, SymbolIndex) else cls(root)

    def lookup(self, name: str) -> ir.OpView | None:
        return self._by_name.get(name)

    def loom_module(self, name: str) -> ModuleOp | None:
        op = self._by_name.get(name)
        return op if isinstance(op, ModuleOp) else None

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[ir.OpView]:
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        return list(self._by_name)

    def unique_name(self, base: str) -> str:
        """A module name not yet taken, ``base`` itself when free (``base_1``, ``base_2``, ...)."""
        if base not in self._by_name:
            return base
        suffix = 1
        while f"{base}_{suffix}" in self._by_name:
            suffix += 1
        return f"{base}_{suffix}"

    def reserve(self, name: str, op: ir.OpView) -> None:
        self._by_name[name] = op


def claim_unique_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base_1``, ``base_2``, ... if taken; the name returned is added to ``taken``.

    For names that must stay unique among siblings (module variants, instance
    names and inner symbols moved into a parent), where several are made in a row.
    """
    name, suffix = base, 0
    while name in taken:
        suffix += 1
        name = f"{base}_{suffix}"
    taken.add(name)
    return name


DECLARATIONS = ("sv.macro.decl", "sv.func")
"""Top-level ops that define what a module body may refer to as a symbol (docs/rationale.md, "Symbols
inside loom bodies"): a macro (``sv.ifdef @SYNTHESIS``), a function (``sv.func.call.procedural @f``)."""


def declarations_text(root: ir.Operation) -> str:
    """The symbol declarations at the top of ``root`` (``DECLARATIONS``), printed, for ``parse_beside``."""
    return "\n".join(str(op) for op in root.regions[0].blocks[0].operations if op.operation.name in DECLARATIONS)


def parse_beside(text: str, declarations: str) -> ir.Operation:
    """Parse ``text``, one top-level op printed alone (a module copy), beside ``declarations``.

    A body's references to top-level symbols resolve only where their
    declarations are, and MLIR verifies them while parsing; so the copy is
    parsed in a module that also holds the declarations (``declarations_text``),
    and returned detached from it. Parse errors are ``ir.MLIRError`` as for
    ``ir.Operation.parse``.
    """
    if not declarations:
        return ir.Operation.parse(text).operation
    wrapper = ir.Module.parse(f"{declarations}\n{text}")
    operations = wrapper.body.operations
    op = operations[len(operations) - 1].operation
    op.detach_from_parent()  # before ``wrapper`` goes, which would take the op with it
    return op
