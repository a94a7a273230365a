"""Expression evaluation for the procedural translator (``frontend.translator``).

Expressions inside ``@always_comb`` / ``@always_ff`` methods and hardware
functions are evaluated node by node: Python's operators on signals build
hardware expressions (``frontend.signals``) and Python values stay Python
values. The forms Python cannot overload on signals are rewritten here:
``and`` / ``or`` / ``not`` become ``&`` / ``|`` / ``~`` of 1-bit truth values,
``x if c else y`` becomes ``mux``, comparison chains are combined with ``&``.
Calls run ordinary Python helpers; ``@function`` helpers are inlined,
``assert_`` / ``display`` become statements. Forms loom does not interpret
(comprehensions, f-strings) are evaluated by Python in the block's scope.
"""

from __future__ import annotations

import ast
import builtins
import operator
from collections.abc import Callable, Iterable
from typing import Any

from ..dialect import srcloc
from ..dialect.errors import ElaborationError, LoomError
from ..dialect.names import did_you_mean
from ..dialect.srcloc import SourceLoc, user_location
from .dpi import DpiFunction
from .functions import mux
from .signals import Const, Signal
from .statements import AssertStmt, DisplayStmt, Statement, check_condition


def assert_(cond: Signal, message: str = "", *args: Signal) -> None:
    """An immediate assertion inside an ``always_comb`` / ``always_ff`` block (or a hardware function).

    ``message`` may hold ``$display``-style formats (``%d``, ``%h``) for ``args``.
    Outside a translated block it is an error: the translator recognises the
    call and makes an ``sv.assert``.
    """
    raise ElaborationError("assert_() can only be used inside an @always_comb / @always_ff method",
                           str(user_location()))


def display(format: str, *args: Signal) -> None:
    """Print ``format`` (``$display``-style ``%d``/``%h``/``%b``) with ``args`` during simulation.

    Only inside an ``always_comb`` / ``always_ff`` method; in ``always_ff`` it
    prints at every clock edge that reaches it.
    """
    raise ElaborationError("display() can only be used inside an @always_comb / @always_ff method",
                           str(user_location()))


_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_, ast.BitXor: operator.xor, ast.LShift: operator.lshift, ast.RShift: operator.rshift,
    ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv, ast.Div: operator.truediv, ast.Pow: operator.pow,
    ast.MatMult: operator.matmul,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: operator.contains(b, a), ast.NotIn: lambda a, b: not operator.contains(b, a),
}
_OPERATOR_TEXT = {ast.Mod: "%", ast.FloorDiv: "//", ast.Div: "/", ast.Pow: "**", ast.MatMult: "@"}

_UNSUPPORTED_EXPRESSIONS: dict[type, str] = {
    ast.Lambda: "lambda", ast.NamedExpr: "assignment expression ':='", ast.Await: "'await'",
    ast.Yield: "'yield'", ast.YieldFrom: "'yield from'",
}


class _Unset:
    """A Python local whose value depends on which branch of a hardware ``if`` ran: reading it is an error."""

    def __init__(self, name: str, loc: SourceLoc, missing: bool):
        self.name = name
        self.loc = loc
        self.missing = missing
        """Some path through the ``if``/``match`` never assigned it (else: the paths gave different Python values)."""


class TranslatedCallee:
    """A callee that a translated body does not call in Python but hands the call to: a hardware function
    inlines its body (``hwfunction.py``), a procedural block refuses to be called (``procedural.py``). Both
    modules build on this one, so the evaluator asks the callee instead of importing them."""

    def translate_call(self, caller: ExpressionEvaluator, node: ast.Call, args: list[Any],
                       kwargs: dict[str, Any]) -> Any:
        raise NotImplementedError


