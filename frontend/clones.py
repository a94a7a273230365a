"""Generator clones with copy-on-write: ``create``, ``clone``, ``initialize_clone``, ``def_instance``.

kratos semantics (docs/clones.md), made fast and safe:

``Gen.create(**kwargs)``
    The first call for a (class, arguments) key builds the *definition* with
    ``Gen(**kwargs)`` and returns it. Later calls return *clones*: objects of
    ``Gen`` whose ``__init__`` runs again with ``is_clone=True`` (so every
    clone has its own Python attributes, initialised by the user's code, and
    side effects of ``__init__`` happen once per call, exactly as without
    sharing), while the hardware is not built again: each building call
    (``input``, ``var``, ``add_child``, ...) made on the clone returns what
    the same call returned while the definition was built (*replay*), and
    assignments to the definition's signals are skipped. An ``__init__`` that
    does not make the same calls again (it depends on something besides its
    arguments, e.g. a global counter) cannot be shared: ``create`` says so.

    An uninitialised clone holds no design of its own: reading ``ports``,
    ``vars``, ``children`` ... shows the definition's, through read-only
    views, so an edit (any building method, which must write the design)
    raises an error that says to call ``initialize_clone()``. The
    SystemVerilog has one module for the definition and all its
    uninitialised clones.

``clone.initialize_clone()``
    The copy in copy-on-write: a private deep copy of the definition's design
    state (whatever ``Generator.__init__`` declares, so ports, vars,
    registers, children, and anything added later, are copied alike). Child
    generators are shared, not copied. The clone's Python attributes that
    referred to the definition's signals are redirected to the copies. After
    it, the clone is an ordinary generator; if it is edited, the
    SystemVerilog gets a new module for it (uniquified name), the others keep
    the shared one.

``Gen.clone(**kwargs)``
    The cheap variant: a plain ``Generator`` (not ``Gen``) that shows the
    definition's IO and parameters, copies the definition's port, parameter
    and scalar attributes, runs no user code, and can be neither initialised
    nor edited.

Why replay rather than kratos's deferred statements: kratos records a
clone's statements and replays them in ``initialize_clone``, which builds
the clone's ports and vars for real on every ``create`` and loses edits made
between. Replaying the definition's *results* costs a dictionary update and
one function call per building call, so a clone costs what running the
user's Python costs, without building hardware.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from .clone_state import (
    _OWN_KEYS,
    LAZY_DESIGN_KEYS,
    READ_ONLY_METHODS,
    REPLAYING_OWNERS,
    CloneError,
    _fail,
    check_editable,
    definition_of,
    design_keys,
    initialize_clone,
    public_methods,
    shared_attribute,
)
from .params import Param
from .signals import Port, raise_located

if TYPE_CHECKING:
    from .generator import Generator

__all__ = ["CloneError", "CloneSupport", "begin_init", "check_editable", "definition_of", "replaying"]

# -- per-definition bookkeeping -------------------------------------------------------
# The records below are plain classes with slots, not dataclasses: nothing compares or prints them, and a
# dataclass costs 0.3-0.5 ms of every `import loom` (docs/architecture.md, "Start-up").


class Definition:
    """A shared definition: the generator built first for a key, and what its ``__init__`` called.

    ``log``: (method, name argument, result) of every outermost building call on the definition, in order.
    ``lazy_keys``: the ``LAZY_DESIGN_KEYS`` the definition has, shown to a clone while its ``__init__`` runs.
    ``replay_class``: ``cls`` with every building method replaced by a replayer; a clone has it only during
    ``__init__``. ``init``: the user's ``__init__`` of ``cls``, without loom's wrapper (``unwrapped_init``).
    """

    __slots__ = ("cls", "generator", "init", "kwargs", "lazy_keys", "log", "replay_class", "shallow_attrs")

    def __init__(self, cls: type[Generator], kwargs: dict[str, Any], generator: Generator):
        self.cls = cls
        self.kwargs = kwargs
        self.generator = generator
        self.log: list[tuple[str, object, Any]] = []
        self.lazy_keys: tuple[str, ...] = ()
        self.replay_class: type[Generator] | None = None
        from .procedural import unwrapped_init  # not at the top: procedural.py imports (through statements.py) this

        self.init: Callable[..., None] = unwrapped_init(cls)
        self.shallow_attrs: dict[str, Any] | None = None

    def call_text(self, api: str = "create") -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        return f"{self.cls.__name__}.{api}({args})"


class CloneState:
    """Stored on a clone as ``_clone_state`` while it shares its definition.

    ``position``: the next entry of the definition's log its replay expects. ``counts``: while its ``__init__``
    runs, how often each helper object's call was replayed in it so far (``replayed_clone``; made on first use,
    most replays have no helper objects)."""

    __slots__ = ("counts", "entry", "position", "shallow")

    def __init__(self, entry: Definition, shallow: bool):
        self.entry = entry
        self.shallow = shallow
        self.position = 0
        self.counts: dict[object, int] | None = None

    @property
    def definition(self) -> Generator:
        return self.entry.generator

    @property
    def cls(self) -> type:
        return self.entry.cls

    def call_text(self) -> str:
        return self.entry.call_text("clone" if self.shallow else "create")


_REGISTRY: dict[tuple[Any, ...], Definition] = {}

_BY_CALL: dict[tuple[Any, ...], Definition] = {}
"""The definitions of ``create`` calls whose arguments are all ints and strings, keyed by the call as written
(class, then the keyword arguments in their order): a hit skips working out defaults and the tagged key.
Only exact ``int``/``str`` values are keyed here, since ``1``, ``True`` and ``1.0`` are equal keys to a
dict but must not share a definition (``_tag``)."""


def clear_cache() -> None:
    """Forget every shared definition (later ``create`` calls build new ones)."""
    _REGISTRY.clear()
    _BY_CALL.clear()


def replaying(owner: Generator | None) -> bool:
    """Whether ``owner`` is a definition whose clone is being built: its signals must not be edited now.

    Signal-level edits (``Named.assign``) ask this; building methods on the
    clone never reach the definition at all.
    """
    return owner is not None and id(owner) in REPLAYING_OWNERS


def replayed_clone(owner: Generator | None, key: object = None) -> tuple[Generator, int] | None:
    """The clone of ``owner`` whose ``__init__`` is running, if any, and how often ``key`` was asked in it before.

    A helper object of the definition (a memory) that makes a building call on its owner's behalf
    (``memory.read(sync=True)`` declares a register) makes it on this clone during a replay, so that the
    replay meets the call the definition's log recorded; the count says which of its earlier calls it is.
    """
    replays = REPLAYING_OWNERS.get(id(owner)) if owner is not None else None
    if not replays:
        return None
    clone = replays[-1]
    state: CloneState = clone.__dict__["_clone_state"]
    counts = state.counts
    if counts is None:
        counts = state.counts = {}
    count = counts.get(key, 0)
    counts[key] = count + 1
    return clone, count


# -- arguments and keys ------------------------------------------------------------------


class _ClassInfo:
    __slots__ = ("accepts_is_clone", "defaults", "params", "var_keyword")

    def __init__(self, params: tuple[str, ...], defaults: dict[str, Any], var_keyword: bool,
                 accepts_is_clone: bool):
        self.params = params
        self.defaults = defaults
        self.var_keyword = var_keyword
        self.accepts_is_clone = accepts_is_clone


_CLASS_INFO: dict[type, _ClassInfo] = {}


def _class_info(cls: type[Generator]) -> _ClassInfo:
    info = _CLASS_INFO.get(cls)
    if info is None:
        signature = inspect.signature(cls.__init__)
        params: list[str] = []
        defaults: dict[str, Any] = {}
        var_keyword = False
        for index, param in enumerate(signature.parameters.values()):
            if index == 0 or param.kind is param.VAR_POSITIONAL:
                continue
            if param.kind is param.VAR_KEYWORD:
                var_keyword = True
                continue
            params.append(param.name)
            if param.default is not param.empty and param.name != "is_clone":
                defaults[param.name] = param.default
        accepts = "is_clone" in params or var_keyword
        info = _CLASS_INFO[cls] = _ClassInfo(tuple(params), defaults, var_keyword, accepts)
    return info


def _tag(value: Any) -> Any:
    """A key for one argument value: equal keys only for values of the same type that are equal.

    ``1``, ``True`` and ``1.0`` are equal in Python, but a generator may well
    build different hardware from them (``f"mod_{x}"``), so the type is part
    of the key; floats compare by their exact bits (``0.0`` vs ``-0.0``).
    """
    kind = type(value)
    if kind is int or kind is str or kind is bool or value is None:
        return value if kind is int or kind is str else (kind, value)
    if kind is float:
        return (float, value.hex() if not math.isnan(value) else "nan")
    if kind is tuple:
        return (tuple, tuple(_tag(v) for v in value))
    if kind is frozenset:
        return (frozenset, frozenset(_tag(v) for v in value))
    return (kind, value)


def _argument_values(cls: type[Generator], info: _ClassInfo, args: tuple[Any, ...], kwargs: dict[str, Any],
                     api: str) -> dict[str, Any]:
    if args:
        names = [p for p in info.params if p != "is_clone"]
        described = ", ".join(f"{value!r} (would be '{names[i]}')" if i < len(names) else repr(value)
                              for i, value in enumerate(args))
        raise _fail(f"{cls.__name__}.{api}() takes named arguments only, got positional {described}; write"
                    f" {cls.__name__}.{api}({', '.join(f'{n}=...' for n in names[:len(args)]) or '...'})")
    if "is_clone" in kwargs:
        raise _fail(f"{cls.__name__}.{api}() sets is_clone itself; do not pass it")
    if not info.var_keyword:
        unknown = [k for k in kwargs if k not in info.params]
        if unknown:
            raise _fail(f"{cls.__name__}.__init__ has no argument '{unknown[0]}' (arguments:"
                        f" {', '.join(p for p in info.params if p != 'is_clone') or 'none'})")
    if not info.defaults:
        return dict(kwargs)
    values = dict(info.defaults)
    values.update(kwargs)
    return values


def _key(cls: type[Generator], values: dict[str, Any]) -> tuple[Any, ...]:
    return (cls, *[(name, _tag(values[name])) for name in sorted(values)])


def _lookup(cls: type[Generator], values: dict[str, Any], api: str) -> tuple[tuple[Any, ...], Definition | None]:
    """The key for these arguments and its definition, if any; an unhashable argument is named."""
    key = _key(cls, values)
    try:
        return key, _REGISTRY.get(key)
    except TypeError as error:
        failure = error
    for name in sorted(values):
        try:
            hash(_tag(values[name]))
        except TypeError:
            value = values[name]
            raise _fail(f"argument '{name}' of {cls.__name__}.{api}() is not hashable"
                        f" ({type(value).__name__} {value!r}); pass a hashable value (a tuple instead of a"
                        " list, a frozenset instead of a set) or give its class a __hash__") from None
    raise failure


def _name_argument(args: tuple[Any, ...], kwargs: dict[str, Any]) -> object:
    if args and isinstance(args[0], str):
        return args[0]
    name = kwargs.get("name")
    return name if isinstance(name, str) else None


# -- building the definition (recording) ---------------------------------------------


def _build_definition(cls: type[Generator], kwargs: dict[str, Any], values: dict[str, Any]) -> Definition:
    """Run ``cls(**kwargs)`` while recording the outermost building calls made on it."""
    gen = cls.__new__(cls)
    entry = Definition(cls, values, gen)
    depth = [0]
    building = [method for method in public_methods() if method not in READ_ONLY_METHODS]
    recorders = {method: _recorder(gen, method, entry.log, depth) for method in building}
    gen.__dict__.update(recorders)
    try:
        cls.__init__(gen, **kwargs)
    finally:
        for method in recorders:
            if gen.__dict__.get(method) is recorders[method]:
                del gen.__dict__[method]
    if "is_clone" not in gen.__dict__:
        raise _fail(f"{cls.__name__}.__init__ never called Generator.__init__ (super().__init__(...))")
    namespace: dict[str, Any] = {method: _replayer(entry, method) for method in building}
    namespace.update(__module__=cls.__module__, __qualname__=cls.__qualname__, __doc__=cls.__doc__,
                     _clone_base=cls)
    entry.replay_class = type(cls.__name__, (cls,), namespace)
    entry.lazy_keys = tuple(key for key in sorted(LAZY_DESIGN_KEYS) if key in gen.__dict__)
    return entry


def _recorder(gen: Generator, method: str, log: list[tuple[str, object, Any]],
              depth: list[int]) -> Callable[..., Any]:
    real = getattr(type(gen), method)

    def record(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return real(gen, *args, **kwargs)
        depth[0] += 1
        try:
            result = real(gen, *args, **kwargs)
        finally:
            depth[0] -= 1
        log.append((method, _name_argument(args, kwargs), result))
        return result

    return record


def _replayer(entry: Definition, method: str) -> Callable[..., Any]:
    """A method of the replay class: hand back what the same call returned on the definition."""
    log = entry.log

    def replay(self: Generator, *args: Any, **kwargs: Any) -> Any:
        state: CloneState = self._clone_state  # not self.__dict__[...], a slow read (docs/architecture.md)
        position = state.position
        try:
            logged_method, logged, result = log[position]
        except IndexError:  # (a try costs nothing until it catches; asking len(log) first costs a call)
            raise _divergence(entry, position, f"{method}(...)") from None
        if logged_method != method:
            raise _divergence(entry, position, f"{method}(...)")
        if logged is not None:
            name = args[0] if args else kwargs.get("name")
            if name is not logged and (type(name) is not str or name != logged):
                raise _divergence(entry, position, f"{method}({name!r})")
        state.position = position + 1
        return result

    replay.__name__ = method
    return replay


def _divergence(entry: Definition, position: int, got: str) -> CloneError:
    log = entry.log
    expected = "no further building call"
    if position < len(log):
        method, name, _ = log[position]
        expected = f"{method}({name!r})" if name is not None else f"{method}(...)"
    return _fail(f"{entry.call_text()} cannot share its definition: building the definition made {expected} at"
                 f" this point, building this clone made {got}. Its __init__ depends on more than its arguments"
                 " (global state, randomness, a counter); build it with"
                 f" {entry.cls.__name__}(...) instead of create(), or make __init__ depend only on its arguments")


# -- create / clone ---------------------------------------------------------------------


def create(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generator:
    """``cls.create(**kwargs)``: the definition on the first call for these arguments, else a clone.

    ``cls`` is the class ``create`` was called on (a ``Generator`` subclass, or a replay class while a clone's
    ``__init__`` runs). A call with int and str arguments that was seen before (``_BY_CALL``) goes straight to
    its clone: that is what a design's loop makes thousands of times."""
    call: tuple[Any, ...] | None = None
    if not args:
        for value in kwargs.values():
            kind = type(value)
            if kind is not int and kind is not str:
                break
        else:
            call = (cls, *kwargs.items())
            known = _BY_CALL.get(call)
            if known is not None:
                return _replay_clone(known, kwargs)
    return _create_slowly(cast("type[Generator]", cls), args, kwargs, call)


