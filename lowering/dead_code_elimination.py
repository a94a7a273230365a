"""``dead-code-elimination``: remove all logic that reaches no output (kratos, aggressive).

kratos's pass "aggressively removes logic that does not contribute to any
output logic", ports, instances, registers and variables included. It runs on
the loom IR, where a port is removed once for the module definition and for
every instance of it, by name.

Why not CIRCT's ``hw-imdce`` (the natural base)? Measured with the 1.162
wheel: it keeps every op with an inner symbol (loom gives one to each named
variable so that its name survives) and every register (``seq.firreg`` and
``sv.reg`` are not side-effect free for MLIR's dead-code test), so a counter
nobody reads stays; and it crashes the process (segfault in
``markBlockExecutable``) on any module holding a procedural region
(``sv.always``, ``sv.alwaysff``). So the pass marks liveness itself, across
the hierarchy:

1. Roots: the top's outputs, and ops with effects outside the design
   (assertions, ``$display``/``$fwrite``, verbatim text), and instances of
   modules that are not in the design (black boxes).
2. Backwards from the roots: an op is live when one of its results is; a live
   op makes its operands live; an instance result makes that output of the
   target module live; reading a variable (``sv.read_inout``) makes the
   variable live, and a live variable makes every assignment to it live. A
   procedural block (``sv.always*``, ``sv.initial``, any op with regions) is
   live, as a whole, when it assigns a live variable or holds a root.
3. Sweep: every op that is not live is erased, cycles (a register feeding
   itself) included, and every module no longer reached from the top.
4. Ports: an output no instance reads and an input the body no longer reads
   are removed from the module and from all its instances (never the top's
   ports: they are the design's interface, as in kratos). A removed input
   can make the logic driving it in the parent dead, so 1-4 repeat until
   nothing changes.

Option ``top``: the module whose interface is kept (default: the only module
nobody instantiates).
"""

from __future__ import annotations

from circt import ir

from ..dialect.opkinds import ASSIGNS, INOUT_SELECTS
from ..dialect.statement_ops import DeadValueOp
from ..dialect.ops import IN, InstanceOp, ModuleOp, OutputOp, PortInfo
from .pass_kinds import PassKind
from .pass_options import TopOptions
from .registry import loom_pass
from .stage import needs_loom_ir
from .structure import defining_op, instances_by_target, loom_modules, rebuild_instance, top_module

NAME = "dead-code-elimination"
PLACEHOLDER = DeadValueOp.OPERATION_NAME
SIDE_EFFECT_PREFIXES = ("sv.assert", "sv.assume", "sv.cover", "verif.", "sv.fwrite", "sv.verbatim", "sv.finish",
                        "sv.stop", "sv.exit", "sv.fatal", "sv.error", "sv.warning", "sv.info", "sim.",
                        "sv.func.call", "sv.system", "sv.macro.def", "sv.ifdef")
WRITES = ASSIGNS | {"sv.force", "sv.release"}


def _has_side_effect(name: str) -> bool:
    return name.startswith(SIDE_EFFECT_PREFIXES)


