"""``check-combinational-loop``: no signal may depend on itself without a register in between.

A combinational loop (``x.assign(x & a)``, two vars driving each other, an
``always_comb`` that reads what feeds it, an output fed back through a child
instance) has no stable value: simulators oscillate or pick an order and
Verilator reports UNOPTFLAT. The check reports each loop once, as the list of
signals around it in data-flow order, with a note at the line that drives
each of them.

**One summary per module, composed through the instance graph.** A module is
analysed once, whatever the number of its instances: its dependency graph
gives its cycles and its *summary*, which outputs depend combinationally on
which inputs. An instance in the parent's graph is then only the edges its
module's summary gives, from the instance's inputs to its outputs, so a loop
through a child (the parent wires the child's output back to its input, and
the child is combinational from that input to that output) is found in the
parent. A depth-20 binary tree (2^20 leaves, 21 modules) is 21 small
analyses. Modules are analysed on demand, children first, and memoised.

What depends on what:

- an op's results depend on its operands (``comb``, ``hw``, ``sv.read_inout``,
  ``sv.array_index_inout``, ``hw.wire``, ...);
- registers break a loop: ``seq.firreg``/``seq.compreg`` results, and
  everything assigned in an ``always_ff`` or edge-triggered ``always``; a
  synchronous memory read is such a register. An asynchronous memory read
  depends on its address (the memory's contents are written on a clock edge);
- a variable (``sv.logic``/``sv.reg``) depends on what a combinational
  assignment writes into it and on the conditions (``if``, ``case``) and
  indices under which it is written. Inside one ``always_comb`` statements run
  in order: a read after the block's own assignment reads the value just
  written, so ``o = 0; if (c) o = o + 1;`` is not a loop, while a read of a
  variable the block assigns only later is;
- an FSM's state is a register; its outputs depend on every value the FSM
  reads (conditions, Moore and Mealy output values, defaults);
- a child instance's outputs depend on the inputs its module's summary says.
  An instance of a module the design does not define (an external module)
  adds no edges: nothing is known about it.

Conditional ports count as present (the summary covers every parameter value
of a ``loom.module``), so a loop that exists only for some parameter values is
reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from circt import ir
from circt.dialects import hw

from ...dialect.opkinds import (
    ASSIGNS,
    BRANCHES,
    INOUT_SELECTS,
    INSTANCES,
    MODULE_OUTPUTS,
    MODULES,
    PROCEDURAL_BLOCKS,
    REGISTERS,
    VARIABLES,
)
from ...dialect.ops import IN
from ..diagnostics import DiagnosticReport
from ..pass_kinds import PassKind
from ..registry import loom_pass
from .dominance import defined_in_order, in_order_bodies
from .model import LARGE_BODY, LOOM_MODULE, NONBLOCKING, Block, ModuleModel, Scan, assignment_kind, ops_in, str_attr
from .runner import Check, CheckFn

FSM = "loom.fsm"

Node = ir.Value


class Summary:
    """Which inputs (by name) each output (by name) of a module depends on combinationally."""

    __slots__ = ("depends",)

    def __init__(self, depends: dict[str, frozenset[str]] | None = None) -> None:
        self.depends = depends if depends is not None else {}


class Analysis:
    """A module's dependency graph: ``deps[node]`` are the nodes it is computed from, ``driver[node]`` the op
    that drives it (where a note points; drivers are recorded in module order, which orders a report)."""

    __slots__ = ("cycles", "deps", "driver", "model", "outputs", "summary")

    def __init__(self, model: ModuleModel) -> None:
        self.model = model
        self.deps: dict[Node, set[Node]] = {}
        self.driver: dict[Node, ir.Operation] = {}
        self.outputs: list[tuple[str, ir.Value]] = []
        self.cycles: list[list[Node]] = []
        self.summary = Summary()

    def add(self, node: Node, sources: Iterable[Node], op: ir.Operation) -> None:
        """``node`` is computed from ``sources`` by ``op``. A node computed from nothing (a constant, a register
        output, an instance output that depends on no input) cannot be in a loop and is left out: a large
        flat design is mostly such nodes."""
        sources = set(sources)
        if not sources:
            return
        self.deps.setdefault(node, set()).update(sources)
        self.driver.setdefault(node, op)


def _ports(op: ir.Operation) -> tuple[list[str], list[str]]:
    """(input names, output names) of a ``loom.module`` or ``hw.module``, in block argument / output order."""
    if op.name == LOOM_MODULE:
        entries = [ir.DictAttr(entry) for entry in ir.ArrayAttr(op.attributes["ports"])]
        names = [(ir.StringAttr(e["name"]).value, ir.StringAttr(e["dir"]).value) for e in entries]
        return [n for n, d in names if d == IN], [n for n, d in names if d != IN]
    module_type = hw.ModuleType(ir.TypeAttr(op.attributes["module_type"]).value)
    return list(module_type.input_names), list(module_type.output_names)


def _names(op: ir.Operation, loom_key: str, hw_key: str) -> list[str]:
    key = loom_key if loom_key in op.attributes else hw_key
    return [ir.StringAttr(name).value for name in ir.ArrayAttr(op.attributes[key])]


def _target_module(op: ir.Operation) -> str | None:
    key = "module" if "module" in op.attributes else "moduleName"
    if key not in op.attributes:
        return None
    return ir.FlatSymbolRefAttr(op.attributes[key]).value


class _Builder:
    """Builds one module's dependency graph (``Analysis``) from its ops."""

    def __init__(self, model: ModuleModel, summary_of: Callable[[str], Summary | None]):
        self.analysis = Analysis(model)
        self.summary_of = summary_of
        self.paths: dict[tuple[ir.Attribute, ...], list[tuple[int, list[int]]]] = {}

    def build(self, ops: list[ir.Operation]) -> Analysis:
        _, output_names = _ports(self.analysis.model.op)
        for op in ops:
            name = op.name
            if name in PROCEDURAL_BLOCKS:
                if Block(op).combinational:
                    self.comb_block(op)
            elif name in ASSIGNS:
                if assignment_kind(op, None) != NONBLOCKING:
                    self.assign(op, set(), {})
            elif name in INSTANCES:
                self.instance(op)
            elif name == FSM:
                self.fsm(op)
            elif name in MODULE_OUTPUTS:
                self.analysis.outputs = list(zip(output_names, op.operands, strict=True))
            elif name not in REGISTERS and name not in VARIABLES:  # a variable's driver: its assignments
                self.generic(op, {})
        return self.analysis

    def generic(self, op: ir.Operation, env: dict[Node, set[Node]]) -> None:
        """Results computed from the operands (a read of a variable the current block assigned: its value)."""
        sources: set[Node] = set()
        for operand in op.operands:
            sources |= env.get(operand, {operand})
        for result in op.results:
            self.analysis.add(result, sources, op)

    def root(self, dest: ir.Value, extra: set[Node]) -> ir.Value:
        """The variable an assignment destination selects; the indices it goes through are added to ``extra``."""
        while isinstance(dest, ir.OpResult) and dest.owner.operation.name in INOUT_SELECTS:
            selector = dest.owner.operation
            extra.update(selector.operands[1:])
            dest = selector.operands[0]
        return dest

    def assign(self, op: ir.Operation, conditions: set[Node], env: dict[Node, set[Node]] | None) -> None:
        """``dest = value``: the variable depends on the value, the conditions and the indices.

        ``env`` (inside an ``always_comb``): the value each variable the block assigned holds at this point;
        a partial assignment (a bit, a field, an element) keeps the rest of the previous value.
        """
        sources = set(conditions)
        dest = op.operands[0]
        variable = self.root(dest, sources)
        value = op.operands[1]
        if env is None:
            self.analysis.add(variable, sources | {value}, op)
            return
        sources |= env.get(value, {value})
        if variable != dest:
            sources |= env.get(variable, set())
        env[variable] = sources
        self.analysis.driver.setdefault(variable, op)

    def comb_block(self, op: ir.Operation) -> None:
        """An ``always_comb``: statements in order, each variable's value the union over the paths."""
        env: dict[Node, set[Node]] = {}
        self.statements(ops_in(op.regions[0]), set(), env)
        for variable, sources in env.items():
            self.analysis.add(variable, sources, self.analysis.driver[variable])

    def statements(self, ops: list[ir.Operation], conditions: set[Node], env: dict[Node, set[Node]]) -> None:
        for op in ops:
            name = op.name
            if name in ASSIGNS:
                self.assign(op, conditions, env)
            elif name in BRANCHES:
                self.branches(op, conditions, env)
            elif len(op.regions) > 0:
                for region in op.regions:
                    self.statements(ops_in(region), conditions, env)
            else:
                self.generic(op, env)  # a read of a variable the block assigned reads the value just written

    def branches(self, op: ir.Operation, conditions: set[Node], env: dict[Node, set[Node]]) -> None:
        """``if``/``case``: each branch from the same state; afterwards a variable may hold any branch's value.
        (A procedural ``ifdef`` has no condition operand: which branch is built is fixed.)"""
        inner = set(conditions)
        for condition in op.operands:
            inner |= env.get(condition, {condition})
        after: dict[Node, set[Node]] = {}
        for region in op.regions:
            branch = {variable: set(sources) for variable, sources in env.items()}
            self.statements(ops_in(region), inner, branch)
            for variable, sources in branch.items():
                after.setdefault(variable, set()).update(sources)
        env.update(after)

    def instance(self, op: ir.Operation) -> None:
        """Edges from the instance's inputs to its outputs, as its module's summary says."""
        paths = self.instance_paths(op)
        if not paths:
            return
        operands, results = op.operands, op.results
        for output, inputs in paths:
            self.analysis.add(results[output], [operands[i] for i in inputs], op)

    def instance_paths(self, op: ir.Operation) -> list[tuple[int, list[int]]]:
        """(result index, operand indices it depends on) for an instance; memoised by the attributes that decide
        it (MLIR attributes are uniqued, so instances of one shape share the entry)."""
        attributes = op.attributes
        target = _target_module(op)
        summary = self.summary_of(target) if target is not None else None
        if summary is None or not any(summary.depends.values()):
            return []  # every output registered (the common case): no need to read the port names
        keys = [key for key in ("module", "moduleName", "input_names", "argNames", "output_names", "resultNames")
                if key in attributes]
        key = tuple(attributes[k] for k in keys)
        known = self.paths.get(key)
        if known is not None:
            return known
        paths: list[tuple[int, list[int]]] = []
        if summary is not None:
            inputs = {name: index for index, name in enumerate(_names(op, "input_names", "argNames"))}
            for index, output in enumerate(_names(op, "output_names", "resultNames")):
                depends = [inputs[n] for n in summary.depends.get(output, ()) if n in inputs]
                if depends:
                    paths.append((index, depends))
        self.paths[key] = paths
        return paths

    def fsm(self, op: ir.Operation) -> None:
        """State: a register. Outputs: every value the FSM reads but its clock and reset."""
        sources: set[Node] = set(list(op.operands)[2:])
        stack = [inner for region in op.regions for inner in ops_in(region)]
        while stack:
            inner = stack.pop()
            sources.update(inner.operands)
            stack.extend(nested for region in inner.regions for nested in ops_in(region))
        for result in list(op.results)[1:]:
            self.analysis.add(result, sources, op)


