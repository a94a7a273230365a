"""Say what loom-specialize did with each identity parameter that some logic reads.

An identity parameter (``cpu #3``) that nothing reads never costs a module.
One that is read either splits its module (one module per value: the
parameter decides a port, or keep-parameters is off) or stays a
SystemVerilog parameter. Which one happened matters to the user (64 modules
or one), so the specialiser reports it as a remark at the first instance of
the module, with a note at the module. Unread identity parameters say nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect import remarks

if TYPE_CHECKING:
    from ..dialect.ops import InstanceOp
    from .specialize import Specializer


def report_identity_parameters(specializer: Specializer) -> None:
    """One remark per (module, read identity parameter); free when nobody listens."""
    if not remarks._listeners:
        return
    first_instance: dict[str, InstanceOp] = {}
    for node in specializer.graph.nodes.values():
        for inst, target in zip(node.instances, node.targets, strict=True):
            first_instance.setdefault(target, inst)
    for name, facts in specializer.facts.items():
        read = [n for n in facts.decls if n in facts.identity and n in facts.read]
        if not read or name not in first_instance:
            continue
        variants = len(specializer.variants.get(name, {}))
        for param in read:
            if param in facts.structural:
                what = (f"splits '{name}' into one module per value ({variants} module"
                        f"{'s' if variants != 1 else ''})")
            else:
                what = "stays a SystemVerilog parameter (one module for all values)"
            remarks.emit(first_instance[name].location,
                         f"identity parameter '{param}' of '{name}' is read by its logic: it {what}",
                         notes=((facts.module.location, f"'{name}' is defined here"),))
