"""Generators -> loom IR as MLIR text, parsed once.

Building ops one by one through the Python bindings costs ~10x more than
printing the IR and parsing it in one go (measured, see DESIGN.md), so the
frontend writes text: ``loom.module`` ops in generic form whose bodies hold
``comb``/``hw``/``seq`` ops in their custom form, with the user's source
locations as location aliases. Structurally identical definitions are merged
(the module text is the key, so equal keys mean equal modules) and names are
made unique deterministically, in post-order from the top.
"""

from __future__ import annotations

from circt import ir

from ..dialect.context import new_context
from ..dialect.errors import ElaborationError
from .generator import Generator, Instance
from .signals import Const, Expr, InstancePort, Named, ParamValue, Port, Reg, Signal, Var, Width
from .srcloc import SourceLoc


def type_text(width: Width, is_clock: bool = False) -> str:
    if is_clock:
        return "!seq.clock"
    if isinstance(width, int):
        return f"i{width}"
    return f'!hw.int<#hw.param.decl.ref<"{width.name}">>'


def signed_literal(value: int, width: int) -> int:
    """Two's complement value in the signed range MLIR's integer parser accepts."""
    value &= (1 << width) - 1
    return value - (1 << width) if value >> (width - 1) else value


class LocationTable:
    """Distinct source locations as ``#locN`` aliases, shared by the whole design."""

    def __init__(self) -> None:
        self.aliases: dict[SourceLoc, str] = {}

    def ref(self, loc: SourceLoc) -> str:
        alias = self.aliases.get(loc)
        if alias is None:
            alias = self.aliases[loc] = f"#loc{len(self.aliases)}"
        return f"loc({alias})"

    def definitions(self) -> str:
        return "".join(f"{alias} = {loc.mlir()}\n" for loc, alias in self.aliases.items())


