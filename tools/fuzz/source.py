"""A ``DesignDesc`` written as a loom user program (Python source on loom's public API).

Writing source instead of calling the API from here keeps every failing case a
plain, runnable reproducer file, and lets procedural blocks (which loom
translates from their Python source) be tested the same way.
"""

from __future__ import annotations

from .describe import block_operands
from .description import (
    BINARY,
    CAST,
    COMPARE,
    REDUCE,
    Block,
    DesignDesc,
    Fsm,
    ModuleDesc,
    Node,
    Port,
    Stmt,
    TypeDesc,
    instance_values,
    present,
)

PYTHON_OPERATOR = {"add": "+", "sub": "-", "mul": "*", "and": "&", "or": "|", "xor": "^",
                   "eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
                   "shl": "<<", "shr": ">>"}

HEADER = '''"""Random design {seed} (loom.tools.fuzz): a loom program drawn from a random description."""

from loom import (
    Array, Enum, Generator, Struct, UnpackedArray, always_comb, always_ff, concat, const, mux, negedge, posedge,
)

'''


def type_source(key: str, t: TypeDesc) -> str:
    """The declaration of a struct, array or enum type (a module-level name of the program)."""
    if t.kind == "struct":
        return f"{key} = Struct({t.name!r}, {[(name, width) for name, width in t.parts]!r})"
    if t.kind in ("array", "uarray"):
        return f"{key} = {'Array' if t.kind == 'array' else 'UnpackedArray'}({t.parts[0][1]}, {len(t.parts)})"
    return f"{key} = Enum({t.name!r}, {dict(t.parts)!r}, width={t.width})"


def design_source(design: DesignDesc) -> str:
    """The whole program: types, one class per module, children first; ``TOP`` names the top class; ``EMIT``
    the ``loom.emit`` options."""
    parts = [HEADER.format(seed=design.seed)]
    if design.types:
        parts.append("\n".join(type_source(key, t) for key, t in design.types.items()) + "\n")
    for module in design.modules:
        parts.append(module_source(design, module, is_top=module is design.top))
    parts.append(f"TOP = {design.top.name}\nEMIT = {{'keep_parameters': {design.keep_parameters}}}\n")
    return "\n\n".join(parts)


def address(depth: int, node: str) -> str:
    """A memory address: a one-word memory has none (its address is 0)."""
    return "0" if depth == 1 else node


def aggregate_value(design: DesignDesc, node: Node, args: list[str]) -> str:
    """A struct or array value built from its parts (``S0(f0=n1, ...)``, ``A1.of([...])``) or from bits."""
    t = design.types[node.dtype]  # type: ignore[index]
    if node.attrs[0] == "bits":
        return f"{node.dtype}.from_bits({args[0]})"
    if t.kind == "struct":
        return f"{node.dtype}({', '.join(f'{name}={a}' for (name, _), a in zip(t.parts, args, strict=True))})"
    return f"{node.dtype}.of([{', '.join(args)}])"


def aggregate_source(design: DesignDesc, index: int, node: Node) -> list[str]:
    """A struct or array value: an expression, or a var driven whole or part by part."""
    args = [f"n{i}" for i in node.args]
    mode = node.attrs[0]
    if mode in ("expr", "bits"):
        return [f"n{index} = {aggregate_value(design, node, args)}"]
    lines = [f"n{index} = self.var({node.attrs[1]!r}, {node.dtype})"]
    if mode == "var":
        return lines + [f"n{index}.assign({aggregate_value(design, node, args)})"]
    t = design.types[node.dtype]  # type: ignore[index]
    for number, ((name, _), a) in enumerate(zip(t.parts, args, strict=True)):
        lines.append(f"n{index}.{name}.assign({a})" if t.kind == "struct" else f"n{index}[{number}].assign({a})")
    return lines


def port_source(port: Port, direction: str) -> str:
    """``self.input(...)`` / ``self.output(...)`` with its type and condition."""
    width = port.dtype if port.dtype is not None else str(port.width)
    when = ""
    if port.when is not None:
        when = f", when={port.when[0]}" if len(port.when) == 1 else f", when={' '.join(map(str, port.when))}"
    return f"self.{direction}({port.name!r}, {width}, signed={port.signed}{when})"


