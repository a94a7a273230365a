"""Running checks: each ``check-*`` pass alone, or several sharing one scan of each module.

A check is ``check(report, scan)`` over one module's ``Scan`` plus the
top-level op names (and name prefixes) it needs the scan to keep. Reading
a module costs about a microsecond per top-level op from Python, which is
most of a check's time on a large design (0.1 s per check for 50,000
instances); ``loom-checks`` runs several checks on one scan per module and
reports all their problems together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from types import MappingProxyType

from circt import ir

from ...dialect.errors import ParseError
from ...dialect.opkinds import GUARDS, PROCEDURAL_BLOCKS
from ..diagnostics import DiagnosticReport
from ..instance_notes import InstanceNotes
from ..pass_kinds import PassKind
from ..pass_options import NoOptions, option
from ..registry import loom_pass
from ..rewrites.common import absent
from ..stage import preserves_ir
from .model import OpFilter, Scan, modules, scan, top_ops

CheckFn = Callable[[DiagnosticReport, Scan], None]

CONTAINERS = PROCEDURAL_BLOCKS | GUARDS | frozenset({"loom.fsm", "loom.func"})
"""The ops statements are nested in (a branch sits in one of them): a design without them is flat."""


class Check:
    """A check over one module's scan, and what the scan must keep for it.

    ``bind``, for a check that needs more than one module at a time (the
    combinational-loop check composes per-module summaries through the instance
    graph): makes the run's ``check`` function from the whole design and the
    scans of all its modules, so that state shared between modules lives for one
    run only and a question about every module can be asked at once.

    ``kept_if``, for some names of ``wanted``: which of those ops the check reads at all (a register without a
    reset, for the flip-flop check). A module whose scan keeps nothing a check reads is not shown to it.

    A plain class with slots: a ``NamedTuple`` costs about 0.1 ms at import, in every process's first build
    (docs/architecture.md, "Start-up").
    """

    __slots__ = ("bind", "check", "kept_if", "name", "prefixes", "wanted")

    def __init__(self, name: str, check: CheckFn | None = None, wanted: frozenset[str] = frozenset(),
                 prefixes: tuple[str, ...] = (), bind: Callable[[ir.Operation, Sequence[Scan]], CheckFn] | None = None,
                 kept_if: Mapping[str, OpFilter] = MappingProxyType({})):
        self.name = name
        self.check = check
        self.wanted = wanted
        self.prefixes = prefixes
        self.bind = bind
        self.kept_if = kept_if

    def for_run(self, root: ir.Operation, scans: Sequence[Scan]) -> CheckFn:
        """The check function for one run over ``root``, whose modules' scans are ``scans``."""
        if self.bind is not None:
            return self.bind(root, scans)
        assert self.check is not None, f"{self.name}: a Check needs check= or bind="
        return self.check

    @preserves_ir
    def run(self, module: ir.Operation, options: NoOptions) -> None:
        """The pass: check every module, then fail with all problems found (``CheckFailedError``)."""
        del options
        run_checks(module, [self], self.name)


def run_checks(module: ir.Operation, checks: Sequence[Check], pass_name: str,
               everything: Callable[[], Sequence[Check]] | None = None) -> None:
    """Run ``checks`` on one scan of each module of ``module``; report every problem, then fail if any.

    ``everything``: the checks to run instead, once some scan holds procedural blocks or assignments (or
    ``checks`` match name prefixes). The checks it adds must ask the scan for nothing (no ``wanted`` ops,
    prefixes or ``bind``): they read blocks and assignments only, so on a design without any they would not be
    called, and ``loom-checks`` does not import them (docs/architecture.md, "Start-up")."""
    report = DiagnosticReport(pass_name)
    wanted = frozenset().union(*(c.wanted for c in checks))
    prefixes = tuple(p for c in checks for p in c.prefixes)
    kept_if = _filters(checks)
    notes = InstanceNotes(module)
    # One walk finds what every scan keeps, unless procedural code makes it find many nested ops too (each a
    # call into Python): then each module's body is read, as cheap there, and the walk would be wasted.
    index = None if prefixes or not absent(module, CONTAINERS) else top_ops(module, wanted, kept_if)
    scans = [scan(model, wanted, prefixes, index, kept_if) for model in modules(module)]
    if everything is not None and (prefixes or any(found.blocks or found.assignments for found in scans)):
        checks = everything()
    functions = [c.for_run(module, scans) for c in checks]
    chosen: dict[tuple[str, ...], list[CheckFn]] = {}  # the checks to call on a scan that kept only these ops
    for found in scans:
        mark = report.mark()
        if found.blocks or found.assignments or prefixes:
            calls = functions
        else:
            kept = tuple(found.ops)
            calls = chosen.get(kept) or chosen.setdefault(kept, _reading(checks, functions, kept))
        for function in calls:
            function(report, found)
        errors = report.errors_since(mark)
        model = found.model
        note = notes.note(model.name, model.op) if errors else None
        if note is not None:
            for error in errors:
                error.notes.append(note)
    report.finish()


