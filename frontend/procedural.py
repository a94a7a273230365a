"""``@always_comb`` / ``@always_ff``: Python methods translated into procedural blocks.

A decorated generator method is never run. Its source is parsed with ``ast``
(from the whole file, so every node keeps the user's real ``file:line:col``)
and its statements are *translated* one by one into the statement tree of
``frontend.statements``:

- ``self.x = e`` / ``self.x[3:0] = e`` / ``self.x[i] = e``: a blocking
  assignment in ``always_comb``, non-blocking in ``always_ff``;
- ``tmp = e`` with a hardware value: a local that keeps its name in the
  SystemVerilog (a ``logic`` in ``always_comb``, a wire in ``always_ff``, see
  ``frontend.translator``); ``n = 3``: an ordinary Python local, a constant;
- ``if`` / ``elif`` / ``else``: ``sv.if`` when the condition is a 1-bit signal,
  a generation-time choice when it is a Python value;
- ``match`` on a signal: ``sv.case`` with a default (``case _``), values from
  literals, dotted constants or enum members; on a Python value: a
  generation-time choice;
- ``for`` over a Python iterable (``range``): unrolled, the loop variable is a
  Python value;
- expressions: evaluated node by node with Python's operators on signals;
  ``and`` / ``or`` / ``not`` / ``x if c else y`` on signals become ``&`` /
  ``|`` / ``~`` / ``mux`` (Python semantics on Python values), calls run
  ordinary Python helpers, ``@function`` helpers are inlined as hardware
  functions, ``assert_`` / ``display`` become statements.

Anything else (``while``, ``return``, ``break``, ``try``, ``with``,
``lambda``, an undefined name, assigning an input, ...) raises
``ElaborationError`` naming the construct at the user's line.
"""

from __future__ import annotations

import ast
import functools
import linecache
import weakref
from collections.abc import Callable, Iterable
from types import CodeType
from typing import TYPE_CHECKING, Any

from ..dialect.errors import ElaborationError
from ..dialect.heap import hold_full_collections, release_full_collections
from ..dialect.srcloc import SourceLoc, user_frame_locals, user_location
from .clone_state import missing_base_init
from .expressions import ExpressionEvaluator, TranslatedCallee, assert_, display
from .signals import Const, Expr, PortKind, Signal, raise_located
from .statements import (
    AssertStmt,
    BlockKind,
    CaseStmt,
    DisplayStmt,
    Edge,
    FunctionStmt,
    IfStmt,
    ProceduralBlock,
    ReturnStmt,
    Statement,
    state_of,
)
from .translator import Translator

if TYPE_CHECKING:
    from .generator import Generator

EdgeSpec = tuple[Edge, "str | Signal"]

# -- decorators --------------------------------------------------------------------------


class ProceduralMethod:
    """A generator method marked ``@always_comb`` / ``@always_ff(...)``; translated, never called."""

    def __init__(self, fn: Callable[..., Any], kind: BlockKind, edges: tuple[EdgeSpec, ...], loc: SourceLoc):
        self.fn = fn
        self.kind = kind
        self.edges = edges
        self.loc = loc
        self.name = fn.__name__
        functools.update_wrapper(self, fn)  # type: ignore[arg-type]

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return BoundProcedural(self, instance)  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"<{self.kind.value} method {self.name}>"


class BoundProcedural(TranslatedCallee):
    """``gen.method`` for a procedural method: something to pass to ``gen.add_always``."""

    def __init__(self, method: ProceduralMethod, generator: Generator):
        self.method = method
        self.generator = generator

    def __call__(self, *args: object, **kwargs: object) -> None:
        raise ElaborationError(f"'{self.method.name}' is an {self.method.kind.value} block: loom translates it into"
                               " hardware (automatically at the end of __init__, or with self.add_always(...));"
                               " it cannot be called", str(user_location()))

    def translate_call(self, caller: ExpressionEvaluator, node: ast.Call, args: list[Any],
                       kwargs: dict[str, Any]) -> Any:
        """A call from a translated body: an error there too."""
        raise caller.error(node, f"'{self.method.name}' is a procedural block and cannot be called from"
                                 f" {caller.what}; make it a @function")


