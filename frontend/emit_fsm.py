"""The IR of a finite state machine (``frontend.fsm``): one ``loom.fsm`` op (docs/ir-conventions.md).

``fsm.py`` builds the machine (states, transitions, Moore and Mealy outputs); this module writes it as a
``loom.fsm`` holding a ``loom.fsm.state`` per state, which the ``realize-fsm`` pass turns into hardware.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.resets import ResetStyle
from .emit_ops import type_text
from .fsm import FSM, State

if TYPE_CHECKING:
    from .emit import ModuleWriter


def reserve_fsm(writer: ModuleWriter, fsm: FSM) -> None:
    """Name the op's results ``%<fsm>.fsm#i`` so that reads of the state and outputs refer to them."""
    for result in fsm.results:
        writer.names[id(result)] = f"%{fsm.name}.fsm#{result.index}"


def write_fsm(writer: ModuleWriter, fsm: FSM) -> None:
    """``loom.fsm`` with one ``loom.fsm.state`` per state (docs/ir-conventions.md)."""
    start = fsm.check_complete()
    state_width = int(fsm.state_enum)
    loc = writer.locs.ref(fsm.loc)
    clock, reset = writer.value(fsm.clock), writer.value(fsm.reset)
    defaults = [writer.value(value) for _, value in fsm.outputs]
    body: list[str] = []
    for state in fsm.states.values():
        body.extend(_state_text(writer, fsm, state))
    operands = [clock, reset, *defaults]
    operand_types = ["!seq.clock", "i1", *(type_text(out.width) for out, _ in fsm.outputs)]
    result_types = [f"i{state_width}", *(type_text(out.width) for out, _ in fsm.outputs)]
    names = ", ".join(f'"{s}"' for s in fsm.states)
    outputs = ", ".join(f'"{out.name}"' for out, _ in fsm.outputs)
    attrs = (f'name = "{fsm.name}", states = [{names}], reset_state = "{start.name}", '
             f'outputs = [{outputs}], {ResetStyle.of(fsm.reset).fsm_attributes()}')
    writer.lines.append(f'  %{fsm.name}.fsm:{len(result_types)} = "loom.fsm"({", ".join(operands)}) ({{')
    writer.lines.extend(body)
    writer.lines.append(f"  }}) {{{attrs}}} : ({', '.join(operand_types)}) -> ({', '.join(result_types)}) {loc}")


def _state_text(writer: ModuleWriter, fsm: FSM, state: State) -> list[str]:
    """One ``loom.fsm.state``: its Moore outputs, then its transitions in order (the first that holds wins)."""
    loc = writer.locs.ref(state.loc)
    lines = ["    \"loom.fsm.state\"() ({"]
    if state.outputs:
        indices = sorted(state.outputs)
        values = [writer.value(state.outputs[i]) for i in indices]
        names = ", ".join(f'"{fsm.outputs[i][0].name}"' for i in indices)
        types = ", ".join(type_text(fsm.outputs[i][0].width) for i in indices)
        lines.append(f'      "loom.fsm.output"({", ".join(values)}) {{names = [{names}]}} : ({types}) -> () {loc}')
    for target, cond, mealy, tloc in state.transitions:
        indices = sorted(mealy)
        operands = ([writer.value(cond)] if cond is not None else []) + [writer.value(mealy[i]) for i in indices]
        operand_types = (["i1"] if cond is not None else []) + [type_text(fsm.outputs[i][0].width) for i in indices]
        names = ", ".join(f'"{fsm.outputs[i][0].name}"' for i in indices)
        lines.append(f'      "loom.fsm.transition"({", ".join(operands)})'
                     f' {{to = "{target.name}", outputs = [{names}]}}'
                     f" : ({', '.join(operand_types)}) -> () {writer.locs.ref(tloc)}")
    lines.append(f'    }}) {{name = "{state.name}"}} : () -> () {loc}')
    return lines
