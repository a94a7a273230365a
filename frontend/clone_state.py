"""What an uninitialised clone shares with its definition, and the copy ``initialize_clone`` makes.

*Design state* is every attribute the base ``Generator.__init__`` sets (found
by building a bare ``Generator`` once), plus state a feature creates lazily
and lists in ``LAZY_DESIGN_KEYS``. An uninitialised clone has none of it:
``Generator.__getattr__`` shows it the definition's, lists and dicts wrapped
in read-only views whose writes raise the "call initialize_clone()" error,
so every building method, present or future, is refused at its first write.
``initialize_clone`` deep-copies the design state with the definition mapped
to the clone (child generators are shared) and redirects the clone's own
attributes to the copies. See ``frontend/clones.py`` and docs/clones.md.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..dialect.errors import ElaborationError
from ..dialect.names import unknown_attribute
from ..dialect.srcloc import user_location
from .growable import NO_ITEMS

if TYPE_CHECKING:
    from .generator import Generator


REPLAYING_OWNERS: dict[int, list[Generator]] = {}
"""ids of definitions whose clones are being replayed, each with those clones (innermost last): assignments to
their signals are skipped (here, below ``signals.py``, because a signal's ``drive`` asks it)."""

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
        from .generator import Generator  # not at the top: generator.py imports this module (through clones.py)

        probe = Generator.__new__(Generator)
        Generator.__init__(probe)
        _design_keys = (frozenset(probe.__dict__) - _OWN_KEYS) | LAZY_DESIGN_KEYS
    return _design_keys


def public_methods() -> tuple[str, ...]:
    """Names of the public instance methods of ``Generator`` (the building API and queries)."""
    global _public_methods
    if _public_methods is None:
        from .generator import Generator  # not at the top: generator.py imports this module (through clones.py)

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

    def __init__(self, clone: Generator):
        self._clone = clone

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise edit_error(self._clone)


def edit_error(clone: Generator) -> CloneError:
    """The error for editing an uninitialised clone (``clone`` made by create or clone)."""
    state = clone.__dict__["_clone_state"]
    definition = state.definition
    if state.shallow:
        return _fail(f"'{definition.name}' made by {state.call_text()} is a shallow clone that cannot be edited;"
                     f" use {state.cls.__name__}.create(...) and initialize_clone() to get an editable copy, or edit"
                     " def_instance to change the shared definition")
    return _fail(f"'{definition.name}' made by {state.call_text()} is a clone that shares its definition; call"
                 " initialize_clone() before editing it (or edit def_instance to change every clone that is not"
                 " initialised)")


def check_editable(gen: Generator) -> None:
    """Raise the "call initialize_clone()" error when ``gen`` is an uninitialised clone.

    For building methods whose first step is a check rather than a write
    (``wire``); every other edit fails at its first write to a view.
    """
    if "_clone_state" in gen.__dict__:
        raise edit_error(gen)


class _ContainerView(_Guard):
    """What the read-only views of a definition's containers share: reading passes through."""

    __slots__ = ("_target",)

    def __init__(self, clone: Generator, target: Any):
        super().__init__(clone)
        self._target = target

    def __len__(self) -> int:
        return len(self._target)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._target)

    def __getitem__(self, key: Any) -> Any:
        return self._target[key]

    def __contains__(self, item: object) -> bool:
        return item in self._target

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._target!r})"


class ListView(_ContainerView):
    """A read-only view of a list of the definition."""

    __slots__ = ()

    def index(self, item: object) -> int:
        return self._target.index(item)

    def count(self, item: object) -> int:
        return self._target.count(item)

    append = extend = insert = remove = pop = clear = sort = reverse = __setitem__ = __delitem__ = __iadd__ = \
        _Guard._refuse


class DictView(_ContainerView):
    """A read-only view of a dict (or set) of the definition."""

    __slots__ = ()

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


def read_only(clone: Generator, value: Any) -> Any:
    if isinstance(value, list) or value is NO_ITEMS:  # NO_ITEMS: an empty list the definition shares (growable)
        return ListView(clone, value)
    if isinstance(value, (dict, set)):
        return DictView(clone, value)
    return value


# -- reading an uninitialised clone -------------------------------------------------------


def shared_attribute(gen: Generator, name: str) -> Any:
    """``Generator.__getattr__``: an uninitialised clone reads its definition's design through views."""
    state = gen.__dict__.get("_clone_state")
    if state is not None and name in design_keys():
        shared = state.entry.generator.__dict__
        if name in shared:
            return read_only(gen, shared[name])
    if state is None and "name" not in gen.__dict__:
        raise missing_base_init(type(gen))
    raise unknown_attribute(f"generator '{gen.__dict__.get('name', type(gen).__name__)}'", name, dir(gen),
                            user_location())


def missing_base_init(cls: type) -> ElaborationError:
    """The error for a generator whose ``__init__`` never called ``Generator.__init__``."""
    return ElaborationError(f"{cls.__name__}.__init__ did not call super().__init__(): call it first, before"
                            f" declaring ports (super().__init__() or super().__init__(\"Name\"))",
                            str(user_location()))


# -- initialize_clone -------------------------------------------------------------------------


def initialize_clone(gen: Generator) -> None:
    """Give ``gen`` a private copy of its definition's design (no-op when it is not a clone)."""
    d = gen.__dict__
    state = d.get("_clone_state")
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


def _redirect(value: Any, memo: dict[int, Any], definition: Generator, seen: set[int]) -> Any:
    """``value`` with references to the definition's design replaced by the clone's copies.

    Containers are rebuilt, signals the clone's ``__init__`` built over the
    definition's signals (expressions) are copied; other objects are kept.
    """
    from .signals import Signal  # not at the top: signals.py imports this module

    copied = memo.get(id(value))
    if copied is not None:
        return copied
    kind = type(value)
    if kind in (list, tuple, set, frozenset):
        if id(value) in seen:
            return value
        seen.add(id(value))
        items = [_redirect(v, memo, definition, seen) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
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


# -- which generator's design a generator shows --------------------------------------------


def definition_of(gen: Generator) -> Generator:
    """The generator whose design ``gen`` shows: its definition while it is an uninitialised clone."""
    state = gen.__dict__.get("_clone_state")
    return gen if state is None else state.entry.generator
