"""``loom-specialize-to-hw``: loom-specialize, loom-export-metadata, lower-loom-to-hw and
loom-strip-unused-modules as one pass.

Options (as ``loom-specialize``): ``keep-parameters``, ``top`` (the modules neither the top nor
instantiated below it are erased only when it is given, as loom-strip-unused-modules does).

Retargeting an instance (which variant of its module it instantiates, which
parameters it keeps) and lowering it (an ``hw.instance`` with its operands in
the target's port order) both depend only on the instance's *kind*: its
uniqued ``module``, ``parameters``, ``identity``, ``input_names`` and
``output_names`` attributes (``instance_graph.BodyIndex``). Run one after
the other, the two passes read and rewrite every instance op; here the
instances are grouped once, each kind's rewrite and ``hw.instance`` plan are
made from its first instance, and every other instance costs only the
creation of its ``hw.instance``; what each lowered module instantiates is known from the plans, so
stripping unused modules walks no lowered body. The result is the IR the four passes give.

``loom-export-metadata`` needs the retargeted loom IR between the two, so a
design with metadata to export (``loom.annotate`` ops, signal attributes)
runs the passes one after the other.
"""

from __future__ import annotations

from circt import ir

from ..dialect import analyses
from ..dialect.annotate import NO_METADATA
from ..dialect.instance_graph import InstanceKind
from ..dialect.ops import InstanceOp, ModuleOp
from ..dialect.symbols import SymbolIndex
from . import lower_loom_to_hw, specialize, strip_unused
from .lower_loom_to_hw import Lowering, PlannedBody
from .pass_kinds import PassKind
from .registry import loom_pass
from .specialize import InterfaceKey, SpecializeOptions, Specializer, Updates


def _has_metadata(root: ir.Operation, symbols: SymbolIndex) -> bool:
    """Whether loom-export-metadata has anything to do on ``root`` (whose modules ``symbols`` indexes): its
    walks run only when some module may have something for it. ``loom-verify``, just before, looked at every
    module's flags and ports (``NO_METADATA``): then none is asked again."""
    if analyses.take(root, NO_METADATA):
        return False
    from . import metadata  # a design that may have metadata only (docs/architecture.md, "Start-up")

    if not symbols.duplicates and not any(
            metadata.may_export(op.operation) for op in symbols if op.operation.name == ModuleOp.OPERATION_NAME):
        return False
    return bool(metadata.annotated(root) or metadata.signal_attributes(root))


class Plan:
    """What lowering the specialised design needs from the specializer, which is gone before it starts (a plain
    class: a ``NamedTuple`` costs about 0.1 ms at import, docs/architecture.md, "Start-up")."""

    __slots__ = ("bodies", "complete", "interfaces", "modules")

    def __init__(self, bodies: dict[str, PlannedBody], modules: list[tuple[str, ModuleOp]], complete: bool,
                 interfaces: dict[str, InterfaceKey] | None = None):
        self.bodies = bodies
        self.modules = modules
        """Every ``loom.module`` and its name, in IR order."""
        self.interfaces = interfaces
        """The interface attributes of each of ``modules`` as the specializer read them, when it changed none."""
        self.complete = complete
        """Every module-like op is a loom.module reached from the top: loom-strip-unused-modules has nothing to
        do."""


LEAF = PlannedBody([], [], [], frozenset())
"""The plan of every body with nothing to plan (most modules of a design with many distinct ones; only read)."""


def _plan(specializer: Specializer) -> Plan:
    """Build the variants; for each, its instances grouped by kind with their rewrites (the kinds with an
    absent target port retargeted here, instance by instance) and its other loom ops."""
    if specializer.plain:
        return _plain_plan(specializer)
    planned = {}
    for _, name, values in specializer.build_variants():
        index = specializer.body_index(name)
        if index.kinds:
            kinds, rewritten = specializer.lowerable(specializer.kind_rewrites(_merged(index.kinds, specializer),
                                                                               values))
            planned[name] = PlannedBody(kinds, rewritten, index.param_values, index.hw_targets)
        elif index.param_values or index.hw_targets:
            planned[name] = PlannedBody([], [], index.param_values, index.hw_targets)
        else:
            planned[name] = LEAF
    return _whole_plan(specializer, planned, specializer.lowered_modules())


