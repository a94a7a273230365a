"""The pass registry: every loom pass by name, with its kind, summary and typed options.

A loom pass is a Python function ``fn(module, options)`` over a
``builtin.module`` op; ``options`` is an instance of the pass's options
dataclass (``pass_options.py``), parsed from the pipeline's ``{key=value}``
text once, when the pipeline is parsed, so a bad option stops the pipeline
before any pass runs. A pass reports problems by raising a ``LoomError`` (or
emitting MLIR diagnostics and raising ``PassFailedError``).

Each built-in pass lives in a file of its own and registers itself with
``@loom_pass``, which carries its kebab-case name (MLIR convention; the
snake_case spelling is accepted everywhere a name is looked up), its kind
(``pass_kinds.py``), its one-line summary and its options dataclass.
``builtin_passes.py`` says which file defines which pass; ``BUILTIN_PASSES``
imports a pass's file when the pass is first looked up, and all of them when
they are listed. A pass that most designs give nothing to do
(``builtin_passes.IDLE_WHEN``) is looked up as a ``DeferredPass``, which
imports its file only when it runs and the design has something for it
(``rewrites.common.idle``). ``loom.register_pass`` (``user_passes.py``)
makes the same ``PassInfo`` for a user's pass.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from circt import ir

from .builtin_passes import IDLE_WHEN, PASS_MODULES, Idle
from .pass_kinds import PassKind
from .pass_options import NoOptions, OptionError, option_specs, parse_pass_options
from .rewrites.common import idle
from .stage import left_unchanged

PassFn = Callable[[ir.Operation, Any], Any]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class PassInfo:
    """A registered pass: its kebab-case name, a one-line summary, the function and what it accepts."""

    name: str
    summary: str
    fn: PassFn
    options: tuple[str, ...] | None = None
    """The option names the pass accepts; None: not declared, anything is passed through. Only for passes
    without ``options_class`` (the older form of user passes), which get the ``{name: text}`` dict."""
    options_class: type | None = None
    """A dataclass of typed options (``pass_options.py``); values are checked when a pipeline is parsed."""
    origin: str | None = None
    """``file:line:col`` of a user pass's definition, to say where a name was registered first."""
    builtin: bool = False
    """One of loom's own passes: tested to leave valid IR, so pipelines verify once at their end instead of
    after it (user passes are verified after each run)."""
    kind: PassKind = PassKind.MODULE
    """How far the pass's effect reaches (``pass_kinds.py``); user passes count as module-local."""

    def parse_options(self, raw: Mapping[str, str]) -> Any:
        """The options ``fn`` receives for ``{key: text}``: an ``options_class`` instance (or, for a pass without
        one, the dict); ``OptionError`` (a ``ParseError``) naming the pass and the option at fault."""
        if self.options_class is not None:
            return parse_pass_options(self.name, self.options_class, raw)
        unknown = sorted(set(raw) - set(self.options)) if self.options is not None else []
        if unknown:
            accepted = ", ".join(self.options or ()) or "none"
            raise OptionError(f"pass '{self.name}' has no option '{unknown[0]}' (options: {accepted})", unknown[0])
        return dict(raw)

    def describe_options(self) -> list[str]:
        """One line per option, required ones first: ``limit=<int> (default 64): widest signal allowed``."""
        if self.options_class is not None:
            return [spec.describe() for spec in option_specs(self.options_class)]
        return [f"{name}=<string>" for name in self.options or ()]


def canonical_name(name: str) -> str:
    """``fix_assignment_type`` and ``fix-assignment-type`` name the same pass."""
    return name.strip().replace("_", "-")


class PassRegistry:
    """Name -> PassInfo; a registry can be copied so a PassManager can add its own passes."""

    def __init__(self, passes: dict[str, PassInfo] | None = None, base: PassRegistry | None = None):
        self._passes: dict[str, PassInfo] = dict(passes or {})
        self._base = base
        """A registry this one copies on demand: a pass is taken from it when first looked up (and all of
        them when this one is listed or changed), so copying ``BUILTIN_PASSES`` imports no pass."""

    def _all(self) -> dict[str, PassInfo]:
        if self._base is not None:
            for name, info in self._base._all().items():
                self._passes.setdefault(name, info)
            self._base = None
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
        """Register a complete ``PassInfo`` under its name; re-registering replaces it.

        A copy keeps it beside what it has taken from its base (its own passes win); ``BUILTIN_PASSES``
        loads every built-in pass first, so a module imported later cannot replace it.
        """
        (self._passes if self._base is not None else self._all())[canonical_name(info.name)] = info

    def unregister(self, name: str) -> None:
        """Remove a pass (KeyError if it is not registered)."""
        del self._all()[canonical_name(name)]

    def lookup(self, name: str) -> PassInfo | None:
        key = canonical_name(name)
        info = self._passes.get(key)
        if info is None and self._base is not None:
            info = self._base.lookup(key)
            if info is not None:
                self._passes[key] = info
        return info

    def __contains__(self, name: str) -> bool:
        key = canonical_name(name)
        return key in self._passes or (self._base is not None and key in self._base)

    def infos(self) -> list[PassInfo]:
        return sorted(self._all().values(), key=lambda info: info.name)

    def copy(self) -> PassRegistry:
        return PassRegistry(base=self)


