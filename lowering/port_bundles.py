"""``change-port-bundle-struct``: a port bundle whose fields all go one way becomes one packed-struct port.

kratos: "automatically change the port bundle into packed struct whenever
possible". The frontend flattens a bundle ``rd`` into ports ``rd_addr``,
``rd_data``, ... whose port dictionaries record ``bundle = "rd"``,
``bundle_field`` and ``bundle_type`` (the ``PortBundle`` class name). This pass
works on loom IR (before ``loom-specialize``; ``verilog(top,
passes="change-port-bundle-struct")`` runs it there) and, for each bundle of
each ``loom.module`` that it can convert:

- replaces the field ports by one port named after the bundle, of type
  ``!hw.typealias<@loom_types::@<bundle_type>, !hw.struct<field: T, ...>>``
  (fields in declaration order; the typedef is added to the type scope,
  suffixed ``_1``, ... if another struct already has the name);
- inside the module, an input bundle is read with ``hw.struct_extract`` per
  field and an output bundle is built with ``hw.struct_create``;
- at every ``loom.instance`` of the module the connections follow: the field
  operands are packed with ``hw.struct_create``, the field results unpacked
  with ``hw.struct_extract``.

A bundle is left flattened when its fields go both ways (a struct port has
one direction), when a field is conditional or has a parametric width, or
when a port with the bundle's name exists already.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from circt import ir

from ..dialect import type_scope
from ..dialect.ops import IN, InstanceOp, ModuleOp, OutputOp, PortInfo
from ..dialect.params import is_parametric
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass

BUNDLE_KEYS = ("bundle", "bundle_field", "bundle_type")


def _extra(port: PortInfo, key: str) -> str | None:
    for name, attr in port.extra:
        if name == key:
            return ir.StringAttr(attr).value
    return None


@dataclass
class Bundle:
    """One convertible bundle of a module."""

    name: str
    direction: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (field, port name) in port order
    struct: ir.Type | None = None


@dataclass
class Plan:
    """How one module's ports change: the new port list and the bundles replacing field ports."""

    ports: list[PortInfo]
    bundles: dict[str, Bundle]
    member_of: dict[str, Bundle]  # field port name -> its bundle


def _plan(root: ir.Operation, module: ModuleOp) -> Plan | None:
    ports = module.ports
    groups: dict[str, list[PortInfo]] = {}
    for port in ports:
        name = _extra(port, "bundle")
        if name is not None:
            groups.setdefault(name, []).append(port)
    if not groups:
        return None
    names = {p.name for p in ports}
    bundles: dict[str, Bundle] = {}
    for name, members in groups.items():
        directions = {p.direction for p in members}
        if len(directions) != 1 or name in names or any(p.condition is not None for p in members) or \
                any(is_parametric(str(p.type)) for p in members):
            continue
        bundle = Bundle(name, members[0].direction, [(_extra(p, "bundle_field") or p.name, p.name) for p in members])
        inner = ir.Type.parse("!hw.struct<" + ", ".join(f"{f}: {p.type}" for (f, _), p in zip(bundle.fields, members))
                              + ">")
        bundle.struct = type_scope.declare(root, _extra(members[0], "bundle_type") or name, inner)
        bundles[name] = bundle
    if not bundles:
        return None
    member_of = {port: b for b in bundles.values() for _, port in b.fields}
    new_ports: list[PortInfo] = []
    for port in ports:
        bundle = member_of.get(port.name)
        if bundle is None:
            new_ports.append(port)
        elif port.name == bundle.fields[0][1]:
            new_ports.append(PortInfo(bundle.name, bundle.direction, bundle.struct, None,  # type: ignore[arg-type]
                                      (("bundle_type", ir.StringAttr.get(type_scope.alias_name(bundle.struct) or "")),)))
    return Plan(new_ports, bundles, member_of)


def _create(name: str, results: list[ir.Type], operands: list[ir.Value], attributes: dict[str, ir.Attribute] | None = None
            ) -> ir.Operation:
    return ir.Operation.create(name, results=results, operands=operands, attributes=attributes or {})


