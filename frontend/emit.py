"""Generators -> loom IR as MLIR text, parsed once.

Building ops one by one through the Python bindings costs ~10x more than
printing the IR and parsing it in one go (measured, see docs/platform.md), so the
frontend writes text: ``loom.module`` ops in generic form whose bodies hold
``comb``/``hw``/``seq`` ops in their custom form, with the user's source
locations as location aliases, and the port lists, parameter values and signatures many
modules and instances repeat as attribute and type aliases (each is parsed once); an
instance's line is its template's text with its name, operands and location filled in
(docs/rationale.md). Structurally identical definitions are merged
(the module text is the key, so equal keys mean equal modules) and names are
made unique deterministically, in post-order from the top.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple, TypeGuard, cast

from circt import ir

from ..dialect.annotate import SIGNAL_FLAG
from ..dialect.conditions import parse_condition, referenced_names
from ..dialect.constants import signed_literal
from ..dialect.context import new_context
from ..dialect.errors import ElaborationError, UndrivenWarning, UsageError, warn_at
from ..dialect.heap import young_collections_only
from ..dialect.opkinds import UNPACKED_PORTS
from ..dialect.ops import IN, OUT
from ..dialect.progress import phase
from ..dialect.resets import ResetStyle
from ..dialect.srcloc import SourceLoc, user_location
from ..dialect.type_scope import scope_name
from .attributes import attribute_entry
from .bundles import bundle_attributes
from .clones import definition_of
from .emit_chains import CHAIN_OPS, chain_operands, sole_links
from .emit_fsm import reserve_fsm, write_fsm
from .emit_interfaces import definitions_text, mark_unused_inputs, write_instance
from .emit_memory import write_memory, write_read
from .emit_ops import BINARY_OPS, expr_op_text, type_text
from .emit_procedural import ProceduralWriter
from .emit_types import (
    name_type_scope,
    reset_used_structs,
    type_scope_text,
    write_aggregate_expr,
    write_constant,
    write_enum_value,
)
from .emit_unpacked import leaf_values, write_aggregate, write_element
from .emit_unpacked import write_var as write_unpacked_var
from .fsm import FSM
from .generator import Generator, Instance
from .instances import read_input
from .interfaces import InterfaceInstance, interfaces_of
from .memory import Memory, MemoryRead
from .signals import Const, Expr, InstancePort, Named, ParamValue, Port, PortKind, PortShape, Reg, Signal, Var
from .statements import LocalVar, LogicRead, has_procedural, state_of
from .typebase import DataType
from .types import EnumValue
from .unpacked import UnpackedArray, UnpackedElement


class LocationTable:
    """Distinct source locations as ``#locN`` aliases, shared by the whole design."""

    def __init__(self) -> None:
        self.aliases: dict[SourceLoc, str] = {}
        self.refs: dict[SourceLoc, str] = {}
        """``loc(#locN)`` of each location."""
        self.by_id: dict[int, str] = {}
        """The same by ``id``, which writers look up inline: locations are shared objects (one per call site),
        and hashing one calls Python code."""
        self._kept: list[SourceLoc] = []
        """The locations ``by_id`` knows, kept alive so that their ids are not reused."""

    def ref(self, loc: SourceLoc) -> str:
        known = self.by_id.get(id(loc))
        if known is not None:
            return known
        ref = self.refs.get(loc)
        if ref is None:
            alias = self.aliases[loc] = f"#loc{len(self.aliases)}"
            ref = self.refs[loc] = f"loc({alias})"
        self.by_id[id(loc)] = ref
        self._kept.append(loc)
        return ref

    def definitions(self) -> str:
        return "".join(f"{alias} = {loc.mlir()}\n" for loc, alias in self.aliases.items())


