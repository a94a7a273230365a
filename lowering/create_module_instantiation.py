"""``create-module-instantiation``: complete every ``loom.instance`` into a full instantiation statement.

In kratos, ``add_child`` only records the child; this pass creates the
module-instantiation statement that lists every port connection. loom's
frontend writes a ``loom.instance`` at ``add_child`` already, with the
connections the user made, by name and in the order they were made. This
pass turns each into the statement the SystemVerilog will show: inputs and
outputs in the target module's port order, and a result for every output of
the target (an unused one simply stays unconnected), so later passes and
readers see one canonical form. A connection to a port the target does not
have is an error at the instance's line. Conditional ports the instance
leaves out stay out (``loom-specialize`` decides them), and so does an
unconnected input (``zero-generator-inputs`` or the connectivity check deal
with it).

Instances that share target and connection names share the work: the pass
decides once per distinct (target, input names, output names) whether an
instance is complete already, so the 50,000 identical instances of the
fanout benchmark cost one decision and one attribute read each.
"""

from __future__ import annotations

from circt import ir

from ..dialect import params
from ..dialect.ops import IN, OUT, InstanceOp, ModuleOp, PortInfo
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_loom_ir
from .structure import loom_modules, rebuild_instance, report_problems

Plan = tuple[list[str], list[str]] | str
"""(input order, output order) for an instance to rebuild, "" when complete, or an error message."""


class Instantiation:
    def __init__(self, root: ir.Operation):
        self.modules: dict[str, ModuleOp] = {m.sym_name: m for m in loom_modules(root)}
        self.ports: dict[str, list[PortInfo]] = {}
        self.plans: dict[tuple[object, ...], Plan] = {}
        self.problems: list[tuple[ir.Location, str]] = []
        self.changed = False

    def ports_of(self, name: str) -> list[PortInfo]:
        ports = self.ports.get(name)
        if ports is None:
            ports = self.ports[name] = self.modules[name].ports
        return ports

    def plan(self, inst: InstanceOp) -> Plan:
        target = inst.module_name
        ports = self.ports_of(target)
        inputs, outputs = inst.input_names, inst.output_names
        known = {p.name: p.direction for p in ports}
        for name, direction in [(n, IN) for n in inputs] + [(n, OUT) for n in outputs]:
            if known.get(name) != direction:
                kind = "input" if direction == IN else "output"
                return f"instance '{inst.instance_name}' connects {kind} '{name}', which '{target}' does not have"
        connected = set(inputs)
        input_order = [p.name for p in ports if p.direction == IN and p.name in connected]
        present = set(outputs)
        output_order = [p.name for p in ports if p.direction != IN and (p.name in present or p.condition is None)]
        if input_order == inputs and output_order == outputs:
            return ""
        return input_order, output_order

    def run_module(self, module: ModuleOp) -> None:
        for op in list(module.body.operations):
            if not isinstance(op, InstanceOp) or op.module_name not in self.modules:
                continue
            attributes = op.operation.attributes
            key = (attributes["module"], attributes["input_names"], attributes["output_names"])
            plan = self.plans.get(key)
            if plan is None:
                plan = self.plans[key] = self.plan(op)
            if plan == "":
                continue
            if isinstance(plan, str):
                self.problems.append((op.location, plan))
                continue
            self.rebuild(op, *plan)
            self.changed = True

    def rebuild(self, inst: InstanceOp, input_order: list[str], output_order: list[str]) -> None:
        values = dict(zip(inst.input_names, inst.operation.operands))
        types = dict(zip(inst.output_names, (r.type for r in inst.operation.results)))
        by_name = {p.name: p for p in self.ports_of(inst.module_name)}
        outputs = [(name, types.get(name) or self.port_type(inst, by_name[name])) for name in output_order]
        rebuild_instance(inst, [(name, values[name]) for name in input_order], outputs)

    def port_type(self, inst: InstanceOp, port: PortInfo) -> ir.Type:
        """The type of ``port`` at this instance: the declared one, with this instance's parameter values substituted."""
        if not params.is_parametric(str(port.type)):
            return port.type
        module = self.modules[inst.module_name]
        given = {**inst.identity, **inst.parameters}
        values = {d.name: params.value_text(a) for d in module.parameters
                  if (a := given.get(d.name, d.default)) is not None}
        return params.substitute_type(port.type, values)


@loom_pass("create-module-instantiation", kind=PassKind.DESIGN,
           summary="Put instance connections in the target's port order, with a result for every output")
@needs_loom_ir
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Put every instance's connections in its target's port order, with a result for every output."""
    del options
    pass_ = Instantiation(module)
    for op in pass_.modules.values():
        pass_.run_module(op)
    report_problems(pass_.problems, "create-module-instantiation")
    return None if pass_.changed else False
