"""Make a failing description smaller while it still fails the same way (a minimal reproducer).

Greedy: drop one output of the top at a time, keep the drop when the failure
stays; ``prune`` then removes every node, register and instance no output reaches.
"""

from __future__ import annotations

import copy
from typing import Callable

from .describe import DesignDesc, ModuleDesc


def prune(module: ModuleDesc) -> None:
    """Remove what no output reaches (in place), renumbering nodes, registers and instances."""
    live: set[int] = set()
    registers: set[int] = set()
    instances: set[int] = set()
    stack = [node for _, node in module.outputs]
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
    module.outputs = [(port, renumber[node]) for port, node in module.outputs]
    used_clocks = {r.clock for r in module.registers} | {p for i in module.instances for p in i.clocks.values()}
    used_resets = {r.reset for r in module.registers} | {p for i in module.instances for p in i.resets.values()}
    module.clocks = [c for c in module.clocks if c in used_clocks]
    module.resets = [r for r in module.resets if r.name in used_resets]


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