def _rewrite_module(module: ModuleOp, plan: Plan) -> None:
    """Rebuild ``module`` with the planned ports (a new op: block arguments cannot be inserted in place)."""
    operation = module.operation
    old_block = module.body
    old_inputs = [p for p in module.ports if p.direction == IN]
    arg_of = {p.name: arg for p, arg in zip(old_inputs, old_block.arguments)}
    new_inputs = [p for p in plan.ports if p.direction == IN]
    with operation.location, ir.InsertionPoint(operation):
        new = ir.Operation.create("loom.module", attributes={key: operation.attributes[key] for key in operation.attributes},
                                  regions=2)
    new.attributes["ports"] = ir.ArrayAttr.get([p.to_attr() for p in plan.ports])
    locations = [arg_of[p.name].location if p.name in arg_of else
                 arg_of[plan.bundles[p.name].fields[0][1]].location for p in new_inputs]
    block = new.regions[0].blocks.append(*[p.type for p in new_inputs], arg_locs=locations)
    new_args = dict(zip((p.name for p in new_inputs), block.arguments))
    for name, arg in arg_of.items():
        bundle = plan.member_of.get(name)
        if bundle is None:
            arg.replace_all_uses_with(new_args[name])
    for op in list(old_block.operations):
        op.operation.detach_from_parent()
        ir.InsertionPoint(block).insert(op.operation)
    for bundle in plan.bundles.values():
        if bundle.direction != IN:
            continue
        whole = new_args[bundle.name]
        with whole.location, ir.InsertionPoint.at_block_begin(block):
            for field_name, port_name in bundle.fields:
                old = arg_of[port_name]
                extract = _create("hw.struct_extract", [old.type], [whole],
                                  {"fieldIndex": ir.IntegerAttr.get(ir.IntegerType.get_signless(32),
                                                                    [f for f, _ in bundle.fields].index(field_name))})
                old.replace_all_uses_with(extract.results[0])
    _rewrite_output(new.opview, module.ports, plan)  # type: ignore[arg-type]
    operation.erase()


def _rewrite_output(module: ModuleOp, old_ports: list[PortInfo], plan: Plan) -> None:
    output = module.output.operation
    values = dict(zip((p.name for p in old_ports if p.direction != IN), output.operands))
    operands = []
    with output.location, ir.InsertionPoint(output):
        for port in plan.ports:
            if port.direction == IN:
                continue
            bundle = plan.bundles.get(port.name)
            if bundle is None:
                operands.append(values[port.name])
            else:
                operands.append(_create("hw.struct_create", [port.type],
                                        [values[p] for _, p in bundle.fields]).results[0])
        OutputOp.build(operands)
    output.erase()


def _rewrite_instance(inst: InstanceOp, plan: Plan) -> None:
    operation = inst.operation
    inputs = dict(zip(inst.input_names, operation.operands))
    outputs = dict(zip(inst.output_names, operation.results))
    in_names: list[str] = []
    in_values: list[ir.Value] = []
    out_names: list[str] = []
    out_types: list[ir.Type] = []
    with operation.location, ir.InsertionPoint(operation):
        for port in plan.ports:
            bundle = plan.bundles.get(port.name)
            if port.direction == IN:
                if bundle is None and port.name in inputs:
                    in_names.append(port.name)
                    in_values.append(inputs[port.name])
                elif bundle is not None and all(p in inputs for _, p in bundle.fields):
                    in_names.append(bundle.name)
                    in_values.append(_create("hw.struct_create", [port.type],
                                             [inputs[p] for _, p in bundle.fields]).results[0])
            elif bundle is None and port.name in outputs:
                out_names.append(port.name)
                out_types.append(outputs[port.name].type)
            elif bundle is not None:
                out_names.append(bundle.name)
                out_types.append(port.type)
        attributes = {key: operation.attributes[key] for key in operation.attributes}
        attributes["input_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in in_names])
        attributes["output_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in out_names])
        new = _create("loom.instance", out_types, in_values, attributes)
    results = dict(zip(out_names, new.results))
    with operation.location, ir.InsertionPoint(operation):  # after the new instance
        for name, old in outputs.items():
            bundle = plan.member_of.get(name)
            if bundle is None:
                old.replace_all_uses_with(results[name])
                continue
            index = [p for _, p in bundle.fields].index(name)
            extract = _create("hw.struct_extract", [old.type], [results[bundle.name]],
                              {"fieldIndex": ir.IntegerAttr.get(ir.IntegerType.get_signless(32), index)})
            old.replace_all_uses_with(extract.results[0])
    operation.erase()


@loom_pass("change-port-bundle-struct", kind=PassKind.HIERARCHY,
           summary="Automatically change the port bundle into packed struct whenever possible (all fields one direction)")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Turn every port bundle whose fields share a direction into one packed-struct port."""
    del options
    top_ops = [op for op in module.regions[0].blocks[0].operations if isinstance(op, ModuleOp)]
    plans: dict[str, Plan] = {}
    for op in top_ops:
        plan = _plan(module, op)
        if plan is not None:
            plans[op.sym_name] = plan
    if not plans:
        return
    for op in list(module.regions[0].blocks[0].operations):
        if not isinstance(op, ModuleOp):
            continue
        for inner in list(op.body.operations):
            if isinstance(inner, InstanceOp) and inner.module_name in plans:
                _rewrite_instance(inner, plans[inner.module_name])
    for op in list(module.regions[0].blocks[0].operations):
        if isinstance(op, ModuleOp) and op.sym_name in plans:
            _rewrite_module(op, plans[op.sym_name])
