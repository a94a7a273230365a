"""``lower-loom-to-hw``: convert ``loom.module``/``loom.instance`` to ``hw.module``/``hw.instance``.

Runs after ``loom-specialize``: every port must be unconditional by then.
The body's CIRCT ops are moved, not copied; ``loom.instance`` becomes
``hw.instance`` with its operands and results put in the target's port order
(connections are by name in loom) and every parameter of the target given a
value; ``loom.param_value`` becomes ``hw.constant`` when its value is a
constant and ``hw.param.value`` otherwise; ``loom.output`` becomes
``hw.output``. Ops are created through ``Operation.create`` with prepared
attributes because that is the cheapest way to build ops from Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir
from circt.dialects import hw

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.ops import IN, InstanceOp, ModuleOp, OutputOp, ParamDecl, ParamValueOp, PortInfo


@dataclass
class TargetInfo:
    """A lowered module's interface, as instances need it."""

    inputs: list[PortInfo]
    outputs: list[PortInfo]
    parameters: list[ParamDecl]
    arg_names: ir.ArrayAttr
    result_names: ir.ArrayAttr
    input_index: dict[str, int]
    output_index: dict[str, int]


def _target_info(module: ModuleOp) -> TargetInfo:
    ports = module.ports
    for port in ports:
        if port.condition is not None:
            raise PassFailedError(f"port '{port.name}' of '{module.sym_name}' is still conditional"
                                  f" ('{port.condition}'); run loom-specialize first", location_text(module.location))
    inputs = [p for p in ports if p.direction == IN]
    outputs = [p for p in ports if p.direction != IN]
    return TargetInfo(inputs, outputs, module.parameters,
                      ir.ArrayAttr.get([ir.StringAttr.get(p.name) for p in inputs]),
                      ir.ArrayAttr.get([ir.StringAttr.get(p.name) for p in outputs]),
                      {p.name: i for i, p in enumerate(inputs)}, {p.name: i for i, p in enumerate(outputs)})


class Lowering:
    """Converts every loom op under one ``builtin.module``."""

    def __init__(self, root: ir.Operation):
        self.root = root
        self.modules = [op for op in root.regions[0].blocks[0].operations if isinstance(op, ModuleOp)]
        self.targets = {m.sym_name: _target_info(m) for m in self.modules}
        self._param_arrays: dict[tuple[str, ir.Attribute | None], ir.ArrayAttr] = {}

    def run(self) -> None:
        for module in self.modules:
            self.lower_module(module)

    def lower_module(self, module: ModuleOp) -> None:
        info = self.targets[module.sym_name]
        with module.location, ir.InsertionPoint(module.operation):
            hw_module = hw.HWModuleOp(module.sym_name, [(p.name, p.type) for p in info.inputs],
                                      [(p.name, p.type) for p in info.outputs],
                                      parameters=[p.to_attr() for p in info.parameters])
            block = hw_module.add_entry_block()
        for old, new in zip(module.body.arguments, block.arguments):
            old.replace_all_uses_with(new)
        for op in list(module.body.operations):
            if isinstance(op, InstanceOp):
                self.lower_instance(op, block)
            elif isinstance(op, OutputOp):
                with op.location, ir.InsertionPoint(block):
                    hw.OutputOp(list(op.operation.operands))
                op.operation.erase()
            elif isinstance(op, ParamValueOp):
                self.lower_param_value(op, block)
            else:
                ir.InsertionPoint(block).insert(_detach(op))
        module.operation.erase()

    def lower_param_value(self, op: ParamValueOp, block: ir.Block) -> None:
        value = op.value
        result_type = op.operation.results[0].type
        with op.location, ir.InsertionPoint(block):
            if isinstance(value, ir.IntegerAttr):
                new = ir.Operation.create("hw.constant", results=[result_type],
                                          attributes={"value": ir.IntegerAttr.get(result_type, value.value)})
            else:
                new = ir.Operation.create("hw.param.value", results=[result_type], attributes={"value": value})
        op.operation.results[0].replace_all_uses_with(new.results[0])
        op.operation.erase()

    def _parameter_array(self, target: str, given: ir.Attribute | None, inst: InstanceOp) -> ir.ArrayAttr:
        key = (target, given)
        array = self._param_arrays.get(key)
        if array is None:
            values = inst.parameters
            decls = []
            for decl in self.targets[target].parameters:
                value = values.get(decl.name, decl.default)
                if value is None:
                    raise PassFailedError(f"instance '{inst.instance_name}' must set parameter '{decl.name}'"
                                          f" of '@{target}'", location_text(inst.location))
                decls.append(hw.ParamDeclAttr.get(decl.name, decl.type, value))
            array = self._param_arrays[key] = ir.ArrayAttr.get(decls)
        return array

    def lower_instance(self, inst: InstanceOp, block: ir.Block) -> None:
        target_name = inst.module_name
        target = self.targets.get(target_name)
        if target is None:
            raise PassFailedError(f"instance '{inst.instance_name}' refers to '@{target_name}', which is not a"
                                  " loom.module", location_text(inst.location))
        attrs = inst.operation.attributes
        operands: list[ir.Value | None] = [None] * len(target.inputs)
        for name, value in zip(inst.input_names, inst.operation.operands):
            operands[target.input_index[name]] = value
        if any(v is None for v in operands):
            missing = [p.name for p, v in zip(target.inputs, operands) if v is None]
            raise PassFailedError(f"input '{missing[0]}' of instance '{inst.instance_name}' is not connected",
                                  location_text(inst.location))
        given = attrs["parameters"] if "parameters" in attrs else None
        new_attrs = {
            "instanceName": attrs["instance_name"],
            "moduleName": attrs["module"],
            "argNames": target.arg_names,
            "resultNames": target.result_names,
            "parameters": self._parameter_array(target_name, given, inst),
        }
        with inst.location, ir.InsertionPoint(block):
            new = ir.Operation.create("hw.instance", results=[p.type for p in target.outputs],
                                      operands=operands, attributes=new_attrs)
        for name, result in zip(inst.output_names, inst.operation.results):
            result.replace_all_uses_with(new.results[target.output_index[name]])
        inst.operation.erase()


def _detach(op: ir.OpView) -> ir.Operation:
    operation = op.operation
    operation.detach_from_parent()
    return operation


def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Convert loom.module/loom.instance to hw.module/hw.instance (after loom-specialize)."""
    del options
    Lowering(module).run()