def _check_function(fn: object, what: str) -> Callable[..., Any]:
    if not callable(fn) or not hasattr(fn, "__code__"):
        raise ElaborationError(f"@{what} decorates a generator method, not {fn!r}", str(user_location(2)))
    return fn


def always_comb(fn: Callable[..., Any] | None = None) -> Any:
    """Mark a generator method as an ``always_comb`` block (blocking assignments).

    Use ``@always_comb`` (or ``@always_comb()``). The method takes only ``self``.
    """
    if fn is None:
        return always_comb
    return ProceduralMethod(_check_function(fn, "always_comb"), BlockKind.comb, (), user_location())


def always_latch(fn: Callable[..., Any] | None = None) -> Any:
    """Mark a generator method as an ``always_latch`` block (blocking assignments; latches intended).

    Written like ``@always_comb``; a variable assigned on some paths only keeps
    its value on the others (a transparent latch), and ``check-inferred-latch``
    does not report it. See ``dialect/marked_blocks.py`` for how it is printed.
    """
    if fn is None:
        return always_latch
    return ProceduralMethod(_check_function(fn, "always_latch"), BlockKind.latch, (), user_location())


def final(fn: Callable[..., Any] | None = None) -> Any:
    """Mark a generator method as a ``final`` block: run once when the simulation ends (kratos ``final``).

    For ``display`` / ``assert_`` of the design's state at the end; it may assign
    its own locals but no var or port (nothing runs after it to see them).
    """
    if fn is None:
        return final
    return ProceduralMethod(_check_function(fn, "final"), BlockKind.final, (), user_location())


def always_ff(*edges: EdgeSpec) -> Callable[[Callable[..., Any]], ProceduralMethod]:
    """Mark a generator method as an ``always_ff`` block on the given edges (non-blocking assignments).

    ``@always_ff((posedge, "clk"))`` is clocked by the generator's ``clk``;
    ``@always_ff((posedge, "clk"), (negedge, "rst_n"))`` adds an asynchronous
    reset: the body must then be ``if ~self.rst_n: <reset> else: <logic>``
    (``if self.rst:`` for a posedge reset). Signals are named by attribute or
    port name (strings), or given as signal objects.
    """
    loc = user_location()
    if len(edges) == 1 and callable(edges[0]) and not isinstance(edges[0], tuple):
        raise ElaborationError("@always_ff needs its sensitivity list: @always_ff((posedge, 'clk'))", str(loc))
    if not edges:
        raise ElaborationError("@always_ff needs at least one edge: @always_ff((posedge, 'clk'))", str(loc))
    if len(edges) > 2:
        raise ElaborationError("@always_ff takes a clock edge and at most one asynchronous reset edge, got"
                               f" {len(edges)} edges", str(loc))
    for edge in edges:
        if not (isinstance(edge, tuple) and len(edge) == 2 and isinstance(edge[0], Edge)
                and isinstance(edge[1], (str, Signal))):
            raise ElaborationError(f"@always_ff edge {edge!r} must be (posedge, 'signal') or (negedge, 'signal')",
                                   str(loc))

    def decorate(fn: Callable[..., Any]) -> ProceduralMethod:
        return ProceduralMethod(_check_function(fn, "always_ff"), BlockKind.ff, tuple(edges), loc)

    return decorate


# -- the source of a method ----------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _parse_file(filename: str, text: str) -> ast.Module:
    return ast.parse(text, filename)


# By id(code); the entry keeps the code object alive, so the id is not reused while cached. A generator
# class instantiated thousands of times translates the same methods again (its Python values differ), but
# finds their source once.
_FUNCTION_NODES: dict[int, tuple[CodeType, ast.FunctionDef, str]] = {}


