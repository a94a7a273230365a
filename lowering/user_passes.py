"""Passes written by users: ``loom.register_pass`` and the diagnostics a pass reports.

::

    from dataclasses import dataclass
    import loom
    from loom.passes import error, option

    @dataclass(frozen=True)
    class MaxWidthOptions:
        limit: int = option(64, help="widest signal allowed")

    @loom.register_pass("check-max-width", options=MaxWidthOptions)
    def check_max_width(module, options: MaxWidthOptions) -> None:
        \"\"\"Report every value wider than `limit` bits.\"\"\"
        ...
        error(op, f"{width} bits is wider than {options.limit}").note(other, "used here")

A registered pass is known everywhere a pipeline is parsed: ``loom-opt``
(``--pass-pipeline``, ``--check-max-width=limit=8``, ``--list-passes``),
``loom.verilog(top, passes=...)``, ``Design.run`` and ``PassManager``. It is
registered as loom's own passes are (``registry.typed_pass``, which
``@loom_pass`` uses too), with a kind (``pass_kinds.py``; default
``module``). It receives the ``builtin.module`` op and an instance of its
options dataclass (``pass_options.py``: typed, kebab-case names, parsed
once when the pipeline is parsed), and reports problems with
``error``/``warning``/``note``/``remark`` at an op, a value or a location.
They are collected while the pass runs; when it returns, any error fails
the pass with all of them (``loom-opt`` prints each at its
``file:line:col`` and ``--verify-diagnostics`` matches them), otherwise the
others are delivered as warnings and remarks, as for loom's own checks
(``diagnostics.py``).

A name can be registered once: a second pass under it, or a built-in's
name, is an error at the second definition. The same function registered
again (its module imported twice) just replaces the first.
"""

from __future__ import annotations

import inspect
import re
from contextvars import ContextVar
from typing import Any, Callable, TypeVar, overload

from circt import ir

from ..dialect.errors import LoomError, PassFailedError
from ..dialect.srcloc import display_path, is_library_file, raising_location
from .diagnostics import Anchor, DiagnosticReport, PendingDiagnostic
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import BUILTIN_PASSES, PassFn, PassInfo, PassRegistry, canonical_name, typed_pass
from .stage import copy_marks

F = TypeVar("F", bound=Callable[..., Any])

_PASS_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_REPORT: ContextVar[DiagnosticReport | None] = ContextVar("loom_pass_report", default=None)


# -- diagnostics ------------------------------------------------------------------------------------


def _report(function: str) -> DiagnosticReport:
    report = _REPORT.get()
    if report is None:
        raise LoomError(f"loom.passes.{function}() reports a problem of the running pass; call it inside a pass"
                        " registered with loom.register_pass")
    return report


def error(at: Anchor, message: str) -> PendingDiagnostic:
    """Report an error at ``at`` (an op, a value, a location); the pass fails when it returns.

    Attach notes with ``error(...).note(other_op, "...")``.
    """
    return _report("error").error(at, message)


def warning(at: Anchor, message: str) -> PendingDiagnostic:
    """Report a warning at ``at``; it does not fail the pass."""
    return _report("warning").warning(at, message)


def note(at: Anchor, message: str) -> PendingDiagnostic:
    """Report a note on its own at ``at`` (to explain an error, use ``error(...).note(...)``)."""
    return _report("note").note(at, message)


def remark(at: Anchor, message: str) -> PendingDiagnostic:
    """Report a remark (what the pass did) at ``at``."""
    return _report("remark").remark(at, message)


# -- running a user pass ------------------------------------------------------------------------------


_CALLBACK = "Exception raised in callback: "
_FRAME = re.compile(r'^\s*File "(.*)", line (\d+), in ', re.MULTILINE)


def describe_failure(failure: Exception) -> tuple[str, str | None]:
    """``("KeyError: 'x'", "passes.py:12:1")``: an exception and the user's line it came from (None: loom's).

    An exception inside an MLIR callback (``op.walk(visit)``) reaches Python
    as a RuntimeError holding the original traceback as text; the innermost
    user frame and the original message are taken from that text.
    """
    text = str(failure)
    if not (isinstance(failure, RuntimeError) and text.startswith(_CALLBACK)):
        return f"{type(failure).__name__}: {text}", raising_location(failure)
    frames = [(file, line) for file, line in _FRAME.findall(text) if not is_library_file(file)]
    where = f"{display_path(frames[-1][0])}:{frames[-1][1]}:1" if frames else raising_location(failure)
    return text.strip().splitlines()[-1], where