class AttributeAliases:
    """Attribute values and types that many ops repeat (a module's port list, an instance's port names,
    parameter values and signature), written once as ``#attrN`` and ``!typeN`` aliases: MLIR parses each
    value once, not once per use (10,000 modules with the same ports and their instances: the parse takes
    about a tenth less; fanout 50k: an instance's line is 150 bytes, not 200). The parsed IR is the same."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.types: dict[str, str] = {}

    def ref(self, text: str) -> str:
        """The alias of the attribute ``text``."""
        alias = self.aliases.get(text)
        if alias is None:
            alias = self.aliases[text] = f"#attr{len(self.aliases)}"
        return alias

    def type_ref(self, text: str) -> str:
        """The alias of the type ``text``."""
        alias = self.types.get(text)
        if alias is None:
            alias = self.types[text] = f"!type{len(self.types)}"
        return alias

    def definitions(self) -> str:
        """The definitions, on one line with no line break (the caller puts them before ``module {``): an op
        written without a location gets its line in this text, and the lines must not move (a struct's
        ``hw.typedecl`` does, and ExportVerilog prints it)."""
        return "".join([*(f"{alias} = {text} " for text, alias in self.aliases.items()),
                        *(f"{alias} = {text} " for text, alias in self.types.items())])


class InstanceTemplate(NamedTuple):
    """The text of a ``loom.instance`` op shared by same-shaped instances (``ModuleWriter.instance``): an
    instance's line is ``  %NAME_`` (when it has outputs), ``head``, its operands, ``names``, its name, ``tail``
    and its location. The attributes are in the order MLIR keeps them (sorted by name), so the parser has
    nothing to sort."""

    head: str
    """From after the result name (`` = ``, ``:N = `` for N outputs, nothing without) to the operands."""
    names: str
    """The attributes before ``instance_name`` (after the identity values), to the instance's name."""
    tail: str
    """From after the instance's name to the end of the type signature."""
    results: bool
    """Whether the instance has outputs (then the line starts with its result name)."""
    identity: str
    """The ``identity`` attribute as a ``str.format`` pattern taking the values of the identity parameters the
    instances set (they differ per instance; mesh 128: 16,384 instances, one pattern)."""


class PortText(NamedTuple):
    """The parts of an ``InstanceTemplate`` that only the instance's ports decide."""

    head: str
    """``InstanceTemplate.head``."""
    names: str
    """``InstanceTemplate.names``."""
    middle: str
    """The part of ``InstanceTemplate.tail`` between the module and the parameter values: ``output_names``."""
    end: str
    """The end of ``InstanceTemplate.tail``, after the parameter values: the type signature (an alias)."""
    results: bool
    """``InstanceTemplate.results``."""


def _string_array(names: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{name}"' for name in names) + "]"


def _identity_pattern(identity: dict[str, int], widths: dict[str, int]) -> str:
    """``InstanceTemplate.identity`` for the identity parameters named in ``identity`` (empty without)."""
    if not identity:
        return ""
    entries = ", ".join(f"{name} = {{}} : i{widths[name]}" for name in identity)
    return f"identity = {{{{{entries}}}}}, "


def _port_type(port: PortShape) -> str:
    return type_text(port.width, port.kind == PortKind.CLOCK)


class DesignTables:
    """What the writers of one design's modules share: its location and attribute aliases, the names of the
    modules written so far, the macros the bodies refer to, and the text of instances and port lists (both keyed
    by what decides them, so one module's instances reuse another's: 10,000 parents of one leaf each, one
    text). One table each for the design, not one per module writer: 10,000 modules made 50,000 empty ones."""

    def __init__(self) -> None:
        self.locations = LocationTable()
        self.attributes = AttributeAliases()
        self.module_names: dict[int, str] = {}
        self.macros: set[str] = set()
        """Macros the bodies refer to (``sv.ifdef.procedural @SYNTHESIS``), declared once at the top."""
        self.templates: dict[tuple[object, ...], InstanceTemplate] = {}
        self.port_texts: dict[tuple[object, ...], PortText] = {}
        self.ports: dict[tuple[tuple[object, ...], ...], PortsText] = {}
        """``_ports_text`` of the modules whose ports are plain (``_plain_ports_key``), by that key."""


class ModuleWriter:
    """Writes the body of one generator's ``loom.module``.

    The tables most modules never fill (undriven vars, unpacked copies, folded chain links) start as None and
    are made at their first entry: 10,000 small modules need none of them."""

    def __init__(self, generator: Generator, design: DesignTables):
        self.gen = generator
        self.locs = design.locations
        self.loc_refs = design.locations.by_id
        self.attributes = design.attributes
        self.module_names = design.module_names
        self.macros = design.macros
        self._templates = design.templates
        self._port_texts = design.port_texts
        self.lines: list[str] = []
        self.names: dict[int, str] = {}
        self.counter = 0
        self.undriven: list[Var] | None = None
        """Vars nothing drives (``var``), reported at the end of the module (``_check_undriven``)."""
        self.copies: dict[int, str] | None = None
        """Unpacked values read element by element: the ``sv.wire`` holding each (``frontend.unpacked``)."""
        self.undriven_reads: set[int] | None = None
        """ids of undriven vars that something read (an error: the hardware would read nothing)."""
        self.folded: set[int] | None = None
        """ids of chain links written as operands of their only reader's op (``emit_chains``)."""
        self.chained: set[int] | None = None
        """ids of the expressions some of whose operands are folded links."""
        self.procedural: ProceduralWriter | None = None
        """The writer of the generator's blocks, once ``body`` made it (``_fold_links`` asks it)."""

    def fresh(self) -> str:
        self.counter += 1
        return f"%{self.counter}"

    def op(self, text: str, loc: SourceLoc) -> None:
        self.lines.append(f"  {text} {self.loc_refs.get(id(loc)) or self.locs.ref(loc)}")

    # -- values ----------------------------------------------------------------

    def value(self, signal: Signal, reader: object = None) -> str:
        """The SSA name of ``signal``, emitting the ops that compute it on first use.

        Names are reserved when a node is scheduled and ops are written
        children first, using an explicit stack: expression and instance chains
        can be far deeper than Python's recursion limit (a 50,000-instance XOR
        chain), and a loop through a child instance must not recurse forever
        (the body is a graph region, so a forward reference is fine).
        """
        names = self.names
        name = names.get(id(signal))  # written already, or an input port (``body``)
        if name is not None:
            return name
        if type(signal) is Expr and signal.op != "cast":  # the common case: _schedule's first step, inline
            self.counter += 1
            name = names[id(signal)] = f"%{self.counter}"
            self._drain([signal])
            return name
        if _is_plain_named(signal):
            return self._named(signal)
        stack: list[object] = []
        self._schedule(signal, stack, reader)
        self._drain(stack)
        return names[id(signal)]

    def _drain(self, stack: list[object]) -> None:
        """Write every scheduled node after the nodes it depends on.

        ``stack`` holds the nodes to expand; a node whose dependencies are pushed is pushed back followed by
        ``_EXPANDED``, and written when that marker comes off the stack. No tuple per entry: a 50,000-deep
        chain would keep 50,000 of them alive for the collector to visit again and again.

        A link of a chain of one associative op that only its reader reads (``emit_chains``) is expanded like
        any node, so every op keeps its place, but written as part of its reader's op, not on its own."""
        names = self.names
        while stack:
            node = stack.pop()
            expanded = node is _EXPANDED
            if expanded:
                node = stack.pop()
            if type(node) is Expr:  # the common case, inline (its subclasses may be custom nodes)
                if expanded:
                    folded = self.folded
                    if folded is None or id(node) not in folded:
                        self._expr(node)
                    continue
                if node.op in CHAIN_OPS and type(node.width) is int:
                    self._fold_links(node)
                dependencies: Sequence[object] = node.operands if node.op != "uarray_create" else leaf_values(node)
            elif type(node) is Const:  # a constant depends on nothing: it is written at once
                self._constant(node)
                continue
            else:
                if expanded:
                    self._write(node)
                    continue
                dependencies = self._dependencies(node)
            stack.append(node)
            stack.append(_EXPANDED)
            for dependency in dependencies:
                if id(dependency) not in names:
                    if (type(dependency) is Expr and dependency.op != "cast") or type(dependency) is Const:
                        # _schedule's common cases, inline
                        self.counter += 1
                        names[id(dependency)] = f"%{self.counter}"
                        stack.append(dependency)
                    elif not _is_plain_named(dependency):
                        self._schedule(dependency, stack, node)

    def _fold_links(self, node: Expr) -> None:
        """Mark the links of ``node``'s chain that only ``node`` reads as folded into it (not written yet).

        Not when ``node`` reads procedural storage: a block that reads ``node`` computes it again, op by op, at its
        point of the block (``ProceduralWriter.value``), and reads each operand that reads no storage by its
        module-level name -- a reader that holds no reference of its own, so the count cannot see it. Nor a link
        that already has a name: something reached it first and it is written on its own (folding it as well would
        compute it twice)."""
        procedural = self.procedural
        if procedural is not None and procedural.dynamic(node):
            return
        links = sole_links(node)
        for link in links:
            if id(link) not in self.names:
                if self.folded is None or self.chained is None:  # the module's first folded link
                    self.folded, self.chained = set(), set()
                self.folded.add(id(link))
                self.chained.add(id(node))

    def _schedule(self, node: object, stack: list[object], reader: object = None) -> None:
        """Reserve the SSA name(s) of ``node`` and push it for writing. ``reader``: what reads ``node`` (a node, or
        the location of a statement), where an error about reading it is reported."""
        if type(node) is Expr and node.op != "cast":  # the common case first
            self.names[id(node)] = self.fresh()
            stack.append(node)
            return
        if isinstance(node, InstancePort):
            if node.direction == IN:  # the net connected to it: its driver's name (no op of its own)
                source = read_input(node, self._reader_loc(reader, node))
                if not _is_plain_named(source) and id(source) not in self.names:
                    self._schedule(source, stack, reader)
                self.names[id(node)] = self._known(source)
                return
            port, node = node, node.instance
            if id(node) in self.names:
                self.names[id(port)] = self._output_name(node, port.name)  # made after the instance was named
                return
        if isinstance(node, Instance):
            self._reserve_instance(node)
        elif isinstance(node, Expr) and node.op == "cast":
            # A cast writes no op: it is its operand under another signedness.
            operand = node.operands[0]
            if not _is_plain_named(operand) and id(operand) not in self.names:
                self._schedule(operand, stack)
            self.names[id(node)] = self._known(operand)
            return
        else:
            self.names[id(node)] = self.fresh()
        stack.append(node)

    @staticmethod
    def _reader_loc(reader: object, port: InstancePort) -> SourceLoc:
        """The user's line where ``reader`` reads ``port``: the line that connects the input of an instance it
        drives, a statement's or an expression's own line; the port's instance's line when nothing says."""
        if isinstance(reader, Instance):
            inputs = reader.layout()[0]
            for name, driver in zip(inputs, reader.drivers(inputs), strict=True):
                made = reader.made_port(name)
                if driver is port and made is not None and made.driver_loc is not None:
                    return made.driver_loc
            return reader.loc
        loc = reader if isinstance(reader, SourceLoc) else getattr(reader, "loc", None)
        return loc if isinstance(loc, SourceLoc) else port.loc

    def _dependencies(self, node: object) -> Sequence[object]:
        if isinstance(node, Expr):
            if node.op == "uarray_create":
                return leaf_values(node)  # rows of a nested unpacked array are written in place
            return node.operands
        if isinstance(node, Instance):
            return [driver for driver in node.drivers(node.layout()[0]) if driver is not None]
        return ()

    def _write(self, node: object) -> None:
        """Write a node that is no plain ``Expr`` (``_drain`` writes those itself, leaving out folded links)."""
        if isinstance(node, Instance):
            self.instance(node)
        elif isinstance(node, ParamValue):
            self._param_value(node)
        elif isinstance(node, (LogicRead, LocalVar)):  # procedural storage read at module level
            self.op(f"{self.names[id(node)]} = sv.read_inout {node.decl.ssa} : !hw.inout<{type_text(node.width)}>",
                    node.loc)
        elif isinstance(node, _CUSTOM_NODES):
            _write_custom(self, node, self.names[id(node)])
        else:
            assert isinstance(node, Expr), node
            self._expr(node)

    def _constant(self, node: Const) -> None:
        width = node.width
        loc = node.loc
        if isinstance(width, int):  # the common case, self.op inline
            value = node.value
            if type(value) is not int or value < 0 or not width or value >> (width - 1):  # else its own literal
                value = signed_literal(value, width)
            self.lines.append(f"  {self.names[id(node)]} = hw.constant {value} : i{width}"
                              f" {self.loc_refs.get(id(loc)) or self.locs.ref(loc)}")
        elif isinstance(width, DataType):
            write_constant(self, self.names[id(node)], node.value, width, loc)
        else:
            raise ElaborationError(f"constant {node.value} cannot be used at the parametric width {width.name}",
                                   str(loc))

    def _param_value(self, signal: ParamValue) -> None:
        param = signal.param
        result = self.names[id(signal)]
        width = signal.width
        raw = result if width == param.width else self.fresh()
        self.op(f'{raw} = "loom.param_value"() {{value = {param.ref_text()} : i{param.width}}} : () -> i{param.width}',
                signal.loc)
        if width == param.width:
            return
        if not isinstance(width, int):
            raise ElaborationError(f"parameter '{param.name}' cannot be used at a parametric width", str(signal.loc))
        if width < param.width:
            self.op(f"{result} = comb.extract {raw} from 0 : (i{param.width}) -> i{width}", signal.loc)
        else:
            zero = self.fresh()
            self.op(f"{zero} = hw.constant 0 : i{width - param.width}", signal.loc)
            self.op(f"{result} = comb.concat {zero}, {raw} : i{width - param.width}, i{param.width}", signal.loc)

    def _known(self, signal: Signal) -> str:
        """The SSA name of a signal whose ops are already emitted (or a named signal, remembered on first use:
        50,000 instances read the same few ports)."""
        name = self.names.get(id(signal))
        if name is None and _is_plain_named(signal):
            name = self.names[id(signal)] = self._named(signal)
        return name if name is not None else self.names[id(signal)]

    def _named(self, signal: Named) -> str:
        """A port, var or register read by name; reading an output reads what drives it."""
        if isinstance(signal, Port) and signal.direction == OUT:
            return self.driver(signal)
        if signal.driver is None and isinstance(signal, Var):
            if self.undriven_reads is None:
                self.undriven_reads = set()
            self.undriven_reads.add(id(signal))
        return f"%{signal.name}"

    def _expr(self, expr: Expr) -> None:
        op = expr.op
        names = self.names
        width = expr.width
        if self.chained and id(expr) in self.chained:
            self._chain(expr)
            return
        if op in BINARY_OPS and type(width) is int:  # expr_op_text's common case, inline (a 50,000-long XOR chain)
            first, second = expr.operands
            text = (f"{names[id(expr)]} = comb.{op} {names.get(id(first)) or self._known(first)}, "
                    f"{names.get(id(second)) or self._known(second)} : i{width}")
        elif op == "uarray_create":
            write_aggregate(self, expr, names[id(expr)])
            return
        else:
            operands = [names.get(id(o)) or self._known(o) for o in expr.operands]  # _known's first step, inline
            result = names[id(expr)]
            op_text = expr_op_text(expr, result, operands)
            if op_text is None:
                if not write_aggregate_expr(self, expr, operands, result):
                    raise AssertionError(f"unknown expression op {expr.op}")
                return
            text = op_text
        loc = expr.loc
        self.lines.append(f"  {text} {self.loc_refs.get(id(loc)) or self.locs.ref(loc)}")  # self.op, inline

    def _chain(self, expr: Expr) -> None:
        """``expr`` with its folded links as one variadic op, at the locations ``canonicalize`` would fuse."""
        assert self.folded is not None  # a chained expression has folded links
        operands, locs = chain_operands(expr, self.folded)
        names = self.names
        values = ", ".join([names.get(id(o)) or self._known(o) for o in operands])
        refs = list(dict.fromkeys([self.loc_refs.get(id(loc)) or self.locs.ref(loc) for loc in locs]))
        # Each ref is "loc(#locN)"; canonicalize's fused location lists the distinct ones, first use first.
        loc = refs[0] if len(refs) == 1 else f"loc(fused[{', '.join(ref[4:-1] for ref in refs)}])"
        self.lines.append(f"  {names[id(expr)]} = comb.{expr.op} {values} : i{expr.width} {loc}")

    # -- statements --------------------------------------------------------------

    def driver(self, target: Named) -> str:
        if target.driver is None:
            raise ElaborationError(f"{target.describe()} is never driven", str(target.loc))
        return self.value(target.driver, target.driver_loc)

    def var(self, var: Var) -> None:
        """A named wire; its inner symbol keeps it (and its name) in the SystemVerilog, as kratos keeps vars.

        A var nothing drives waits for the end of the module (``undriven``): an error if something read it,
        else a warning, and it is left out (kratos's leniency, issue 17).
        """
        if var.driver is None:
            if self.undriven is None:
                self.undriven = []
            self.undriven.append(var)
            return
        if isinstance(var.driver, LogicRead):  # assigned in a procedural block: its sv.logic keeps the name
            self.op(f"%{var.name} = sv.read_inout {var.driver.decl.ssa} : !hw.inout<{type_text(var.width)}>", var.loc)
            return
        if isinstance(var.width, DataType) and not var.width.packed:
            write_unpacked_var(self, var)
            return
        extra = f" {{{attribute_entry(var.user_attributes)}}}" if var.user_attributes else ""
        self.op(f"%{var.name} = hw.wire {self.driver(var)} sym @{var.name}{extra} : {type_text(var.width)}", var.loc)

    def register(self, reg: Reg) -> None:
        t = type_text(reg.width)
        next_value = self.driver(reg)
        if reg.enable is not None:
            gated = self.fresh()
            self.op(f"{gated} = comb.mux {self.value(reg.enable)}, {next_value}, %{reg.name} : {t}", reg.loc)
            next_value = gated
        reset = ""
        if reg.reset is not None:
            signal = self.value(reg.reset)
            init = self.fresh()
            if isinstance(reg.width, (int, DataType)):
                write_constant(self, init, reg.reset_value, reg.width, reg.loc)
            else:  # a constant at a parametric width: lower-loom-to-hw writes it (lowering/parametric_widths.py)
                bits = max(32, reg.reset_value.bit_length() + 1)
                self.op(f'{init} = "loom.param_value"() {{value = {reg.reset_value} : i{bits}}} : () -> {t}', reg.loc)
            reset = ResetStyle.of(reg.reset).firreg_clause(signal, init, self.fresh, self.lines.append,
                                                           self.locs.ref(reg.loc))
        clock = self.value(reg.clock)
        extra = f" {{{attribute_entry(reg.user_attributes)}}}" if reg.user_attributes else ""
        self.op(f"%{reg.name} = seq.firreg {next_value} clock {clock}{reset}{extra} : {t}", reg.loc)

    def _reserve_instance(self, inst: Instance, outputs: tuple[str, ...] | None = None) -> None:
        """Name the instance's results ``%NAME_`` (``instance`` writes the same name); only output ports whose
        objects were made can be read. ``outputs``: the instance's output names, when the caller has them."""
        result = self.names[id(inst)] = f"%{inst.name}_"
        if outputs is None:
            outputs = inst.layout()[1]
        if len(outputs) == 1:  # the common case: the result is the output
            port = inst.made_port(outputs[0])
            if port is not None:
                self.names[id(port)] = result
            return
        for index, name in enumerate(outputs):
            port = inst.made_port(name)
            if port is not None:
                self.names[id(port)] = f"{result}#{index}"

    def _output_name(self, inst: Instance, name: str) -> str:
        outputs = inst.layout()[1]
        result = self.names[id(inst)]
        return result if len(outputs) == 1 else f"{result}#{outputs.index(name)}"

    def _write_instance(self, inst: Instance) -> None:
        """An instance in the order of ``children``: written at once when what drives its inputs is written
        already (the common case: ports, or earlier instances), else after those values."""
        names = self.names
        inputs, outputs = inst.layout()
        drivers = inst.drivers(inputs)
        known = [names.get(id(driver)) for driver in drivers]
        operands = cast(list[str], known) if None not in known else None
        if operands is None:  # a driver not named yet (a port read first, or an unconnected input) or not written
            for driver in drivers:
                if driver is not None and id(driver) not in names and not _is_plain_named(driver):
                    stack: list[object] = []
                    self._schedule(inst, stack)
                    self._drain(stack)
                    return
        self._reserve_instance(inst, outputs)
        self.instance(inst, drivers, operands, inputs)

    def instance(self, inst: Instance, drivers: list[Signal | None] | None = None,
                 operands: list[str] | None = None, inputs: tuple[str, ...] | None = None) -> None:
        """Write the ``loom.instance`` op (its name and its drivers' names are reserved): the operands, the
        instance's name and identity values filled into the text its template shares with same-shaped ones.
        ``drivers``: what drives each input, and ``operands`` their names, when the caller has them already
        (every input is then connected); ``inputs``: the instance's input names, when the caller has them."""
        if inputs is None:
            inputs = inst.layout()[0]
        if operands is None:
            if drivers is None:
                drivers = inst.drivers(inputs)
            if "zero_inputs" in self.gen.attributes:  # zero-generator-inputs ties the unconnected ones to 0
                inputs = tuple(n for n, d in zip(inputs, drivers, strict=True) if d is not None)
                drivers = [d for d in drivers if d is not None]
            operands = []
            for driver in drivers:  # one per input
                if driver is None:
                    raise ElaborationError(f"input '{inputs[len(operands)]}' of instance '{inst.name}'"
                                           f" ('{inst.child.name}') is not connected", str(inst.loc))
                operands.append(self._known(driver))
        loc = inst.loc
        name = inst.name
        if not inst.identity and not inst.params:
            # No parameter or identity values (a child without parameters, or one instantiated with its defaults):
            # the text of the child's ports is shared by every child of that shape, and the module's name is
            # filled in with the instance's (10,000 distinct children: no template each).
            ports = self._port_texts.get((inst.shape_key(), inputs)) or self._port_text(inst, inputs)
            self.lines.append(f'  {f"%{name}_" if ports.results else ""}{ports.head}{", ".join(operands)}) {{'
                              f'{ports.names}{name}", module = @{self.module_names[id(definition_of(inst.child))]}'
                              f'{ports.middle}{self.attributes.ref("{}")}{ports.end}'
                              f'{self.loc_refs.get(id(loc)) or self.locs.ref(loc)}')
            return
        key = (id(inst.child), inst.shape_key(), tuple(inst.identity) if inst.identity else None, inputs)
        template = self._templates.get(key) or self._instance_template(key, inst, inputs)
        identity = template.identity.format(*inst.identity.values()) if inst.identity else ""
        self.lines.append(f'  {f"%{name}_" if template.results else ""}{template.head}{", ".join(operands)}) {{'
                          f'{identity}{template.names}{name}{template.tail}'
                          f'{self.loc_refs.get(id(loc)) or self.locs.ref(loc)}')

    def _instance_template(self, key: tuple[object, ...], inst: Instance, inputs: tuple[str, ...]) -> InstanceTemplate:
        """The text shared by the instances of one child with the same ports, parameter values, identity parameter
        names and connected inputs (the instance sets values): everything but operands, instance name and
        identity values."""
        child = definition_of(inst.child)
        ports = self._port_texts.get((inst.shape_key(), inputs)) or self._port_text(inst, inputs)
        widths = {name: param.width for name, param in child.params.items()}
        params = "{" + ", ".join(f"{k} = {v if isinstance(v, int) else v.ref_text()} : i{widths[k]}"
                                 for k, v in inst.params.items()) + "}"
        identity = _identity_pattern(inst.identity, widths)
        tail = f'", module = @{self.module_names[id(child)]}{ports.middle}{self.attributes.ref(params)}{ports.end}'
        template = self._templates[key] = InstanceTemplate(ports.head, ports.names, tail, ports.results, identity)
        return template

    def _port_text(self, inst: Instance, inputs: tuple[str, ...]) -> PortText:
        """The port lists of instances of one shape with the same connected inputs: shared by the instances of
        different children with the same ports (``instances.shared_shape``: 10,000 distinct leaves, one text)."""
        outputs = inst.layout()[1]
        aliases = self.attributes
        in_types = ", ".join(_port_type(inst.port_shape(n)) for n in inputs)
        out_types = ", ".join(_port_type(inst.port_shape(n)) for n in outputs)
        result = f":{len(outputs)} = " if len(outputs) > 1 else " = " if outputs else ""
        text = self._port_texts[(inst.shape_key(), inputs)] = PortText(
            f'{result}"loom.instance"(', f'input_names = {aliases.ref(_string_array(inputs))}, instance_name = "',
            f", output_names = {aliases.ref(_string_array(outputs))}, parameters = ",
            f"}} : {aliases.type_ref(f'({in_types}) -> ({out_types})')} ", bool(outputs))
        return text

    def body(self) -> list[str]:
        gen = self.gen
        names = self.names
        for port in gen.port_list:  # what _named would answer for an input, known before its first read
            if port.direction == IN:
                names[id(port)] = f"%{port.name}"
        for statement in gen.statements:  # FSMs name their results before anything reads them
            if isinstance(statement, FSM):
                reserve_fsm(self, statement)
        procedural = None
        if has_procedural(gen):
            procedural = ProceduralWriter(self, state_of(gen))
            procedural.prepare()
            self.procedural = procedural
        for var in gen.vars:
            self.var(var)
        for reg in gen.registers:
            self.register(reg)
        for statement in gen.statements:
            self._statement(statement)
        for inst in gen.children:
            if id(inst) not in self.names:
                self._write_instance(inst)
        if procedural is not None:
            procedural.write()
        stub = gen.is_stub
        values = []
        types = []
        for port in gen.port_list:
            if port.direction == OUT:
                values.append(self._stub_output(port) if stub and port.driver is None else self.driver(port))
                types.append(type_text(port.width))
        if self.undriven is not None:
            self._check_undriven(self.undriven)
        if interfaces_of(gen):
            mark_unused_inputs(self)
        self.op(f'"loom.output"({", ".join(values)}) : ({", ".join(types)}) -> ()', gen.loc)
        return self.lines


    def _statement(self, statement: FSM | Memory | InterfaceInstance) -> None:
        """A memory, FSM or interface instance of the generator (written after its registers)."""
        if isinstance(statement, FSM):
            write_fsm(self, statement)
        elif isinstance(statement, Memory):
            write_memory(self, statement)
        else:
            write_instance(self, statement)

    def _check_undriven(self, undriven: list[Var]) -> None:
        """Undriven vars: an error where something reads one, else a warning at its declaration."""
        reads = self.undriven_reads or ()
        for var in undriven:
            if id(var) in reads:
                raise ElaborationError(f"{var.describe()} is read but never driven", str(var.loc))
            warn_at(UndrivenWarning, f"{var.describe()} is never driven and never read; it is left out",
                    var.loc.file, var.loc.line)

    def _stub_output(self, port: Port) -> str:
        """An undriven output of a stub reads an unassigned placeholder; zero-out-stubs drives it with 0."""
        logic, value = self.fresh(), self.fresh()
        t = type_text(port.width)
        self.op(f"{logic} = sv.logic : !hw.inout<{t}>", port.loc)
        self.op(f"{value} = sv.read_inout {logic} : !hw.inout<{t}>", port.loc)
        return value


_EXPANDED = object()
"""On ``ModuleWriter._drain``'s stack after a node whose dependencies are written first."""

_CUSTOM_NODES = (EnumValue, MemoryRead, UnpackedElement)
"""Values whose ops the emission module of their construct writes (``_write_custom``)."""


def _write_custom(writer: ModuleWriter, node: EnumValue | MemoryRead | UnpackedElement, result: str) -> None:
    if isinstance(node, EnumValue):
        write_enum_value(writer, node, result)
    elif isinstance(node, MemoryRead):
        write_read(writer, node, result)
    else:
        write_element(writer, node, result)


_PLAIN_NAMED: dict[type, bool] = {}


def _is_plain_named(signal: object) -> TypeGuard[Named]:
    """Ports, vars and registers are referenced by name (graph regions allow forward uses).

    Answered once per class: the writer asks about every operand of every op (ten times per instance)."""
    kind = type(signal)
    plain = _PLAIN_NAMED.get(kind)
    if plain is None:
        plain = _PLAIN_NAMED[kind] = issubclass(kind, Named) and not issubclass(kind, (InstancePort, LocalVar))
    return plain


def _check_port_condition(gen: Generator, port: Port, condition: str) -> None:
    """A port condition may name only parameters of its generator: report it at the port's line
    (the loom verifier would report it later, at the generator's)."""
    unknown = sorted(referenced_names(parse_condition(condition)) - gen.params.keys())
    if unknown:
        known = ", ".join(gen.params) or "none"
        raise ElaborationError(f"when= of port '{port.name}' names '{unknown[0]}', which is not a parameter of"
                               f" '{gen.name}' (parameters: {known}); declare it with self.param()",
                               str(port.loc))


class PortsText(NamedTuple):
    """What a generator's ports give its ``loom.module``, from one walk of them (``_ports_text``)."""

    arguments: str
    """The body's block arguments: the inputs, each with its type and location."""
    opening: str
    """The text of the ``loom.module`` up to its body: the op, its region and its block with those arguments."""
    entries: str
    """The ``ports`` attribute (aliased when the module is written: ``_module_attributes``)."""
    unpacked: bool
    """Whether a port is an unpacked array (``UNPACKED_PORTS``)."""
    conditional: list[tuple[Port, str]]
    """The ports with a condition, and its text (checked when the module is written: ``_check_port_condition``)."""


def _plain_ports_key(gen: Generator) -> tuple[tuple[object, ...], ...] | None:
    """What decides ``_ports_text`` of ``gen`` when its ports are plain (fixed integer widths, no condition, bundle
    or attributes): each port's name, direction, width, kind, reset style and location (by id: the generators
    keep the locations alive while the design is written). None for other ports. Modules with the same key share
    one text: 10,000 leaves with the same ports word them once."""
    if gen.bundle_ports:
        return None
    key = []
    for port in gen.port_list:
        if type(port.width) is not int or port.condition is not None or port.user_attributes:
            return None
        key.append((port.name, port.direction, port.width, port.kind, port.active_low, port.asynchronous,
                    id(port.loc)))
    return tuple(key)


def _ports_text(gen: Generator, locations: LocationTable) -> PortsText:
    """The block arguments and the ``ports`` attribute of a generator's ``loom.module``: each port's type is worded
    once for both (10,000 modules ask)."""
    arguments = []
    entries = []
    unpacked = False
    conditional = []
    bundles = gen.bundle_ports
    for port in gen.port_list:
        width = port.width
        type_ = type_text(width, port.is_clock)
        if port.direction == IN:
            arguments.append(f"%{port.name}: {type_} {locations.ref(port.loc)}")
        if type(width) is not int and isinstance(width, UnpackedArray):
            unpacked = True
        entry = f'{{name = "{port.name}", dir = "{port.direction}", type = {type_}'
        if port.condition is not None:
            conditional.append((port, port.condition.text))
            entry += f', cond = "{port.condition.text}"'
        if port.kind == PortKind.RESET:  # read by check-always-sensitivity / check-flip-flop-always-ff
            entry += ResetStyle.of(port).port_entry()
        if bundles:
            entry += bundle_attributes(gen, port)
        if port.user_attributes:
            entry += f", {attribute_entry(port.user_attributes)}"
        entries.append(entry + "}")
    args = ", ".join(arguments)
    opening = f'"loom.module"() ({{\n^bb0({args}):\n' if args else '"loom.module"() ({\n^bb0:\n'
    return PortsText(args, opening, "[" + ", ".join(entries) + "]", unpacked, conditional)


def _module_attributes(gen: Generator, ports: PortsText, aliases: AttributeAliases) -> str:
    """The attributes of a generator's ``loom.module`` (written once per module: 10,000 modules ask)."""
    for port, condition in ports.conditional:
        _check_port_condition(gen, port, condition)
    attrs = f"parameters = [{_parameters(gen)}], ports = {aliases.ref(ports.entries)}"
    identity = [p.name for p in gen.params.values() if p.identity] if gen.params else None
    if identity:
        attrs += ", identity_parameters = [" + ", ".join(f'"{n}"' for n in identity) + "]"
    if gen.attributes:
        attrs += f", {attribute_entry(gen.attributes)}"
    if _has_signal_attributes(gen):
        attrs += f", {SIGNAL_FLAG}"
    return attrs


def _parameters(gen: Generator) -> str:
    """The entries of the ``parameters`` list of a ``loom.module``."""
    if not gen.params:
        return ""
    return ", ".join(
        f'#hw.param.decl<"{p.name}": i{p.width}' + (f" = {p.default}>" if p.default is not None else ">")
        for p in gen.params.values())


def _has_signal_attributes(gen: Generator) -> bool:
    """Whether a var or register carries user attributes (the module then gets ``SIGNAL_FLAG``)."""
    for signal in gen.vars:
        if signal.user_attributes:
            return True
    for register in gen.registers:
        if register.user_attributes:
            return True
    return False




def _first_uses(gen: Generator) -> list[Instance]:
    """The first instance of each distinct child object of ``gen``, in order: 50,000 instances of one child
    are one step of the walk below."""
    firsts: dict[int, Instance] = {}
    for inst in gen.children:
        if id(inst.child) not in firsts:
            firsts[id(inst.child)] = inst
    return list(firsts.values())


def _post_order(top: Generator) -> list[Generator]:
    """The definitions under ``top``, children before parents. Each generator on the stack keeps an iterator
    over its children, which the walk takes up again when it comes back to it (no entry per child: 10,000)."""
    order: list[Generator] = []
    state: dict[int, int] = {id(top): 1}
    path: list[Generator] = [top]
    stack: list[tuple[Generator, Iterator[Instance]]] = [(top, iter(_first_uses(top)))]
    while stack:
        gen, uses = stack[-1]
        for inst in uses:
            child = definition_of(inst.child)
            mark = state.get(id(child))
            if mark == 1:
                cycle = " -> ".join(g.name for g in path[path.index(child):]) + f" -> {child.name}"
                raise ElaborationError(f"generators instantiate each other in a cycle: {cycle}", str(inst.loc))
            if mark is None:
                if not child.children:  # a leaf is done as soon as it is reached (10,000 distinct leaves)
                    state[id(child)] = 2
                    order.append(child)
                    continue
                state[id(child)] = 1
                path.append(child)
                stack.append((child, iter(_first_uses(child))))
                break
        else:  # every child done
            stack.pop()
            state[id(gen)] = 2
            path.pop()
            order.append(gen)
    return order


class DesignWriter:
    """All definitions reachable from a top generator, as one MLIR text."""

    def __init__(self, top: Generator):
        if not isinstance(top, Generator):
            is_class = isinstance(top, type) and issubclass(top, Generator)
            hint = " (an instance: write Top(), not Top)" if is_class else ""
            raise UsageError(f"expected a Generator, got {type(top).__name__}{hint}", str(user_location()))
        self.top = definition_of(top)
        self.tables = DesignTables()
        self.parts: list[str] = []
        """The modules' text in pieces, joined once at the end: a top with 200,000 instances is 50 MB of text,
        and every copy of it costs."""

    def text(self) -> str:
        reset_used_structs()
        by_key: dict[tuple[str, str, str, str], str] = {}
        taken: set[str] = set()
        tables = self.tables
        locations, module_names, known_ports = tables.locations, tables.module_names, tables.ports
        order = _post_order(self.top)
        unpacked_ports = False
        for gen in order:
            ports_key = _plain_ports_key(gen)
            ports = known_ports.get(ports_key) if ports_key is not None else None
            if ports is None:
                ports = _ports_text(gen, locations)
                if ports_key is not None:
                    known_ports[ports_key] = ports
            unpacked_ports = unpacked_ports or ports.unpacked
            args = ports.arguments
            body = "\n".join(ModuleWriter(gen, tables).body())
            attributes = _module_attributes(gen, ports, tables.attributes)
            key = (gen.name, args, body, attributes)  # a tuple: the body is hashed, not copied
            existing = by_key.get(key)
            if existing is not None:
                module_names[id(gen)] = existing
                continue
            name = gen.name
            suffix = 0
            while name in taken:
                suffix += 1
                name = f"{gen.name}_{suffix}"
            taken.add(name)
            by_key[key] = name
            module_names[id(gen)] = name
            # A renamed module names its generator (uniquify-generators groups modules by it).
            origin = f'generator = "{gen.name}", ' if name != gen.name else ""
            self.parts += (ports.opening, body,
                           f'\n}}, {{}}) {{{origin}sym_name = "{name}", {attributes}}} : () -> ()'
                           f" {locations.by_id.get(id(gen.loc)) or locations.ref(gen.loc)}\n")
        scope = type_scope_text(locations.ref)  # the struct typedefs the modules use
        interfaces = definitions_text(order, taken)  # the interfaces they instantiate (after them: see there)
        declarations = "".join(f"sv.macro.decl @{macro}\n" for macro in sorted(tables.macros))
        # Marks a design for export.apply_lowering_options (Icarus cannot read a shared unpacked port declaration).
        header = f"module attributes {{{UNPACKED_PORTS}}} {{\n" if unpacked_ports else "module {\n"
        pieces = [locations.definitions(), tables.attributes.definitions(), header, declarations, scope,
                  *self.parts, interfaces, "}\n"]
        if scope:  # named after the top: each design's typedefs get an include guard of their own
            name = scope_name(self.top_name, taken)  # in each piece (aliases name them too): no copy of the whole
            pieces = [name_type_scope(piece, name) for piece in pieces]
        return "".join(pieces)

    @property
    def top_name(self) -> str:
        return self.tables.module_names[id(self.top)]


def elaborate(top: Generator, context: ir.Context | None = None) -> tuple[ir.Module, str]:
    """Parse the design under ``top`` into a new ``builtin.module``; returns it and the top's module name.

    No full garbage collection meanwhile (``dialect/heap.py``): the generators are the design, not garbage."""
    with phase("elaborate"), young_collections_only():
        writer = DesignWriter(top)
        text = writer.text()
        top_name = writer.top_name
        del writer  # its pieces of the text: as large as the text, and MLIR's parse is the peak of elaboration
        context = context or new_context()
        with context:
            module = ir.Module.parse(text)
    return module, top_name

