"""``loom-strip-unused-modules``: erase modules that are neither instantiated nor the top.

Option ``top``: the module to keep even though nobody instantiates it
(default: keep every module nobody instantiates when there is exactly one
such loom/hw module in the input, i.e. do nothing unless a top is named).
"""

from __future__ import annotations

from circt import ir

from ..dialect.errors import PassFailedError
from ..dialect.opkinds import INSTANCE_ATTRIBUTES, INSTANCES, MODULE_LIKE, MODULES
from ..dialect.symbols import SymbolIndex
from .pass_kinds import PassKind
from .pass_options import TopOptions
from .registry import loom_pass


def _instantiated(root: ir.Operation) -> set[str]:
    names: set[str] = set()
    for module in root.regions[0].blocks[0].operations:
        if module.operation.name not in MODULES:
            continue
        for op in module.operation.regions[0].blocks[0].operations:
            if op.operation.name in INSTANCES:
                attr = INSTANCE_ATTRIBUTES[op.operation.name].target
                names.add(ir.FlatSymbolRefAttr(op.operation.attributes[attr]).value)
    return names


@loom_pass("loom-strip-unused-modules", kind=PassKind.DESIGN,
           summary="Erase modules that are neither instantiated nor the top", options=TopOptions)
def run(module: ir.Operation, options: TopOptions) -> None:
    """Erase modules that are neither instantiated nor the top (repeats until nothing changes)."""
    top = options.top
    if top is None:
        return
    names = SymbolIndex(module).names()
    if top not in names:
        # Without this check a misspelt top would silently erase the whole design.
        raise PassFailedError(f"loom-strip-unused-modules: top module '{top}' does not exist"
                              f" (modules: {', '.join(sorted(names)) or 'none'})")
    while True:
        used = _instantiated(module) | {top}
        dead = [op for op in module.regions[0].blocks[0].operations
                if op.operation.name in MODULE_LIKE
                and ir.StringAttr(op.operation.attributes["sym_name"]).value not in used]
        if not dead:
            return
        for op in dead:
            op.operation.erase()
