"""Generator clones with copy-on-write: ``create``, ``clone``, ``initialize_clone``, ``def_instance``.

kratos semantics (``reference/generator-clones.rst``), made fast and safe:

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

import copy
import inspect
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..dialect.errors import ElaborationError
from .srcloc import SourceLoc, user_location

if TYPE_CHECKING:
    from .generator import Generator, Instance
    from .signals import Named

_OWN_KEYS = frozenset({"is_clone"})
"""Attributes the base ``Generator.__init__`` sets that belong to each clone itself.

``loc`` (where the generator was built) is shared: a clone reports its
definition's location, which is also where its module comes from.
"""

LAZY_DESIGN_KEYS = frozenset({"_procedural"})
"""Design state that a feature creates on first use instead of in ``Generator.__init__``.

``_procedural`` is the procedural blocks' state (``frontend/statements.py``'s
``state_of``). Such state is shared, shown to a replaying clone and copied
by ``initialize_clone`` like the rest; a feature that adds lazily created
design state lists its attribute here.
"""

READ_ONLY_METHODS = frozenset({
    "instance_shape", "parameter_values", "condition_holds", "initialize_clone",
})
"""Public ``Generator`` methods that only read the design: run for real while a clone replays.

Every other public method is a building call: the definition records its
result and a clone's ``__init__`` gets that result back instead of running
it. A new building method needs nothing; a new read-only query belongs here.
"""


class CloneError(ElaborationError):
    """A misuse of ``create``/``clone``/``initialize_clone`` (reported at the user's line)."""


def _fail(message: str) -> CloneError:
    """A CloneError at the user's line (the first stack frame outside loom)."""
    return CloneError(message, str(user_location()))


# -- design state: which attributes a generator's hardware lives in -----------------

_design_keys: frozenset[str] | None = None
_public_methods: tuple[str, ...] | None = None


def design_keys() -> frozenset[str]:
    """The attributes the base ``Generator.__init__`` sets for the design (not per-clone ones).

    Computed from a bare ``Generator``, so state that other features add to
    the base ``__init__`` is shared, guarded and copied like the rest.
    """
    global _design_keys
    if _design_keys is None:
        from .generator import Generator

        probe = Generator.__new__(Generator)
        Generator.__init__(probe)
        _design_keys = (frozenset(probe.__dict__) - _OWN_KEYS) | LAZY_DESIGN_KEYS
    return _design_keys


def public_methods() -> tuple[str, ...]:
    """Names of the public instance methods of ``Generator`` (the building API and queries)."""
    global _public_methods
    if _public_methods is None:
        from .generator import Generator

        names = []
        for name in dir(Generator):
            if name.startswith("_"):
                continue
            raw = inspect.getattr_static(Generator, name)
            if inspect.isfunction(raw):
                names.append(name)
        _public_methods = tuple(sorted(names))
    return _public_methods


# -- read-only views of the definition's containers --------------------------------


class _Guard:
    """Raises the "call initialize_clone()" error for an uninitialised clone's edits."""

    __slots__ = ("_clone",)

    def __init__(self, clone: "Generator"):
        self._clone = clone

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise edit_error(self._clone)


def edit_error(clone: "Generator") -> CloneError:
    """The error for editing an uninitialised clone (``clone`` made by create or clone)."""
    state: CloneState = clone.__dict__["_clone_state"]
    definition = state.definition
    if state.shallow:
        return _fail(f"'{definition.name}' made by {state.call_text()} is a shallow clone that cannot be edited;"
                     f" use {state.cls.__name__}.create(...) and initialize_clone() to get an editable copy, or edit"
                     " def_instance to change the shared definition")
    return _fail(f"'{definition.name}' made by {state.call_text()} is a clone that shares its definition; call"
                 " initialize_clone() before editing it (or edit def_instance to change every clone that is not"
                 " initialised)")


def check_editable(gen: "Generator") -> None:
    """Raise the "call initialize_clone()" error when ``gen`` is an uninitialised clone.

    For building methods whose first step is a check rather than a write
    (``wire``); every other edit fails at its first write to a view.
    """
    if "_clone_state" in gen.__dict__:
        raise edit_error(gen)


class ListView(_Guard):
    """A read-only view of a list of the definition."""

    __slots__ = ("_target",)

    def __init__(self, clone: "Generator", target: list[Any]):
        super().__init__(clone)
        self._target = target

    def __len__(self) -> int:
        return len(self._target)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._target)

    def __getitem__(self, index: Any) -> Any:
        return self._target[index]

    def __contains__(self, item: object) -> bool:
        return item in self._target

    def __repr__(self) -> str:
        return f"ListView({self._target!r})"

    def index(self, item: object) -> int:
        return self._target.index(item)

    def count(self, item: object) -> int:
        return self._target.count(item)

    append = extend = insert = remove = pop = clear = sort = reverse = __setitem__ = __delitem__ = __iadd__ = \
        _Guard._refuse


