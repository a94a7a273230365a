"""``lower-loom-to-hw``: convert ``loom.module``/``loom.instance`` to ``hw.module``/``hw.instance``.

Runs after ``loom-specialize``: every port must be unconditional by then.
The body's CIRCT ops are moved, not copied; ``loom.instance`` becomes
``hw.instance`` with its operands and results put in the target's port order
(connections are by name in loom) and every parameter of the target given a
value; ``loom.param_value`` becomes ``hw.constant`` when its value is a
constant and ``hw.param.value`` otherwise; ``loom.output`` becomes
``hw.output``. Clock ports become ``i1`` ports, which instances pass as bits
(``clock_bits.py``: lower-seq-to-sv then has no instance to rebuild). Ops are
created through ``Operation.create`` with prepared attributes because that is
the cheapest way to build ops from Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from circt import ir
from circt.dialects import hw

from ..dialect import params
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.instance_graph import InstanceKind
from ..dialect.ops import IN, InstanceOp, ModuleOp, OutputOp, ParamDecl, ParamValueOp, PortInfo
from .clock_bits import ClockBits, clock_inputs_as_bits, is_clock
from .parametric_widths import constant_at, rewrite_parametric_slices
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .specialize import Updates, apply_updates


class TargetInfo:
    """A lowered module's interface, as instances need it.

    This module's records are plain classes with slots: a ``NamedTuple`` costs about 0.1 ms at import, in every
    process's first lowering (docs/architecture.md, "Start-up")."""

    __slots__ = ("arg_names", "clock_inputs", "clock_outputs", "input_index", "inputs", "module_attributes",
                 "output_index", "outputs", "parameters", "result_names")

    def __init__(self, inputs: list[PortInfo], outputs: list[PortInfo], parameters: list[ParamDecl],
                 arg_names: ir.ArrayAttr, result_names: ir.ArrayAttr, input_index: dict[str, int],
                 output_index: dict[str, int], module_attributes: dict[str, ir.Attribute], clock_inputs: list[int],
                 clock_outputs: list[int]):
        self.inputs = inputs
        self.outputs = outputs
        self.parameters = parameters
        self.arg_names = arg_names
        self.result_names = result_names
        self.input_index = input_index
        self.output_index = output_index
        self.module_attributes = module_attributes
        """The ``hw.module`` attributes but its name: what ``hw.HWModuleOp`` would build, made once per
        interface."""
        self.clock_inputs = clock_inputs
        """The inputs that are clocks: the module and its instances pass them as bits (``clock_bits.py``)."""
        self.clock_outputs = clock_outputs
        """The outputs that are clocks, passed as bits."""


def _check_width_value(decl: ParamDecl, value: ir.Attribute, target: str, info: TargetInfo,
                       inst: InstanceOp) -> None:
    """A kept parameter that sizes a port must read the same signed: CIRCT evaluates parameters in port types
    as signed numbers, so ``W = 8`` of a 4-bit ``W`` would make a port of a negative width, and the lowered IR
    would fail CIRCT's verifier with a meaningless width. Said at the instance, with the way out."""
    if not isinstance(value, ir.IntegerAttr) or value.value >= 0:
        return
    if not any(decl.name in params.referenced_parameters(str(port.type)) for port in (*info.inputs, *info.outputs)):
        return
    bits = ir.IntegerType(value.type).width
    raise PassFailedError(
        f"instance '{inst.instance_name}' sets parameter '{decl.name}' of '@{target}' to {value.value + (1 << bits)},"
        f" which fills the top bit of its {bits}-bit declaration; CIRCT reads a parameter that sizes a port as a"
        f" signed number, so a kept '{decl.name}' needs at least {bits + 1} bits (declare it with width={bits + 1})",
        location_text(inst.location))


