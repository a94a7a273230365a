"""The loom ops that live inside module bodies: statements, functions, FSMs, and pass-internal helpers.

Each class declares its op (``opdef.LoomOp``); docs/ir-conventions.md shows
them in context. Passes read them by name through these classes' constants
(``AssignOp.OPERATION_NAME``, ...), so a name is spelled once.

``loom.assign``       ``(%dst, %value) {kind}``: an assignment whose kind the
                      frontend may not know (``undefined``; fix-assignment-type).
``loom.func``         a hardware function's body (``name``; an optional
                      ``!hw.inout`` operand receives the returned value);
                      inline-functions removes it.
``loom.return``       returns from the enclosing ``loom.func``.
``loom.localparam``   a named constant (``name``, integer ``value``); becomes
                      ``sv.localparam`` in lower-data-types.
``loom.fsm``          a state machine (operands: clock, reset, one default per
                      output; results: the state, then the outputs) whose
                      region holds one ``loom.fsm.state`` per state;
``loom.fsm.state``    holds ``loom.fsm.output`` (Moore outputs) and
                      ``loom.fsm.transition`` (``to``, optional condition
                      operand first, then Mealy output values); realize-fsm.

Internal ops exist only while one pass runs (a placeholder for values whose
users are being erased, the wrapper of text parsed by realize-fsm); they are
declared so that nothing spells a ``loom.*`` name outside the table, and the
verifier rejects them in input.
"""

from __future__ import annotations

from typing import ClassVar, Iterator, Mapping

from circt import ir
from circt.dialects import hw

from .opdef import (BOOL, INTEGER, ONE, STRING, STRINGS, VARIADIC, Arity, AttrDef, LoomOp, Trait, define,
                    exactly, optional, required)

ASSIGN_KINDS = ("undefined", "blocking", "nonblocking", "continuous")


@define
class AssignOp(LoomOp):
    """``loom.assign``: ``dst = value`` of kind ``kind`` (default ``undefined``: decided by its position)."""

    OPERATION_NAME = "loom.assign"
    OPERANDS = exactly(2)
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"kind": optional(STRING), "delay": optional(INTEGER)}

    def verify_(self) -> Iterator[str]:
        attrs = self.operation.attributes
        kind = ir.StringAttr(attrs["kind"]).value if "kind" in attrs else "undefined"
        if kind not in ASSIGN_KINDS:
            yield f"'loom.assign' kind must be one of {', '.join(ASSIGN_KINDS)}, not '{kind}'"
        destination = self.operation.operands[0].type
        if not hw.InOutType.isinstance(destination):
            yield f"'loom.assign' assigns to a variable (!hw.inout<...>), not to a value of type {destination}"


@define
class FuncOp(LoomOp):
    """``loom.func``: a hardware function's body until inline-functions; the operand receives the result."""

    OPERATION_NAME = "loom.func"
    OPERANDS = Arity(0, 1)
    REGIONS = 2
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"name": required(STRING)}
    TRAITS = frozenset({Trait.SYMBOL_TRANSPARENT})

    def verify_(self) -> Iterator[str]:
        operands = self.operation.operands
        if len(operands) and not hw.InOutType.isinstance(operands[0].type):
            yield f"'loom.func' result operand must be a variable (!hw.inout<...>), not {operands[0].type}"
        if len(self.operation.regions[0].blocks) > 1:
            yield "'loom.func' body must be a single block (statements, no branches between blocks)"


@define
class ReturnOp(LoomOp):
    """``loom.return``: leave the enclosing ``loom.func``, with its value when it has one."""

    OPERATION_NAME = "loom.return"
    OPERANDS = Arity(0, 1)
    ANCESTOR = "loom.func"


@define
class LocalParamOp(LoomOp):
    """``loom.localparam``: a named constant (enum members, FSM states)."""

    OPERATION_NAME = "loom.localparam"
    RESULTS = ONE
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"name": required(STRING), "value": required(INTEGER)}

    def verify_(self) -> Iterator[str]:
        value = self.operation.attributes["value"]
        result = self.operation.results[0].type
        if value.type != result:
            yield f"'loom.localparam' value {value} does not have the result type {result}"


@define
class FsmOp(LoomOp):
    """``loom.fsm``: a state machine (see the module docstring); realize-fsm checks its states."""

    OPERATION_NAME = "loom.fsm"
    OPERANDS = Arity(2, None)
    RESULTS = Arity(1, None)
    REGIONS = 1
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {
        "name": required(STRING),
        "states": required(STRINGS),
        "reset_state": required(STRING),
        "outputs": required(STRINGS),
        "reset": optional(STRING),
        "reset_active_low": optional(BOOL),
    }

    def verify_(self) -> Iterator[str]:
        """The operand and result types realize-fsm builds its registers and case statement from."""
        operation = self.operation
        outputs = len(ir.ArrayAttr(operation.attributes["outputs"]))
        operands, results = list(operation.operands), list(operation.results)
        if len(operands) != 2 + outputs or len(results) != 1 + outputs:
            yield (f"'loom.fsm' takes a clock, a reset and one default per output ({outputs}), and has one result"
                   f" more than outputs; it has {len(operands)} operands and {len(results)} results")
            return
        if str(operands[0].type) != "!seq.clock" or str(operands[1].type) != "i1":
            yield f"'loom.fsm' clock and reset must be !seq.clock and i1, not {operands[0].type} and {operands[1].type}"
        if not isinstance(results[0].type, ir.IntegerType):
            yield f"'loom.fsm' state result must be an integer, not {results[0].type}"
        for default, result in zip(operands[2:], results[1:]):
            if default.type != result.type:
                yield f"'loom.fsm' output default has type {default.type} but the output has type {result.type}"


