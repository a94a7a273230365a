"""Hardware functions: ``@function`` helpers, inlined where they are called.

A plain Python helper that returns an expression (``def add3(a, b, c):
return a + b + c``) is simply called. A helper marked ``@function`` is
*translated* like a procedural block, so it may use ``if`` / ``match`` on
signals and ``return`` from inside them::

    @function
    def saturate(x, limit):
        if x > limit:
            return limit
        return x

loom inlines it (docs/procedural.md explains why it is not an SV
``function``): the body becomes a ``loom.func`` op holding the translated
statements, and each ``return`` a ``loom.return``; the return value is
stored in a ``logic`` named after the function. ``check-function-return``
checks the returns on that IR (a path without ``return``, code after a
``return``, a ``return`` without a value in a function that returns one)
and ``inline-functions`` turns every ``loom.return v`` into ``name = v``.

Where it goes:

- called in an ``always_comb`` block (or another hardware function): inlined
  at the call, so it sees the block's blocking assignments so far;
- called in an ``always_ff`` block or outside any block (``__init__``): in an
  ``always_comb`` block of its own, since a function computes a value and
  ``always_ff`` only makes non-blocking assignments; the call reads the
  result.

An early ``return`` inside a hardware ``if`` moves the statements after the
``if`` into the paths that did not return, so the inlined code is plain
structured ``if`` / ``else``. A ``return`` under a generation-time (Python)
``if`` simply ends the translation, as in Python.
"""

from __future__ import annotations

import ast
import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location
from .expressions import ExpressionEvaluator, TranslatedCallee
from .procedural import function_ast
from .signals import Signal, coerce, width_text
from .statements import (
    AssignKind,
    BlockKind,
    Body,
    CaseStmt,
    FunctionStmt,
    IfStmt,
    LocalVar,
    ProceduralBlock,
    ReturnStmt,
    Statement,
    state_of,
)
from .translator import Translator

if TYPE_CHECKING:
    from .generator import Generator

_MAX_DEPTH = 32


def body_end(body: Body) -> list[Body]:
    """The bodies in which paths through ``body`` that did not return end ([] when every path returns)."""
    if not body.statements:
        return [body]
    last = body.statements[-1]
    if isinstance(last, ReturnStmt):
        return []
    if isinstance(last, (IfStmt, CaseStmt)):
        ends = fallthrough(last)
        return [body] if ends is None else ends
    return [body]


def fallthrough(statement: IfStmt | CaseStmt) -> list[Body] | None:
    """None when no path through ``statement`` returns; else the bodies where the other paths end."""
    ends: list[Body] = []
    returns = False
    for child in statement.children():
        child_ends = body_end(child)
        if child_ends != [child]:
            returns = True
        ends.extend(child_ends)
    return ends if returns else None