class ModuleWriter:
    """Writes the body of one generator's ``loom.module``."""

    def __init__(self, generator: Generator, locations: LocationTable, module_names: dict[int, str]):
        self.gen = generator
        self.locs = locations
        self.module_names = module_names
        self.lines: list[str] = []
        self.names: dict[int, str] = {}
        self.counter = 0

    def fresh(self) -> str:
        self.counter += 1
        return f"%{self.counter}"

    def op(self, text: str, loc: SourceLoc) -> None:
        self.lines.append(f"  {text} {self.locs.ref(loc)}")

    # -- values ----------------------------------------------------------------

    def value(self, signal: Signal) -> str:
        """The SSA name of ``signal``, emitting the ops that compute it on first use."""
        key = id(signal)
        name = self.names.get(key)
        if name is not None:
            return name
        if isinstance(signal, InstancePort):
            self.instance(signal.instance)
            return self.names[key]
        if isinstance(signal, Named):
            return f"%{signal.name}"
        name = self._compute(signal)
        self.names[key] = name
        return name

    def _compute(self, signal: Signal) -> str:
        if isinstance(signal, Const):
            result = self.fresh()
            width = int(signal.width)
            self.op(f"{result} = hw.constant {signed_literal(signal.value, width)} : i{width}", signal.loc)
            return result
        if isinstance(signal, ParamValue):
            return self._param_value(signal)
        assert isinstance(signal, Expr), signal
        return self._expr(signal)

    def _param_value(self, signal: ParamValue) -> str:
        param = signal.param
        raw = self.fresh()
        self.op(f'{raw} = "loom.param_value"() {{value = {param.ref_text()} : i{param.width}}} : () -> i{param.width}',
                signal.loc)
        width = signal.width
        if width == param.width:
            return raw
        result = self.fresh()
        if not isinstance(width, int):
            raise ElaborationError(f"parameter '{param.name}' cannot be used at a parametric width", str(signal.loc))
        if width < param.width:
            self.op(f"{result} = comb.extract {raw} from 0 : (i{param.width}) -> i{width}", signal.loc)
        else:
            zero = self.fresh()
            self.op(f"{zero} = hw.constant 0 : i{width - param.width}", signal.loc)
            self.op(f"{result} = comb.concat {zero}, {raw} : i{width - param.width}, i{param.width}", signal.loc)
        return result

    def _expr(self, expr: Expr) -> str:
        operands = [self.value(o) for o in expr.operands]
        result = self.fresh()
        t = type_text(expr.width)
        op = expr.op
        if op in ("add", "sub", "mul", "and", "or", "xor", "shl", "shru", "shrs"):
            self.op(f"{result} = comb.{op} {operands[0]}, {operands[1]} : {t}", expr.loc)
        elif op == "icmp":
            t0 = type_text(expr.operands[0].width)
            self.op(f"{result} = comb.icmp {expr.attrs[0]} {operands[0]}, {operands[1]} : {t0}", expr.loc)
        elif op == "mux":
            self.op(f"{result} = comb.mux {operands[0]}, {operands[1]}, {operands[2]} : {t}", expr.loc)
        elif op == "extract":
            t0 = type_text(expr.operands[0].width)
            self.op(f"{result} = comb.extract {operands[0]} from {expr.attrs[0]} : ({t0}) -> {t}", expr.loc)
        elif op == "concat":
            types = ", ".join(type_text(o.width) for o in expr.operands)
            self.op(f"{result} = comb.concat {', '.join(operands)} : {types}", expr.loc)
        elif op == "replicate":
            t0 = type_text(expr.operands[0].width)
            self.op(f"{result} = comb.replicate {operands[0]} : ({t0}) -> {t}", expr.loc)
        elif op == "parity":
            t0 = type_text(expr.operands[0].width)
            self.op(f"{result} = comb.parity {operands[0]} : {t0}", expr.loc)
        elif op == "cast":
            return operands[0]
        else:
            raise AssertionError(f"unknown expression op {op}")
        return result

    # -- statements --------------------------------------------------------------

    def driver(self, target: Named) -> str:
        if target.driver is None:
            raise ElaborationError(f"{target.describe()} is never driven", str(target.loc))
        return self.value(target.driver)

    def var(self, var: Var) -> None:
        self.op(f"%{var.name} = hw.wire {self.driver(var)} : {type_text(var.width)}", var.loc)

    def register(self, reg: Reg) -> None:
        t = type_text(reg.width)
        next_value = self.driver(reg)
        if reg.enable is not None:
            gated = self.fresh()
            self.op(f"{gated} = comb.mux {self.value(reg.enable)}, {next_value}, %{reg.name} : {t}", reg.loc)
            next_value = gated
        reset = ""
        if reg.reset is not None:
            if not isinstance(reg.width, int):
                raise ElaborationError(f"{reg.describe()} has a parametric width and cannot have a reset value",
                                       str(reg.loc))
            signal = self.value(reg.reset)
            kind = "async" if isinstance(reg.reset, Port) and reg.reset.asynchronous else "sync"
            if isinstance(reg.reset, Port) and reg.reset.active_low:
                one, inverted = self.fresh(), self.fresh()
                self.op(f"{one} = hw.constant true", reg.loc)
                self.op(f"{inverted} = comb.xor {signal}, {one} : i1", reg.loc)
                signal = inverted
            init = self.fresh()
            self.op(f"{init} = hw.constant {signed_literal(reg.reset_value, reg.width)} : {t}", reg.loc)
            reset = f" reset {kind} {signal}, {init}"
        clock = self.value(reg.clock)
        self.op(f"%{reg.name} = seq.firreg {next_value} clock {clock}{reset} : {t}", reg.loc)

    def instance(self, inst: Instance) -> None:
        inputs = [p for p in inst.ports.values() if p.direction == "in"]
        outputs = [p for p in inst.ports.values() if p.direction == "out"]
        operands = []
        for port in inputs:
            if port.driver is None:
                raise ElaborationError(f"input '{port.name}' of instance '{inst.name}' ('{inst.child.name}') is not"
                                       " connected", str(inst.loc))
        result = f"%{inst.name}_" if outputs else ""
        for index, port in enumerate(outputs):
            self.names[id(port)] = f"{result}#{index}" if len(outputs) > 1 else result
        operands = [self.value(port.driver) for port in inputs]  # type: ignore[arg-type]
        params = ", ".join(
            f"{k} = {v} : i{inst.child.params[k].width}" if isinstance(v, int)
            else f"{k} = {v.ref_text()} : i{inst.child.params[k].width}"
            for k, v in inst.params.items())
        identity = ", ".join(f"{k} = {v} : i{inst.child.params[k].width}" for k, v in inst.identity.items())
        attrs = [f'instance_name = "{inst.name}"', f"module = @{self.module_names[id(inst.child)]}",
                 f"parameters = {{{params}}}",
                 "input_names = [" + ", ".join(f'"{p.name}"' for p in inputs) + "]",
                 "output_names = [" + ", ".join(f'"{p.name}"' for p in outputs) + "]"]
        if identity:
            attrs.append(f"identity = {{{identity}}}")
        in_types = ", ".join(type_text(p.width, p.is_clock) for p in inputs)
        out_types = ", ".join(type_text(p.width, p.is_clock) for p in outputs)
        lhs = f"{result}:{len(outputs)} = " if len(outputs) > 1 else f"{result} = " if outputs else ""
        self.op(f'{lhs}"loom.instance"({", ".join(operands)}) {{{", ".join(attrs)}}} : ({in_types}) -> ({out_types})',
                inst.loc)

    def body(self) -> list[str]:
        gen = self.gen
        for var in gen.vars:
            self.var(var)
        for reg in gen.registers:
            self.register(reg)
        for inst in gen.children:
            if id(inst) not in self.names:
                self.instance(inst)
                self.names[id(inst)] = ""
        outputs = [p for p in gen.port_list if p.direction == "out"]
        values = [self.driver(p) for p in outputs]
        types = ", ".join(type_text(p.width) for p in outputs)
        self.op(f'"loom.output"({", ".join(values)}) : ({types}) -> ()', gen.loc)
        return self.lines