class DictView(_Guard):
    """A read-only view of a dict (or set) of the definition."""

    __slots__ = ("_target",)

    def __init__(self, clone: "Generator", target: Any):
        super().__init__(clone)
        self._target = target

    def __len__(self) -> int:
        return len(self._target)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._target)

    def __getitem__(self, key: Any) -> Any:
        return self._target[key]

    def __contains__(self, key: object) -> bool:
        return key in self._target

    def __repr__(self) -> str:
        return f"DictView({self._target!r})"

    def get(self, key: Any, default: Any = None) -> Any:
        return self._target.get(key, default)

    def keys(self) -> Any:
        return self._target.keys()

    def values(self) -> Any:
        return self._target.values()

    def items(self) -> Any:
        return self._target.items()

    __setitem__ = __delitem__ = pop = popitem = clear = update = setdefault = add = discard = remove = \
        _Guard._refuse


def read_only(clone: "Generator", value: Any) -> Any:
    if isinstance(value, list):
        return ListView(clone, value)
    if isinstance(value, (dict, set)):
        return DictView(clone, value)
    return value


# -- per-definition bookkeeping -------------------------------------------------------


@dataclass
class Definition:
    """A shared definition: the generator built first for a key, and what its ``__init__`` called."""

    cls: type
    kwargs: dict[str, Any]
    generator: "Generator"
    log: list[tuple[str, object, Any]] = field(default_factory=list)
    """(method, name argument, result) of every outermost building call on the definition, in order."""
    lazy_keys: tuple[str, ...] = ()
    """The ``LAZY_DESIGN_KEYS`` the definition has: shown to a clone while its ``__init__`` runs."""
    replay_class: type | None = None
    """``cls`` with every building method replaced by a replayer; a clone has it only during ``__init__``."""
    shallow_attrs: dict[str, Any] | None = None

    def call_text(self, api: str = "create") -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        return f"{self.cls.__name__}.{api}({args})"


@dataclass(slots=True)
class CloneState:
    """Stored on a clone as ``_clone_state`` while it shares its definition."""

    entry: Definition
    shallow: bool
    position: int = 0

    @property
    def definition(self) -> "Generator":
        return self.entry.generator

    @property
    def cls(self) -> type:
        return self.entry.cls

    def call_text(self) -> str:
        return self.entry.call_text("clone" if self.shallow else "create")


_REGISTRY: dict[tuple[Any, ...], Definition] = {}
REPLAYING_OWNERS: set[int] = set()
"""ids of definitions whose clones are being replayed: assignments to their signals are skipped."""


def clear_cache() -> None:
    """Forget every shared definition (later ``create`` calls build new ones)."""
    _REGISTRY.clear()


def definition_of(gen: "Generator") -> "Generator":
    """The generator whose design ``gen`` shows: its definition while it is an uninitialised clone."""
    state = gen.__dict__.get("_clone_state")
    return gen if state is None else state.entry.generator


def replaying(owner: "Generator | None") -> bool:
    """Whether ``owner`` is a definition whose clone is being built: its signals must not be edited now.

    Signal-level edits (``Named.assign``) ask this; building methods on the
    clone never reach the definition at all.
    """
    return owner is not None and id(owner) in REPLAYING_OWNERS


# -- arguments and keys ------------------------------------------------------------------


