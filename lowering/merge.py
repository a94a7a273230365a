"""``loom-dedup`` and ``loom-parameterize-constants``: merge modules that are the same hardware.

``loom-dedup`` merges structurally equal modules (``structural.py``: hash to
find candidates, text equality to decide), bottom-up, so parents whose
children merged can merge in turn. The first module of a group in
post-order keeps its name; instances of the others are pointed at it.

``loom-parameterize-constants`` also merges modules that differ *only in
constants* (``hw.constant`` values, integer parameter and identity values on
their instances): the group becomes one module with a parameter ``K<n>`` per
differing constant, whose default is the representative's value, and every
instance of a former member sets the values it had. 64 cores that differ in
a hart id become one core with one parameter, not 64 modules; a core with
one real structural difference stays a second module. The new parameters
are listed in the module's ``kept_parameters``, so loom-specialize keeps them
as SystemVerilog parameters (unless one of them decides a port). Merging
runs in rounds: parents whose children merged differ afterwards only in
instance parameter values and merge in the next round.

Options (both): ``top`` (a module that is never merged away; default: every
module nobody instantiates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from circt import ir

from ..dialect.constants import signed_literal
from ..dialect.hierarchy import Hierarchy
from ..dialect.ops import ModuleOp
from ..dialect.symbols import declarations_text, parse_beside
from .structural import Slot, StructuralTable, shape_and_slots, slot_text_with_parameters, structural_texts


@dataclass
class MergeReport:
    """What a merge did: ``merged`` maps each erased module to the module that replaced it."""

    merged: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, list[str]] = field(default_factory=dict)
    """Module -> the parameters that constant merging added to it."""
    rounds: int = 0


def _int_attr(width: int, value: int) -> ir.IntegerAttr:
    type_ = ir.IntegerType.get_signless(width)
    return ir.IntegerAttr.get(type_, signed_literal(value, width))


def retarget(hier: Hierarchy, owners: list[str], renamed: dict[str, tuple[str, dict[str, ir.Attribute]]]) -> set[str]:
    """Point instances in ``owners`` at the modules their targets were merged into; returns the changed owners.

    ``renamed[old] = (new, parameters)``: the instance also sets ``parameters``
    (added to the ones it already sets).
    """
    changed: set[str] = set()
    for owner in owners:
        for edge in hier.edges.get(owner, []):
            if edge.target not in renamed:
                continue
            new, extra = renamed[edge.target]
            attrs = edge.op.operation.attributes
            attrs["module"] = ir.FlatSymbolRefAttr.get(new)
            if extra:
                given = {n.name: n.attr for n in ir.DictAttr(attrs["parameters"])} if "parameters" in attrs else {}
                given.update(extra)
                attrs["parameters"] = ir.DictAttr.get(given)
            edge.target = new
            changed.add(owner)
    return changed


class _Merger:
    def __init__(self, root: ir.Operation, top: str | None, parameterize: bool):
        self.root = root
        self.parameterize = parameterize
        self.hier = Hierarchy(root, top, require_top=False)
        self.keep = {top} if top else set(self.hier.tops)
        self.report = MergeReport()

    def loom_modules(self, names: list[str]) -> list[str]:
        return [n for n in names if self.hier.modules[n].operation.name == "loom.module"]

    def run(self) -> MergeReport:
        order = self.loom_modules(self.hier.post_order(sorted(self.keep)))
        if not self.parameterize:
            self.dedup(order)
            return self.report
        pending = order
        while pending:
            self.report.rounds += 1
            pending = self.merge_round(order, pending)
            order = [n for n in order if n in self.hier.modules]
        return self.report

    def owners_of(self, names: set[str]) -> list[str]:
        return [n for n, edges in self.hier.edges.items() if any(e.target in names for e in edges)]

    def erase(self, name: str, into: str) -> None:
        self.hier.modules.pop(name).operation.erase()
        self.hier.edges.pop(name)
        self.report.merged[name] = into

    def dedup(self, order: list[str]) -> None:
        """Exact merging in one bottom-up sweep (children are merged before their parents are printed).

        The design is printed once, and again only when a module is reached
        whose instances were retargeted since the last print (printing one
        module costs as much as printing all). Before re-printing, every
        module still to come is retargeted too: retargeting is idempotent
        and a module's text is compared only once all its children are done,
        so the texts compared are the ones a print per module would give.
        """
        table = StructuralTable()
        renamed: dict[str, tuple[str, dict[str, ir.Attribute]]] = {}
        texts = structural_texts(self.root)
        for index, name in enumerate(order):
            if retarget(self.hier, [name], renamed):
                retarget(self.hier, order[index + 1:], renamed)
                texts = structural_texts(self.root)
            if name in self.keep:
                continue
            existing = table.find_or_add(texts[name], name)
            if existing != name:
                renamed[name] = (existing, {})
                self.erase(name, existing)

    def merge_round(self, order: list[str], pending: list[str]) -> list[str]:
        """Group every module by shape, merge the groups with several members; returns modules to look at again."""
        del pending  # shapes are cheap enough to recompute; the round structure bounds the work by the depth
        groups: dict[str, list[tuple[str, list[Slot]]]] = {}
        texts = structural_texts(self.root)  # nothing changes until every module is grouped
        for name in order:
            if name in self.keep:
                continue
            shape, slots = shape_and_slots(texts[name])
            groups.setdefault(shape, []).append((name, slots))
        renamed: dict[str, tuple[str, dict[str, ir.Attribute]]] = {}
        for members in groups.values():
            if len(members) > 1:
                renamed.update(self.merge_group(members))
        if not renamed:
            return []
        changed = retarget(self.hier, self.owners_of(set(renamed)), renamed)
        return sorted(changed)

    def merge_group(self, members: list[tuple[str, list[Slot]]]) -> dict[str, tuple[str, dict[str, ir.Attribute]]]:
        representative, base = members[0]
        differing = sorted({i for _, slots in members[1:] for i, (a, b) in enumerate(zip(base, slots))
                            if a.value != b.value})
        module = self.hier.modules[representative]
        names: dict[int, str] = {}
        if differing:
            module = self.generalize(representative, base, differing, names)
        renamed = {}
        for name, slots in members[1:]:
            extra = {names[i]: _int_attr(slots[i].width, slots[i].value) for i in differing
                     if slots[i].value != base[i].value}
            renamed[name] = (representative, extra)
            self.erase(name, representative)
        del module
        return renamed

    def generalize(self, name: str, base: list[Slot], differing: list[int], names: dict[int, str]) -> ModuleOp:
        """Re-create module ``name`` with parameters at the ``differing`` slots (defaults: its own values)."""
        original = self.hier.modules[name]
        taken = {p.name for p in ModuleOp(original.operation).parameters}
        counter = 0
        for index in differing:
            while f"K{counter}" in taken:
                counter += 1
            names[index] = f"K{counter}"
            taken.add(names[index])
        text = original.operation.get_asm(print_generic_op_form=True, enable_debug_info=True)
        text = slot_text_with_parameters(text, names, [s.kind for s in base])
        with original.location:
            new = parse_beside(text, declarations_text(self.root))
        ir.InsertionPoint(original.operation).insert(new)
        module = ModuleOp(new)
        attrs = new.attributes
        decls = list(ir.ArrayAttr(attrs["parameters"])) if "parameters" in attrs else []
        for index in differing:
            slot = base[index]
            decls.append(ir.Attribute.parse(f'#hw.param.decl<"{names[index]}": i{slot.width} = '
                                            f'{signed_literal(slot.value, slot.width)}>'))
        attrs["parameters"] = ir.ArrayAttr.get(decls)
        kept = [ir.StringAttr(a).value for a in ir.ArrayAttr(attrs["kept_parameters"])] \
            if "kept_parameters" in attrs else []
        attrs["kept_parameters"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in kept + [names[i] for i in differing]])
        original.operation.erase()
        self.hier.modules[name] = module
        self.hier.edges[name] = Hierarchy.edges_of(module)
        self.report.parameters[name] = [names[i] for i in differing]
        return module


def deduplicate(root: ir.Operation, top: str | None = None) -> MergeReport:
    """Merge structurally equal modules (bottom-up); the top is never merged away."""
    return _Merger(root, top, parameterize=False).run()


def parameterize_constants(root: ir.Operation, top: str | None = None) -> MergeReport:
    """Merge modules that differ only in constants into one module with parameters (see the module docstring)."""
    return _Merger(root, top, parameterize=True).run()
