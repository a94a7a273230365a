"""A ``DesignDesc`` written as a loom user program (Python source on loom's public API).

Writing source instead of calling the API from here keeps every failing case a
plain, runnable reproducer file, and lets procedural blocks (which loom
translates from their Python source) be tested the same way.
"""

from __future__ import annotations

from .describe import BINARY, CAST, COMPARE, REDUCE, Block, DesignDesc, Fsm, ModuleDesc, Node, Stmt, block_operands

PYTHON_OPERATOR = {"add": "+", "sub": "-", "mul": "*", "and": "&", "or": "|", "xor": "^",
                   "eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">=",
                   "shl": "<<", "shr": ">>"}

HEADER = '''"""Random design {seed} (loom.tools.fuzz): a loom program drawn from a random description."""

from loom import Generator, always_comb, always_ff, concat, const, mux, negedge, posedge

'''


def design_source(design: DesignDesc) -> str:
    """The whole program: one class per module, children first; ``TOP`` names the top class."""
    parts = [HEADER.format(seed=design.seed)]
    for module in design.modules:
        parts.append(module_source(design, module, is_top=module is design.top))
    parts.append(f"TOP = {design.top.name}\n")
    return "\n\n".join(parts)


def expression(m: ModuleDesc, node: Node) -> str:
    """The right-hand side that builds ``node`` from the earlier nodes ``n<i>``."""
    args = [f"n{i}" for i in node.args]
    op = node.op
    if op in BINARY or op in COMPARE or op in ("shl", "shr"):
        symbol = PYTHON_OPERATOR[op]
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
    if op == "mux":
        if node.value is None:
            return f"mux({args[0]}, {args[1]}, {args[2]})"
        if node.rev:
            return f"mux({args[0]}, {node.value}, {args[1]})"
        return f"mux({args[0]}, {args[1]}, {node.value})"
    if op == "kconst":
        return f"const((k * 37 + 5) % {1 << node.width}, {node.width})"
    raise ValueError(f"no source for op {op!r}")


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
    for port in m.inputs:
        body.append(f"{port.name} = self.input({port.name!r}, {port.width}, signed={port.signed})")
    placed: set[int] = set()
    placed_fsms: set[str] = set()
    for index, node in enumerate(m.nodes):
        if node.op == "input":
            body.append(f"n{index} = {node.attrs[0]}")
        elif node.op == "reg":
            r = m.registers[node.attrs[0]]
            enable = f"n{r.enable}" if r.enable is not None else "None"
            reset_text = r.reset if r.reset is not None else "False"
            body.append(f"n{index} = self.reg({r.name!r}, {r.width}, clock={r.clock}, reset={reset_text},"
                        f" reset_value={r.reset_value}, enable={enable}, signed={r.signed})")
        elif node.op == "var":
            body.append(f"n{index} = self.var({node.attrs[0]!r}, {node.width}, signed={node.signed})")
            body.append(f"n{index}.assign(n{node.args[0]})")
        elif node.op == "block":
            block = m.blocks[node.attrs[0]]
            body.append(f"n{index} = self.{block.target} = self.var({block.target!r}, {block.width},"
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
            body.append(f"n{index} = {expression(m, node)}")
        if index in shared:
            body.append(f"self.n{index} = n{index}")
    for port, node_index in m.outputs:
        body.append(f"self.output({port.name!r}, {port.width}, signed={port.signed}).assign(n{node_index})")
    for index, node in enumerate(m.nodes):
        if node.op == "reg":
            body.append(f"n{index}.assign(n{m.registers[node.attrs[0]].next})")
    lines += ["        " + line for line in body]
    for block in m.blocks:
        lines += [""] + ["    " + line for line in block_source(m, block)]
    return "\n".join(lines) + "\n"


def block_source(m: ModuleDesc, block: Block) -> list[str]:
    """The decorated method: always_comb from its default, always_ff with its reset template."""
    target = f"self.{block.target}"
    if block.kind == "comb":
        return ["@always_comb", f"def block_{block.target}(self):", f"    {target} = self.n{block.default}",
                *statements_source(m, block.body, target, 1)]
    edges = [f"(posedge, {block.clock!r})"]
    reset = m.reset(block.reset) if block.reset is not None else None
    if reset is not None and reset.asynchronous:
        edges.append(f"({'negedge' if reset.active_low else 'posedge'}, {reset.name!r})")
    lines = [f"@always_ff({', '.join(edges)})", f"def block_{block.target}(self):"]
    if reset is None:
        return lines + statements_source(m, block.body, target, 1)
    test = f"~self.{reset.name}" if reset.active_low else f"self.{reset.name}"
    return lines + [f"    if {test}:", f"        {target} = {block.reset_value}", "    else:",
                    *statements_source(m, block.body, target, 2)]


def statements_source(m: ModuleDesc, statements: list[Stmt], target: str, depth: int) -> list[str]:
    pad = "    " * depth
    lines: list[str] = []
    for st in statements:
        if st.kind == "assign":
            value = f"self.n{st.value}"
            lines.append(f"{pad}{target} = " + (f"{target} {st.self_op} {value}" if st.self_op else value))
        elif st.kind == "bits":
            low, high, step, offset = st.bits
            lines.append(f"{pad}for i in range({low}, {high + 1}):")
            width = m.nodes[st.value].width  # type: ignore[index]
            lines.append(f"{pad}    {target}[i] = self.n{st.value}[(i * {step} + {offset}) % {width}]")
        elif st.kind == "if":
            for number, (guard, body) in enumerate(st.branches):
                keyword = "else:" if guard is None else f"{'if' if number == 0 else 'elif'} self.n{guard}:"
                lines.append(pad + keyword)
                lines += statements_source(m, body, target, depth + 1)
        else:
            lines.append(f"{pad}match self.n{st.subject}:")
            for labels, body in st.branches:
                pattern = "_" if labels is None else " | ".join(map(str, labels))
                lines.append(f"{pad}    case {pattern}:")
                lines += statements_source(m, body, target, depth + 2)
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
    for port, _ in child.outputs:
        var = f"{inst.name}_{port.name}"
        lines.append(f"{var} = self.var({var!r}, {port.width})")
        connections.append(f"{port.name}={var}")
    lines.append(f"self.add_child({inst.name!r}, {child.name}.create(k={inst.k}), {', '.join(connections)})")
    return lines
