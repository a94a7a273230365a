"""Make a failing description smaller while it still fails the same way (a minimal reproducer).

Greedy: drop one output of the top at a time, keep the drop when the failure
stays; ``prune`` then removes every node, register and instance no output reaches.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from .describe import Block, DesignDesc, Fsm, ModuleDesc, Register, Stmt, block_operands


def prune(module: ModuleDesc) -> None:
    """Remove what no output reaches (in place), renumbering nodes, registers and instances."""
    live: set[int] = set()
    registers: set[int] = set()
    instances: set[int] = set()
    # Blocks, state machines and memories stay whole (with every node they read): only plain logic is pruned.
    stack = [node for _, node in module.outputs] + sorted(block_and_fsm_nodes(module))
    stack += [i for i, n in enumerate(module.nodes) if n.op in ("block", "fsm_out", "fsm_in", "mem_read", "mem_sync")]
    stack += [i for memory in module.memories for write in memory.writes for i in write if i is not None]
    while stack:
        index = stack.pop()
        if index in live:
            continue
        live.add(index)
        node = module.nodes[index]
        stack += node.args
        if node.op == "reg":
            register = module.registers[node.attrs[0]]
            registers.add(node.attrs[0])
            stack += [register.next] + ([register.enable] if register.enable is not None else [])
        elif node.op == "child":
            instances.add(node.attrs[0])
            stack += list(module.instances[node.attrs[0]].inputs.values())
    # Every output of a live instance stays (each lands in a var of the parent).
    for index, node in enumerate(module.nodes):
        if node.op == "child" and node.attrs[0] in instances:
            live.add(index)
    order = sorted(live)
    renumber = {old: new for new, old in enumerate(order)}
    register_map = {old: new for new, old in enumerate(sorted(registers))}
    instance_map = {old: new for new, old in enumerate(sorted(instances))}
    nodes = []
    for old in order:
        node = copy.copy(module.nodes[old])
        node.args = tuple(renumber[a] for a in node.args)
        if node.op == "reg":
            node.attrs = (register_map[node.attrs[0]],)
        elif node.op == "child":
            node.attrs = (instance_map[node.attrs[0]], node.attrs[1])
        nodes.append(node)
    kept_registers = []
    for old in sorted(registers):
        register = copy.copy(module.registers[old])
        register.next = renumber[register.next]
        register.enable = renumber[register.enable] if register.enable is not None else None
        kept_registers.append(register)
    kept_instances = []
    for old in sorted(instances):
        inst = copy.copy(module.instances[old])
        inst.inputs = {port: renumber[node] for port, node in inst.inputs.items()}
        kept_instances.append(inst)
    module.nodes, module.registers, module.instances = nodes, kept_registers, kept_instances
    renumber_blocks_and_fsms(module, renumber)
    module.outputs = [(port, renumber[node]) for port, node in module.outputs]
    flops: list[Register | Block | Fsm] = [*module.registers, *module.blocks, *module.fsms]
    used_clocks = {f.clock for f in flops} | {m.clock for m in module.memories}
    used_clocks |= {p for i in module.instances for p in i.clocks.values()}
    used_resets = {f.reset for f in flops} | {p for i in module.instances for p in i.resets.values()}
    module.clocks = [c for c in module.clocks if c in used_clocks]
    module.resets = [r for r in module.resets if r.name in used_resets]


def block_and_fsm_nodes(module: ModuleDesc) -> set[int]:
    """Every node a procedural block or a state machine reads."""
    found = block_operands(module)
    for machine in module.fsms:
        values = [d for _, _, d in machine.outputs] + list(machine.moore.values())
        for transitions in machine.transitions:
            for _, condition, mealy in transitions:
                if condition is not None:
                    found.add(condition)
                values += list(mealy.values())
        found.update(number for kind, number in values if kind == "node")
    return found


def renumber_blocks_and_fsms(module: ModuleDesc, renumber: dict[int, int]) -> None:
    def node(value: tuple) -> tuple:
        return (value[0], renumber[value[1]]) if value[0] == "node" else value

    def visit(statements: list[Stmt]) -> None:
        for st in statements:
            st.value = renumber[st.value] if st.value is not None else None
            st.subject = renumber[st.subject] if st.subject not in (None, -1) else st.subject
            st.branches = [(renumber[g] if isinstance(g, int) else g, body) for g, body in st.branches]
            for _, body in st.branches:
                visit(body)

    for block in module.blocks:
        block.default = renumber[block.default] if block.default is not None else None
        visit(block.body)
    for memory in module.memories:
        memory.writes = [(renumber[a], renumber[d], renumber[e] if e is not None else None)
                         for a, d, e in memory.writes]
    for machine in module.fsms:
        machine.outputs = [(name, width, node(default)) for name, width, default in machine.outputs]
        machine.moore = {key: node(value) for key, value in machine.moore.items()}
        machine.transitions = [[(target, renumber[c] if c is not None else None, {o: node(v) for o, v in mealy.items()})
                                for target, c, mealy in transitions] for transitions in machine.transitions]


def shrink(design: DesignDesc, still_fails: Callable[[DesignDesc], bool], budget: int = 40) -> DesignDesc:
    """The smallest variant found (at most ``budget`` tries) for which ``still_fails`` holds.

    Only the top's outputs are dropped: a child's outputs are all read by its parent.
    """
    best = design
    tries = 0
    changed = True
    while changed and tries < budget:
        changed = False
        for output in range(len(best.top.outputs)):
            if len(best.top.outputs) <= 1 or tries >= budget:
                break
            candidate = copy.deepcopy(best)
            del candidate.top.outputs[output]
            prune(candidate.top)
            tries += 1
            if still_fails(candidate):
                best, changed = candidate, True
                break
    return best