class FunctionTranslator(Translator):
    """Translates a hardware function's body, with ``return`` and early exits (see the module docstring)."""

    def __init__(self, function: HardwareFunction, generator: Generator, block: ProceduralBlock,
                 node: ast.FunctionDef, filename: str, depth: int):
        super().__init__(generator, block, function.fn, filename, AssignKind.blocking,
                         f"hardware function '{function.name}'")
        self.function = function
        self.node = node
        self.depth = depth
        self.targets: list[list[Body]] = []
        self.lexical: list[Body] = []
        self.lists: list[object] = []
        self.returned_in: object | None = None
        self.returns: list[tuple[ReturnStmt, ast.Return]] = []

    # -- where statements go -------------------------------------------------------

    def translate(self, statements: list[ast.stmt], body: Body) -> Body:
        self.targets.append([body])
        self.lexical.append(body)
        try:
            self.run_list(statements)
        finally:
            self.targets.pop()
            self.lexical.pop()
        return body

    def run_list(self, statements: list[ast.stmt]) -> None:
        marker = object()
        self.lists.append(marker)
        try:
            for statement in statements:
                if not self.targets[-1] and self.returned_in is not marker:
                    break  # a return under a generation-time if ended the function
                self.statement(statement)
        finally:
            self.lists.pop()

    def stopped(self) -> bool:
        return not self.targets[-1]

    def emit(self, statement: Statement) -> None:
        targets = self.targets[-1]
        if not targets:
            # Code after a return: kept in the IR, where check-function-return reports it.
            self.lexical[-1].statements.append(statement)
            return
        for body in targets:
            body.statements.append(statement)
        if isinstance(statement, ReturnStmt):
            self._continue_in([])
        elif isinstance(statement, (IfStmt, CaseStmt)):
            ends = fallthrough(statement)
            if ends is not None:
                self._continue_in(ends)

    def _continue_in(self, bodies: list[Body]) -> None:
        self.targets[-1] = bodies
        if not bodies:
            self.returned_in = self.lists[-1]

    def always_returns(self, body: Body) -> bool:
        return not body_end(body)

    # -- return ---------------------------------------------------------------------

    def stmt_Return(self, node: ast.Return) -> None:
        value = self.eval(node.value) if node.value is not None else None
        if isinstance(value, bool):
            value = int(value)
        if value is not None and not isinstance(value, (Signal, int)):
            raise self.error(node, f"{self.what} returns {value!r}; a hardware function returns a signal or an"
                                   " int (or nothing)")
        statement = ReturnStmt(self.loc(node), value)
        self.returns.append((statement, node))
        self.emit(statement)

    def result_width(self) -> int | None:
        """The width of the return value (None: the function returns nothing)."""
        given = self.function.width
        signals = [(ret.value, ret.loc, node) for ret, node in self.returns if isinstance(ret.value, Signal)]
        widths: list[int] = []
        for value, _, node in signals:
            width = value.width
            first, first_loc, _ = signals[0]
            if not isinstance(width, int):
                raise self.error(node, f"{self.what} returns a value of parametric width")
            if width != first.width:
                raise self.error(node, f"{self.what} returns values of different widths: {width} bits here,"
                                       f" {width_text(first.width)} bits at {first_loc}")
            if given is not None and given != width:
                raise self.error(node, f"{self.what} is declared width={given} but returns {width} bits")
            widths.append(width)
        if widths:
            return widths[0]
        valued = [n for r, n in self.returns if r.value is not None]
        if valued and given is None:
            raise self.error(valued[0], f"{self.what} returns only Python ints, so its width is unknown; declare"
                                        " it: @function(width=N)")
        return given if valued else None