def function_ast(fn: Callable[..., Any], loc: SourceLoc) -> tuple[ast.FunctionDef, str]:
    """The ``def`` node of ``fn``, parsed from its whole file so line and column numbers are the real ones."""
    code = fn.__code__
    cached = _FUNCTION_NODES.get(id(code))
    if cached is not None:
        return cached[1], cached[2]
    node, filename = _find_function(fn, loc)
    _FUNCTION_NODES[id(code)] = (code, node, filename)
    return node, filename


def _find_function(fn: Callable[..., Any], loc: SourceLoc) -> tuple[ast.FunctionDef, str]:
    code = fn.__code__
    filename = code.co_filename
    lines = linecache.getlines(filename, fn.__globals__)
    if not lines:
        raise ElaborationError(f"cannot read the source of '{fn.__qualname__}' ({filename}); procedural methods"
                               " must be defined in a Python file", str(loc))
    try:
        tree = _parse_file(filename, "".join(lines))
    except SyntaxError as error:
        raise ElaborationError(f"cannot parse {filename}: {error}", str(loc)) from None
    first = code.co_firstlineno
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == fn.__name__:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            if start == first or node.lineno == first:
                if isinstance(node, ast.AsyncFunctionDef):
                    raise ElaborationError("an async function cannot be a procedural block", str(loc))
                return node, filename
    raise ElaborationError(f"cannot find the source of '{fn.__qualname__}' in {filename} (was the file changed?)",
                           str(loc))


# -- turning methods into blocks ---------------------------------------------------------


def _resolve_edge_signal(generator: Generator, spec: str | Signal, loc: SourceLoc) -> Signal:
    if isinstance(spec, Signal):
        return spec
    value = getattr(generator, spec, None)
    if isinstance(value, Signal):
        return value
    ports = {p.name: p for p in generator.port_list}
    if spec in ports:
        return ports[spec]
    raise ElaborationError(f"always_ff edge signal '{spec}' is neither an attribute nor a port of"
                           f" '{generator.name}'", str(loc))


def resolve_edges(generator: Generator, edges: Iterable[EdgeSpec], loc: SourceLoc) -> tuple[tuple[Edge, Signal], ...]:
    resolved = []
    for edge, spec in edges:
        signal = _resolve_edge_signal(generator, spec, loc)
        if signal.owner is not generator:
            raise ElaborationError(f"always_ff edge {signal.describe()} does not belong to '{generator.name}'",
                                   str(loc))
        if not signal.is_clock and not (isinstance(signal.width, int) and signal.width == 1):
            raise ElaborationError(f"always_ff edge {signal.describe()} must be a clock or a 1-bit signal", str(loc))
        resolved.append((edge, signal))
    if len(resolved) == 2 and resolved[1][1].is_clock:
        raise ElaborationError("the second always_ff edge is the asynchronous reset and cannot be a clock", str(loc))
    return tuple(resolved)


def _bindings(fn: Callable[..., Any], node: ast.FunctionDef, name: str, arguments: dict[str, object],
              takes_self: bool, loc: SourceLoc, automatic: bool) -> dict[str, object]:
    """The generation-time values of a block's parameters: ``add_always(self.set_bit, idx=3)`` binds ``idx``.

    The first parameter of a method is ``self``; every other parameter needs
    a keyword argument or a default (kratos's ``add_code(fn, **kwargs)``).
    """
    spec = node.args
    if spec.vararg or spec.kwarg or spec.posonlyargs:
        raise ElaborationError(f"procedural block '{name}' cannot take *args, **kwargs or positional-only"
                               " parameters; give each parameter a name", str(loc))
    params = [a.arg for a in spec.args] + [a.arg for a in spec.kwonlyargs]
    if takes_self:
        params = params[1:]
    # Lengths differ on purpose: only the last parameters have defaults, so pair from the end.
    defaults = dict(zip(reversed([a.arg for a in spec.args]), reversed(fn.__defaults__ or ()), strict=False))
    defaults.update(fn.__kwdefaults__ or {})
    unknown = sorted(set(arguments) - set(params))
    if unknown:
        raise ElaborationError(f"add_always(): block '{name}' has no parameter '{unknown[0]}' (parameters:"
                               f" {', '.join(params) or 'none'})", str(loc))
    missing = [p for p in params if p not in arguments and p not in defaults]
    if missing and automatic:
        raise ElaborationError(f"procedural method '{name}' has a parameter '{missing[0]}': add it with"
                               f" self.add_always(self.{name}, {missing[0]}=...) (arguments are Python values)",
                               str(loc))
    if missing:
        raise ElaborationError(f"add_always(): block '{name}' needs a value for its parameter '{missing[0]}'"
                               f" (add_always(..., {missing[0]}=...); the values are Python values, fixed while"
                               " the generator runs)", str(loc))
    return {p: arguments[p] if p in arguments else defaults[p] for p in params}