def _strongly_connected(deps: dict[Node, set[Node]], starts: Iterable[Node]) -> list[list[Node]]:
    """Tarjan's algorithm, iteratively, over the computed nodes ``starts`` reach; components come out
    dependencies first."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    components: list[list[Node]] = []
    for start in starts:
        if start in index:
            continue
        work = [(start, iter(deps.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            advanced = False
            for dep in edges:
                if dep not in deps:
                    continue  # a port, a register, a constant: computed from nothing here, in no loop
                if dep not in index:
                    index[dep] = low[dep] = len(index)
                    stack.append(dep)
                    on_stack.add(dep)
                    work.append((dep, iter(deps.get(dep, ()))))
                    advanced = True
                    break
                if dep in on_stack:
                    low[node] = min(low[node], index[dep])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_in(component: list[Node], deps: dict[Node, set[Node]]) -> list[Node]:
    """One cycle through the component's first node, in dependency order (breadth-first: a shortest one)."""
    members = set(component)
    start = component[0]
    previous: dict[Node, Node] = {}
    frontier = [start]
    while frontier:
        following: list[Node] = []
        for node in frontier:
            for dep in deps.get(node, ()):
                if dep == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                if dep in members and dep not in previous:
                    previous[dep] = node
                    following.append(dep)
        frontier = following
    return [start]