class PlannedBody:
    """A module body whose loom ops were found, and its instances retargeted, beforehand
    (``loom-specialize-to-hw``): lowering it visits only these."""

    __slots__ = ("hw_targets", "instances", "kinds", "param_values")

    def __init__(self, kinds: list[tuple[InstanceKind, str, Updates, list[InstanceOp]]], instances: list[InstanceOp],
                 param_values: list[ParamValueOp], hw_targets: AbstractSet[str]):
        self.kinds = kinds
        """Instances by kind, with their target and the attribute updates that retarget them (applied as they
        are lowered)."""
        self.instances = instances
        """Instances lowered one by one (already retargeted)."""
        self.param_values = param_values
        self.hw_targets = hw_targets
        """What the body's ``hw.instance`` ops (if any) instantiate."""


PlanKey = tuple[ir.Attribute, ir.Attribute, ir.Attribute, "ir.Attribute | None", "ir.Attribute | None"]
"""What an instance's plan depends on: its ``module``, ``input_names``, ``output_names``, ``parameters`` and
``identity`` attributes."""


class InstancePlan:
    """How to build the ``hw.instance`` for one kind of ``loom.instance``, but for its ``moduleName``: instances
    of distinct modules with one interface (10,000 instances of 10,000 distinct modules with the same ports)
    share it."""

    __slots__ = ("attributes", "clock_operands", "clock_results", "operand_order", "result_positions", "result_types")

    def __init__(self, operand_order: list[int], result_positions: list[int], attributes: dict[str, ir.Attribute],
                 result_types: list[ir.Type], clock_operands: list[int], clock_results: frozenset[int]):
        self.operand_order = operand_order
        """``operands[k]`` of the hw.instance is loom operand ``operand_order[k]``."""
        self.result_positions = result_positions
        """loom result ``j`` becomes hw.instance result ``result_positions[j]``."""
        self.attributes = attributes
        """The attributes but ``moduleName`` (set for each target) and ``instanceName`` (set on each new op)."""
        self.result_types = result_types
        self.clock_operands = clock_operands
        """The hw.instance operands that are clocks (given as bits: ``clock_bits.py``)."""
        self.clock_results = clock_results
        """The loom results that are clocks (their hw.instance results are bits: ``clock_bits.py``)."""


def _target_info(module: ModuleOp, bit: ir.Type) -> TargetInfo:
    """``module``'s interface; ``bit``: the type its clock ports get (``clock_bits.py``)."""
    ports = module.ports
    for port in ports:
        if port.condition is not None:
            raise PassFailedError(f"port '{port.name}' of '{module.sym_name}' is still conditional"
                                  f" ('{port.condition}'); run loom-specialize first", location_text(module.location))
    inputs = [p for p in ports if p.direction == IN]
    outputs = [p for p in ports if p.direction != IN]
    parameters = module.parameters
    arg_names = [ir.StringAttr.get(p.name) for p in inputs]
    result_names = [ir.StringAttr.get(p.name) for p in outputs]
    clock_inputs = [index for index, p in enumerate(inputs) if is_clock(p.type)]
    clock_outputs = [index for index, p in enumerate(outputs) if is_clock(p.type)]
    module_type = hw.ModuleType.get(
        [hw.ModulePort(name, bit if index in clock_inputs else p.type, hw.ModulePortDirection.INPUT)
         for index, (name, p) in enumerate(zip(arg_names, inputs, strict=True))]
        + [hw.ModulePort(name, bit if index in clock_outputs else p.type, hw.ModulePortDirection.OUTPUT)
           for index, (name, p) in enumerate(zip(result_names, outputs, strict=True))])
    module_attributes = {"module_type": ir.TypeAttr.get(module_type), "per_port_attrs": ir.ArrayAttr.get([]),
                         "parameters": ir.ArrayAttr.get([p.to_attr() for p in parameters]),
                         "comment": ir.StringAttr.get("")}
    return TargetInfo(inputs, outputs, parameters, ir.ArrayAttr.get(arg_names), ir.ArrayAttr.get(result_names),
                      {p.name: i for i, p in enumerate(inputs)}, {p.name: i for i, p in enumerate(outputs)},
                      module_attributes, clock_inputs, clock_outputs)


