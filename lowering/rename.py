"""``loom-rename-module{from=OLD to=NEW}``: rename a loom module and the instances that refer to it.

Module names appear only in ``sym_name`` and in the ``module`` attribute of
instances: path patterns, queries and ``loom.annotate`` use instance names,
so renaming a module never touches metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ..dialect.errors import PassFailedError
from ..dialect.names import name_problem
from ..dialect.ops import InstanceOp, ModuleOp
from ..dialect.symbols import SymbolIndex
from .pass_kinds import PassKind
from .pass_options import option
from .registry import loom_pass


def rename_module(root: ir.Operation, old: str, new: str) -> int:
    """Rename module ``old`` to ``new``; returns how many instance ops were updated."""
    symbols = SymbolIndex(root)
    module = symbols.loom_module(old)
    if module is None:
        raise PassFailedError(f"loom-rename-module: no loom.module named '{old}'")
    if new in symbols:
        raise PassFailedError(f"loom-rename-module: a module named '{new}' already exists")
    if name_problem(new) is not None:
        raise PassFailedError(f"loom-rename-module: '{new}' is not a valid module name: {name_problem(new)}")
    module.operation.attributes["sym_name"] = ir.StringAttr.get(new)
    updated = 0
    reference = ir.FlatSymbolRefAttr.get(new)
    for op in symbols:
        if not isinstance(op, ModuleOp):
            continue
        for inner in op.body.operations:
            if isinstance(inner, InstanceOp) and inner.module_name == old:
                inner.operation.attributes["module"] = reference
                updated += 1
    return updated


@dataclass(frozen=True)
class RenameOptions:
    """The options of ``loom-rename-module``."""

    from_: str = option(help="the module's name now")
    to: str = option(help="its new name")


@loom_pass("loom-rename-module", kind=PassKind.HIERARCHY,
           summary="Rename a loom module and the instances of it", options=RenameOptions)
def run(module: ir.Operation, options: RenameOptions) -> None:
    """Rename a loom module and every instance's reference to it."""
    rename_module(module, options.from_, options.to)
