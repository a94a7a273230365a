"""The loom dialect's operations.

The CIRCT wheel has no IRDL, so these ops are unregistered in MLIR and print in
generic form. Python OpView classes registered for their names give builders
and typed accessors, and ``loom.dialect.verify`` checks their invariants.

``loom.module``   a generator definition: ``sym_name``, ``parameters`` (an
                  array of ``#hw.param.decl``), ``ports`` (an array of
                  ``{name, dir = "in"|"out", type, cond?}`` dictionaries) and one
                  body block whose arguments are the input ports in order and
                  whose terminator ``loom.output`` yields the output ports.
``loom.instance`` an instance of a ``loom.module``: ``instance_name``,
                  ``module`` (a flat symbol reference), ``parameters`` (a
                  dictionary of values, which may refer to the enclosing
                  module's parameters), ``identity`` (values that name the
                  instance without making it different hardware), and
                  connections by port name: operand ``i`` connects input
                  ``input_names[i]``, result ``j`` is output ``output_names[j]``.
``loom.output``   terminator of a ``loom.module`` body.
``loom.param_value`` the value of a parameter expression (``value``) as an
                  integer result; CIRCT's ``hw.param.value`` cannot be used
                  here because its verifier needs an enclosing ``hw.module``.

See docs/rationale.md for why parameters and conditions look like this.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, cast

from circt import ir
from circt.dialects import hw

from .decoding import decoded
from .opdef import (
    ONE,
    PARAM_DECLS,
    PARAM_VALUE,
    PARAM_VALUES,
    PORTS,
    SCOPE,
    STRING,
    STRING_DICT,
    STRINGS,
    SYMBOL,
    UNIT,
    VARIADIC,
    AttrDef,
    LoomOp,
    Trait,
    define,
    optional,
    required,
)


class Direction(StrEnum):
    """A port's direction: the ``dir`` entry of a port in IR (a ``str``, so the IR text is the value)."""

    IN = "in"
    OUT = "out"


IN = Direction.IN
OUT = Direction.OUT
_DIRECTIONS = {direction.value: direction for direction in Direction}


@dataclass(frozen=True)
class ParamDecl:
    """A module parameter: its name, its type and its default (None: required)."""

    name: str
    type: ir.Type
    default: ir.Attribute | None

    def to_attr(self) -> ir.Attribute:
        return hw.ParamDeclAttr.get(self.name, self.type, self.default) if self.default is not None else \
            hw.ParamDeclAttr.get_nodefault(self.name, self.type)

    @staticmethod
    def from_attr(attr: ir.Attribute) -> ParamDecl:
        decl = hw.ParamDeclAttr(attr)
        # ``ParamDeclAttr.value`` aborts the process (a null attribute reaches
        # PyCapsule_New) when the declaration has no default, so look at the
        # printed form first: ``#hw.param.decl<"N": i32>`` vs ``<"N": i32 = 8>``.
        has_default = " = " in str(attr).partition('": ')[2]
        return ParamDecl(decl.name, decl.param_type, decl.value if has_default else None)


@dataclass(frozen=True)
class PortInfo:
    """A port of a ``loom.module``; ``condition`` None means the port always exists."""

    name: str
    direction: Direction | str
    """A ``Direction``; text that is not one is kept as read, for the verifier to report."""
    type: ir.Type
    condition: str | None = None
    extra: tuple[tuple[str, ir.Attribute], ...] = ()
    """Other entries of the port dictionary (e.g. the port bundle a port belongs to), kept as they are."""

    def to_attr(self) -> ir.Attribute:
        entries = {
            "name": ir.StringAttr.get(self.name),
            "dir": ir.StringAttr.get(self.direction),
            "type": ir.TypeAttr.get(self.type),
        }
        if self.condition is not None:
            entries["cond"] = ir.StringAttr.get(self.condition)
        entries.update(self.extra)
        return ir.DictAttr.get(entries)

    @staticmethod
    def from_attr(attr: ir.Attribute) -> PortInfo:
        entries = ir.DictAttr(attr)
        condition = ir.StringAttr(entries["cond"]).value if "cond" in entries else None
        extra = tuple((named.name, named.attr) for named in entries
                      if named.name not in ("name", "dir", "type", "cond")) \
            if len(entries) > 3 + (condition is not None) else ()
        return PortInfo(
            ir.StringAttr(entries["name"]).value,
            _DIRECTIONS.get(direction := ir.StringAttr(entries["dir"]).value, direction),
            ir.TypeAttr(entries["type"]).value,
            condition,
            extra,
        )