def _block_key(name: str, bindings: dict[str, object]) -> str:
    """What makes two additions of one block the same block (added twice is an error)."""
    return name if not bindings else f"{name}({', '.join(f'{k}={v!r}' for k, v in bindings.items())})"


def translate_method(generator: Generator, method: ProceduralMethod, arguments: dict[str, object] | None = None,
                     outer: dict[str, object] | None = None, bound: bool = True,
                     call_loc: SourceLoc | None = None) -> ProceduralBlock:
    """Translate one decorated method (``bound``) or local block function into a block of ``generator``.

    ``arguments`` are add_always's keyword arguments; ``outer`` is the scope a
    local function reads (the locals of the frame that called add_always):
    a name there that holds a signal is that signal, also on the left of ``=``.
    """
    state = state_of(generator)
    fn = method.fn
    node, filename = function_ast(fn, method.loc)
    def_loc = SourceLoc(filename, node.lineno, node.col_offset + 1)
    takes_self = bound or bool(node.args.args) and node.args.args[0].arg not in (arguments or {})
    bindings = _bindings(fn, node, method.name, arguments or {}, takes_self, call_loc or def_loc, call_loc is None)
    key = _block_key(method.name, bindings)
    if key in state.translated:
        raise ElaborationError(f"'{key}' is already added to '{generator.name}'", str(call_loc or user_location()))
    edges = resolve_edges(generator, method.edges, method.loc)
    block = ProceduralBlock(generator, method.kind, edges, def_loc, method.name)
    what = f"an {method.kind.value} block"
    translator = Translator(generator, block, fn, filename, block.default_kind, what)
    if outer is not None:
        translator.closure = {**outer, **translator.closure}
        translator.assignable.update(outer)
    if takes_self:
        translator.env[node.args.args[0].arg] = generator
    translator.env.update(bindings)
    translator.assignable.update(bindings)
    state.translated.add(key)
    translator.translate(node.body, block.body)
    if len(edges) == 2:
        _split_async_reset(block, node)
    state.blocks.append(block)
    return block


def _split_async_reset(block: ProceduralBlock, node: ast.FunctionDef) -> None:
    """``if rst: A else: B`` in an always_ff with a reset edge: A is the reset region, B the clocked logic."""
    edge, reset = block.edges[1]
    statements = block.body.statements
    first = statements[0] if statements else None
    loc = str(block.loc)
    expected = f"if self.{getattr(reset, 'name', 'rst')}:" if edge is Edge.posedge else \
        f"if ~self.{getattr(reset, 'name', 'rst_n')}:"
    if len(statements) != 1 or not isinstance(first, IfStmt) or not _tests_reset(first.cond, reset, edge):
        hint = ""
        if getattr(reset, "kind", None) == PortKind.RESET and not getattr(reset, "asynchronous", True):
            hint = (f"; besides, '{getattr(reset, 'name', '')}' is declared a synchronous reset: loom's reset() is"
                    " synchronous unless asked (kratos's is asynchronous by default), declare it with"
                    " reset(asynchronous=True) (kratos: is_async=True) or take it out of the sensitivity list")
        raise ElaborationError(f"an always_ff block with the asynchronous reset edge ({edge.value},"
                               f" {reset.describe()}) must be one '{expected} ... else: ...' statement (the"
                               f" asynchronous reset template){hint}", loc)
    block.reset_body = first.then_body
    block.body = first.else_body
    del node