def _maybe_in_loops(deps: dict[Node, set[Node]]) -> list[Node]:
    """The nodes that both depend on and feed other computed nodes: every loop goes through them. (Most nodes
    of a large flat design are computed from ports and registers only, and the walk skips them.)"""
    computed = set(deps)
    fed: set[Node] = set()
    for sources in deps.values():
        fed |= sources
    return [node for node, sources in deps.items() if node in fed and not sources.isdisjoint(computed)]


def analyse(model: ModuleModel, summary_of: Callable[[str], Summary | None]) -> Analysis:
    """The module's graph, its loops and its summary."""
    analysis = _Builder(model, summary_of).build(model.body)
    deps = analysis.deps
    inputs, _ = _ports(model.op)
    arguments = list(model.op.regions[0].blocks[0].arguments)
    reaches: dict[Node, frozenset[str]] = {argument: frozenset({name})
                                           for argument, name in zip(arguments, inputs, strict=True)}
    starts = [value for _, value in analysis.outputs if value in deps] + _maybe_in_loops(deps)
    for component in _strongly_connected(deps, starts):
        if len(component) > 1 or component[0] in deps[component[0]]:
            analysis.cycles.append(_cycle_in(component, deps))
        found = [reaches[dep] for node in component for dep in deps[node] if dep in reaches]
        if found:  # only inputs that reach something are stored: most nodes reach none
            union = frozenset().union(*found)
            for node in component:
                reaches[node] = union
    analysis.summary = Summary({name: reaches.get(value, frozenset()) for name, value in analysis.outputs})
    return analysis


