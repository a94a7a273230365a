"""The tables of a generator that most generators leave empty, shared until the first entry.

A generator starts with a dozen lists and dicts (its parameters, vars, children, bundles, FSMs and
memories, ...), and a small leaf module fills few of them: 10,000 distinct leaves held 4 MB of empty
containers while the design went through MLIR. Such a table starts as ``NO_ITEMS`` or ``NO_ENTRIES``,
shared by every generator, and the code that adds the first entry asks ``growable`` for the
generator's own. The shared empty dict refuses writes, so a place that adds to a table without
``growable`` fails at once, in the tests, instead of giving every generator the entry; a deep copy
(``initialize_clone``) keeps it shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .generator import Generator

NO_ITEMS: tuple[()] = ()
"""The empty list of a generator that has none of these items (a tuple: it has no append)."""


class ReadOnlyDict(dict[Any, Any]):
    """A dict shared by several owners, so never written: every write raises ``refusal()``, and a copy or a
    deep copy (``initialize_clone``) is the dict itself."""

    __slots__ = ()

    def refusal(self) -> Exception:
        """The error a write raises (a subclass says what to do instead)."""
        raise NotImplementedError

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise self.refusal()

    __setitem__ = __delitem__ = __ior__ = setdefault = update = pop = popitem = clear = _refuse

    def __copy__(self) -> ReadOnlyDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ReadOnlyDict:
        return self


class _NoEntries(ReadOnlyDict):
    """The empty dict of a generator that has none of these entries (see the module docstring)."""

    __slots__ = ()

    def refusal(self) -> Exception:
        return TypeError("a generator's shared empty table cannot be written; add to growable(gen, name, dict)")


NO_ENTRIES = _NoEntries()


def growable(gen: Generator, name: str, kind: type[list[Any]] | type[dict[Any, Any]]) -> Any:
    """``gen``'s table ``name`` (a list or dict, ``kind``) to add to: the shared empty one is replaced by the
    generator's own first. An uninitialised clone has no tables of its own: it gets its definition's
    read-only view (``Generator.__getattr__``), which refuses the write with the clone's error."""
    table = gen.__dict__.get(name)
    if table is None:
        return getattr(gen, name)
    if type(table) is not kind:
        table = kind()
        gen.__dict__[name] = table
    return table