def _filters(checks: Sequence[Check]) -> dict[str, OpFilter]:
    """The filter of each wanted name that every check wanting it filters: an op is kept when one of them
    reads it (a name some check reads whole is not filtered)."""
    found: dict[str, list[OpFilter] | None] = {}
    for check in checks:
        for name in check.wanted:
            keep = check.kept_if.get(name)
            if keep is None:
                found[name] = None
            elif (known := found.setdefault(name, [])) is not None:
                known.append(keep)
    return {name: keeps[0] if len(keeps) == 1 else _any_of(keeps) for name, keeps in found.items() if keeps}


def _any_of(keeps: list[OpFilter]) -> OpFilter:
    return lambda op: any(keep(op) for keep in keeps)


def _reading(checks: Sequence[Check], functions: list[CheckFn], kept: tuple[str, ...]) -> list[CheckFn]:
    """The checks with something to read in a scan without procedural blocks or assignments that kept only
    ops named ``kept``: those that asked for one of them, and those bound to the run (``bind``). Every other
    check has nothing to say about such a module (most leaves of a large design), so it is not called."""
    return [function for check, function in zip(checks, functions, strict=True)
            if check.bind is not None or not check.wanted.isdisjoint(kept)]


CHECK_NAMES = ("check-mixed-assignment", "check-non-synthesizable-content", "check-inferred-latch",
               "check-always-sensitivity", "check-multiple-driver", "check-flip-flop-always-ff",
               "check-combinational-loop")
"""The names of ``all_checks()``, in its order (known without importing a check)."""


def all_checks() -> list[Check]:
    """The six kratos checks, in kratos's order, then the combinational-loop check."""
    # not at the top: every check imports this module
    from . import (
        always_sensitivity,
        combinational_loop,
        flip_flop_always_ff,
        inferred_latch,
        mixed_assignment,
        multiple_driver,
        non_synthesizable,
    )
    return [mixed_assignment.CHECK, non_synthesizable.CHECK, inferred_latch.CHECK, always_sensitivity.CHECK,
            multiple_driver.CHECK, flip_flop_always_ff.CHECK, combinational_loop.CHECK]


@dataclass(frozen=True)
class ChecksOptions:
    """The options of ``loom-checks``."""

    skip: tuple[str, ...] = option((), help="check-* passes to leave out")


@loom_pass("loom-checks", kind=PassKind.DESIGN,
           summary="Run every check-* pass on one walk of each module and report all problems"
                   " (skip=a,b leaves some out)",
           options=ChecksOptions)
@preserves_ir
def run_all(module: ir.Operation, options: ChecksOptions) -> None:
    """``loom-checks{skip=a,b}``: every check pass (but those skipped) on one scan per module."""
    skip = {name.replace("_", "-") for name in options.skip}
    unknown = skip - set(CHECK_NAMES)
    if unknown:
        raise ParseError(f"loom-checks: unknown check '{sorted(unknown)[0]}' in skip= (checks: "
                         f"{', '.join(CHECK_NAMES)})")
    run_checks(module, [c for c in scanning_checks(skip) if c.name not in skip], "loom-checks",
               lambda: [c for c in all_checks() if c.name not in skip])


def scanning_checks(skip: Set[str] = frozenset()) -> list[Check]:
    """The checks of ``all_checks()`` (in its order) that ask the scan for ops or prefixes or see the whole
    design (``bind``); those in ``skip`` may be left out. The others read procedural blocks and assignments
    only (``run_checks``'s ``everything``)."""
    # not at the top: every check imports this module
    from . import combinational_loop, flip_flop_always_ff

    checks = [flip_flop_always_ff.CHECK, combinational_loop.CHECK]
    if "check-non-synthesizable-content" not in skip:
        from . import non_synthesizable  # not at the top: it imports this module (left out by the default pipeline)

        checks.insert(0, non_synthesizable.CHECK)
    return checks