def _module_attributes(gen: Generator) -> str:
    params = ", ".join(
        f'#hw.param.decl<"{p.name}": i{p.width}' + (f" = {p.default}>" if p.default is not None else ">")
        for p in gen.params.values())
    ports = []
    for port in gen.port_list:
        entry = f'name = "{port.name}", dir = "{port.direction}", type = {type_text(port.width, port.is_clock)}'
        if port.condition is not None:
            entry += f', cond = "{port.condition.text}"'
        ports.append("{" + entry + "}")
    attrs = f"parameters = [{params}], ports = [{', '.join(ports)}]"
    identity = [p.name for p in gen.params.values() if p.identity]
    if identity:
        attrs += ", identity_parameters = [" + ", ".join(f'"{n}"' for n in identity) + "]"
    return attrs


def _post_order(top: Generator) -> list[Generator]:
    order: list[Generator] = []
    state: dict[int, int] = {}
    stack: list[tuple[Generator, int]] = [(top, 0)]
    path: list[Generator] = []
    state[id(top)] = 1
    path.append(top)
    while stack:
        gen, index = stack.pop()
        children = gen.children
        if index < len(children):
            stack.append((gen, index + 1))
            child = children[index].child
            mark = state.get(id(child))
            if mark == 1:
                cycle = " -> ".join(g.name for g in path[path.index(child):]) + f" -> {child.name}"
                raise ElaborationError(f"generators instantiate each other in a cycle: {cycle}",
                                       str(children[index].loc))
            if mark is None:
                state[id(child)] = 1
                path.append(child)
                stack.append((child, 0))
        else:
            state[id(gen)] = 2
            path.pop()
            order.append(gen)
    return order


class DesignWriter:
    """All definitions reachable from a top generator, as one MLIR text."""

    def __init__(self, top: Generator):
        if not isinstance(top, Generator):
            raise TypeError(f"expected a Generator, got {type(top).__name__}")
        self.top = top
        self.locations = LocationTable()
        self.module_names: dict[int, str] = {}
        self.modules: list[str] = []

    def text(self) -> str:
        by_key: dict[str, str] = {}
        taken: set[str] = set()
        for gen in _post_order(self.top):
            writer = ModuleWriter(gen, self.locations, self.module_names)
            inputs = [p for p in gen.port_list if p.direction == "in"]
            args = ", ".join(f"%{p.name}: {type_text(p.width, p.is_clock)} {self.locations.ref(p.loc)}"
                             for p in inputs)
            body = "\n".join(writer.body())
            key = f"{gen.name}\x00{args}\n{body}\n{_module_attributes(gen)}"
            existing = by_key.get(key)
            if existing is not None:
                self.module_names[id(gen)] = existing
                continue
            name = gen.name
            suffix = 0
            while name in taken:
                suffix += 1
                name = f"{gen.name}_{suffix}"
            taken.add(name)
            by_key[key] = name
            self.module_names[id(gen)] = name
            self.modules.append(f'"loom.module"() ({{\n^bb0{f"({args})" if args else ""}:\n{body}\n}}) {{sym_name = "{name}", '
                                f"{_module_attributes(gen)}}} : () -> () {self.locations.ref(gen.loc)}")
        return self.locations.definitions() + "module {\n" + "\n".join(self.modules) + "\n}\n"

    @property
    def top_name(self) -> str:
        return self.module_names[id(self.top)]


def elaborate(top: Generator, context: ir.Context | None = None) -> tuple[ir.Module, str]:
    """Parse the design under ``top`` into a new ``builtin.module``; returns it and the top's module name."""
    writer = DesignWriter(top)
    text = writer.text()
    context = context or new_context()
    with context:
        module = ir.Module.parse(text)
    return module, writer.top_name