def _shared_target_info(module: ModuleOp, shared: dict[tuple[ir.Attribute | None, ...], TargetInfo],
                        bit: ir.Type, key: tuple[ir.Attribute | None, ...] | None = None) -> TargetInfo:
    """``_target_info``, made once for all modules with the same (uniqued) ports and parameters attributes
    (``key``, when the caller has read them: ``Lowering``'s ``interfaces``)."""
    if key is None:
        attrs = module.operation.attributes
        key = (attrs.get("ports"), attrs.get("parameters"))
    info = shared.get(key)
    if info is None:
        info = shared[key] = _target_info(module, bit)
    return info


class Lowering:
    """Converts every loom op under one ``builtin.module``."""

    def __init__(self, root: ir.Operation, modules: list[tuple[str, ModuleOp]] | None = None,
                 interfaces: Mapping[str, tuple[ir.Attribute | None, ...]] | None = None):
        """``modules``: every ``loom.module`` under ``root`` with its name, when the caller knows them;
        ``interfaces``: for each, a key that is equal for modules with equal ``ports`` and ``parameters``
        attributes (these attributes, perhaps with others), when the caller has read them."""
        self.root = root
        if modules is None:
            modules = [(ir.StringAttr(op.operation.attributes["sym_name"]).value, op)
                       for op in root.regions[0].blocks[0].operations if isinstance(op, ModuleOp)]
        self.modules = modules
        self.bit = ir.IntegerType.get_signless(1, context=root.context)
        self.clock = ir.Type.parse("!seq.clock", context=root.context)  # no import of the seq dialect's op classes
        """What clock ports are (``clock_bits.py``): an hw.instance of a loom.module is made here or nowhere (the
        parser and the verifier reject one naming a ``loom.module``), so every instance passes clocks as bits."""
        shared: dict[tuple[ir.Attribute | None, ...], TargetInfo] = {}
        self.targets = {name: _shared_target_info(m, shared, self.bit, interfaces[name] if interfaces else None)
                        for name, m in modules}
        self._clocks: ClockBits | None = None
        """The bits of the clocks of the module being lowered (``clock_bits.py``)."""
        self._param_arrays: dict[tuple[int, ir.Attribute | None, ir.Attribute | None], ir.ArrayAttr] = {}
        self._plans: dict[PlanKey, tuple[InstancePlan, str]] = {}
        """The plan and the target's name for each key."""
        self._interface_plans: dict[tuple[object, ...], InstancePlan] = {}
        """Plans by the target's interface (``TargetInfo``) instead of its name."""
        self._kind_plans: dict[tuple[object, ...], InstancePlan] = {}
        """Plans of kinds (``_kind_plan``) by the target's interface, its values and connected port names."""
        self.instantiated: dict[str, AbstractSet[str]] = {}
        """For each module lowered from a ``PlannedBody``: the modules it instantiates."""

    def run(self) -> None:
        for name, module in self.modules:
            self.lower_module(name, module)

    def lower_module(self, name: str, module: ModuleOp, planned: PlannedBody | None = None) -> None:
        """Give the module's body block to a new ``hw.module`` and convert its loom ops in place.

        The block moves as a whole (its arguments keep the input ports' declaration lines, which
        hw.module takes its port locations from), so the CIRCT ops in it are not moved one by one;
        with ``planned`` (``loom-specialize-to-hw``) they are not visited at all.
        """
        operation = module.operation
        info = self.targets[name]
        attributes = info.module_attributes
        attributes["sym_name"] = operation.attributes["sym_name"]  # the interface's, shared: the name is the module's
        hw_module = ir.Operation.create("hw.module", attributes=attributes, regions=1, loc=operation.location,
                                        ip=ir.InsertionPoint(operation))
        block = operation.regions[0].blocks[0]
        block.append_to(hw_module.regions[0])
        clocks = None
        if info.clock_outputs or planned is None or planned.kinds or planned.instances:
            clocks = ClockBits(block, info.clock_inputs, self.bit, self.clock)
        elif info.clock_inputs:  # only the body's own ops read its clocks: nothing asks for their bits
            clock_inputs_as_bits(block, info.clock_inputs, self.bit, self.clock)
        self._clocks = clocks
        if planned is None:
            for op in list(block.operations):
                if isinstance(op, InstanceOp):
                    self.lower_instance(op)
                elif isinstance(op, OutputOp):
                    self.lower_output(op.operation, clocks, info.clock_outputs)
                elif isinstance(op, ParamValueOp):
                    self.lower_param_value(op)
        else:
            if planned.kinds or planned.instances:
                targets = self.instantiated[name] = set(planned.hw_targets)
                self.lower_kinds(planned.kinds, targets)
                for inst in planned.instances:
                    targets.add(self.lower_instance(inst))
            else:  # a leaf (only read: no copy)
                self.instantiated[name] = planned.hw_targets
            for op in planned.param_values:
                self.lower_param_value(op)
            self.lower_output(block.operations[-1].operation, clocks, info.clock_outputs)  # loom-verify: the terminator
        if clocks is not None:
            clocks.finish()
        operation.erase()
        if info.parameters:  # widths may still be parameters (keep_parameters)
            rewrite_parametric_slices(hw_module)

    @staticmethod
    def lower_output(operation: ir.Operation, clocks: ClockBits | None = None, clock_outputs: Sequence[int] = ()
                     ) -> None:
        """``loom.output`` -> ``hw.output``; ``clock_outputs`` (of the module) are given as their ``clocks`` bits."""
        operands = operation.operands
        # Indexing the operand list is cheaper than iterating it (list() asks the bindings twice per operand).
        values = [operands[i] for i in range(len(operands))]
        if clocks is not None:
            for index in clock_outputs:
                values[index] = clocks.bit(values[index])
        ir.Operation.create("hw.output", operands=values, loc=operation.location, ip=ir.InsertionPoint(operation))
        operation.erase()

    def lower_param_value(self, op: ParamValueOp) -> None:
        value = op.value
        result_type = op.operation.results[0].type
        with op.location, ir.InsertionPoint(op.operation):
            constant = params.int_value(value)
            if constant is not None:
                new = constant_at(result_type, constant, op.location)
            else:
                new = ir.Operation.create("hw.param.value", results=[result_type], attributes={"value": value})
        op.operation.results[0].replace_all_uses_with(new.results[0])
        op.operation.erase()

    def _parameter_array(self, target: str, given: ir.Attribute | None, identity: ir.Attribute | None,
                         inst: InstanceOp) -> ir.ArrayAttr:
        """Every parameter of the target with its value: the instance's parameters, identity values, defaults."""
        info = self.targets[target]
        key = (id(info), given, identity)  # the declarations are the interface's: modules sharing it share this
        array = self._param_arrays.get(key)
        if array is None:
            values = {**inst.identity, **inst.parameters}
            decls = []
            for decl in info.parameters:
                value = values.get(decl.name, decl.default)
                if value is None:
                    raise PassFailedError(f"instance '{inst.instance_name}' must set parameter '{decl.name}'"
                                          f" of '@{target}'", location_text(inst.location))
                _check_width_value(decl, value, target, info, inst)
                decls.append(hw.ParamDeclAttr.get(decl.name, decl.type, value))
            array = self._param_arrays[key] = ir.ArrayAttr.get(decls)
        return array

    def _result_types(self, inst: InstanceOp, target: TargetInfo) -> list[ir.Type]:
        """The instance's result types in the target's port order, with its parameter values substituted.

        A port type such as ``!hw.int<#hw.param.decl.ref<"W">>`` is ``i8`` at an
        instance with ``W = 8``: ``hw.instance`` wants the substituted type. The
        loom instance's own results already have it; an output it leaves out
        gets its type by substituting the instance's parameter values.
        """
        types: list[ir.Type | None] = [None] * len(target.outputs)
        for name, result in zip(inst.output_names, inst.operation.results, strict=True):
            types[target.output_index[name]] = result.type
        for index, port in enumerate(target.outputs):
            if types[index] is None:
                types[index] = self._substituted_type(port.type, inst, target)
        for index in target.clock_outputs:
            types[index] = self.bit
        return types  # type: ignore[return-value]

    @staticmethod
    def _substituted_type(type_: ir.Type, inst: InstanceOp, target: TargetInfo) -> ir.Type:
        given = inst.parameters
        values = {decl.name: params.value_text(attr) for decl in target.parameters
                  if (attr := given.get(decl.name, decl.default)) is not None}
        return params.substitute_type(type_, values)

    def lower_instance(self, inst: InstanceOp) -> str:
        """Replace one ``loom.instance`` by an ``hw.instance`` in its place.

        Everything but the name, the SSA values and the location depends only
        on the instance's uniqued attributes, so it is planned once per
        distinct combination (``_plan``) and replayed for the other instances.
        """
        attrs = inst.operation.attributes
        key: PlanKey = (attrs["module"], attrs["input_names"], attrs["output_names"],
                        attrs["parameters"] if "parameters" in attrs else None,
                        attrs["identity"] if "identity" in attrs else None)
        planned = self._plans.get(key)
        if planned is None:
            target = ir.FlatSymbolRefAttr(key[0]).value
            planned = self._plans[key] = (self._plan(inst, key, target), target)
        self._replace([(key[0], [inst])], planned[0], self._clocks)
        return planned[1]

    def lower_kinds(self, kinds: list[tuple[InstanceKind, str, Updates, list[InstanceOp]]], targets: set[str]) -> None:
        """Lower the instances of ``kinds`` (``instance_graph.BodyIndex``), each kind with its target module and
        the updates that retarget it; add the modules they instantiate to ``targets``.

        Kinds one after another with one plan (``_kind_plan``: instances of distinct modules with one
        interface) are replaced in one batch, as the instances of one kind are.
        """
        batch: list[tuple[ir.Attribute, list[InstanceOp]]] = []
        current: InstancePlan | None = None
        for kind, target, updates, instances in kinds:
            plan, module, target = self._kind_plan(kind, target, updates, instances)
            targets.add(target)
            if plan is not current:
                if current is not None:
                    self._replace(batch, current, self._clocks)
                batch, current = [], plan
            batch.append((module, instances))
        if current is not None:
            self._replace(batch, current, self._clocks)

    def _kind_plan(self, kind: InstanceKind, target: str, updates: Updates, instances: list[InstanceOp]
                   ) -> tuple[InstancePlan, ir.Attribute, str]:
        """The plan of one kind of instance of module ``target`` retargeted by ``updates``, with the ``module``
        attribute and the name of the module they instantiate then.

        The plan is keyed by the kind with the updates applied and the target module replaced by its
        interface (``TargetInfo``), so no instance's attributes are read or rewritten, and the kinds of
        10,000 distinct modules with one interface share a plan as the instances of one kind do (the
        result types follow from the interface and the values, as they do for the instances of a kind);
        the first instance is retargeted only when the plan is new (it is made from it).
        """
        module, parameters, identity, input_names, output_names = kind
        if updates:
            changed = dict(updates)
            new_module = changed.get("module")
            if new_module is not None:
                module = new_module
                target = ir.FlatSymbolRefAttr(module).value
            parameters = changed.get("parameters", parameters)
            identity = changed.get("identity", identity)
        key = (id(self.targets.get(target)), input_names, output_names, parameters, identity)
        plan = self._kind_plans.get(key)
        if plan is None:
            first = instances[0]
            apply_updates(first, updates)
            plan = self._kind_plans[key] = self._plan(first, (module, input_names, output_names, parameters,
                                                              identity), target)
        return plan, module, target

    @staticmethod
    def _replace(groups: list[tuple[ir.Attribute, list[InstanceOp]]], plan: InstancePlan,
                 clocks: ClockBits | None) -> None:
        """Put the ``hw.instance`` that ``plan`` describes in the place of each instance of ``groups`` (each of
        the module its ``module`` attribute names), in a module whose clocks' bits are ``clocks``.

        One loop for all (50,000 instances of one kind): what the plan says is read once, and the
        common shape (the hw.instance has one result, the loom.instance reads it) needs no result lists.

        The op is made with the attributes its instances share and then given its name: MLIR uniques the
        attribute dictionary an op is made with for the context's lifetime, even where the op keeps the
        attributes as properties, so one made with its name left a dictionary per instance behind (5 MB at
        50,000 instances); setting a property afterwards makes none.
        """
        shared = plan.attributes
        order, result_types, positions = plan.operand_order, plan.result_types, plan.result_positions
        clock_operands, clock_results = plan.clock_operands, plan.clock_results
        single = len(positions) == 1 and len(result_types) == 1 and not clock_results
        for module, instances in groups:
            shared["moduleName"] = module
            for inst in instances:
                operation = inst.operation
                name = getattr(inst, "verified_name", None)
                attrs = None
                if name is None:
                    attrs = operation.attributes
                    name, arguments = attrs["instance_name"], None
                else:  # as loom-verify read them
                    arguments = inst.verified_arguments
                if arguments is not None:  # body arguments: a clock among them is its own bit
                    values = [arguments[i] for i in order]
                else:
                    operands = operation.operands  # indexed in C++: no list of every operand first
                    values = [operands[i] for i in order]
                    for index in clock_operands:  # ``clocks`` is set in a module with instances
                        values[index] = clocks.bit(values[index])  # type: ignore[union-attr]
                new = ir.Operation.create("hw.instance", results=result_types, operands=values,
                                          attributes=shared, loc=operation.location, ip=ir.InsertionPoint(operation))
                properties = new.attributes
                properties["instanceName"] = name
                if attrs is not None and "inner_sym" in attrs:  # put there by loom-export-metadata for hw.hierpath
                    properties["inner_sym"] = attrs["inner_sym"]
                if single:
                    operation.result.replace_all_uses_with(new.result)
                else:
                    results = new.results
                    for index, (position, result) in enumerate(zip(positions, operation.results, strict=True)):
                        if index in clock_results:
                            clocks.read_as_clock(result, results[position], new)  # type: ignore[union-attr]
                        else:
                            result.replace_all_uses_with(results[position])
                operation.erase()

    def _plan(self, inst: InstanceOp, key: PlanKey, target_name: str) -> InstancePlan:
        """The plan for instances with ``key``'s attributes (``inst`` is one of them) of ``target_name``."""
        target = self.targets.get(target_name)
        if target is None:
            raise PassFailedError(f"instance '{inst.instance_name}' refers to '@{target_name}', which is not a"
                                  " loom.module", location_text(inst.location))
        _, input_names, output_names, given, identity = key
        interface_key = (id(target), input_names, output_names, given, identity, tuple(inst.operation.results.types))
        plan = self._interface_plans.get(interface_key)
        if plan is None:
            plan = self._interface_plans[interface_key] = self._interface_plan(inst, target, target_name, given,
                                                                               identity)
        return plan

    def _interface_plan(self, inst: InstanceOp, target: TargetInfo, target_name: str, given: ir.Attribute | None,
                        identity: ir.Attribute | None) -> InstancePlan:
        """The plan of ``inst``: what depends on the target's interface only."""
        position_of = {name: index for index, name in enumerate(inst.input_names)}
        missing = [p.name for p in target.inputs if p.name not in position_of]
        if missing:
            raise PassFailedError(f"input '{missing[0]}' of instance '{inst.instance_name}' is not connected",
                                  location_text(inst.location))
        new_attrs: dict[str, ir.Attribute] = {
            "argNames": target.arg_names,
            "resultNames": target.result_names,
            "parameters": self._parameter_array(target_name, given, identity, inst),
        }
        positions = [target.output_index[name] for name in inst.output_names]
        return InstancePlan([position_of[p.name] for p in target.inputs], positions, new_attrs,
                            self._result_types(inst, target), target.clock_inputs,
                            frozenset(index for index, position in enumerate(positions)
                                      if position in target.clock_outputs))


@loom_pass("lower-loom-to-hw", kind=PassKind.DESIGN,
           summary="Convert loom.module/loom.instance to hw.module/hw.instance")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Convert loom.module/loom.instance to hw.module/hw.instance (after loom-specialize)."""
    del options
    Lowering(module).run()