def _tests_reset(cond: Signal, reset: Signal, edge: Edge) -> bool:
    if edge is Edge.posedge:
        return cond is reset
    if not isinstance(cond, Expr) or len(cond.operands) != 2 or cond.operands[0] is not reset:
        return False
    other = cond.operands[1]
    if not isinstance(other, Const):
        return False
    if cond.op == "xor":
        return other.value in (1, -1)
    return cond.op == "icmp" and cond.attrs[0] == "eq" and other.value == 0


def add_always(generator: Generator, block: object, arguments: dict[str, object]) -> ProceduralBlock:
    """``gen.add_always(block, **arguments)`` (kratos ``add_always`` / ``add_code``): translate a block now.

    ``block`` is a decorated method (``self.update``), a decorated local
    function defined in ``__init__`` (it reads that function's variables), or
    a bare function (an ``always_comb`` block, as in kratos). Once a generator
    adds a block this way, only the blocks it adds become hardware: decorated
    methods it never adds are alternatives it did not choose (kratos's rule).
    Without any ``add_always`` call, every decorated method is translated when
    ``__init__`` returns (loom's shorthand).
    """
    loc = user_location()
    state = state_of(generator)
    state.adds_blocks = True
    if isinstance(block, BoundProcedural):
        if block.generator is not generator:
            raise ElaborationError(f"add_always(): '{block.method.name}' is bound to another generator", str(loc))
        return translate_method(generator, block.method, arguments, call_loc=loc)
    if isinstance(block, ProceduralMethod):
        return translate_method(generator, block, arguments, user_frame_locals(), bound=False, call_loc=loc)
    if callable(block) and hasattr(block, "__code__"):
        bare = ProceduralMethod(block, BlockKind.comb, (), loc)
        return translate_method(generator, bare, arguments, user_frame_locals(), bound=False, call_loc=loc)
    raise ElaborationError(f"add_always() takes a block function (decorated with @always_comb, @always_ff,"
                           f" @always_latch or @final), got"
                           f" a {type(block).__name__}", str(loc))


_PROCEDURAL_NAMES: weakref.WeakKeyDictionary[type, list[str]] = weakref.WeakKeyDictionary()
"""Per generator class, its procedural methods (a class made for a clone's replay goes with it)."""

_WRAPPED_INITS: weakref.WeakSet[Callable[..., None]] = weakref.WeakSet()
"""The ``__init__`` wrappers ``wrap_init`` made (a subclass without an ``__init__`` of its own inherits one)."""


def _procedural_names(cls: type) -> list[str]:
    """The procedural methods of a class (base classes first, in definition order), cached per class."""
    cached = _PROCEDURAL_NAMES.get(cls)
    if cached is not None:
        return cached
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, ProceduralMethod) and name not in names:
                names.append(name)
    names = [n for n in names if isinstance(getattr(cls, n, None), ProceduralMethod)]
    _PROCEDURAL_NAMES[cls] = names
    return names


def translate_pending(generator: Generator) -> None:
    """Translate the decorated methods not yet added with ``add_always`` (at the end of ``__init__``)."""
    names = _procedural_names(type(generator))
    if not names:
        return
    state = state_of(generator)
    if state.adds_blocks:
        return  # the generator chose its blocks with add_always (kratos's rule)
    for name in names:
        if name not in state.translated:
            translate_method(generator, getattr(type(generator), name))