class HardwareFunction(TranslatedCallee):
    """A Python helper marked ``@function``: translated and inlined as hardware where it is called."""

    def __init__(self, fn: Callable[..., Any], width: int | None, loc: SourceLoc):
        self.fn = fn
        self.width = width
        self.loc = loc
        self.name = fn.__name__
        self.signature = inspect.signature(fn)
        self.active = 0
        functools.update_wrapper(self, fn)

    def __repr__(self) -> str:
        return f"<hardware function {self.name}>"

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        """``self.clamp`` on a generator: the function with ``self`` bound (a ``@function`` method, kratos)."""
        if instance is None:
            return self
        return BoundHardwareFunction(self, instance)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """A call outside any block: the function gets an ``always_comb`` block of its own."""
        loc = user_location()
        owners = [a.owner for a in [*args, *kwargs.values()] if isinstance(a, Signal) and a.owner is not None]
        if not owners:
            raise ElaborationError(f"hardware function '{self.name}' called outside a block needs a signal"
                                   " argument (to know its generator)", str(loc))
        return self.expand(owners[0], None, args, kwargs, loc)

    def translate_call(self, caller: ExpressionEvaluator, node: ast.Call, args: list[Any],
                       kwargs: dict[str, Any]) -> Any:
        """A call from a translated block or function (every evaluator of a body is a ``Translator``)."""
        assert isinstance(caller, Translator), caller
        return self.inline(caller, node, args, kwargs)

    def inline(self, caller: Translator, node: ast.Call, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return self.expand(caller.generator, caller, tuple(args), kwargs, caller.loc(node))

    def expand(self, generator: Generator, caller: Translator | None, args: tuple[Any, ...],
               kwargs: dict[str, Any], loc: SourceLoc) -> LocalVar | None:
        if self.active >= _MAX_DEPTH:
            raise ElaborationError(f"hardware function '{self.name}' calls itself more than {_MAX_DEPTH} levels"
                                   " deep; recursion must end at generation time", str(loc))
        try:
            bound = self.signature.bind(*args, **kwargs)
        except TypeError as error:
            raise ElaborationError(f"cannot call hardware function '{self.name}': {error}", str(loc)) from None
        bound.apply_defaults()
        node, filename = function_ast(self.fn, loc)
        in_place = caller is not None and caller.kind is AssignKind.blocking and isinstance(caller.block,
                                                                                          ProceduralBlock)
        if in_place:
            assert caller is not None
            block = caller.block
        else:
            block = ProceduralBlock(generator, BlockKind.comb, (), loc, self.name)
            state_of(generator).blocks.append(block)
        assert isinstance(block, ProceduralBlock)
        translator = FunctionTranslator(self, generator, block, node, filename, self.active)
        translator.env.update(bound.arguments)
        translator.hardware_depth = caller.hardware_depth if in_place and caller is not None else 0
        statement = FunctionStmt(SourceLoc(filename, node.lineno, node.col_offset + 1), self.name)
        self.active += 1
        try:
            translator.translate(node.body, statement.body)
        finally:
            self.active -= 1
        width = translator.result_width()
        if width is not None:
            result = LocalVar(generator, self.name, width, statement.loc)
            result.decl.block = block
            state_of(generator).locals.append(result.decl)
            if translator.hardware_depth:
                block.local_defaults.append(result.decl)
            statement.result = result
            for ret, ret_node in translator.returns:
                if ret.value is not None:
                    ret.value = coerce(ret.value, result, f"return of '{self.name}'", translator.loc(ret_node))
        if in_place:
            assert caller is not None
            caller.emit(statement)
        else:
            block.body.statements.append(statement)
        return statement.result


class BoundHardwareFunction(HardwareFunction):
    """A ``@function`` method read through its generator: the generator is the first argument.

    Its calls without signal arguments know their generator (``self``), so
    ``self.parity()`` works outside any block too.
    """

    def __init__(self, function: HardwareFunction, instance: object):
        self.__dict__.update(function.__dict__)
        self.function = function
        self.instance = instance

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.function.expand(self.instance, None, (self.instance, *args), kwargs,  # type: ignore[arg-type]
                                    user_location())

    def inline(self, caller: Translator, node: ast.Call, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return self.function.inline(caller, node, [self.instance, *args], kwargs)


def function(fn: Callable[..., Any] | None = None, *, width: int | None = None) -> Any:
    """Mark a Python helper as a hardware function (``@function`` or ``@function(width=8)``).

    Its body is translated like an ``@always_comb`` method: ``if`` / ``match``
    on signals and ``return`` anywhere. ``width`` gives the result width when
    the function returns only Python ints.
    """
    loc = user_location()
    if width is not None and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
        raise ElaborationError(f"@function width must be a positive int, got {width!r}", str(loc))

    def decorate(target: Callable[..., Any]) -> HardwareFunction:
        if not callable(target) or not hasattr(target, "__code__"):
            raise ElaborationError(f"@function decorates a Python function, not {target!r}", str(loc))
        return HardwareFunction(target, width, loc)

    return decorate if fn is None else decorate(fn)


__all__ = ["BoundHardwareFunction", "FunctionTranslator", "HardwareFunction", "function"]