def expression(design: DesignDesc, m: ModuleDesc, node: Node) -> str:
    """The right-hand side that builds ``node`` from the earlier nodes ``n<i>``."""
    args = [f"n{i}" for i in node.args]
    op = node.op
    if op in BINARY or op in COMPARE or op in ("shl", "shr"):
        symbol = PYTHON_OPERATOR[op]
        if node.attrs[:1] == ("param",):
            return f"{node.attrs[1]} {symbol} {args[0]}" if node.rev else f"{args[0]} {symbol} {node.attrs[1]}"
        if node.value is None:
            return f"{args[0]} {symbol} {args[1]}"
        return f"{node.value} {symbol} {args[0]}" if node.rev else f"{args[0]} {symbol} {node.value}"
    if op == "not":
        return f"~{args[0]}"
    if op == "neg":
        return f"-{args[0]}"
    if op in REDUCE or op in CAST:
        return f"{args[0]}.{op}()"
    if op in ("sext", "zext"):
        return f"{args[0]}.{op}({node.width})"
    if op == "slice":
        high, low = node.attrs
        return f"{args[0]}[{high}:{low}]"
    if op == "concat":
        return f"concat({', '.join(args)})"
    if op == "replicate":
        return f"{args[0]}.replicate({node.attrs[0]})"
    if op in ("mux", "agg_mux"):  # (agg_mux: of structs or arrays)
        if node.value is None:
            return f"mux({args[0]}, {args[1]}, {args[2]})"
        if node.rev:
            return f"mux({args[0]}, {node.value}, {args[1]})"
        return f"mux({args[0]}, {args[1]}, {node.value})"
    if op == "kconst":
        return f"const((k * 37 + 5) % {1 << node.width}, {node.width})"
    if op == "part":
        t = design.types[m.nodes[node.args[0]].dtype]  # type: ignore[index]
        return f"{args[0]}.{t.parts[node.attrs[0]][0]}" if t.kind == "struct" else f"{args[0]}[{node.attrs[0]}]"
    if op == "part_dyn":
        return f"{args[0]}[{args[1]}]"
    if op == "to_bits":
        return f"{args[0]}.bits()"
    if op == "enum":
        return f"{node.attrs[0]}.{node.attrs[1]}"
    if op == "mem_read":
        memory = m.memories[node.attrs[0]]
        return f"{memory.name}.read({address(memory.depth, args[0])})"
    if op == "mem_sync":
        memory = m.memories[node.attrs[0]]
        enable = f", enable={args[1]}" if len(args) > 1 else ""
        return f"{memory.name}.read({address(memory.depth, args[0])}, sync=True, clock={memory.clock}{enable})"
    raise ValueError(f"no source for op {op!r}")


def value_text(design: DesignDesc, dtype: str | None, value: int) -> str:
    """A register's or block's reset value: an enum member by name, else the number."""
    if dtype is not None and design.types[dtype].kind == "enum":
        return f"{dtype}.{next(name for name, v in design.types[dtype].parts if v == value)}"
    return str(value)


def register_source(design: DesignDesc, m: ModuleDesc, index: int, node: Node) -> str:
    r = m.registers[node.attrs[0]]
    enable = f"n{r.enable}" if r.enable is not None else "None"
    reset = r.reset if r.reset is not None else "False"
    return (f"n{index} = self.reg({r.name!r}, {r.dtype or r.width}, clock={r.clock}, reset={reset},"
            f" reset_value={value_text(design, r.dtype, r.reset_value)}, enable={enable}, signed={r.signed})")


def memory_source(m: ModuleDesc, index: int) -> list[str]:
    """``self.memory`` and its write ports (placed before its first read)."""
    memory = m.memories[index]
    lines = [f"{memory.name} = self.memory({memory.name!r}, {memory.width}, depth={memory.depth})"]
    for where, data, enable in memory.writes:
        given = f", enable=n{enable}" if enable is not None else ""
        lines.append(f"{memory.name}.write({address(memory.depth, f'n{where}')}, n{data}{given},"
                     f" clock={memory.clock})")
    return lines


