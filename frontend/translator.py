"""The AST translator behind ``@always_comb`` / ``@always_ff`` and ``@function``.

Statements are translated one by one into the statement tree of
``frontend.statements``; expressions are evaluated node by node, so Python's
operators on signals build hardware expressions while Python values stay
Python values (generation-time constants). See ``frontend.procedural`` for
the supported constructs and docs/procedural.md for the design.

Python locals. In an ``always_comb`` block (and in hardware functions) a local
given a hardware value is storage: a ``logic`` with the local's name,
assigned with blocking assignments, read where the code reads it. In an
``always_ff`` block every signal read gives the value from before the clock
edge, and a blocking assignment would be a Verilator ``BLKSEQ`` style error,
so a local is a *value*: ``tmp = a + b`` at the top of the block is a named
wire ``tmp`` outside the block, and a local assigned in the branches of a
hardware ``if`` / ``match`` takes the value of the branch that ran (a mux)
after it. In both kinds of block, a local given different *Python* values in
the branches of a hardware ``if`` has no single value afterwards; reading it
is an error.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..dialect import srcloc
from ..dialect.errors import ElaborationError, LoomError
from ..dialect.srcloc import SourceLoc
from .expressions import _BINARY, ExpressionEvaluator, _as_load, _Unset
from .functions import mux
from .signals import Const, Expr, Named, Signal, attribute_hint, resize
from .statements import (
    AssignKind,
    Block,
    BlockKind,
    Body,
    CaseStmt,
    IfStmt,
    LocalVar,
    LogicDecl,
    ProceduralBlock,
    Statement,
    Target,
    check_condition,
    make_assign,
    parametric_slice_message,
    part_target,
    state_of,
)
from .typebase import DataType

if TYPE_CHECKING:
    from .generator import Generator


class LocalWire(Expr):
    """A local of an ``always_ff`` block: a named wire (``hw.wire sym @name``) holding its value."""

    __slots__ = ()

    def __init__(self, decl: LogicDecl, value: Signal, loc: SourceLoc):
        super().__init__("wire", (value,), value.width, signed=value.signed, attrs=(decl,), loc=loc)

    @property
    def decl(self) -> LogicDecl:
        """The local's storage, which names the wire (the op's one attribute)."""
        decl = self.attrs[0]
        assert isinstance(decl, LogicDecl), decl
        return decl

    def describe(self) -> str:
        return f"local '{self.decl.name}'"


_MISSING = object()
_MAX_ITERATIONS = 100_000
"""A generation-time ``while`` loop that runs longer is reported (it would never end)."""


# -- the translator ------------------------------------------------------------------

_UNSUPPORTED_STATEMENTS: dict[type, tuple[str, str]] = {
    ast.Return: ("'return' statement", "a block has no early exit; use if/else"),
    ast.Break: ("'break' statement", "unrolled loops cannot exit early; use a flag signal and if"),
    ast.Continue: ("'continue' statement", "unrolled loops cannot skip; use if"),
    ast.Try: ("'try' statement", "hardware has no exceptions"),
    ast.Raise: ("'raise' statement", "hardware has no exceptions; use assert_(cond, msg)"),
    ast.With: ("'with' statement", "move it out of the block"),
    ast.AsyncWith: ("'async with' statement", "move it out of the block"),
    ast.AsyncFor: ("'async for' loop", "use 'for i in range(n)'"),
    ast.FunctionDef: ("nested function definition", "define helpers outside the block"),
    ast.AsyncFunctionDef: ("nested function definition", "define helpers outside the block"),
    ast.ClassDef: ("class definition", "define classes outside the block"),
    ast.Delete: ("'del' statement", "hardware variables cannot be deleted"),
    ast.Import: ("'import' statement", "import at module level"),
    ast.ImportFrom: ("'import' statement", "import at module level"),
    ast.Global: ("'global' statement", "read module constants directly"),
    ast.Nonlocal: ("'nonlocal' statement", "blocks cannot rebind outer variables"),
    ast.Assert: ("Python 'assert' statement", "use assert_(cond, \"message\") for a hardware assertion"),
}
for _name, _what in (("TryStar", "'try' statement"), ("TypeAlias", "'type' statement")):
    if hasattr(ast, _name):
        _UNSUPPORTED_STATEMENTS[getattr(ast, _name)] = (_what, "move it out of the block")


class Translator(ExpressionEvaluator):
    """Translates the statements of one procedural method (or inlined hardware function) into a ``Body``."""

    def __init__(self, generator: Generator, block: Block, fn: Callable[..., Any], filename: str,
                 kind: AssignKind, what: str):
        self.generator = generator
        self.state = state_of(generator)
        self.block = block
        self.filename = filename
        self.kind = kind
        self.what = what
        self.env: dict[str, object] = {}
        self.globals: dict[str, object] = fn.__globals__
        self.closure: dict[str, object] = {}
        for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True):
            try:
                self.closure[name] = cell.cell_contents
            except ValueError:
                pass
        self.bodies: list[Body] = []
        self.hardware_depth = 0
        self.node_locs: list[SourceLoc] = []
        self.value_locals = kind is AssignKind.nonblocking
        """Locals are values (always_ff) rather than logic storage (always_comb, functions)."""
        self.assignable: dict[str, object] = {}
        """Names from outside the block (a local block function's enclosing scope, add_always's keyword
        arguments): ``x = e`` where such an ``x`` is a signal of this generator assigns that signal (kratos)."""

    # -- statements -----------------------------------------------------------------

    def translate(self, statements: list[ast.stmt], body: Body) -> Body:
        self.bodies.append(body)
        try:
            self.run_list(statements)
        finally:
            self.bodies.pop()
        return body

    def run_list(self, statements: list[ast.stmt]) -> None:
        """Translate a list of statements in order (hardware functions stop it after a return)."""
        for statement in statements:
            self.statement(statement)

    def emit(self, statement: Statement) -> None:
        self.bodies[-1].statements.append(statement)

    def statement(self, node: ast.stmt) -> None:
        srcloc.push_site(self.loc(node))
        try:
            handler = getattr(self, f"stmt_{type(node).__name__}", None)
            if handler is None:
                what, hint = _UNSUPPORTED_STATEMENTS.get(type(node), (type(node).__name__, "rewrite it"))
                raise self.error(node, f"{what} is not supported in {self.what}: {hint}")
            handler(node)
        except LoomError:
            raise
        except Exception as error:  # a bug in the user's helper code, reported at their line
            raise ElaborationError(f"{type(error).__name__}: {error}", str(self.node_locs[-1] if self.node_locs
                                                                           else self.loc(node))) from error
        finally:
            srcloc.pop_site()

    def stmt_Pass(self, node: ast.Pass) -> None:
        del node

    def stmt_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return  # a docstring or comment string
        self.eval(node.value)

    def stmt_Assign(self, node: ast.Assign) -> None:
        value = self.eval(node.value)
        for target in node.targets:
            self.assign(target, value, node)

    def stmt_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is None:
            raise self.error(node, "an annotation without a value declares nothing in a procedural block; assign a"
                                   " value")
        self.assign(node.target, self.eval(node.value), node)

    def stmt_AugAssign(self, node: ast.AugAssign) -> None:
        function = _BINARY.get(type(node.op))
        assert function is not None
        load = _as_load(node.target)
        current = self.eval(load)
        value = self.apply(node, function, current, self.eval(node.value), type(node.op))
        self.assign(node.target, value, node)

    def stmt_If(self, node: ast.If) -> None:
        cond = self.eval(node.test)
        if not isinstance(cond, Signal):
            branch = node.body if self.truth(node.test, cond) else node.orelse
            self.run_list(branch)
            return
        cond = check_condition(cond, self.loc(node.test), "'if'")
        statement = IfStmt(self.loc(node), cond)
        self.branches(node, [(node.body, statement.then_body), (node.orelse, statement.else_body)], [cond, None])
        self.emit(statement)

    def stmt_Match(self, node: ast.Match) -> None:
        subject = self.eval(node.subject)
        if not isinstance(subject, Signal):
            self.python_match(node, subject)
            return
        if not isinstance(subject.width, int) or subject.is_clock:
            raise self.error(node.subject, f"'match' needs a data signal of fixed width, got {subject.describe()}")
        statement = CaseStmt(self.loc(node), subject)
        seen: set[int] = set()
        arms: list[tuple[tuple[int, ...], ast.match_case]] = []
        default: ast.match_case | None = None
        for case in node.cases:
            if case.guard is not None:
                raise self.error(case.guard, "a case guard ('case x if ...') is not supported on a signal; use an"
                                             " if inside the case")
            values = self.pattern_values(case.pattern, statement)
            if values is None:
                default = case
                break
            fresh = tuple(v for v in values if v not in seen)
            seen.update(fresh)
            if fresh:
                arms.append((fresh, case))

        for values, _ in arms:
            statement.items.append((values, Body()))
        branch_list = [(case.body, body) for (_, case), (_, body) in zip(arms, statement.items, strict=True)]
        branch_list.append((default.body if default is not None else [], statement.default))
        selectors: list[Signal | None] = [self.selector(subject, values) for values, _ in arms]
        self.branches(node, branch_list, selectors + [None])
        self.emit(statement)

    @staticmethod
    def selector(subject: Signal, values: tuple[int, ...]) -> Signal:
        """The 1-bit condition under which a case with these labels is taken."""
        result: Signal | None = None
        for value in values:
            test = subject == Const(value, subject.width, subject.loc)
            result = test if result is None else result | test
        assert result is not None
        return result

    def pattern_values(self, pattern: ast.pattern, statement: CaseStmt) -> tuple[int, ...] | None:
        """The case labels of ``pattern``; None for the wildcard ``case _``."""
        if isinstance(pattern, ast.MatchAs) and pattern.pattern is None:
            if pattern.name is not None:
                raise self.error(pattern, f"capture pattern 'case {pattern.name}' is not supported on a signal; use"
                                          " 'case _' for the default")
            return None
        if isinstance(pattern, ast.MatchValue):
            return (statement.label(self.eval(pattern.value), self.loc(pattern)),)
        if isinstance(pattern, ast.MatchSingleton) and isinstance(pattern.value, bool):
            return (statement.label(int(pattern.value), self.loc(pattern)),)
        if isinstance(pattern, ast.MatchOr):
            values: list[int] = []
            for option in pattern.patterns:
                more = self.pattern_values(option, statement)
                if more is None:
                    return None
                values.extend(more)
            return tuple(values)
        kind = type(pattern).__name__.replace("Match", "").lower()
        raise self.error(pattern, f"{kind} pattern is not supported in a 'match' on a signal; use literal values,"
                                  " constants (Enum.NAME) or 'case _'")

    def python_match(self, node: ast.Match, subject: object) -> None:
        """``match`` on a Python value: choose the case while the generator runs."""
        for case in node.cases:
            if self.python_pattern_matches(case.pattern, subject) and (
                    case.guard is None or self.truth(case.guard, self.eval(case.guard))):
                self.run_list(case.body)
                return

    def python_pattern_matches(self, pattern: ast.pattern, subject: object) -> bool:
        if isinstance(pattern, ast.MatchAs) and pattern.pattern is None:
            if pattern.name is not None:
                self.env[pattern.name] = subject
            return True
        if isinstance(pattern, ast.MatchValue):
            return bool(self.eval(pattern.value) == subject)
        if isinstance(pattern, ast.MatchSingleton):
            return subject is pattern.value
        if isinstance(pattern, ast.MatchOr):
            return any(self.python_pattern_matches(p, subject) for p in pattern.patterns)
        raise self.error(pattern, f"{type(pattern).__name__.replace('Match', '').lower()} pattern is not supported"
                                  f" in {self.what}; use literal values or 'case _'")

    def stmt_For(self, node: ast.For) -> None:
        if node.orelse:
            raise self.error(node.orelse[0], f"'for ... else' is not supported in {self.what}")
        iterable = self.eval(node.iter)
        if isinstance(iterable, Signal):
            raise self.error(node.iter, "a 'for' loop over a signal is not supported: loops are unrolled while the"
                                        " generator runs; iterate over range(n)")
        try:
            items = list(iterable)
        except TypeError:
            raise self.error(node.iter, f"a 'for' loop needs a Python iterable such as range(n), got"
                                        f" {iterable!r}") from None
        for item in items:
            if self.stopped():
                break
            self.bind(node.target, item, node)
            self.run_list(node.body)

    def stmt_While(self, node: ast.While) -> None:
        """A ``while`` on a Python condition runs while the generator runs (unrolled); on a signal it is an error."""
        if node.orelse:
            raise self.error(node.orelse[0], f"'while ... else' is not supported in {self.what}")
        for _ in range(_MAX_ITERATIONS):
            cond = self.eval(node.test)
            if isinstance(cond, Signal):
                raise self.error(node, f"'while' loop is not supported in {self.what} when its condition is a"
                                       " signal: loops are unrolled while the generator runs; use"
                                       " 'for i in range(n)' and if")
            if not self.truth(node.test, cond) or self.stopped():
                return
            self.run_list(node.body)
        raise self.error(node, f"'while' loop ran {_MAX_ITERATIONS} times while generating; is its condition"
                               " ever false?")

    def stopped(self) -> bool:
        """Whether translation stopped at a generation-time ``return`` (hardware functions only)."""
        return False

    def branches(self, node: ast.AST, arms: list[tuple[list[ast.stmt], Body]],
                 selectors: list[Signal | None]) -> None:
        """Translate the arms of a hardware ``if`` / ``match``, each from the same Python scope, then merge
        the scopes: arm ``i`` runs when ``selectors[i]`` holds and no earlier one does (the last is the
        default)."""
        before = dict(self.env)
        scopes: list[dict[str, object]] = []
        self.hardware_depth += 1
        try:
            for statements, body in arms:
                self.env = dict(before)
                self.translate(statements, body)
                scopes.append(self.env)
        finally:
            self.hardware_depth -= 1
            self.env = before
        live = [i for i, (_, body) in enumerate(arms) if not self.always_returns(body)]
        if not live:
            return  # every arm returned (hardware functions): nothing after this runs
        self.env = self.merge(node, [scopes[i] for i in live], [selectors[i] for i in live])

    def always_returns(self, body: Body) -> bool:
        """Whether every path through ``body`` ends in a ``return`` (only hardware functions return)."""
        del body
        return False

    def merge(self, node: ast.AST, scopes: list[dict[str, object]],
              selectors: list[Signal | None]) -> dict[str, object]:
        merged: dict[str, object] = {}
        names: dict[str, None] = {}
        for scope in scopes:
            names.update(dict.fromkeys(scope))
        for name in names:
            values = [scope.get(name, _MISSING) for scope in scopes]
            first = values[0]
            if all(v is first for v in values):
                merged[name] = first
                continue
            if self.value_locals and self.muxable(values):
                merged[name] = self.local_value(name, self.mux_chain(values, selectors), node, merged=True)
                continue
            merged[name] = _Unset(name, self.loc(node), any(v is _MISSING for v in values))
        return merged

    @staticmethod
    def muxable(values: list[object]) -> bool:
        return any(isinstance(v, Signal) for v in values) and all(
            (isinstance(v, Signal) and not isinstance(v, LocalVar) and not v.is_clock)
            or (isinstance(v, int) and not isinstance(v, bool)) for v in values)

    @staticmethod
    def mux_chain(values: list[object], selectors: list[Signal | None]) -> Signal:
        """The values (``muxable``: signals and ints, at least one signal) chosen by their selectors, the last
        value when none holds."""
        result = values[-1]
        for value, selector in zip(reversed(values[:-1]), reversed(selectors[:-1]), strict=True):
            assert selector is not None and isinstance(value, (Signal, int)) and isinstance(result, (Signal, int))
            if value is result:
                continue
            result = mux(selector, value, result)
        assert isinstance(result, Signal), result  # a mux, or the one signal every value is
        return result

    def local_value(self, name: str, value: Signal, node: ast.AST, merged: bool = False) -> Signal:
        """An ``always_ff`` local's value, as a wire named like the local.

        Inside a hardware branch a plain alias (``step = self.d``) stays unnamed:
        the branches' values meet in a mux after the ``if``, and that mux
        takes the name (``merged``).
        """
        if isinstance(value, LocalWire) and value.decl.name == name:
            return value
        alias = isinstance(value, (Named, Const, LocalWire)) or (isinstance(value, Expr) and value.op == "cast")
        if self.hardware_depth and alias and not merged:
            return value
        decl = LogicDecl(name, value.width, value.signed, self.loc(node))
        decl.block = self.block
        decl.wire = True
        self.state.locals.append(decl)
        return LocalWire(decl, value, self.loc(node))

    # -- assignment ------------------------------------------------------------------

    def bind(self, target: ast.expr, value: object, node: ast.AST) -> None:
        """Bind a Python name (loop variables, unpacking of Python tuples)."""
        if isinstance(target, ast.Name):
            self.env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target, value, node, self.bind)
        else:
            raise self.error(target, f"a loop variable must be a name or a tuple of names, not"
                                     f" {ast.unparse(target)!r}")

    def unpack(self, target: ast.Tuple | ast.List, value: object, node: ast.AST,
               each: Callable[[ast.expr, object, ast.AST], None]) -> None:
        if isinstance(value, Signal):
            raise self.error(target, "cannot unpack a signal into several names; slice it instead")
        try:
            items = list(value)  # type: ignore[call-overload]
        except TypeError:
            raise self.error(target, f"cannot unpack {value!r}") from None
        if len(items) != len(target.elts) or any(isinstance(e, ast.Starred) for e in target.elts):
            raise self.error(target, f"cannot unpack {len(items)} values into {len(target.elts)} names")
        for element, item in zip(target.elts, items, strict=True):
            each(element, item, node)

    def assign(self, target: ast.expr, value: object, node: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            self.assign_name(target, value, node)
        elif isinstance(target, ast.Attribute):
            owner = self.eval(target.value)
            try:
                signal = getattr(owner, target.attr, None)
            except LoomError:
                signal = None
            if isinstance(signal, Named):
                self.hardware_assign(Target(signal), value, node)
                return
            part = part_target(signal)
            if part is None and isinstance(owner, Signal) and signal is None:
                raise self.error(target, f"cannot assign '{ast.unparse(target)}' in {self.what}: {owner.describe()}"
                                         f" has no attribute '{target.attr}'{attribute_hint(owner, target.attr)}")
            if part is None:
                shown = ast.unparse(target)
                raise self.error(target, f"cannot assign '{shown}' in {self.what}: it is not a signal (only vars,"
                                         " output ports, locals and their fields/elements can be assigned; Python"
                                         " attributes cannot be set inside a block)")
            self.hardware_assign(part, value, node)
        elif isinstance(target, ast.Subscript):
            self.hardware_assign(self.slice_target(target), value, node)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target, value, node, lambda t, v, n: self.assign(t, v, n))  # type: ignore[arg-type]
        else:
            raise self.error(target, f"cannot assign to '{ast.unparse(target)}' in {self.what}")

    def assign_name(self, target: ast.Name, value: object, node: ast.stmt) -> None:
        name = target.id
        current = self.env.get(name)
        outer = self.assignable.get(name)
        if (isinstance(outer, Named) and not isinstance(outer, LocalVar) and outer.owner is self.generator
                and (current is None or current is outer)):
            self.hardware_assign(Target(outer), value, node)
            return
        if self.value_locals:
            if isinstance(value, Signal):
                if value.is_clock:
                    raise self.error(node, f"a local variable cannot hold the clock {value.describe()}")
                value = self.local_value(name, value, target)
            self.env[name] = value
            return
        if isinstance(current, LocalVar):
            if isinstance(value, (Signal, int)):
                self.hardware_assign(Target(current), value, node)
                return
            raise self.error(node, f"local variable '{name}' holds hardware; it cannot be given the Python value"
                                   f" {value!r}")
        if isinstance(value, Signal):
            if value.is_clock:
                raise self.error(node, f"a local variable cannot hold the clock {value.describe()}")
            local = LocalVar(self.generator, name, value.width, self.loc(target), value.signed)
            self.state.locals.append(local.decl)
            if self.hardware_depth and isinstance(self.block, ProceduralBlock):
                # First set inside a branch: give it a value at the top of the block, so that no path leaves
                # it unassigned (a latch to lint tools). Reading it where it may be unset is an error anyway.
                self.block.local_defaults.append(local.decl)
            self.env[name] = local
            self.hardware_assign(Target(local), value, node)
            return
        self.env[name] = value

    def slice_target(self, target: ast.Subscript) -> Target:
        base = self.eval(target.value)

        if not isinstance(base, Signal):
            # A Python container of signals indexed by a Python value (``self.lanes[i] = e``), as in kratos.
            element = self.eval(target)
            found = Target(element) if isinstance(element, Named) else (
                part_target(element) if isinstance(element, Signal) else None)
            if found is None:
                raise self.error(target, f"cannot assign to '{ast.unparse(target)}': it is not a signal that can be"
                                         " assigned")
            return found

        if isinstance(base, Signal) and isinstance(base.width, DataType):
            element = part_target(self.expr_Subscript(target))  # an array element (or a struct field)
            if element is None:
                raise self.error(target, f"cannot assign '{ast.unparse(target)}': not a part of an assignable"
                                         " signal")
            return element
        whole = Target(base) if isinstance(base, Named) else part_target(base)
        if whole is None:
            raise self.error(target, f"cannot assign to a slice of '{ast.unparse(target.value)}': it is not a"
                                     " signal that can be assigned")
        width = whole.base_width
        if not isinstance(width, int):
            raise self.error(target, parametric_slice_message(base))
        index = target.slice
        if isinstance(index, ast.Slice):
            if index.step is not None or index.lower is None or index.upper is None:
                raise self.error(target, "a slice target is written x[high:low] with both bounds")
            high, low = self.eval(index.lower), self.eval(index.upper)
        elif isinstance(index, ast.Tuple) and len(index.elts) == 2:
            high, low = self.eval(index.elts[0]), self.eval(index.elts[1])
        else:
            bit = self.eval(index)
            if isinstance(bit, Signal):
                if not isinstance(bit.width, int):
                    raise self.error(index, "a bit index must have a fixed width")

                return Target(whole.signal, resize(bit, max(1, (width - 1).bit_length())), 1, whole.steps,
                              whole.part_width, whole.part)
            high = low = bit
        for bound in (high, low):
            if isinstance(bound, bool) or not isinstance(bound, int):
                raise self.error(target, f"slice bounds must be Python ints, got {bound!r}")
        if not 0 <= low <= high < width:
            raise self.error(target, f"bits [{high}:{low}] are out of range for {base.describe()} of width {width}"
                                     " (slices are [high:low], like Verilog)")
        return Target(whole.signal, low, high - low + 1, whole.steps, whole.part_width, whole.part)

    def hardware_assign(self, target: Target, value: object, node: ast.stmt) -> None:
        loc = self.loc(node)
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, (Signal, int)):
            raise self.error(node, f"cannot assign {value!r} to {target.describe()}: expected a signal or an int")
        if getattr(self.block, "kind", None) is BlockKind.final and not isinstance(target.signal, LocalVar):
            raise self.error(node, f"a final block cannot assign {target.signal.describe()}: it runs once when the"
                                   " simulation ends, so nothing would see the value; use display() or a local")
        statement = make_assign(target, value, self.kind, loc)
        self.state.decl_of(target, self.block, loc)
        self.emit(statement)


srcloc.add_boundary(Translator.statement)