def _create_slowly(cls: type[Generator], args: tuple[Any, ...], kwargs: dict[str, Any],
                   call: tuple[Any, ...] | None) -> Generator:
    """``create`` for a call not in ``_BY_CALL``: check the arguments, find or build the definition."""
    base = cls.__dict__.get("_clone_base")
    if base is not None:  # called on a clone while its __init__ replays: not a key of _BY_CALL
        cls, call = base, None
    info = _CLASS_INFO.get(cls) or _class_info(cls)
    if not info.accepts_is_clone:
        raise _fail(f"{cls.__name__}.create() needs {cls.__name__}.__init__ to take is_clone=False and pass it to"
                    " Generator.__init__ (def __init__(self, ..., is_clone=False): super().__init__(...,"
                    f" is_clone=is_clone)); use {cls.__name__}.clone(...) for generators without it")
    values = _argument_values(cls, info, args, kwargs, "create")
    key, entry = _lookup(cls, values, "create")
    if entry is None:
        entry = _REGISTRY[key] = _build_definition(cls, kwargs, values)
        return entry.generator
    if call is not None:
        _BY_CALL[call] = entry
    return _replay_clone(entry, kwargs)


def _replay_clone(entry: Definition, kwargs: dict[str, Any]) -> Generator:
    """A clone of ``entry``: run ``__init__`` with is_clone=True, building calls replayed, then share."""
    cls = entry.cls
    replay_class = entry.replay_class
    assert replay_class is not None, "_build_definition makes it"
    gen = cls.__new__(replay_class)  # the replay class while __init__ runs (below), then cls
    d = gen.__dict__
    d["_clone_state"] = state = CloneState(entry, False)
    # Lazily created design state is read straight from __dict__ by its feature: while __init__ runs, the
    # clone holds the definition's (so procedural methods count as translated already), and then lets go.
    shown = entry.lazy_keys
    if shown:
        shared = entry.generator.__dict__
        for key in shown:
            d[key] = shared[key]
    owner = id(entry.generator)
    running = REPLAYING_OWNERS.get(owner)
    if running is None:
        running = REPLAYING_OWNERS[owner] = []
    running.append(gen)
    try:
        entry.init(gen, **kwargs, is_clone=True)
    except AttributeError as error:  # what the __init__ wrapper would do (frontend/procedural.py, wrap_init)
        raise_located(error)
    finally:
        gen.__class__ = cls
        running.pop()
        if not running:
            del REPLAYING_OWNERS[owner]
        for key in shown:
            d.pop(key, None)
    if state.position != len(entry.log):
        raise _divergence(entry, state.position, "no further building call")
    if "is_clone" not in d:
        raise _fail(f"{cls.__name__}.__init__ never called Generator.__init__ (super().__init__(...,"
                    " is_clone=is_clone))")
    return gen


