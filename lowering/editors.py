"""The editors an edit's callbacks receive: one module variant (``ModuleEditor``) and one instance op in it
(``InstanceEditor``).

They are the whole vocabulary an edit has (look up ports and named signals, add or replace logic, add an
output, set a parameter, retarget or remove an instance), so the sparse run (``edits.py``) can hand a
callback a copy of a module without the callback knowing about variants. Every misuse is a located
PassFailedError naming the module and what it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from circt import ir

from ..dialect.constants import create_constant, signed_literal
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.ops import IN, OUT, InstanceOp, ModuleOp, OutputOp, PortInfo
from .specialize import tie_to_zero


def fits_width(value: int, width: int) -> bool:
    """Whether ``value`` is a ``width``-bit constant, unsigned or two's complement (as the frontend allows)."""
    return -(1 << (width - 1)) <= value < (1 << width)


class ModuleEditor:
    """One module variant being edited: look up its ports and named signals, change its logic and ports.

    New ops go before the module's ``loom.output`` (``with editor.insertion_point``),
    at the module's location unless the caller sets another.
    """

    def __init__(self, module: ModuleOp, lookup: Callable[[str], ir.OpView | None], origin: str | None = None):
        self.module = module
        self._lookup = lookup
        self.origin = origin or module.sym_name
        """The module this variant was copied from (what error messages name)."""

    @property
    def name(self) -> str:
        return self.module.sym_name

    @property
    def location(self) -> ir.Location:
        return self.module.location

    @property
    def insertion_point(self) -> ir.InsertionPoint:
        return ir.InsertionPoint(self.module.output.operation)

    def _ports(self) -> list[PortInfo]:
        return self.module.ports

    def input(self, name: str) -> ir.Value:
        """The block argument of input port ``name``."""
        inputs = [p for p in self._ports() if p.direction == IN]
        for index, port in enumerate(inputs):
            if port.name == name:
                return self.module.body.arguments[index]
        raise PassFailedError(f"module '{self.origin}' has no input '{name}' (inputs:"
                              f" {', '.join(p.name for p in inputs) or 'none'})", location_text(self.location))

    def _output_index(self, name: str) -> int:
        outputs = [p for p in self._ports() if p.direction == OUT]
        for index, port in enumerate(outputs):
            if port.name == name:
                return index
        raise PassFailedError(f"module '{self.origin}' has no output '{name}' (outputs:"
                              f" {', '.join(p.name for p in outputs) or 'none'})", location_text(self.location))

    def output(self, name: str) -> ir.Value:
        """The value that currently drives output port ``name``."""
        return self.module.output.operation.operands[self._output_index(name)]

    def set_output(self, name: str, value: ir.Value) -> None:
        """Drive output ``name`` with ``value`` (the old driver stays until a clean-up removes it)."""
        self.module.output.operation.operands[self._output_index(name)] = value

    def add_output(self, name: str, value: ir.Value) -> None:
        """A new output port ``name`` driven by ``value`` (the parents' instances may leave it unconnected)."""
        ports = self._ports()
        if any(p.name == name for p in ports):
            raise PassFailedError(f"module '{self.origin}' already has a port '{name}'", location_text(self.location))
        attrs = self.module.operation.attributes
        attrs["ports"] = ir.ArrayAttr.get([p.to_attr() for p in ports] + [PortInfo(name, OUT, value.type).to_attr()])
        output = self.module.output
        with output.location, ir.InsertionPoint(output.operation):
            OutputOp.build(list(output.operation.operands) + [value])
        output.operation.erase()

    def signal(self, name: str) -> ir.Value:
        """A named value of the body: a wire, register or variable (``name`` attribute), or a port."""
        for op in self.module.body.operations:
            attrs = op.operation.attributes
            if "name" in attrs and isinstance(attrs["name"], ir.StringAttr) and \
                    ir.StringAttr(attrs["name"]).value == name and len(op.operation.results) == 1:
                return op.operation.results[0]
        ports = self._ports()
        if any(p.name == name and p.direction == IN for p in ports):
            return self.input(name)
        if any(p.name == name for p in ports):
            return self.output(name)
        raise PassFailedError(f"module '{self.origin}' has no signal named '{name}'", location_text(self.location))

    def constant(self, value: int, width: int) -> ir.Value:
        """An ``hw.constant`` before the output (unsigned ``value`` truncated to ``width`` bits)."""
        with self.location, self.insertion_point:
            return create_constant(ir.IntegerType.get_signless(width), value).results[0]

    def create(self, name: str, operands: list[ir.Value], result: ir.Type | None = None,
               attributes: dict[str, ir.Attribute] | None = None) -> ir.Value | None:
        """Create op ``name`` (e.g. ``"comb.xor"``) before the output; its result, if it has one."""
        with self.location, self.insertion_point:
            op = ir.Operation.create(name, results=[result] if result is not None else [], operands=operands,
                                     attributes=attributes or {})
        return op.results[0] if result is not None else None

    def instances(self) -> Iterator[InstanceOp]:
        for op in self.module.body.operations:
            if isinstance(op, InstanceOp):
                yield op

    def instance(self, name: str) -> InstanceOp:
        for op in self.instances():
            if op.instance_name == name:
                return op
        raise PassFailedError(f"module '{self.origin}' has no instance '{name}'", location_text(self.location))

    def set_attribute(self, key: str, value: str) -> None:
        """A generator attribute (``user_attributes[key] = value``, as kratos ``add_attribute``)."""
        attrs = self.module.operation.attributes
        entries = {n.name: n.attr for n in ir.DictAttr(attrs["user_attributes"])} \
            if "user_attributes" in attrs else {}
        entries[key] = ir.StringAttr.get(value)
        attrs["user_attributes"] = ir.DictAttr.get(entries)

    def lookup(self, name: str) -> ir.OpView | None:
        """Any module of the design by name (originals and the variants made so far)."""
        return self._lookup(name)