def _runner(name: str, fn: Callable[..., Any]) -> PassFn:
    """``fn(module, options)`` with the diagnostics it reports collected, and its own bugs put at its line."""

    def run(module: ir.Operation, options: Any) -> Any:
        report = DiagnosticReport(name)
        token = _REPORT.set(report)
        try:
            result = fn(module, options)
        except LoomError:
            report.finish()  # errors reported before the raise come first
            raise
        except Exception as failure:  # noqa: BLE001 -- a bug in the user's pass, reported at its line
            what, where = describe_failure(failure)
            if where is None:
                raise
            raise PassFailedError(f"pass '{name}' raised {what}", where) from failure
        finally:
            _REPORT.reset(token)
        report.finish()
        return result

    run.__doc__ = fn.__doc__
    run.__name__ = getattr(fn, "__name__", name)
    copy_marks(fn, run)
    return run


# -- registration -----------------------------------------------------------------------------------


def _origin(fn: Callable[..., Any]) -> str | None:
    code = getattr(fn, "__code__", None)
    return None if code is None else f"{display_path(code.co_filename)}:{code.co_firstlineno}:1"


def _check_signature(name: str, fn: Callable[..., Any]) -> None:
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(None, None)
    except TypeError:
        raise TypeError(f"pass '{name}': {getattr(fn, '__name__', fn)!s}{signature} must take (module, options)")\
            from None


def _add(registry: PassRegistry, name: str, fn: Callable[..., Any], summary: str,
         options: type | tuple[str, ...] | None, kind: PassKind | str) -> None:
    if not callable(fn):
        raise TypeError(f"register_pass({name!r}, ...) needs a function, got {fn!r}")
    key = canonical_name(name)
    origin = _origin(fn)
    if not _PASS_NAME.match(key):
        raise LoomError(f"pass name {name!r} is not kebab-case (lower-case words joined by '-', e.g. 'check-widths')",
                        origin)
    existing = registry.lookup(key)
    if existing is not None and (existing.origin is None or existing.origin != origin):
        first = f"first registered at {existing.origin}" if existing.origin else "a built-in pass"
        raise LoomError(f"pass '{key}' is registered twice ({first})", origin)
    _check_signature(key, fn)
    if kind not in {k.value for k in PassKind}:
        raise LoomError(f"pass '{key}': kind {kind!r} is not one of {', '.join(k.value for k in PassKind)}", origin)
    if not summary and fn.__doc__:
        summary = fn.__doc__.strip().splitlines()[0]
    runner = _runner(key, fn)
    if isinstance(options, tuple):  # the older form: the pass gets the {name: text} dict
        registry.add(PassInfo(key, summary or "user pass", runner, options, origin=origin, kind=PassKind(kind)))
    else:
        registry.add(typed_pass(key, runner, kind=PassKind(kind), summary=summary or "user pass",
                                options=options or NoOptions, origin=origin))


@overload
def register_pass(name: F, /) -> F: ...
@overload
def register_pass(name: str | None = None, fn: None = None, summary: str = "", *,
                  options: type | None = None, kind: PassKind | str = PassKind.MODULE) -> Callable[[F], F]: ...
@overload
def register_pass(name: str, fn: Callable[..., Any], summary: str = "", *,
                  options: type | tuple[str, ...] | None = None, kind: PassKind | str = PassKind.MODULE) -> None: ...


def register_pass(name: Any = None, fn: Callable[..., Any] | None = None, summary: str = "", *,
                  options: type | tuple[str, ...] | None = None, kind: PassKind | str = PassKind.MODULE) -> Any:
    """Register a pass for every pipeline and for ``loom-opt``; as a decorator or a call.

    ``@register_pass`` (named after the function, ``_`` -> ``-``),
    ``@register_pass("name", options=Opts, summary=...)`` or
    ``register_pass("name", fn, options=Opts)``. The pass is
    ``fn(module, options)``: ``module`` the ``builtin.module`` op, ``options``
    an ``Opts`` instance (a frozen dataclass, ``pass_options.py``; no
    ``options``: an empty one). ``options`` may also be a tuple of option
    names, and ``fn`` then gets the ``{name: text}`` dict (the older form).
    The summary defaults to the docstring's first line. ``kind``
    (``"module"``, ``"check"``, ``"hierarchy"``, ``"design"``;
    ``pass_kinds.py``) says how far the pass reaches: only ``module`` and
    ``check`` passes may run on some instances only (``Design.run(on=...)``).
    """
    if callable(name) and fn is None:
        _add(BUILTIN_PASSES, name.__name__, name, summary, options, kind)
        return name
    if fn is not None:
        _add(BUILTIN_PASSES, name, fn, summary, options, kind)
        return None

    def decorate(function: F) -> F:
        _add(BUILTIN_PASSES, name or function.__name__, function, summary, options, kind)
        return function

    return decorate