class ExpressionEvaluator:
    """Evaluates expression nodes in a translation scope (the base of ``Translator``)."""

    filename: str
    what: str
    env: dict[str, object]
    closure: dict[str, object]
    globals: dict[str, object]
    node_locs: list[SourceLoc]

    def emit(self, statement: Statement) -> None:
        raise NotImplementedError

    # -- locations and errors ------------------------------------------------------

    def loc(self, node: ast.AST) -> SourceLoc:
        return SourceLoc(self.filename, getattr(node, "lineno", 0), getattr(node, "col_offset", -1) + 1)

    def error(self, node: ast.AST, message: str, notes: tuple[str, ...] = ()) -> ElaborationError:
        return ElaborationError(message, str(self.loc(node)), notes)

    # -- expressions ---------------------------------------------------------------

    def eval(self, node: ast.expr) -> Any:
        """Evaluate an expression node; operators on signals build hardware expressions."""
        self.node_locs.append(self.loc(node))
        srcloc.push_site(self.node_locs[-1])
        try:
            handler = getattr(self, f"expr_{type(node).__name__}", None)
            if handler is not None:
                return handler(node)
            what = _UNSUPPORTED_EXPRESSIONS.get(type(node))
            if what is not None:
                raise self.error(node, f"{what} is not supported in {self.what}")
            return self.python_eval(node)
        finally:
            srcloc.pop_site()
            self.node_locs.pop()

    def python_eval(self, node: ast.expr) -> Any:
        """Let Python evaluate a node loom does not interpret (comprehensions, f-strings) in the block's scope."""
        namespace: dict[str, object] = {**self.globals, **self.closure}
        for name, value in self.env.items():
            if not isinstance(value, _Unset):
                namespace[name] = value
        code = compile(ast.Expression(body=node), self.filename, "eval")
        return eval(code, namespace)

    def expr_Constant(self, node: ast.Constant) -> Any:
        return node.value

    def expr_Name(self, node: ast.Name) -> Any:
        name = node.id
        if name in self.env:
            value = self.env[name]
            if isinstance(value, _Unset) and value.missing:
                raise self.error(node, f"'{name}' is not assigned on every path through the hardware if/match at"
                                       f" {value.loc} (like Python's UnboundLocalError); assign it before the if"
                                       f" ({name} = const(0, width)) or in every branch")
            if isinstance(value, _Unset):
                raise self.error(node, f"'{name}' was given a Python value inside a hardware if/match at"
                                       f" {value.loc}; after it, its value depends on a signal. Give it a hardware"
                                       f" value (e.g. {name} = const(0, width)) before the if")
            return value
        if name in self.closure:
            return self.closure[name]
        if name in self.globals:
            return self.globals[name]
        if hasattr(builtins, name):
            return getattr(builtins, name)
        raise self.error(node, f"undefined name '{name}' in {self.what}")

    def expr_Attribute(self, node: ast.Attribute) -> Any:
        owner = self.eval(node.value)
        try:
            return getattr(owner, node.attr)
        except AttributeError:
            described = owner.name if hasattr(owner, "name") and isinstance(owner.name, str) else owner
            ports = getattr(owner, "port_list", ())
            hint = f"; it has a port '{node.attr}': use self.ports.{node.attr} or keep the port in an attribute" \
                if any(getattr(p, "name", None) == node.attr for p in ports) else did_you_mean(node.attr, dir(owner))
            raise self.error(node, f"'{ast.unparse(node.value)}' ({described!r}) has no attribute"
                                   f" '{node.attr}'{hint}") from None

    def expr_Subscript(self, node: ast.Subscript) -> Any:
        value = self.eval(node.value)
        index = node.slice
        if isinstance(index, ast.Slice):
            key: Any = slice(*(self.eval(p) if p is not None else None for p in (index.lower, index.upper,
                                                                                 index.step)))
        else:
            key = self.eval(index)
        return value[key]

    def expr_Tuple(self, node: ast.Tuple) -> Any:
        return tuple(self.sequence(node.elts))

    def expr_List(self, node: ast.List) -> Any:
        return self.sequence(node.elts)

    def sequence(self, elements: Iterable[ast.expr]) -> list[Any]:
        items: list[Any] = []
        for element in elements:
            if isinstance(element, ast.Starred):
                items.extend(self.eval(element.value))
            else:
                items.append(self.eval(element))
        return items

    def apply(self, node: ast.AST, function: Callable[[Any, Any], Any], left: Any, right: Any,
              op: type[ast.operator]) -> Any:
        try:
            return function(left, right)
        except TypeError:
            if isinstance(left, Signal) or isinstance(right, Signal):
                text = _OPERATOR_TEXT.get(op, op.__name__)
                raise self.error(node, f"operator '{text}' is not supported on signals") from None
            raise

    def expr_BinOp(self, node: ast.BinOp) -> Any:
        function = _BINARY.get(type(node.op))
        assert function is not None
        return self.apply(node, function, self.eval(node.left), self.eval(node.right), type(node.op))

    def expr_UnaryOp(self, node: ast.UnaryOp) -> Any:
        value = self.eval(node.operand)
        if isinstance(node.op, ast.Not):
            if isinstance(value, Signal):
                return _bit(value, node, self) ^ 1
            return not self.truth(node.operand, value)
        if isinstance(node.op, ast.Invert):
            return ~value
        if isinstance(node.op, ast.USub):
            return -value
        return +value

    def expr_BoolOp(self, node: ast.BoolOp) -> Any:
        is_and = isinstance(node.op, ast.And)
        result: Any = None
        hardware: Signal | None = None
        for operand in node.values:
            value = self.eval(operand)
            if isinstance(value, Signal):
                bit = _bit(value, operand, self)
                hardware = bit if hardware is None else (hardware & bit if is_and else hardware | bit)
                continue
            if hardware is None:
                result = value
                if self.truth(operand, value) != is_and:
                    return value  # Python short-circuit before any signal
                continue
            # a Python value after a signal: constant-fold it into the hardware condition
            if self.truth(operand, value) != is_and:
                return Const(0 if is_and else 1, 1, self.loc(operand))
        return hardware if hardware is not None else result

    def expr_Compare(self, node: ast.Compare) -> Any:
        left = self.eval(node.left)
        results: list[Any] = []
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.eval(right_node)
            if isinstance(op, (ast.In, ast.NotIn, ast.Is, ast.IsNot)) and (
                    isinstance(left, Signal) or isinstance(right, Signal)):
                text = {ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}[type(op)]
                raise self.error(node, f"'{text}' on a signal is not supported; compare with '==' and combine"
                                       " with '|'")
            results.append(_COMPARE[type(op)](left, right))
            left = right
        if len(results) == 1:
            return results[0]
        combined: Any = None
        for result in results:
            if not isinstance(result, Signal) and not self.truth(node, result):
                return False if combined is None else Const(0, 1, self.loc(node))
            if isinstance(result, Signal):
                combined = result if combined is None else combined & result
        return combined if combined is not None else True

    def expr_IfExp(self, node: ast.IfExp) -> Any:
        cond = self.eval(node.test)
        if isinstance(cond, Signal):
            check_condition(cond, self.loc(node.test), "'x if cond else y'")
            return mux(cond, self.eval(node.body), self.eval(node.orelse))
        return self.eval(node.body) if self.truth(node.test, cond) else self.eval(node.orelse)

    def expr_Call(self, node: ast.Call) -> Any:
        function = self.eval(node.func)
        args = self.sequence(node.args)
        kwargs: dict[str, Any] = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                kwargs.update(self.eval(keyword.value))
            else:
                kwargs[keyword.arg] = self.eval(keyword.value)
        if function is assert_:
            return self.assertion(node, *args, **kwargs)
        if function is display:
            return self.display(node, *args, **kwargs)
        if isinstance(function, TranslatedCallee):
            return function.translate_call(self, node, args, kwargs)
        if isinstance(function, DpiFunction):
            return function.call_in(self, node, args, kwargs)
        return function(*args, **kwargs)

    def truth(self, node: ast.AST, value: object) -> bool:
        """Python truthiness of a generation-time value (parameters and conditions have none)."""
        try:
            return bool(value)
        except LoomError as error:
            raise self.error(node, error.message) from None

    # -- statements made by calls -------------------------------------------------

    def assertion(self, node: ast.Call, cond: object = None, message: str = "", *args: object) -> None:
        loc = self.loc(node)
        if not isinstance(message, str):
            raise self.error(node, f"assert_() message must be a string, got {message!r}")
        if not isinstance(cond, Signal):
            if self.truth(node, cond):
                return  # a generation-time assertion that holds
            raise self.error(node, f"assertion failed while generating: {message or ast.unparse(node)}")
        self.emit(AssertStmt(loc, check_condition(cond, loc, "assert_()"), message, self.print_args(node, args)))

    def display(self, node: ast.Call, format: object = "", *args: object) -> None:
        if not isinstance(format, str):
            raise self.error(node, f"display() needs a format string first, got {format!r}")
        self.emit(DisplayStmt(self.loc(node), format, self.print_args(node, args)))

    def print_args(self, node: ast.AST, args: tuple[object, ...]) -> tuple[Signal, ...]:
        signals = []
        for arg in args:
            if not isinstance(arg, Signal) or not isinstance(arg.width, int):
                raise self.error(node, f"print arguments must be signals of fixed width, got {arg!r}")
            signals.append(arg)
        return tuple(signals)


def _as_load(target: ast.expr) -> ast.expr:
    """The same target as an expression that reads it (for ``x += 1``)."""
    copy = ast.parse(ast.unparse(target), mode="eval").body
    ast.copy_location(copy, target)
    for new, old in zip(ast.walk(copy), ast.walk(target), strict=True):
        ast.copy_location(new, old)
    return copy


def _bit(value: Signal, node: ast.AST, translator: ExpressionEvaluator) -> Signal:
    """A signal as a 1-bit truth value (``x != 0`` for a wider one)."""
    if value.is_clock:
        raise translator.error(node, f"the clock {value.describe()} has no truth value")
    if isinstance(value.width, int) and value.width == 1:
        return value
    return value != 0


srcloc.add_boundary(ExpressionEvaluator.eval)