def begin_init(gen: Generator, name: str | None, is_clone: bool) -> bool:
    """Called first by ``Generator.__init__``; True when ``gen`` is a clone being replayed (skip the design)."""
    own = gen.__dict__  # read once: a slow read on a generator (docs/architecture.md, "Frontend call costs")
    state = own.get("_clone_state")
    if state is None:
        if is_clone:
            raise _fail(f"is_clone=True is set by {type(gen).__name__}.create(); call"
                        f" {type(gen).__name__}.create(...) instead of passing it")
        return False
    if not is_clone:
        raise _fail(f"{state.cls.__name__}.__init__ takes is_clone but does not pass it on: call"
                    " super().__init__(..., is_clone=is_clone)")
    entry = state.entry
    definition = entry.generator
    if (name or entry.cls.__name__) != definition.name:
        raise _fail(f"{entry.call_text()} cannot share its definition: __init__ named this clone"
                    f" {name!r}, but the definition is named {definition.name!r}")
    own["is_clone"] = True
    return True


def shallow_clone(cls: type[Generator], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Generator:
    """``cls.clone(**kwargs)``: the definition on the first call, else a plain Generator showing its IO."""
    from .generator import Generator  # not at the top: generator.py imports this module

    cls = cls.__dict__.get("_clone_base", cls)
    info = _CLASS_INFO.get(cls) or _class_info(cls)
    values = _argument_values(cls, info, args, kwargs, "clone")
    key, entry = _lookup(cls, values, "clone")
    if entry is None:
        entry = _REGISTRY[key] = _build_definition(cls, kwargs, values)
        return entry.generator
    if entry.shallow_attrs is None:
        entry.shallow_attrs = _shallow_attributes(entry.generator)
    gen = Generator.__new__(Generator)
    d = gen.__dict__
    d["_clone_state"] = CloneState(entry, True)
    d["is_clone"] = True
    d.update(entry.shallow_attrs)
    return gen


def _shallow_attributes(definition: Generator) -> dict[str, Any]:
    """The definition's attributes a shallow clone copies: ports, parameters and plain scalars (as kratos)."""
    keys = design_keys()
    copied: dict[str, Any] = {}
    for name, value in definition.__dict__.items():
        if name in keys or name in _OWN_KEYS or name.startswith("_"):
            continue
        if isinstance(value, (Port, Param, int, str, float, tuple, bool)) or value is None:
            copied[name] = value
    return copied


# -- the Generator API ------------------------------------------------------------------------------


class CloneSupport:
    """The clone API of ``Generator`` (a base class, so the logic lives here and not in generator.py)."""

    @classmethod
    def create(cls, *args: Any, **kwargs: Any) -> Any:
        """The shared definition for these named, hashable arguments, or a clone that shares it.

        The first call builds ``cls(**kwargs)``; later calls with equal
        arguments (same names, types and values) return clones: objects of
        ``cls`` whose ``__init__`` ran with ``is_clone=True`` and which share
        the definition's hardware until ``initialize_clone()``.
        """
        return create(cls, args, kwargs)

    @classmethod
    def clone(cls, *args: Any, **kwargs: Any) -> Any:
        """Like ``create``, but a hit is a plain ``Generator`` with the definition's IO and parameters only."""
        return shallow_clone(cls._generator_class(), args, kwargs)

    @classmethod
    def _generator_class(cls) -> type[Generator]:
        """``cls`` as the ``Generator`` subclass it is: ``Generator`` is this class's only subclass."""
        return cast("type[Generator]", cls)

    @staticmethod
    def clear_clone_cache() -> None:
        """Forget the shared definitions of ``create``/``clone`` (later calls build new ones)."""
        clear_cache()

    @property
    def is_cloned(self) -> bool:
        """True while this generator shares its definition (made by create/clone, not initialised)."""
        return "_clone_state" in self.__dict__

    @property
    def def_instance(self) -> Any:
        """The generator whose definition this one was cloned from (itself for a definition)."""
        state = self.__dict__.get("_clone_state")
        if state is not None:
            return state.entry.generator
        return self.__dict__.get("_def_instance", self)

    def initialize_clone(self) -> None:
        """Make this clone's design a private copy of its definition, so it can be edited (no-op otherwise)."""
        initialize_clone(self)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> Any:
        return shared_attribute(self, name)  # type: ignore[arg-type]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        """Generators are shared, not copied: a copied design still instantiates the same children."""
        return self