class InstanceEditor:
    """One matched instance op, inside its parent's variant."""

    def __init__(self, op: InstanceOp, parent: ModuleEditor):
        self.op = op
        self.parent = parent

    @property
    def name(self) -> str:
        return self.op.instance_name

    @property
    def target(self) -> ModuleOp:
        target = self.parent.lookup(self.op.module_name)
        if not isinstance(target, ModuleOp):
            raise PassFailedError(f"instance '{self.name}' refers to '@{self.op.module_name}', which is not a"
                                  " loom.module", location_text(self.op.location))
        return target

    def set_parameter(self, name: str, value: int | ir.Attribute) -> None:
        """Set parameter (or identity parameter) ``name`` of this instance; an int takes the declared type."""
        target = self.target
        decls = {d.name: d for d in target.parameters}
        if name not in decls:
            raise PassFailedError(f"instance '{self.name}' of '{target.sym_name}': no parameter '{name}'"
                                  f" (parameters: {', '.join(decls) or 'none'})", location_text(self.op.location))
        if isinstance(value, int):
            width = ir.IntegerType(decls[name].type).width
            if isinstance(value, bool) or not 0 <= value < (1 << width):
                raise PassFailedError(f"value {value!r} of parameter '{name}' of '{target.sym_name}' must be an int in"
                                      f" [0, 2**{width})", location_text(self.op.location))
            value = ir.IntegerAttr.get(decls[name].type, signed_literal(value, width))
        key = "identity" if name in target.identity_parameters else "parameters"
        attrs = self.op.operation.attributes
        entries = {n.name: n.attr for n in ir.DictAttr(attrs[key])} if key in attrs else {}
        entries[name] = value
        attrs[key] = ir.DictAttr.get(entries)

    def connect_output(self, port: str) -> ir.Value:
        """The value of output ``port`` of this instance, connecting it if the instance leaves it open.

        The instance op is rebuilt with one more result; ``self.op`` is the new op.
        """
        names = self.op.output_names
        if port in names:
            return self.op.operation.results[names.index(port)]
        target = self.target
        ports = {p.name: p for p in target.ports if p.direction == OUT}
        if port not in ports:
            raise PassFailedError(f"instance '{self.name}' of '{target.sym_name}' has no output '{port}'",
                                  location_text(self.op.location))
        operation = self.op.operation
        result_type = ports[port].type
        attributes = {name: operation.attributes[name] for name in operation.attributes}
        attributes["output_names"] = ir.ArrayAttr.get([ir.StringAttr.get(n) for n in names + [port]])
        with operation.location, ir.InsertionPoint(operation):
            new = ir.Operation.create(InstanceOp.OPERATION_NAME, results=[r.type for r in operation.results] +
                                      [result_type], operands=list(operation.operands), attributes=attributes)
        # Lengths differ on purpose: ``new`` has the added output as its last result.
        for old, result in zip(operation.results, new.results, strict=False):
            old.replace_all_uses_with(result)
        operation.erase()
        self.op = InstanceOp(new)
        return new.results[len(names)]

    def remove(self) -> None:
        """Remove the instance; whatever read its outputs reads zero."""
        operation = self.op.operation
        with ir.InsertionPoint(operation):
            for name, result in zip(self.op.output_names, operation.results, strict=True):
                tie_to_zero(result, f"output '{name}' of removed instance '{self.name}'", operation.location)
        operation.erase()


ModuleEdit = Callable[[ModuleEditor], None]
InstanceEdit = Callable[[InstanceEditor], None]