class _BuiltinRegistry(PassRegistry):
    """The registry every pipeline starts from: it imports a built-in pass's module (``builtin_passes.py``)
    when the pass is first looked up (when it first has something to do, for a pass of ``IDLE_WHEN``), and
    every pass's module when all are read."""

    def __init__(self) -> None:
        super().__init__()
        self._loaded = False
        self._builtins: dict[str, PassInfo] = {}
        """Each built-in pass as its module registered it (a user may register a pass of the same name later)."""
        self._deferred: dict[str, DeferredPass] = {}

    def _all(self) -> dict[str, PassInfo]:
        if not self._loaded:
            self._loaded = True
            for module in sorted(set(PASS_MODULES.values())):
                importlib.import_module(f".{module}", __package__)
        return self._passes

    def lookup(self, name: str) -> PassInfo | None:
        key = canonical_name(name)
        if key not in self._passes and not self._loaded:
            if key in IDLE_WHEN:
                deferred = self._deferred.get(key)
                return deferred if deferred is not None else self._deferred.setdefault(
                    key, DeferredPass(key, IDLE_WHEN[key]))
            self.builtin(key)
        return self._passes.get(key)

    def builtin(self, name: str) -> PassInfo | None:
        """The built-in pass ``name`` (kebab-case) as its module registers it, the module imported now if need be."""
        module = PASS_MODULES.get(name)
        if module is not None and name not in self._builtins:
            importlib.import_module(f".{module}", __package__)
            if name not in self._builtins:  # the table names the wrong module: load them all (never wrong)
                self._all()
        return self._builtins.get(name)

    def __contains__(self, name: str) -> bool:
        key = canonical_name(name)
        return key in self._passes or (not self._loaded and key in PASS_MODULES)


class DeferredPass(PassInfo):
    """A pass of ``builtin_passes.IDLE_WHEN`` whose module is not imported yet: its name, kind and stage come
    from the table; its function asks ``idle`` first and imports the module only when the design has something
    for the pass, or when the pass was given options (its real ``PassInfo`` then parses them). Its summary and
    options are the real pass's, read (and imported) when asked for.

    ``parse_options`` of no options gives None, which the function reads as the pass's defaults."""

    def __init__(self, name: str, when: Idle):  # the dataclass fields the table cannot give are properties
        self.name = name
        self.kind = PassKind(when.kind)
        self.builtin = True
        self.fn = _staged(self._run, when.stage)

    def real(self) -> PassInfo:
        """The pass as its module registers it (the module imported now if need be)."""
        info = _BUILTINS.builtin(self.name)
        assert info is not None, self.name
        return info

    @property
    def summary(self) -> str:  # type: ignore[override]
        return self.real().summary

    @property
    def options(self) -> tuple[str, ...] | None:  # type: ignore[override]
        return self.real().options

    @property
    def options_class(self) -> type | None:  # type: ignore[override]
        return self.real().options_class

    def parse_options(self, raw: Mapping[str, str]) -> Any:
        return self.real().parse_options(raw) if raw else None

    def _run(self, module: ir.Operation, options: Any) -> Any:
        """The pass: nothing (and no import) when the design gives it nothing to do; else the real pass, whose
        result says whether it left the IR as it was (a check returns None but never changes it)."""
        if options is None and idle(module, self.name):
            return False
        info = self.real()
        result = info.fn(module, info.parse_options({}) if options is None else options)
        return False if left_unchanged(info.fn, result) else result


def _staged(run: PassFn, stage: str) -> PassFn:
    """``run`` as a function marked with ``stage`` (``stage.py``), as the real pass's function is."""

    def deferred(module: ir.Operation, options: Any) -> Any:
        return run(module, options)

    deferred.loom_stage = stage  # type: ignore[attr-defined]
    return deferred


_BUILTINS = _BuiltinRegistry()
BUILTIN_PASSES: PassRegistry = _BUILTINS
"""Every built-in loom pass (and every pass registered with ``loom.register_pass``)."""


def typed_pass(name: str, fn: PassFn, *, kind: PassKind, summary: str, options: type = NoOptions,
               origin: str | None = None, builtin: bool = False) -> PassInfo:
    """The ``PassInfo`` of a pass with an options dataclass; TypeError when a field cannot be an option."""
    names = tuple(spec.name for spec in option_specs(options))  # checks the declaration now, not at first use
    return PassInfo(name, summary, fn, names, options, origin, builtin, kind)


def loom_pass(name: str, *, kind: PassKind, summary: str, options: type = NoOptions) -> Callable[[F], F]:
    """Register the decorated function as the built-in pass ``name`` (kebab-case) in ``BUILTIN_PASSES``.

    ``kind`` says how far its effect reaches, ``summary`` is its line in
    ``loom-opt --list-passes``, ``options`` its options dataclass (a frozen
    dataclass, ``pass_options.py``): the function gets an instance of it.
    """

    def register(fn: F) -> F:
        info = typed_pass(name, fn, kind=kind, summary=summary, options=options, builtin=True)
        _BUILTINS._passes[name] = _BUILTINS._builtins[name] = info
        return fn

    return register