def _decode_parameters(attr: ir.Attribute) -> list[ParamDecl]:
    return [ParamDecl.from_attr(a) for a in ir.ArrayAttr(attr)]


def _decode_ports(attr: ir.Attribute) -> list[PortInfo]:
    return [PortInfo.from_attr(a) for a in ir.ArrayAttr(attr)]


def _string_list(attr: ir.Attribute) -> list[str]:
    return [ir.StringAttr(item).value for item in ir.ArrayAttr(attr)]


def decode_parameters(attr: ir.Attribute | None) -> list[ParamDecl]:
    """A ``loom.module``'s ``parameters`` attribute (None: absent) decoded, as ``ModuleOp.parameters`` reads it:
    for a caller that already holds the attribute."""
    return [] if attr is None else decoded("parameters", attr, _decode_parameters)


def decode_ports(attr: ir.Attribute | None) -> list[PortInfo]:
    """A ``loom.module``'s ``ports`` attribute (None: absent) decoded, as ``ModuleOp.ports`` reads it."""
    return [] if attr is None else decoded("ports", attr, _decode_ports)


def decode_strings(attr: ir.Attribute | None) -> list[str]:
    """An array of strings (``identity_parameters``, ``kept_parameters``; None: absent) as a list."""
    return [] if attr is None else _string_list(attr)


def _string_array(names: Iterable[str]) -> ir.ArrayAttr:
    return ir.ArrayAttr.get([ir.StringAttr.get(name) for name in names])


@define
class ModuleOp(LoomOp):
    """``loom.module``: one generator definition (see the module docstring)."""

    OPERATION_NAME = "loom.module"
    REGIONS = 2
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {
        "sym_name": required(STRING),
        "ports": required(PORTS),
        "parameters": optional(PARAM_DECLS),
        "identity_parameters": optional(STRINGS),
        "kept_parameters": optional(STRINGS),
        "user_attributes": optional(STRING_DICT),
        "generator": optional(STRING),
        "structural_hash": optional(STRING),
        "has_annotations": optional(UNIT),
        "has_signal_attributes": optional(UNIT),
    }
    TRAITS = frozenset({Trait.SYMBOL, Trait.SINGLE_BLOCK, Trait.SYMBOL_TRANSPARENT})
    PARENTS = ("builtin.module",)

    @classmethod
    def build(cls, name: str, ports: Sequence[PortInfo], parameters: Sequence[ParamDecl] = (),
              loc: ir.Location | None = None, ip: ir.InsertionPoint | None = None) -> ModuleOp:
        attributes = {
            "sym_name": ir.StringAttr.get(name),
            "parameters": ir.ArrayAttr.get([p.to_attr() for p in parameters]),
            "ports": ir.ArrayAttr.get([p.to_attr() for p in ports]),
        }
        op = ir.Operation.create(cls.OPERATION_NAME, attributes=attributes, regions=2, loc=loc, ip=ip)
        inputs = [p.type for p in ports if p.direction == IN]
        op.regions[0].blocks.append(*inputs)
        return op.opview  # type: ignore[return-value]

    @property
    def sym_name(self) -> str:
        return ir.StringAttr(self.operation.attributes["sym_name"]).value

    @property
    def parameters(self) -> list[ParamDecl]:
        attrs = self.operation.attributes
        return decode_parameters(attrs["parameters"] if "parameters" in attrs else None)

    @property
    def ports(self) -> list[PortInfo]:
        attrs = self.operation.attributes
        return decode_ports(attrs["ports"] if "ports" in attrs else None)

    @property
    def identity_parameters(self) -> list[str]:
        """Names of the parameters that instances set through ``identity``."""
        attrs = self.operation.attributes
        return decode_strings(attrs["identity_parameters"] if "identity_parameters" in attrs else None)

    @property
    def body(self) -> ir.Block:
        return self.operation.regions[0].blocks[0]

    @property
    def output(self) -> OutputOp:
        return self.body.operations[len(self.body.operations) - 1].opview


