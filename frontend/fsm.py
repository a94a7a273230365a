"""Finite state machines: states, transitions with conditions, Moore and Mealy outputs, a reset state.

::

    fsm = self.fsm("ctrl")                        # the generator's only clock and reset (clock=, reset= to choose)
    idle, run = fsm.state("IDLE"), fsm.state("RUN")
    fsm.reset_state(idle)                         # required
    busy = fsm.output(self.output("busy"), default=0)
    done = fsm.output(self.output("done"), default=0)
    idle.next(run, start)                         # first matching transition wins
    run.output(busy, 1)                           # Moore: a value while in a state
    run.next(idle, stop, outputs={done: 1})       # Mealy: a value while this transition is taken
    fsm.is_in(run), fsm.current                   # the state as hardware

A state without a transition whose condition holds stays where it is; an
output takes its ``default`` unless the current state (Moore) or the
transition being taken (Mealy, which wins) gives it a value. The state
register resets to the reset state with the reset port's style (synchronous
or asynchronous, active high or low).

In the IR the machine is one ``loom.fsm`` op (docs/ir-conventions.md), and
the ``realize-fsm`` pass of the default lowering turns it into a state
register, an ``always_ff`` block and an ``always_comb`` block with a ``case``
over the state, the state names being localparams.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location
from .clones import replaying
from .growable import growable
from .signals import Const, Expr, Named, Operand, Port, PortKind, Signal, Var, coerce, same_width, sized
from .types import Enum, EnumValue, _check_name

if TYPE_CHECKING:
    from .generator import Generator


class State:
    """One state of an ``FSM``; ``next`` adds transitions, ``output`` Moore output values."""

    def __init__(self, fsm: FSM, name: str, loc: SourceLoc):
        self.fsm = fsm
        self.name = name
        self.loc = loc
        self.transitions: list[tuple[State, Signal | None, dict[int, Signal], SourceLoc]] = []
        self.outputs: dict[int, Signal] = {}

    def __repr__(self) -> str:
        return f"<State {self.fsm.name}.{self.name}>"

    def next(self, target: State | str, condition: Operand | None = None,
             outputs: Mapping[Named, Operand] | None = None) -> State:
        """Go to ``target`` when ``condition`` (1 bit; None: always) holds; ``outputs`` are Mealy values."""
        if replaying(self.fsm.owner):
            return self  # a clone's __init__ running again: the definition has this transition already
        loc = user_location()
        fsm = self.fsm
        state = fsm._lookup(target, loc)
        unconditional = [t for t in self.transitions if t[1] is None]
        if unconditional:
            raise ElaborationError(f"state '{self.name}' of FSM '{fsm.name}' already has an unconditional transition;"
                                   " a later transition would never be taken", str(loc),
                                   (f"the unconditional transition is at {unconditional[0][3]}",))
        cond = None
        if condition is not None:
            cond = coerce(condition, Const(0, 1, loc), f"condition of a transition of FSM '{fsm.name}'", loc)
            if not same_width(cond.width, 1):
                raise ElaborationError(f"condition of a transition of FSM '{fsm.name}' must be 1 bit wide, got"
                                       f" {sized(cond.width)} {cond.describe()}", str(loc))
            fsm._check_owner(cond, loc)
        values = {fsm._output_index(out, loc): fsm._output_value(out, value, loc)
                  for out, value in (outputs or {}).items()}
        self.transitions.append((state, cond, values, loc))
        return self

    def output(self, target: Named, value: Operand) -> State:
        """The value of FSM output ``target`` while in this state (Moore output)."""
        if replaying(self.fsm.owner):
            return self
        loc = user_location()
        index = self.fsm._output_index(target, loc)
        if index in self.outputs:
            raise ElaborationError(f"state '{self.name}' of FSM '{self.fsm.name}' sets output"
                                   f" {target.describe()} twice", str(loc))
        self.outputs[index] = self.fsm._output_value(target, value, loc)
        return self


class FsmResult(Expr):
    """A result of the ``loom.fsm`` op: the current state (index 0) or an output."""

    __slots__ = ("fsm", "index")

    def __init__(self, fsm: FSM, index: int, width: object, loc: SourceLoc):
        Signal.__init__(self, fsm.owner, width, loc)  # type: ignore[arg-type]
        self.op = "fsm_result"
        self.operands = ()
        self.attrs = ()
        self.fsm = fsm
        self.index = index

    def describe(self) -> str:
        if self.index == 0:
            return f"state of FSM '{self.fsm.name}'"
        return f"output '{self.fsm.outputs[self.index - 1][0].name}' of FSM '{self.fsm.name}'"


class FSM:
    """A finite state machine of a generator (see the module docstring); ``Generator.fsm`` makes one."""

    def __init__(self, owner: Generator, name: str, clock: Signal, reset: Signal, loc: SourceLoc):
        self.owner = owner
        self.name = name
        self.clock = clock
        self.reset = reset
        self.loc = loc
        self.states: dict[str, State] = {}
        self.start: State | None = None
        self.start_loc: SourceLoc | None = None
        self.outputs: list[tuple[Named, Signal]] = []
        self.results: list[FsmResult] = []
        """The op's results read so far (the state first, when read): emission names them before any read."""
        self._enum: Enum | None = None

    def describe(self) -> str:
        return f"FSM '{self.name}' of '{self.owner.name}'"

    # -- declaration ---------------------------------------------------------------------------

    def state(self, name: str) -> State:
        """A new state named ``name`` (a localparam of that name in the SystemVerilog)."""
        if replaying(self.owner) and name in self.states:
            return self.states[name]  # a clone's __init__ running again gets the definition's state
        loc = user_location()
        _check_name(name, "state name", loc)
        if name in self.states:
            raise ElaborationError(f"FSM '{self.name}' already has a state '{name}'", str(loc),
                                   (f"first declared at {self.states[name].loc}",))
        if self._enum is not None:
            raise ElaborationError(f"cannot add state '{name}' to FSM '{self.name}' after its state was read",
                                   str(loc))
        state = self.states[name] = State(self, name, loc)
        return state

    add_state = state  # kratos spelling

    def reset_state(self, state: State | str) -> None:
        """The state the machine enters on reset (kratos ``set_start_state``)."""
        if replaying(self.owner):
            return
        loc = user_location()
        chosen = self._lookup(state, loc)
        if self.start is not None:
            raise ElaborationError(f"FSM '{self.name}' already has the reset state '{self.start.name}'", str(loc),
                                   (f"set at {self.start_loc}",))
        self.start, self.start_loc = chosen, loc

    set_start_state = reset_state  # kratos spelling

    def output(self, target: Named, default: Operand = 0) -> Named:
        """Let the FSM drive ``target`` (an output port or var of the generator); ``default`` when no state or
        transition gives it a value."""
        if replaying(self.owner):
            return target
        loc = user_location()
        if not isinstance(target, Named) or target.owner is not self.owner:
            what = target.describe() if isinstance(target, Signal) else repr(target)
            raise ElaborationError(f"FSM output must be an output port or var of '{self.owner.name}', got {what}",
                                   str(loc))
        if not isinstance(target, (Port, Var)):
            raise ElaborationError(f"FSM output must be an output port or var, not {target.describe()}", str(loc))
        target._check_drivable(loc)
        if target.driver is not None:
            raise ElaborationError(f"{target.describe()} is already driven; an FSM output needs its own signal",
                                   str(loc), (f"driven at {target.driver_loc}",))
        value = self._output_value(target, default, loc, check_registered=False)
        self.outputs.append((target, value))
        result = FsmResult(self, len(self.outputs), target.width, loc)
        target.driver, target.driver_loc = result, loc
        self.results.append(result)
        return target

    # -- the state as hardware -----------------------------------------------------------------

    @property
    def state_enum(self) -> Enum:
        """The states as an ``Enum`` (values in declaration order); fixed once read."""
        if self._enum is None:
            if not self.states:
                raise ElaborationError(f"FSM '{self.name}' has no states", str(self.loc))
            self._enum = Enum(f"{self.name}_state", list(self.states))
            for value in self._enum.members.values():
                value.loc = self.loc  # the localparams of a machine share its line (listed together)
        return self._enum

    @property
    def current(self) -> Signal:
        """The current state (an ``Enum`` value of ``state_enum``)."""
        if not self.results or self.results[0].index != 0:
            self.results.insert(0, FsmResult(self, 0, self.state_enum, self.loc))
        return self.results[0]

    def is_in(self, state: State | str) -> Signal:
        """1 while the machine is in ``state``."""
        loc = user_location()
        chosen = self._lookup(state, loc)
        return self.current == self.value_of(chosen)

    def value_of(self, state: State) -> EnumValue:
        """The localparam naming ``state``."""
        return self.state_enum.members[state.name]

    # -- checks --------------------------------------------------------------------------------

    def _lookup(self, state: State | str, loc: SourceLoc) -> State:
        if isinstance(state, State):
            if state.fsm is not self:
                raise ElaborationError(f"state '{state.name}' belongs to FSM '{state.fsm.name}', not to"
                                       f" '{self.name}'", str(loc))
            return state
        if isinstance(state, str):
            if state not in self.states:
                raise ElaborationError(f"FSM '{self.name}' has no state '{state}'; states:"
                                       f" {', '.join(self.states) or 'none'}", str(loc))
            return self.states[state]
        raise ElaborationError(f"expected a state of FSM '{self.name}' (or its name), got {state!r}", str(loc))

    def _check_owner(self, signal: Signal, loc: SourceLoc) -> None:
        if signal.owner is not None and signal.owner is not self.owner:
            raise ElaborationError(f"{signal.describe()} belongs to '{signal.owner.name}', not to"
                                   f" '{self.owner.name}'", str(loc))

    def _output_index(self, target: Named, loc: SourceLoc) -> int:
        for index, (out, _) in enumerate(self.outputs):
            if out is target:
                return index
        what = target.describe() if isinstance(target, Signal) else repr(target)
        raise ElaborationError(f"{what} is not an output of FSM '{self.name}'; declare it with fsm.output(...)"
                               " first", str(loc))

    def _output_value(self, target: Named, value: Operand, loc: SourceLoc, check_registered: bool = True) -> Signal:
        signal = coerce(value, Const(0, target.width, loc), f"value of FSM output {target.describe()}", loc)
        if not same_width(signal.width, target.width):
            raise ElaborationError(f"width mismatch: FSM output {target.describe()} is {sized(target.width)}, the"
                                   f" value is {sized(signal.width)} {signal.describe()}", str(loc))
        self._check_owner(signal, loc)
        return signal

    def check_complete(self) -> State:
        """The reset state, once the machine has states and one of them is the reset state (else an error)."""
        if not self.states:
            raise ElaborationError(f"FSM '{self.name}' has no states", str(self.loc))
        if self.start is None:
            raise ElaborationError(f"FSM '{self.name}' has no reset state; call reset_state(...) with one of its"
                                   f" states ({', '.join(self.states)})", str(self.loc))
        return self.start


def declare_fsm(gen: Generator, name: str, clock: Signal | None = None, reset: Signal | None = None) -> FSM:
    """``Generator.fsm``: a new FSM driven by the generator's only clock and reset unless given."""
    loc = gen._claim(name, "FSM")
    clock_signal = clock if clock is not None else gen._only_port(PortKind.CLOCK, loc)
    if not clock_signal.is_clock:
        raise ElaborationError(f"{clock_signal.describe()} is not a clock; declare it with clock()", str(loc))
    reset_signal = reset if reset is not None else gen._only_port(PortKind.RESET, loc)
    if not isinstance(reset_signal, Signal) or not same_width(reset_signal.width, 1) or reset_signal.is_clock:
        raise ElaborationError(f"the reset of FSM '{name}' must be a 1-bit signal", str(loc))
    fsm = FSM(gen, name, clock_signal, reset_signal, loc)
    growable(gen, "statements", list).append(fsm)
    return fsm