def unwrapped_init(cls: type) -> Callable[..., None]:
    """The function ``cls.__init__`` runs inside the wrapper ``wrap_init`` put around it (itself when it has none).

    A clone's replay (``frontend/clones.py``) calls it directly: for a clone, the wrapper has nothing to do but
    locate a misspelt attribute (``signals.raise_located``), which the replay does itself, and passing the call on with
    ``*args, **kwargs`` costs more than the rest of the wrapper."""
    init: Callable[..., None] = cls.__init__  # type: ignore[misc]  # read from the class: the function itself
    return getattr(init, "__wrapped__", init) if init in _WRAPPED_INITS else init


def wrap_init(cls: type) -> None:
    """Make ``cls.__init__`` translate the procedural methods once the outermost ``__init__`` returns.

    While the outermost generator's ``__init__`` runs (the whole design is built inside it), no full garbage
    collection starts: the signals, instances and child generators it makes are the design, not garbage,
    and each full collection visits all of them again (200,000 instances: 1.6 million objects, a quarter of
    the build's time). Young collections still run, so short-lived cyclic garbage goes as before;
    ``dialect/heap.py`` says more.
    """
    init = cls.__dict__.get("__init__")
    if init is None or init in _WRAPPED_INITS:
        return

    @functools.wraps(init)
    def __init__(self: Generator, *args: Any, **kwargs: Any) -> None:
        state = self.__dict__
        if "_clone_state" in state:  # a clone's replay builds no hardware, and its blocks are its definition's
            depth, held = -1, None
        else:
            depth = state.get("_loom_init_depth", 0)
            state["_loom_init_depth"] = depth + 1
            held = hold_full_collections()  # only the outermost generator's call holds them (see above)
        try:
            init(self, *args, **kwargs)
        except AttributeError as error:
            raise_located(error)  # a misspelt signal attribute set by the user's code
        finally:
            if depth >= 0:
                state["_loom_init_depth"] = depth
                release_full_collections(held)
        if depth == 0:
            if "name" not in state:
                raise missing_base_init(type(self))
            translate_pending(self)

    _WRAPPED_INITS.add(__init__)
    setattr(cls, "__init__", __init__)  # noqa: B010 -- rewriting a class's method: mypy rejects the assignment


# -- the statement builder on generators -------------------------------------------------


def combinational(generator: Generator) -> ProceduralBlock:
    """A new, empty ``always_comb`` block for builder statements (kratos ``combinational()``)."""
    block = ProceduralBlock(generator, BlockKind.comb, (), user_location(2))
    state_of(generator).blocks.append(block)
    return block


def sequential(generator: Generator, edges: tuple[EdgeSpec, ...]) -> ProceduralBlock:
    """A new, empty ``always_ff`` block for builder statements (kratos ``sequential()``); one clock edge only."""
    loc = user_location(2)
    if len(edges) != 1:
        raise ElaborationError("sequential() takes exactly one clock edge; write an asynchronous reset with"
                               " @always_ff", str(loc))
    block = ProceduralBlock(generator, BlockKind.ff, resolve_edges(generator, edges, loc), loc)
    state_of(generator).blocks.append(block)
    return block


def add_stmt(generator: Generator, statements: tuple[Statement, ...]) -> None:
    """Place builder statements at module level: they become continuous assignments."""
    loc = user_location(2)
    for statement in statements:
        if not isinstance(statement, Statement) or isinstance(statement, (IfStmt, CaseStmt)):
            raise ElaborationError(f"only assignments can be placed at module level, got {statement!r}; put"
                                   " If/Switch in a block from combinational() or sequential()", str(loc))
        if isinstance(statement, (AssertStmt, DisplayStmt, FunctionStmt, ReturnStmt)):
            raise ElaborationError(f"{type(statement).__name__} must be placed in a block", str(loc))
    state_of(generator).top.body.add(*statements)


__all__ = ["BoundProcedural", "ProceduralMethod", "add_always", "always_comb", "always_ff", "always_latch", "assert_",
           "display", "final"]
