"""DPI-C imported functions: C code called from procedural blocks (kratos ``dpi_function``).

``loom.dpi_function("c_add", args=[8, 8], returns=8)`` declares the C function
``c_add`` once; calling the returned object inside an ``@always_comb`` /
``@always_ff`` block (or a ``@function`` they call) is a call of the C function
at that point of the block. Each call in the block is its own call in the
SystemVerilog (a C function may have side effects, so calls are never shared or
moved out of the block). The declaration gives the argument and result widths,
because C code has no hardware type loom could read; SystemVerilog passes
widths of 8, 16, 32 and 64 bits as ``byte``/``shortint``/``int``/``longint``
(C ``char``/``short``/``int``/``long long``), 1 bit as ``bit`` and others as
``bit [n-1:0]`` (``svBitVecVal*``).

In the IR a call is ``loom.dpi_call``; ``lower-dpi-calls`` turns it into CIRCT's
DPI import and ``sv.func.call.procedural`` once module bodies are ``hw.module``s.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..dialect import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location
from .signals import Const, Expr, Signal, fits
from .statements import AssignKind, LocalVar, ProceduralBlock, make_assign, state_of

if TYPE_CHECKING:
    from .expressions import ExpressionEvaluator


def _identifier(text: object, what: str, loc: SourceLoc) -> str:
    if not isinstance(text, str) or not text.isidentifier() or not text.isascii():
        raise ElaborationError(f"{what} must be a C identifier, got {text!r}", str(loc))
    return text


def _width(value: object, what: str, loc: SourceLoc) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ElaborationError(f"{what} must be a positive int width, got {value!r}", str(loc))
    return value


class DpiFunction:
    """An imported DPI-C function; call it with signals (or ints) inside a procedural block."""

    def __init__(self, name: str, args: Mapping[str, int], returns: int, loc: SourceLoc):
        self.name = name
        self.args = dict(args)
        self.returns = returns
        self.loc = loc

    def __repr__(self) -> str:
        return f"dpi_function({self.name!r}, args={self.args!r}, returns={self.returns})"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise ElaborationError(f"DPI-C function '{self.name}' can only be called inside a procedural block"
                               " (@always_comb, @always_ff or a @function they call)", str(user_location()))

    def call_in(self, evaluator: ExpressionEvaluator, node: ast.Call, args: Sequence[object],
                kwargs: Mapping[str, object]) -> LocalVar:
        """A call in a translated block: the result goes to a fresh local right here, read afterwards.

        The local is what keeps the call where the block makes it: CIRCT
        would otherwise spill a call used inside a larger expression into a
        temporary; inside a branch the local also gets a zero at the top of
        the block, so that no path leaves it unassigned (a latch to lint tools).
        """
        block = getattr(evaluator, "block", None)
        if kwargs:
            raise evaluator.error(node, f"DPI-C function '{self.name}' takes positional arguments only")
        if getattr(evaluator, "kind", None) is not AssignKind.blocking or not isinstance(block, ProceduralBlock):
            raise evaluator.error(node, f"DPI-C function '{self.name}' can only be called in an @always_comb"
                                        " block (or a @function); in @always_ff, call it in an @always_comb block"
                                        " and register its result (the call's result needs a blocking"
                                        " temporary, which always_ff must not have)")
        loc = evaluator.loc(node)
        generator = evaluator.generator  # type: ignore[attr-defined]
        if generator._declares(self.name):
            raise evaluator.error(node, f"'{generator.name}' has a signal named '{self.name}', which would hide"
                                        f" DPI-C function '{self.name}' in SystemVerilog; rename the signal")
        state = state_of(generator)
        state.dpi_names.add(self.name)
        result = LocalVar(generator, f"{self.name}_result", self.returns, loc)
        result.decl.block = block
        state.locals.append(result.decl)
        if getattr(evaluator, "hardware_depth", 0):
            block.local_defaults.append(result.decl)  # called inside a branch: no path may leave it unset
        evaluator.emit(make_assign(result, self.call(args, loc), AssignKind.blocking, loc))
        return result

    def call(self, args: Sequence[object], loc: SourceLoc) -> Expr:
        """The call as an expression at ``loc`` (checked: count, widths, one generator)."""
        if len(args) != len(self.args):
            raise ElaborationError(f"DPI-C function '{self.name}' takes {len(self.args)} argument(s), got"
                                   f" {len(args)}", str(loc))
        operands: list[Signal] = []
        for value, (arg, width) in zip(args, self.args.items(), strict=True):
            if isinstance(value, bool):
                value = int(value)
            if isinstance(value, int):
                if not fits(value, width):
                    raise ElaborationError(f"constant {value} does not fit in argument '{arg}' ({width} bits) of"
                                           f" DPI-C function '{self.name}'", str(loc))
                value = Const(value, width, loc)
            if not isinstance(value, Signal):
                raise ElaborationError(f"argument '{arg}' of DPI-C function '{self.name}' must be a signal or an"
                                       f" int, got {value!r}", str(loc))
            if value.width != width:
                raise ElaborationError(f"argument '{arg}' of DPI-C function '{self.name}' is {width} bits wide,"
                                       f" got {value.width}-bit {value.describe()}; use zext()/sext() or a slice",
                                       str(loc))
            operands.append(value)
        owners = {o.owner for o in operands if o.owner is not None}
        if len(owners) > 1:
            raise ElaborationError(f"the arguments of DPI-C function '{self.name}' belong to different generators",
                                   str(loc))
        return Expr("dpi_call", tuple(operands), self.returns, attrs=(self,), loc=loc)


def dpi_function(name: str, args: Sequence[int] | Mapping[str, int] = (), returns: int = 32) -> DpiFunction:
    """Declare the DPI-C function ``name``: argument widths (a list, or a dict naming them) and result width.

    The argument names appear in the ``import "DPI-C"`` declaration only;
    a list names them ``arg0``, ``arg1``, ....
    """
    loc = user_location()
    name = _identifier(name, "a DPI-C function name", loc)
    if isinstance(args, Mapping):
        named = {_identifier(k, f"argument name of '{name}'", loc): v for k, v in args.items()}
    elif isinstance(args, (list, tuple)):
        named = {f"arg{i}": v for i, v in enumerate(args)}
    else:
        raise ElaborationError(f"dpi_function args must be a list of widths or a dict name -> width, got {args!r}",
                               str(loc))
    if "result" in named:
        raise ElaborationError(f"'result' is the name of the result of DPI-C function '{name}'; rename the argument",
                               str(loc))
    widths = {arg: _width(width, f"width of argument '{arg}' of '{name}'", loc) for arg, width in named.items()}
    return DpiFunction(name, widths, _width(returns, f"result width of '{name}'", loc), loc)


__all__ = ["DpiFunction", "dpi_function"]