@define
class InstanceOp(LoomOp):
    """``loom.instance``: an instance of a ``loom.module`` (see the module docstring)."""

    OPERATION_NAME = "loom.instance"
    OPERANDS = VARIADIC
    RESULTS = VARIADIC
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {
        "instance_name": required(STRING),
        "module": required(SYMBOL),
        "input_names": required(STRINGS),
        "output_names": required(STRINGS),
        "parameters": optional(PARAM_VALUES),
        "identity": optional(PARAM_VALUES),
        "scope": optional(SCOPE),
        "path_name": optional(STRING),
    }
    PARENTS = ("loom.module",)

    __slots__ = ("verified_name", "verified_arguments")
    verified_name: ir.StringAttr | None
    verified_arguments: tuple[ir.Value, ...] | None
    """Set on the views loom-verify groups (``BodyIndex``; read it with ``getattr(view, "verified_name", None)``),
    for lower-loom-to-hw, which would read them again: when the instance has no attribute besides its name,
    module, port names, parameters and identity values, its ``instance_name``, and in ``verified_arguments``,
    when every operand is an argument of the module's body, its operands as loom-verify read them (else None);
    ``verified_name`` is None for other instances (``verified_arguments`` is then not set).
    Three operands cost about 3 us to read, 0.15 s at 50,000 instances. The arguments stay the instance's
    operands until it is lowered (lowering makes a clock argument its own bit, and only the clock's other
    readers read it through a cast); the results of other instances do not (lowering replaces them). Slots,
    not a dictionary per view: 50,000 dictionaries were 17 MB more at the peak of the passes; and two slots,
    not a (name, arguments) tuple: 50,000 tuples were 2.8 MB more at that peak, and the 2,000 the interpreter
    keeps for reuse when they die held 3 MB of Python's memory pools (3 MB more RSS through the export)."""

    @classmethod
    def build(cls, instance_name: str, module: str, inputs: Sequence[tuple[str, ir.Value]],
              outputs: Sequence[tuple[str, ir.Type]], parameters: dict[str, ir.Attribute] | None = None,
              identity: dict[str, ir.Attribute] | None = None, loc: ir.Location | None = None,
              ip: ir.InsertionPoint | None = None) -> InstanceOp:
        attributes = {
            "instance_name": ir.StringAttr.get(instance_name),
            "module": ir.FlatSymbolRefAttr.get(module),
            "parameters": ir.DictAttr.get(parameters or {}),
            "input_names": _string_array(name for name, _ in inputs),
            "output_names": _string_array(name for name, _ in outputs),
        }
        if identity:
            attributes["identity"] = ir.DictAttr.get(identity)
        op = ir.Operation.create(cls.OPERATION_NAME, results=[t for _, t in outputs],
                                 operands=[v for _, v in inputs], attributes=attributes, loc=loc, ip=ip)
        return op.opview  # type: ignore[return-value]

    @property
    def instance_name(self) -> str:
        return ir.StringAttr(self.operation.attributes["instance_name"]).value

    @property
    def module_name(self) -> str:
        return ir.FlatSymbolRefAttr(self.operation.attributes["module"]).value

    @property
    def parameters(self) -> dict[str, ir.Attribute]:
        attrs = self.operation.attributes
        if "parameters" not in attrs:
            return {}
        return {named.name: named.attr for named in ir.DictAttr(attrs["parameters"])}

    @property
    def identity(self) -> dict[str, ir.Attribute]:
        attrs = self.operation.attributes
        if "identity" not in attrs:
            return {}
        return {named.name: named.attr for named in ir.DictAttr(attrs["identity"])}

    @property
    def input_names(self) -> list[str]:
        return _string_list(self.operation.attributes["input_names"])

    @property
    def output_names(self) -> list[str]:
        return _string_list(self.operation.attributes["output_names"])


@define
class OutputOp(LoomOp):
    """``loom.output``: yields a ``loom.module``'s output ports, in port order."""

    OPERATION_NAME = "loom.output"
    OPERANDS = VARIADIC
    TRAITS = frozenset({Trait.TERMINATOR})
    PARENTS = ("loom.module",)

    @classmethod
    def build(cls, values: Sequence[ir.Value], loc: ir.Location | None = None,
              ip: ir.InsertionPoint | None = None) -> OutputOp:
        return cast(OutputOp, ir.Operation.create(cls.OPERATION_NAME, operands=list(values), loc=loc, ip=ip).opview)


@define
class ParamValueOp(LoomOp):
    """``loom.param_value``: a parameter expression's value, e.g. ``{value = #hw.param.decl.ref<"W"> : i32}``."""

    OPERATION_NAME = "loom.param_value"
    RESULTS = ONE
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"value": required(PARAM_VALUE)}
    ANCESTOR = "loom.module"

    @classmethod
    def build(cls, value: ir.Attribute, result: ir.Type, loc: ir.Location | None = None,
              ip: ir.InsertionPoint | None = None) -> ParamValueOp:
        return ir.Operation.create(cls.OPERATION_NAME, results=[result], attributes={"value": value},
                                   loc=loc, ip=ip).opview  # type: ignore[return-value]

    @property
    def value(self) -> ir.Attribute:
        return self.operation.attributes["value"]