@define
class FsmStateOp(LoomOp):
    """``loom.fsm.state``: one state; its region holds its outputs and transitions."""

    OPERATION_NAME = "loom.fsm.state"
    REGIONS = 1
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"name": required(STRING)}
    PARENTS = ("loom.fsm",)


@define
class FsmOutputOp(LoomOp):
    """``loom.fsm.output``: the Moore output values ``names`` of the enclosing state."""

    OPERATION_NAME = "loom.fsm.output"
    OPERANDS = VARIADIC
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"names": optional(STRINGS)}
    PARENTS = ("loom.fsm.state",)


@define
class FsmTransitionOp(LoomOp):
    """``loom.fsm.transition``: go to state ``to`` (when the optional first operand holds)."""

    OPERATION_NAME = "loom.fsm.transition"
    OPERANDS = VARIADIC
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"to": required(STRING), "outputs": optional(STRINGS)}
    PARENTS = ("loom.fsm.state",)

    def verify_(self) -> Iterator[str]:
        operation = self.operation
        names = len(ir.ArrayAttr(operation.attributes["outputs"])) if "outputs" in operation.attributes else 0
        operands = list(operation.operands)
        if len(operands) == names + 1 and operands[0].type != ir.IntegerType.get_signless(1):
            yield f"'loom.fsm.transition' condition must be i1, not {operands[0].type}"


# -- internal to one pass ------------------------------------------------------------


@define
class YieldOp(LoomOp):
    """``loom.yield``: the values a realized FSM replaces the op's results with (realize-fsm's parsed text)."""

    OPERATION_NAME = "loom.yield"
    OPERANDS = VARIADIC
    TRAITS = frozenset({Trait.INTERNAL})
    OWNER = "realize-fsm"


@define
class FsmRealizationOp(LoomOp):
    """``loom.fsm_realization``: wraps the text realize-fsm parses, until its ops move into the module."""

    OPERATION_NAME = "loom.fsm_realization"
    REGIONS = 1
    TRAITS = frozenset({Trait.INTERNAL})
    OWNER = "realize-fsm"


@define
class PlaceholderOp(LoomOp):
    """``loom.placeholder``: stands for a value whose users are being erased (rewrites ``erase_ops``)."""

    OPERATION_NAME = "loom.placeholder"
    RESULTS = ONE
    TRAITS = frozenset({Trait.INTERNAL})
    OWNER = "remove-assertion"


@define
class DeadValueOp(LoomOp):
    """``loom.dead_value``: stands for a removed value until no user is left (dead-code-elimination)."""

    OPERATION_NAME = "loom.dead_value"
    RESULTS = ONE
    TRAITS = frozenset({Trait.INTERNAL})
    OWNER = "dead-code-elimination"


@define
class DpiCallOp(LoomOp):
    """``loom.dpi_call``: a call of an imported DPI-C function in a procedural block, until lower-dpi-calls.

    CIRCT's ``sv.func.call.procedural`` names its callee by symbol, and symbols do
    not resolve inside a ``loom.module`` body; this op carries the name as a string
    (and the argument names of the import) until the bodies are ``hw.module``s.
    """

    OPERATION_NAME = "loom.dpi_call"
    OPERANDS = VARIADIC
    RESULTS = ONE
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"callee": required(STRING), "arg_names": required(STRINGS)}

    def verify_(self) -> Iterator[str]:
        names = ir.ArrayAttr(self.operation.attributes["arg_names"])
        if len(names) != len(self.operation.operands):
            yield (f"'loom.dpi_call' has {len(self.operation.operands)} operands but {len(names)} arg_names")


@define
class ScopeMarkerOp(LoomOp):
    """``loom.scope_marker``: holds a module's place in the design while loom-scope runs a pipeline on it alone."""

    OPERATION_NAME = "loom.scope_marker"
    TRAITS = frozenset({Trait.INTERNAL})
    OWNER = "loom-scope"


__all__ = ["ASSIGN_KINDS", "AssignOp", "DeadValueOp", "DpiCallOp", "FsmOp", "FsmOutputOp", "FsmRealizationOp", "FsmStateOp",
           "FsmTransitionOp", "FuncOp", "LocalParamOp", "PlaceholderOp", "ReturnOp", "ScopeMarkerOp", "YieldOp"]
