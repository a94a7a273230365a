"""``loom-strip-unused-modules``: erase modules that are neither instantiated nor the top.

Option ``top``: the module to keep even though nobody instantiates it
(default: keep every module nobody instantiates when there is exactly one
such loom/hw module in the input, i.e. do nothing unless a top is named).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from circt import ir

from ..dialect.errors import PassFailedError
from ..dialect.opkinds import INSTANCE_ATTRIBUTES, INSTANCES, MODULE_LIKE, MODULES
from .pass_kinds import PassKind
from .pass_options import TopOptions
from .registry import loom_pass


def _instantiated_by(module: ir.Operation) -> set[str]:
    """The modules the instance ops in ``module``'s body instantiate."""
    names: set[str] = set()
    for op in module.regions[0].blocks[0].operations:
        if op.operation.name in INSTANCES:
            attr = INSTANCE_ATTRIBUTES[op.operation.name].target
            names.add(ir.FlatSymbolRefAttr(op.operation.attributes[attr]).value)
    return names


def strip(root: ir.Operation, top: str, known: Mapping[str, AbstractSet[str]] | None = None) -> None:
    """Erase the modules that are neither ``top`` nor instantiated by a module that stays (to a fixed point).

    ``known``: what each module instantiates, where the caller already knows it (loom-specialize-to-hw,
    which made the instances); those bodies are not walked.
    """
    known = known or {}
    modules: dict[str, ir.Operation] = {}
    targets: dict[str, AbstractSet[str]] = {}
    for op in root.regions[0].blocks[0].operations:
        operation = op.operation
        if operation.name not in MODULE_LIKE:
            continue
        name = ir.StringAttr(operation.attributes["sym_name"]).value
        modules[name] = operation
        if name in known:
            targets[name] = known[name]
        elif operation.name in MODULES:
            targets[name] = _instantiated_by(operation)
    if top not in modules:
        # Without this check a misspelt top would silently erase the whole design.
        raise PassFailedError(f"loom-strip-unused-modules: top module '{top}' does not exist"
                              f" (modules: {', '.join(sorted(modules)) or 'none'})")
    while True:
        used = {top}.union(*(targets.get(name, ()) for name in modules))
        dead = [name for name in modules if name not in used]
        if not dead:
            return
        for name in dead:
            modules.pop(name).erase()


@loom_pass("loom-strip-unused-modules", kind=PassKind.DESIGN,
           summary="Erase modules that are neither instantiated nor the top", options=TopOptions)
def run(module: ir.Operation, options: TopOptions) -> None:
    """Erase modules that are neither instantiated nor the top (repeats until nothing changes)."""
    if options.top is not None:
        strip(module, options.top)