class ModuleLiveness:
    """Liveness inside one ``loom.module``: which top-level body ops are live."""

    def __init__(self, module: ModuleOp):
        self.module = module.operation
        self.body = module.body
        self.top_level: list[ir.Operation] = [op.operation for op in self.body.operations]
        self.index = {op: i for i, op in enumerate(self.top_level)}
        self.live = [False] * len(self.top_level)
        self.live[-1] = True  # the terminator
        self.outputs = [p.name for p in module.ports if p.direction != IN]
        self.stack: list[int] = []
        self.roots: list[int] = []
        self.writers: dict[int, list[int]] = {}  # variable op index -> top-level ops that assign it
        self._scan()

    def _scan(self) -> None:
        for index, op in enumerate(self.top_level):
            if op.name in WRITES:
                self._add_writer(op.operands[0], index)
            elif _has_side_effect(op.name):
                self.roots.append(index)
            elif len(op.regions):
                self._scan_region_op(op, index)

    def _scan_region_op(self, op: ir.Operation, index: int) -> None:
        """A procedural block: note the variables it assigns and whether it holds a root."""
        found_root = False

        def visit(inner: ir.Operation) -> ir.WalkResult:
            nonlocal found_root
            name = inner.name
            if name in WRITES:
                self._add_writer(inner.operands[0], index)
            elif _has_side_effect(name):
                found_root = True
            return ir.WalkResult.ADVANCE

        op.walk(visit)
        if found_root:
            self.roots.append(index)

    def _add_writer(self, target: ir.Value, writer: int) -> None:
        op = defining_op(target)
        while op is not None and op.name in INOUT_SELECTS:
            op = defining_op(op.operands[0])
        if op is not None:
            self.writers.setdefault(self.index[self._top_level_ancestor(op)], []).append(writer)

    def _top_level_ancestor(self, op: ir.Operation) -> ir.Operation:
        while True:
            parent = op.parent
            if parent is None or parent.operation == self.module:
                return op
            op = parent.operation

    def mark(self, index: int) -> None:
        if not self.live[index]:
            self.live[index] = True
            self.stack.append(index)

    def mark_value(self, value: ir.Value) -> None:
        op = defining_op(value)
        if op is not None:
            self.mark(self.index[self._top_level_ancestor(op)])

    def propagate(self, live_outputs: set[str], graph: "DesignLiveness") -> None:
        """Mark from the roots and the live outputs; hand instances that became live to ``graph``."""
        output = self.top_level[-1]
        for position, name in enumerate(self.outputs):
            if name in live_outputs:
                self.mark_value(output.operands[position])
        for index in self.roots:
            self.mark(index)
        while self.stack:
            index = self.stack.pop()
            op = self.top_level[index]
            for writer in self.writers.get(index, ()):
                self.mark(writer)
            if op.name == "loom.instance":
                graph.instance_live(op.opview)  # type: ignore[arg-type]
            self._mark_operands(op)

    def _mark_operands(self, op: ir.Operation) -> None:
        if not len(op.regions):
            for operand in op.operands:
                self.mark_value(operand)
            return

        def visit(inner: ir.Operation) -> ir.WalkResult:
            for operand in inner.operands:
                self.mark_value(operand)
            return ir.WalkResult.ADVANCE

        op.walk(visit)

    def sweep(self) -> int:
        """Erase the dead ops; returns how many were erased."""
        dead = [op for op, live in zip(self.top_level, self.live) if not live]
        if not dead:
            return 0
        # Dead ops may use each other in cycles (a register feeding itself): point
        # every use at a placeholder first, so each op is erased without uses.
        placeholders: dict[str, ir.Operation] = {}
        for op in dead:
            for result in op.results:
                if next(iter(result.uses), None) is None:
                    continue
                key = str(result.type)
                placeholder = placeholders.get(key)
                if placeholder is None:
                    placeholder = placeholders[key] = ir.Operation.create(
                        PLACEHOLDER, results=[result.type], loc=op.location, ip=ir.InsertionPoint(op))
                result.replace_all_uses_with(placeholder.results[0])
        for op in dead:
            op.erase()
        for placeholder in placeholders.values():
            # The terminator may still read one, at an output no instance reads:
            # remove_unused_ports drops that operand, then erase_placeholders the op.
            if next(iter(placeholder.results[0].uses), None) is None:
                placeholder.erase()
        return len(dead)


class DesignLiveness:
    """Liveness over the hierarchy: a module is propagated again when more of its outputs become live."""

    def __init__(self, root: ir.Operation, top: str):
        self.root = root
        self.modules: dict[str, ModuleOp] = {m.sym_name: m for m in loom_modules(root)}
        self.top = top
        self.liveness: dict[str, ModuleLiveness] = {}
        self.live_outputs: dict[str, set[str]] = {}
        self.worklist: list[str] = []

    def module_liveness(self, name: str) -> ModuleLiveness:
        liveness = self.liveness.get(name)
        if liveness is None:
            liveness = self.liveness[name] = ModuleLiveness(self.modules[name])
            for index, op in enumerate(liveness.top_level):
                if op.name == "loom.instance" and ir.FlatSymbolRefAttr(op.attributes["module"]).value \
                        not in self.modules:
                    liveness.roots.append(index)  # a black box: its effects are unknown
        return liveness

    def instance_live(self, inst: InstanceOp) -> None:
        target = inst.module_name
        if target not in self.modules:
            return
        # Results used now (perhaps by ops found dead later): the next round,
        # after the sweep, sees only the uses that survived.
        used = {name for name, result in zip(inst.output_names, inst.operation.results)
                if next(iter(result.uses), None) is not None}
        known = self.live_outputs.setdefault(target, set())
        if target in self.liveness and used <= known:
            return
        known.update(used)
        self.module_liveness(target)
        self.worklist.append(target)

    def run(self) -> None:
        self.live_outputs[self.top] = set(self.module_liveness(self.top).outputs)
        self.worklist.append(self.top)
        while self.worklist:
            name = self.worklist.pop()
            self.module_liveness(name).propagate(self.live_outputs.get(name, set()), self)

    def sweep(self) -> int:
        erased = sum(liveness.sweep() for liveness in self.liveness.values())
        for name, module in self.modules.items():
            if name not in self.liveness:
                module.operation.erase()  # no live instance reaches it any more
                erased += 1
        return erased