def module_source(design: DesignDesc, m: ModuleDesc, is_top: bool) -> str:
    lines = [f"class {m.name}(Generator):"]
    if is_top:
        lines += ["    def __init__(self):", f"        super().__init__({m.name!r})"]
    else:
        lines += ["    def __init__(self, k: int = 0, is_clone: bool = False):",
                  f"        super().__init__({m.name!r}, is_clone=is_clone)"]
    body: list[str] = []
    for clock in m.clocks:
        body.append(f"{clock} = self.{clock} = self.clock({clock!r})")
    for reset in m.resets:
        body.append(f"{reset.name} = self.{reset.name} = self.reset({reset.name!r},"
                    f" asynchronous={reset.asynchronous}, active_low={reset.active_low})")
    shared = block_operands(m)
    for param in m.params:
        identity = ", identity=True" if param.identity else ""
        body.append(f"{param.name} = self.param({param.name!r}, {param.default}, width={param.width}{identity})")
    for port in m.inputs:
        body.append(f"{port.name} = {port_source(port, 'input')}")
    placed: set[int] = set()
    placed_fsms: set[str] = set()
    placed_memories: set[int] = set()
    for index, node in enumerate(m.nodes):
        if node.op == "input":
            body.append(f"n{index} = {node.attrs[0]}")
        elif node.op == "reg":
            body.append(register_source(design, m, index, node))
        elif node.op == "agg":
            body += aggregate_source(design, index, node)
        elif node.op == "param":
            body += [f"n{index} = self.var('pv{index}', {node.width})", f"n{index}.assign({node.attrs[0]})"]
        elif node.op in ("mem_read", "mem_sync"):
            if node.attrs[0] not in placed_memories:
                placed_memories.add(node.attrs[0])
                body += memory_source(m, node.attrs[0])
            body.append(f"n{index} = {expression(design, m, node)}")
        elif node.op == "var":
            body.append(f"n{index} = self.var({node.attrs[0]!r}, {node.width}, signed={node.signed})")
            body.append(f"n{index}.assign(n{node.args[0]})")
        elif node.op == "block":
            block = m.blocks[node.attrs[0]]
            body.append(f"n{index} = self.{block.target} = self.var({block.target!r}, {block.dtype or block.width},"
                        f" signed={block.signed})")
        elif node.op in ("fsm_out", "fsm_in"):
            machine = m.fsms[node.attrs[0]]
            if machine.name not in placed_fsms:
                placed_fsms.add(machine.name)
                body += fsm_source(machine)
            if node.op == "fsm_out":
                body.append(f"n{index} = {machine.outputs[node.attrs[1]][0]}")
            else:
                body.append(f"n{index} = {machine.name}.is_in({machine.name}_s{node.attrs[1]})")
        elif node.op == "child":
            instance_index, port = node.attrs
            if instance_index not in placed:
                placed.add(instance_index)
                body += instance_source(design, m, instance_index)
            body.append(f"n{index} = {m.instances[instance_index].name}_{port}")
        else:
            body.append(f"n{index} = {expression(design, m, node)}")
        if index in shared:
            body.append(f"self.n{index} = n{index}")
    for port, node_index in m.outputs:
        body.append(f"{port_source(port, 'output')}.assign(n{node_index})")
    for index, node in enumerate(m.nodes):
        if node.op == "reg":
            body.append(f"n{index}.assign(n{m.registers[node.attrs[0]].next})")
    lines += ["        " + line for line in body]
    for block in m.blocks:
        lines += [""] + ["    " + line for line in block_source(design, m, block)]
    return "\n".join(lines) + "\n"


def block_source(design: DesignDesc, m: ModuleDesc, block: Block) -> list[str]:
    """The decorated method: always_comb from its default, always_ff with its reset template."""
    target = f"self.{block.target}"
    unpacked = block.dtype is not None and design.types[block.dtype].kind == "uarray"
    if block.kind == "comb":
        start = [f"    {target} = self.n{block.default}"]
        if unpacked:  # an unpacked array is assigned element by element
            start = [f"    for k in range({len(design.types[block.dtype].parts)}):",  # type: ignore[index]
                     f"        {target}[k] = self.n{block.default}[k]"]
        return ["@always_comb", f"def block_{block.target}(self):", *start,
                *statements_source(design, m, block, block.body, 1)]
    edges = [f"(posedge, {block.clock!r})"]
    reset = m.reset(block.reset) if block.reset is not None else None
    if reset is not None and reset.asynchronous:
        edges.append(f"({'negedge' if reset.active_low else 'posedge'}, {reset.name!r})")
    lines = [f"@always_ff({', '.join(edges)})", f"def block_{block.target}(self):"]
    if reset is None:
        return lines + statements_source(design, m, block, block.body, 1)
    test = f"~self.{reset.name}" if reset.active_low else f"self.{reset.name}"
    resets = [f"        {target} = {value_text(design, block.dtype, block.reset_value)}"]
    if unpacked:
        t = design.types[block.dtype]  # type: ignore[index]
        resets = [f"        {target}[{k}] = {block.reset_value >> t.offset(k) & (1 << width) - 1}"
                  for k, (_, width) in enumerate(t.parts)]
    return lines + [f"    if {test}:", *resets, "    else:", *statements_source(design, m, block, block.body, 2)]


