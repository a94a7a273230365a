"""The pass registry: every loom pass by name, with its kind, summary and options.

A loom pass is a Python function ``fn(module, options)`` over a
``builtin.module`` op. It reports problems by raising a ``LoomError`` (or
emitting MLIR diagnostics and raising ``PassFailedError``). Each built-in
pass lives in a file of its own and registers itself with ``@loom_pass``,
which carries its kebab-case name (MLIR convention; the snake_case spelling
is accepted everywhere a name is looked up), its kind (``pass_kinds.py``),
its one-line summary and the option names it accepts. ``builtin_passes.py``
imports every such file; ``BUILTIN_PASSES`` does that on first use, so
importing a single pass (or this module) does not load them all.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from circt import ir

from .pass_kinds import PassKind

PassFn = Callable[[ir.Operation, Any], Any]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class PassInfo:
    """A registered pass: its kebab-case name, a one-line summary, the function and what it accepts."""

    name: str
    summary: str
    fn: PassFn
    options: tuple[str, ...] | None = None
    """The option names the pass accepts; None: not declared, anything is passed through."""
    options_class: type | None = None
    """A dataclass of typed options (``pass_options.py``); values are checked when a pipeline is parsed."""
    origin: str | None = None
    """``file:line:col`` of a user pass's definition, to say where a name was registered first."""
    builtin: bool = False
    """One of loom's own passes: tested to leave valid IR, so pipelines verify once at their end instead of
    after it (user passes are verified after each run)."""
    kind: PassKind = PassKind.MODULE
    """How far the pass's effect reaches (``pass_kinds.py``); user passes count as module-local."""

    def load(self) -> PassFn:
        return self.fn


def canonical_name(name: str) -> str:
    """``fix_assignment_type`` and ``fix-assignment-type`` name the same pass."""
    return name.strip().replace("_", "-")


class PassRegistry:
    """Name -> PassInfo; a registry can be copied so a PassManager can add its own passes."""

    def __init__(self, passes: dict[str, PassInfo] | None = None):
        self._passes: dict[str, PassInfo] = dict(passes or {})

    def _all(self) -> dict[str, PassInfo]:
        return self._passes

    def register(self, name: str, fn: PassFn, summary: str = "", options: tuple[str, ...] | None = None) -> None:
        """Register ``fn`` under ``name``; re-registering replaces it.

        ``options`` lists the accepted option names so that a misspelt option
        is an error instead of being ignored.
        """
        if not summary and fn.__doc__:
            summary = fn.__doc__.strip().splitlines()[0]
        self.add(PassInfo(canonical_name(name), summary, fn, options))

    def add(self, info: PassInfo) -> None:
        """Register a complete ``PassInfo`` under its name; re-registering replaces it."""
        self._all()[canonical_name(info.name)] = info

    def unregister(self, name: str) -> None:
        """Remove a pass (KeyError if it is not registered)."""
        del self._all()[canonical_name(name)]

    def lookup(self, name: str) -> PassInfo | None:
        return self._all().get(canonical_name(name))

    def __contains__(self, name: str) -> bool:
        return canonical_name(name) in self._all()

    def infos(self) -> list[PassInfo]:
        return sorted(self._all().values(), key=lambda info: info.name)

    def copy(self) -> "PassRegistry":
        return PassRegistry(self._all())


class _BuiltinRegistry(PassRegistry):
    """The registry every pipeline starts from: it imports ``builtin_passes.py`` the first time it is read."""

    def __init__(self) -> None:
        super().__init__()
        self._loaded = False

    def _all(self) -> dict[str, PassInfo]:
        if not self._loaded:
            self._loaded = True
            importlib.import_module(".builtin_passes", __package__)
        return self._passes


BUILTIN_PASSES: PassRegistry = _BuiltinRegistry()
"""Every built-in loom pass (and every pass registered with ``loom.register_pass``)."""


def loom_pass(name: str, *, kind: PassKind, summary: str,
              options: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Register the decorated function as the built-in pass ``name`` (kebab-case) in ``BUILTIN_PASSES``.

    ``kind`` says how far its effect reaches, ``summary`` is its line in
    ``loom-opt --list-passes``, ``options`` the option names it accepts.
    """

    def register(fn: F) -> F:
        BUILTIN_PASSES._passes[name] = PassInfo(name, summary, fn, options, builtin=True, kind=kind)
        return fn

    return register