@dataclass
class _ClassInfo:
    params: tuple[str, ...]
    defaults: dict[str, Any]
    var_keyword: bool
    accepts_is_clone: bool


_CLASS_INFO: dict[type, _ClassInfo] = {}


def _class_info(cls: type) -> _ClassInfo:
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


def _argument_values(cls: type, info: _ClassInfo, args: tuple[Any, ...], kwargs: dict[str, Any],
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


def _key(cls: type, values: dict[str, Any]) -> tuple[Any, ...]:
    return (cls, *[(name, _tag(values[name])) for name in sorted(values)])


def _lookup(cls: type, values: dict[str, Any], api: str) -> tuple[tuple[Any, ...], Definition | None]:
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


def _build_definition(cls: type, kwargs: dict[str, Any], values: dict[str, Any]) -> Definition:
    """Run ``cls(**kwargs)`` while recording the outermost building calls made on it."""
    gen = cls.__new__(cls)
    entry = Definition(cls, values, gen)
    depth = [0]
    building = [method for method in public_methods() if method not in READ_ONLY_METHODS]
    recorders = {method: _recorder(gen, method, entry.log, depth) for method in building}
    gen.__dict__.update(recorders)
    try:
        gen.__init__(**kwargs)
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


def _recorder(gen: "Generator", method: str, log: list[tuple[str, object, Any]],
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

    def replay(self: "Generator", *args: Any, **kwargs: Any) -> Any:
        state: CloneState = self.__dict__["_clone_state"]
        position = state.position
        if position >= len(log) or log[position][0] != method:
            raise _divergence(entry, position, f"{method}(...)")
        _, logged, result = log[position]
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


def create(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> "Generator":
    """``cls.create(**kwargs)``: the definition on the first call for these arguments, else a clone."""
    cls = cls.__dict__.get("_clone_base", cls)  # called on a clone while its __init__ replays
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
    return _replay_clone(entry, kwargs)


def _replay_clone(entry: Definition, kwargs: dict[str, Any]) -> "Generator":
    """A clone of ``entry``: run ``__init__`` with is_clone=True, building calls replayed, then share."""
    cls = entry.cls
    gen = cls.__new__(cls)
    state = CloneState(entry, False)
    d = gen.__dict__
    d["_clone_state"] = state
    # Lazily created design state is read straight from __dict__ by its feature: while __init__ runs, the
    # clone holds the definition's (so procedural methods count as translated already), and then lets go.
    shown = entry.lazy_keys
    for key in shown:
        d[key] = entry.generator.__dict__[key]
    gen.__class__ = entry.replay_class  # type: ignore[assignment]
    owner = id(entry.generator)
    fresh_owner = owner not in REPLAYING_OWNERS
    REPLAYING_OWNERS.add(owner)
    try:
        gen.__init__(**kwargs, is_clone=True)
    finally:
        gen.__class__ = cls
        if fresh_owner:
            REPLAYING_OWNERS.discard(owner)
        for key in shown:
            d.pop(key, None)
    if state.position != len(entry.log):
        raise _divergence(entry, state.position, "no further building call")
    if "is_clone" not in gen.__dict__:
        raise _fail(f"{cls.__name__}.__init__ never called Generator.__init__ (super().__init__(...,"
                    " is_clone=is_clone))")
    return gen


def begin_init(gen: "Generator", name: str | None, is_clone: bool) -> bool:
    """Called first by ``Generator.__init__``; True when ``gen`` is a clone being replayed (skip the design)."""
    state = gen.__dict__.get("_clone_state")
    if state is None:
        if is_clone:
            raise _fail(f"is_clone=True is set by {type(gen).__name__}.create(); call"
                        f" {type(gen).__name__}.create(...) instead of passing it")
        return False
    if not is_clone:
        raise _fail(f"{state.cls.__name__}.__init__ takes is_clone but does not pass it on: call"
                    " super().__init__(..., is_clone=is_clone)")
    definition = state.definition
    if (name or state.cls.__name__) != definition.name:
        raise _fail(f"{state.entry.call_text()} cannot share its definition: __init__ named this clone"
                    f" {name!r}, but the definition is named {definition.name!r}")
    gen.__dict__["is_clone"] = True
    return True


def shallow_clone(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> "Generator":
    """``cls.clone(**kwargs)``: the definition on the first call, else a plain Generator showing its IO."""
    from .generator import Generator

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


def _shallow_attributes(definition: "Generator") -> dict[str, Any]:
    """The definition's attributes a shallow clone copies: ports, parameters and plain scalars (as kratos)."""
    from .params import Param
    from .signals import Port

    keys = design_keys()
    copied: dict[str, Any] = {}
    for name, value in definition.__dict__.items():
        if name in keys or name in _OWN_KEYS or name.startswith("_"):
            continue
        if isinstance(value, (Port, Param, int, str, float, tuple, bool)) or value is None:
            copied[name] = value
    return copied


# -- reading an uninitialised clone -------------------------------------------------------


def shared_attribute(gen: "Generator", name: str) -> Any:
    """``Generator.__getattr__``: an uninitialised clone reads its definition's design through views."""
    state = gen.__dict__.get("_clone_state")
    if state is not None and name in design_keys():
        shared = state.entry.generator.__dict__
        if name in shared:
            return read_only(gen, shared[name])
    raise AttributeError(f"{type(gen).__name__!r} object has no attribute {name!r}")


# -- initialize_clone -------------------------------------------------------------------------


def initialize_clone(gen: "Generator") -> None:
    """Give ``gen`` a private copy of its definition's design (no-op when it is not a clone)."""
    d = gen.__dict__
    state: CloneState | None = d.get("_clone_state")
    if state is None:
        return
    if state.shallow:
        raise _fail(f"'{state.definition.name}' made by {state.call_text()} is a shallow clone and cannot be"
                    f" initialised; use {state.cls.__name__}.create(...) for a clone you can initialise and edit")
    definition = state.definition
    memo: dict[int, Any] = {id(definition): gen}
    design = {k: v for k, v in definition.__dict__.items() if k in design_keys()}
    private = copy.deepcopy(design, memo)
    _rekey_id_dicts(memo)
    del d["_clone_state"]
    for name, value in list(d.items()):
        if name in _OWN_KEYS:
            continue
        d[name] = _redirect(value, memo, definition, set())
    d.update(private)
    d["_def_instance"] = definition
    d["is_clone"] = False


def _rekey_id_dicts(memo: dict[int, Any]) -> None:
    """Re-key the copied dicts that were keyed by ``id()`` of a copied object (``decls`` of procedural state).

    Signals overload ``==``, so the design keys some tables by ``id(signal)``;
    a deep copy keeps those ints, which would name the definition's signals.
    An int key that is the id of an object the copy replaced is such a key
    (object addresses are never small ints a design would use as keys).
    """
    for copied in list(memo.values()):
        if type(copied) is not dict or not copied:
            continue
        if not any(type(key) is int and key in memo for key in copied):
            continue
        items = [(id(memo[key]) if type(key) is int and key in memo else key, value) for key, value in copied.items()]
        copied.clear()
        copied.update(items)


def _redirect(value: Any, memo: dict[int, Any], definition: "Generator", seen: set[int]) -> Any:
    """``value`` with references to the definition's design replaced by the clone's copies.

    Containers are rebuilt, signals the clone's ``__init__`` built over the
    definition's signals (expressions) are copied; other objects are kept.
    """
    from .signals import Signal

    copied = memo.get(id(value))
    if copied is not None:
        return copied
    kind = type(value)
    if kind in (list, tuple, set, frozenset):
        if id(value) in seen:
            return value
        seen.add(id(value))
        items = [_redirect(v, memo, definition, seen) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return kind(items)
    if kind is dict:
        if id(value) in seen:
            return value
        seen.add(id(value))
        changed = {k: _redirect(v, memo, definition, seen) for k, v in value.items()}
        if all(changed[k] is value[k] for k in value):
            return value
        return changed
    if isinstance(value, Signal) and value.owner is definition:
        return copy.deepcopy(value, memo)
    return value


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
        return shallow_clone(cls, args, kwargs)

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