_KEPT_BY_SCAN = VARIABLES | BRANCHES | frozenset({FSM})
"""What the scan keeps for ``in_definition_order`` (it finds procedural blocks and assignments anyway)."""


def may_be_in_order(found: Scan) -> bool:
    """Whether the scan leaves ``in_definition_order`` anything to look at: no procedural block, assignment
    at module level, variable, branch or FSM (each can make a signal depend on something defined later)."""
    return not (found.blocks or any(a.block is None for a in found.assignments)
                or not _KEPT_BY_SCAN.isdisjoint(found.ops))


def in_definition_order(found: Scan, proven: bool | None = None) -> bool:
    """Whether every dependency of the module points back to an earlier op or a port, so no loop can close.

    A loop needs an edge to something defined later: a variable assigned after it is read, a procedural
    block, an FSM, or an operand used before its op (MLIR graph regions allow that). Registers are exempt:
    their results depend on nothing combinationally, so ``r <= r + 1`` is fine, read above the register or
    below it. The test builds no graph: MLIR's verifier first checks in C++ that every operand is defined
    above its use (``proven``: its answer, asked for every module of the run at once by ``bind``; None: ask
    it here for a large body), which a large flat module (50,000 instances and the logic combining them, as
    the frontend writes it) usually is; only when it is not (a register fed from below, say) are the
    operands read from Python.
    """
    model = found.model
    if not may_be_in_order(found):
        return False
    if proven is None:
        proven = model.size >= LARGE_BODY and defined_in_order(model.op)
    if proven:
        return True
    block = model.block
    seen = set(block.arguments) if block is not None else set()
    for op in model.body:
        if op.name not in REGISTERS:
            for operand in op.operands:
                if operand not in seen and not _register_result(operand):
                    return False
        seen.update(op.results)
    return True


def _register_result(value: ir.Value) -> bool:
    """Whether ``value`` is what a register holds (it depends on nothing combinationally)."""
    return isinstance(value, ir.OpResult) and value.owner.operation.name in REGISTERS