def remove_unused_ports(root: ir.Operation, top: str) -> int:
    """Remove outputs no instance reads and inputs the body does not read, from every non-top module."""
    users = instances_by_target(root)
    removed = 0
    for module in loom_modules(root):
        name = module.sym_name
        if name == top:
            continue
        instances = users.get(name, [])
        ports = module.ports
        inputs = [p for p in ports if p.direction == IN]
        dead_inputs = {p.name for p, argument in zip(inputs, module.body.arguments)
                       if next(iter(argument.uses), None) is None}
        read = {n for inst in instances for n, r in zip(inst.output_names, inst.operation.results)
                if next(iter(r.uses), None) is not None}
        dead_outputs = {p.name for p in ports if p.direction != IN and p.name not in read}
        if not dead_inputs and not dead_outputs:
            continue
        _drop_ports(module, ports, dead_inputs, dead_outputs)
        for inst in instances:
            rebuild_instance(inst, [(n, v) for n, v in zip(inst.input_names, inst.operation.operands)
                                    if n not in dead_inputs],
                             [(n, r.type) for n, r in zip(inst.output_names, inst.operation.results)
                              if n not in dead_outputs])
        removed += len(dead_inputs) + len(dead_outputs)
    return removed


def _drop_ports(module: ModuleOp, ports: list[PortInfo], dead_inputs: set[str], dead_outputs: set[str]) -> None:
    inputs = [p for p in ports if p.direction == IN]
    for index in reversed(range(len(inputs))):
        if inputs[index].name in dead_inputs:
            module.body.erase_argument(index)
    outputs = [p for p in ports if p.direction != IN]
    output = module.output.operation
    kept = [value for port, value in zip(outputs, output.operands) if port.name not in dead_outputs]
    OutputOp.build(kept, loc=output.location, ip=ir.InsertionPoint(output))
    output.erase()
    survivors = [p for p in ports if p.name not in (dead_inputs if p.direction == IN else dead_outputs)]
    module.operation.attributes["ports"] = ir.ArrayAttr.get([p.to_attr() for p in survivors])


def erase_placeholders(root: ir.Operation) -> None:
    """Erase the ``loom.dead_value`` placeholders left for outputs that are gone now."""
    for module in loom_modules(root):
        for op in list(module.body.operations):
            operation = op.operation
            if operation.name == PLACEHOLDER:
                assert next(iter(operation.results[0].uses), None) is None, "a live op reads dead logic"
                operation.erase()


def eliminate_once(root: ir.Operation, top: str) -> int:
    """One mark-and-sweep over the hierarchy, then port removal; returns how much was removed."""
    liveness = DesignLiveness(root, top)
    liveness.run()
    erased = liveness.sweep()
    removed = remove_unused_ports(root, top)
    if erased:
        erase_placeholders(root)
    return erased + removed


@loom_pass("dead-code-elimination", kind=PassKind.HIERARCHY,
           summary="Remove ports, instances, registers and logic that reach no output (kratos aggressive DCE)",
           options=TopOptions)
@needs_loom_ir
def run(module: ir.Operation, options: TopOptions) -> bool | None:
    """Remove ports, instances, registers and logic that reach no output of the top (kratos DCE)."""
    top = top_module(module, options.top, NAME)
    if not eliminate_once(module, top):
        return False  # nothing was dead: the IR is untouched
    while eliminate_once(module, top):
        pass
    return None