def operand_text(m: ModuleDesc, index: int) -> str:
    """A node read in a block: an enum member by name, else the attribute the block reads it from."""
    node = m.nodes[index]
    return f"{node.attrs[0]}.{node.attrs[1]}" if node.op == "enum" else f"self.n{index}"


def statements_source(design: DesignDesc, m: ModuleDesc, block: Block, statements: list[Stmt], depth: int
                      ) -> list[str]:
    pad = "    " * depth
    target = f"self.{block.target}"
    lines: list[str] = []
    for st in statements:
        if st.kind == "assign":
            value = operand_text(m, st.value)  # type: ignore[arg-type]
            lines.append(f"{pad}{target} = " + (f"{target} {st.self_op} {value}" if st.self_op else value))
        elif st.kind == "part":
            t = design.types[block.dtype]  # type: ignore[index]
            if st.subject is not None:
                where = f"[self.n{st.subject}]"
            else:
                where = f".{t.parts[st.bits[0]][0]}" if t.kind == "struct" else f"[{st.bits[0]}]"
            lines.append(f"{pad}{target}{where} = self.n{st.value}")
        elif st.kind == "bits":
            low, high, step, offset = st.bits
            lines.append(f"{pad}for i in range({low}, {high + 1}):")
            width = m.nodes[st.value].width  # type: ignore[index]
            lines.append(f"{pad}    {target}[i] = self.n{st.value}[(i * {step} + {offset}) % {width}]")
        elif st.kind == "if":
            for number, (guard, body) in enumerate(st.branches):
                keyword = "else:" if guard is None else f"{'if' if number == 0 else 'elif'} self.n{guard}:"
                lines.append(pad + keyword)
                lines += statements_source(design, m, block, body, depth + 1)
        else:
            lines.append(f"{pad}match {target if st.subject == -1 else f'self.n{st.subject}'}:")
            for labels, body in st.branches:
                names = [value_text(design, block.dtype if st.subject == -1 else None, v) for v in labels or ()]
                lines.append(f"{pad}    case {' | '.join(names) if labels is not None else '_'}:")
                lines += statements_source(design, m, block, body, depth + 2)
    return lines


def fsm_value(value: tuple) -> str:
    kind, number = value
    return str(number) if kind == "const" else f"n{number}"


def fsm_source(machine: Fsm) -> list[str]:
    name = machine.name
    lines = [f"{name} = self.fsm({name!r}, clock={machine.clock}, reset={machine.reset})"]
    lines += [f"{name}_s{state} = {name}.state('S{state}')" for state in range(machine.states)]
    lines.append(f"{name}.reset_state({name}_s{machine.reset_state})")
    for var, width, default in machine.outputs:
        lines.append(f"{var} = self.var({var!r}, {width})")
        lines.append(f"{name}.output({var}, default={fsm_value(default)})")
    for (state, output), value in machine.moore.items():
        lines.append(f"{name}_s{state}.output({machine.outputs[output][0]}, {fsm_value(value)})")
    for state, transitions in enumerate(machine.transitions):
        for target, condition, mealy in transitions:
            outputs = ", ".join(f"{machine.outputs[o][0]}: {fsm_value(v)}" for o, v in mealy.items())
            guard = f"n{condition}" if condition is not None else "None"
            lines.append(f"{name}_s{state}.next({name}_s{target}, {guard}"
                         f"{f', outputs={{{outputs}}}' if outputs else ''})")
    return lines


def instance_source(design: DesignDesc, m: ModuleDesc, index: int) -> list[str]:
    inst = m.instances[index]
    child = design.modules[inst.child]
    lines = []
    connections = [f"{c}={p}" for c, p in inst.clocks.items()] + [f"{c}={p}" for c, p in inst.resets.items()]
    connections += [f"{port}=n{node}" for port, node in inst.inputs.items()]
    params = instance_values(child, inst)
    for port, _ in child.outputs:
        if present(port, params):
            var = f"{inst.name}_{port.name}"
            lines.append(f"{var} = self.var({var!r}, {port.dtype or port.width})")
            connections.append(f"{port.name}={var}")
    if inst.params:
        connections.append(f"params={inst.params!r}")
    if inst.identity:
        connections.append(f"identity={inst.identity!r}")
    lines.append(f"self.add_child({inst.name!r}, {child.name}.create(k={inst.k}), {', '.join(connections)})")
    return lines
