"""``uniquify-generators``: one module per distinct structure of a generator, with distinct names.

kratos's ``uniquify_generators`` renames generators that share a name but
differ. In loom IR symbol names are unique already, so "share a name" means
"come from the same generator": a ``loom.module`` names its generator in the
``generator`` attribute (the frontend writes it when it had to rename a
module, e.g. an initialised and edited clone; passes that copy modules keep
it), and a module without it is its own generator ``sym_name``.

Within each generator, the pass

- merges modules that are structurally equal (``hash-generators``'s hash,
  backed by its exact equality check, so a hash collision never merges two
  different modules): instances of the others are pointed at the first, in
  IR order, and the others are erased;
- names what is left ``G``, ``G_1``, ``G_2``, ... in IR order (``G`` the
  generator's name), skipping names other modules hold.

Names depend only on the IR order, never on Python's hash seed.
"""

from __future__ import annotations

from circt import ir

from ..dialect.ops import InstanceOp, ModuleOp
from .hash_generators import GENERATOR_ATTR, ModuleClass, structural_classes
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass


def generator_name(op: ModuleOp) -> str:
    """The generator a module comes from: its ``generator`` attribute, else its own name."""
    attributes = op.operation.attributes
    if GENERATOR_ATTR in attributes:
        return ir.StringAttr(attributes[GENERATOR_ATTR]).value
    return op.sym_name


def plan(root: ir.Operation) -> tuple[dict[str, str], dict[str, str]]:
    """``(merged, renamed)``: modules to erase -> the module that replaces them, and old -> new names."""
    classes = structural_classes(root)
    groups: dict[str, list[ModuleClass]] = {}
    for op in root.regions[0].blocks[0].operations:  # IR order
        if isinstance(op, ModuleOp):
            groups.setdefault(generator_name(op), []).append(classes[op.sym_name])
    merged: dict[str, str] = {}
    survivors: dict[str, list[str]] = {}
    for group, entries in groups.items():
        first_of_class: dict[int, str] = {}
        for entry in entries:
            kept = first_of_class.setdefault(entry.cls, entry.name)
            if kept != entry.name:
                merged[entry.name] = kept
        survivors[group] = list(first_of_class.values())
    renamed: dict[str, str] = {}
    taken = set(survivors)  # every generator's own name is kept for it
    for group, names in survivors.items():
        suffix = 0
        for index, name in enumerate(names):
            new = group
            if index:
                suffix += 1
                new = f"{group}_{suffix}"
                while new in taken:
                    suffix += 1
                    new = f"{group}_{suffix}"
                taken.add(new)
            if new != name:
                renamed[name] = new
    return merged, renamed


@loom_pass("uniquify-generators", kind=PassKind.HIERARCHY,
           summary="Merge structurally equal modules of one generator; name the different ones G, G_1, G_2, ...")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Merge structurally equal modules of one generator; give the different ones distinct names."""
    del options
    merged, renamed = plan(module)
    if not merged and not renamed:
        return
    target = {old: renamed.get(new, new) for old, new in merged.items()}
    target.update(renamed)
    erase: list[ir.Operation] = []
    for op in module.regions[0].blocks[0].operations:
        if not isinstance(op, ModuleOp):
            continue
        name = op.sym_name
        if name in merged:
            erase.append(op.operation)
            continue
        for inner in op.body.operations:
            if isinstance(inner, InstanceOp):
                new = target.get(inner.module_name)
                if new is not None:
                    inner.operation.attributes["module"] = ir.FlatSymbolRefAttr.get(new)
        if name in renamed:
            op.operation.attributes["sym_name"] = ir.StringAttr.get(renamed[name])
    for operation in erase:
        operation.erase()