def _plain_plan(specializer: Specializer) -> Plan:
    """The plan of a design with nothing to specialise (``Specializer.plain``), made from the instance graph alone:
    each module reached from the top is its own only variant and its instances keep their attributes, as
    ``build_variants`` and ``kind_rewrites`` would find them, without the facts, variants and rewrites they make
    for each module and kind (10,000 distinct leaves). loom-verify lets no instance set values of parameters its
    module lacks (the lowering would give the ``hw.instance`` none of them anyway)."""
    nodes = specializer.graph.nodes
    planned: dict[str, PlannedBody] = {}
    reached = [specializer.top]
    seen = {specializer.top}
    for name in reached:  # grows while it is read
        index = nodes[name].body
        if not (index.kinds or index.param_values or index.hw_targets):
            planned[name] = LEAF
            continue
        kinds: list[tuple[InstanceKind, str, Updates, list[InstanceOp]]] = []
        for kind, (target, instances) in index.kinds.items():
            kinds.append((kind, target, (), instances))
            if target not in seen and target in nodes:
                seen.add(target)
                reached.append(target)
        planned[name] = PlannedBody(kinds, [], index.param_values, index.hw_targets)
    return _whole_plan(specializer, planned, [(name, node.module) for name, node in nodes.items()],
                       specializer.interface_keys)


def _whole_plan(specializer: Specializer, planned: dict[str, PlannedBody], modules: list[tuple[str, ModuleOp]],
                interfaces: dict[str, InterfaceKey] | None = None) -> Plan:
    """The plan of the design whose reached modules have the plans ``planned``, with every module of it."""
    symbols = specializer.graph.symbols
    complete = not symbols.duplicates and len(modules) == len(planned) and \
        len(specializer.graph.nodes) == len(symbols.names())
    return Plan(planned, modules, complete, interfaces)


def _merged(kinds: dict[InstanceKind, tuple[str, list[InstanceOp]]], specializer: Specializer
            ) -> dict[InstanceKind, tuple[str, list[InstanceOp]]]:
    """Kinds that differ only in identity values their rewrite removes, as one group (keyed by its first kind).

    Identity values name instances (a mesh's ``X``/``Y``), so every instance of a 128 x 128 mesh is a kind of
    its own; when the target keeps none of its identity parameters (``Specializer.drops_identity``) the
    rewrite is the same for all of them (it removes the ``identity`` attribute), so they are rewritten and
    lowered from one plan in one call. Each hw.instance is made in its loom.instance's place, so the grouping
    does not change the IR's order. loom-verify has grouped most such instances already (``BodyIndex.mixed``:
    a mesh's tiles come as one kind); this merges the rest (a rewritten copy's body, indexed afresh).
    """
    if all(kind[2] is None for kind in kinds):
        return kinds  # no identity values
    merged: dict[tuple[object, ...], tuple[InstanceKind, list[InstanceOp]]] = {}
    empty: ir.Attribute | None = None  # `identity = {}`: its rewrite removes nothing, so it is a kind apart
    drops = specializer.drops_identity
    for kind, (target, instances) in kinds.items():
        identity = kind[2]
        if identity is None:
            key: tuple[object, ...] = kind
        else:
            if empty is None:
                empty = ir.DictAttr.get({}, context=identity.context)
            # A kind whose identity values are dropped is keyed without them (a 4-tuple: no kind is one).
            key = (kind[0], kind[1], kind[3], kind[4]) if drops(target) and identity != empty else kind
        group = merged.get(key)
        if group is None:
            merged[key] = (kind, list(instances))
        else:
            group[1].extend(instances)
    return {kind: (kinds[kind][0], instances) for kind, instances in merged.values()}


@loom_pass("loom-specialize-to-hw", kind=PassKind.DESIGN,
           summary="loom-specialize, loom-export-metadata, lower-loom-to-hw and loom-strip-unused-modules in one pass,"
                   " instances grouped by kind",
           options=SpecializeOptions)
def run(module: ir.Operation, options: SpecializeOptions) -> None:
    """Specialise the design and lower it to hw, each kind of instance planned once."""
    symbols = SymbolIndex.of(module)  # loom-verify's, when it ran just before
    if _has_metadata(module, symbols):
        from .metadata import export  # a design with metadata only (docs/architecture.md, "Start-up")

        specialize.run(module, options)
        export(module, options.top)
        lower_loom_to_hw.Lowering(module).run()
        if options.top is not None:
            strip_unused.strip(module, options.top)
        return
    plan = _plan(Specializer(module, options.keep_parameters, options.top, symbols))
    # The specializer is gone before lowering starts: at 10,000 modules its facts would add a fifth to the peak.
    lowering = Lowering(module, plan.modules, plan.interfaces)
    for name, loom_module in plan.modules:
        # A module not reached from the top has no plan: it is lowered as it is (and stripped below).
        lowering.lower_module(name, loom_module, plan.bodies.get(name))
    if options.top is not None and not plan.complete:
        strip_unused.strip(module, options.top, lowering.instantiated)