class Design:
    """The analyses of one run, by module name, made on demand (children before the parents that ask)."""

    def __init__(self, root: ir.Operation):
        self.root = root
        self.done: dict[str, Analysis] = {}
        self.running: set[str] = set()

    @cached_property
    def modules(self) -> dict[str, ir.Operation]:
        """Every module by name: read when an analysis first asks for a child's summary (a design whose
        modules are all in definition order never needs it)."""
        found = {}
        for op in ops_in(self.root.regions[0]):
            if op.name in MODULES:
                name = str_attr(op, "sym_name")
                if name is not None:
                    found[name] = op
        return found

    def summary(self, name: str) -> Summary | None:
        known = self.done.get(name)
        if known is not None:
            return known.summary
        op = self.modules.get(name)
        if op is None or name in self.running:
            return None  # an external module, or an instance of a module inside itself (reported elsewhere)
        return self.analysis(ModuleModel(op)).summary

    def analysis(self, model: ModuleModel) -> Analysis:
        known = self.done.get(model.name)
        if known is not None:
            return known
        self.running.add(model.name)
        try:
            result = self.done[model.name] = analyse(model, self.summary)
        finally:
            self.running.discard(model.name)
        return result


def _describe(analysis: Analysis, node: Node) -> str | None:
    """A name the user knows: the signal's own, an instance output, or the output port it drives; else None."""
    if analysis.model.name_of(node) is not None:
        return analysis.model.describe(node)
    for name, value in analysis.outputs:
        if value == node:
            return f"output '{name}'"
    description = analysis.model.describe(node)
    return description if description.startswith("output") else None


def _is_read(node: Node) -> bool:
    return isinstance(node, ir.OpResult) and node.owner.operation.name == "sv.read_inout"


def _signals(analysis: Analysis, cycle: list[Node]) -> list[tuple[str, Node]]:
    """The named signals of a cycle in data-flow order (each drives the next), one entry per name, starting
    with the one driven first in the module (so a report does not depend on the order of a graph walk)."""
    flow = cycle[::-1]
    named: list[tuple[str, Node]] = []
    for node in flow:
        name = _describe(analysis, node)
        if name is None:
            continue
        if named and named[-1][0] == name:  # a variable and a read of it: keep the variable (its assignment)
            if _is_read(named[-1][1]):
                named[-1] = (name, node)
            continue
        named.append((name, node))
    if len(named) > 1 and named[0][0] == named[-1][0]:
        named.pop(0 if _is_read(named[0][1]) else -1)
    if not named:
        return [(analysis.model.describe(flow[0]), flow[0])]
    order = {node: index for index, node in enumerate(analysis.driver)}
    first = min(range(len(named)), key=lambda i: order.get(named[i][1], len(order)))
    return named[first:] + named[:first]


def report_cycles(report: DiagnosticReport, analysis: Analysis) -> None:
    """One error per loop, listing its signals, with a note where each is driven."""
    for cycle in analysis.cycles:
        signals = _signals(analysis, cycle)
        names = [name for name, _ in signals]
        first = analysis.driver.get(signals[0][1])
        error = report.error(first if first is not None else analysis.model.op,
                             "combinational loop: " + " -> ".join(names + names[:1]) + "; break it with a register")
        for name, node in signals:
            driver = analysis.driver.get(node)
            if driver is not None:
                error.note(driver, f"{name} is driven here")


def bind(root: ir.Operation, scans: Sequence[Scan]) -> CheckFn:
    """The check for one run over ``root`` (whose modules' scans are ``scans``): module analyses are shared
    between parents and children, and MLIR's verifier is asked about every body that may be in definition
    order at once (``dominance.in_order_bodies``)."""
    design = Design(root)
    candidates = [found for found in scans if may_be_in_order(found)]
    proven = {id(found) for found, answer in zip(candidates, in_order_bodies(root, [f.model.op for f in candidates]),
                                                 strict=True) if answer}

    def check(report: DiagnosticReport, found: Scan) -> None:
        if (not design.done or found.model.name not in design.done) and \
                (id(found) in proven or in_definition_order(found, False)):
            return  # no loop; a parent that needs this module's summary analyses it then
        report_cycles(report, design.analysis(found.model))
    return check


CHECK = Check("check-combinational-loop", wanted=_KEPT_BY_SCAN, bind=bind)
run = loom_pass("check-combinational-loop", kind=PassKind.DESIGN,
                summary="Report signals that depend on themselves without a register in between"
                        " (one summary per module)")(CHECK.run)
