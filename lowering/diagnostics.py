"""Several diagnostics from one pass: errors, warnings and attached notes, each at an op's location.

MLIR's Python bindings can only emit a bare error (``Location.emit_error``):
no warnings, no notes. kratos's checks, however, report *every* problem they
find and then stop, and a good report of a multiple driver points at each
driver. So loom passes collect ``Diagnostic`` records in a
``DiagnosticReport`` and finish it::

    report = DiagnosticReport("check-multiple-driver")
    error = report.error(op, "'x' has 2 drivers")
    error.note(other_op, "also driven here")
    report.warning(op, "cannot tell which bits ...")
    report.finish()          # raises CheckFailedError if there were errors

``finish`` raises ``CheckFailedError`` (a ``PassFailedError``) carrying all
diagnostics, warnings included, when any error was reported; ``loom-opt``
prints each of them and ``--verify-diagnostics`` matches each, notes too.
Otherwise the warnings go to the listeners of ``dialect/remarks.py`` (the
channel for diagnostics that do not fail a pass; ``loom-opt`` listens), or,
when nobody listens (``loom.verilog(...)`` from Python), become
``LoomWarning``s.

A location is the op's ``file:line:col``: the user's Python line for IR the
frontend wrote, the ``.mlir`` line for IR read from a file.
"""

from __future__ import annotations

import linecache
import re
import warnings
from dataclasses import dataclass, field

from circt import ir

from ..dialect import remarks
from ..dialect.context import location_text
from ..dialect.errors import LoomWarning, PassFailedError
from ..dialect.srcloc import resolve_path

ERROR, WARNING, NOTE, REMARK = "error", "warning", "note", "remark"

_FILE_LINE_COL = re.compile(r"^(.*):(\d+):(\d+)$")


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic: severity, message, ``file:line:col`` (None: unknown) and attached notes."""

    severity: str
    message: str
    location: str | None = None
    notes: tuple[Diagnostic, ...] = ()

    @property
    def file_line(self) -> tuple[str, int] | None:
        """(file, line) of a known location, for matching against expectations."""
        if self.location is None:
            return None
        match = _FILE_LINE_COL.match(self.location)
        return (match.group(1), int(match.group(2))) if match else None

    def render(self, source: bool = False) -> str:
        """mlir-opt's format: ``file:line:col: error: message``, then each note on its own line.

        ``source``: quote the line of the user's file under each diagnostic
        that has one (what kratos prints for its debug-mode reports).
        """
        head = f"{self.location}: " if self.location else ""
        lines = [f"{head}{self.severity}: {self.message}"]
        quoted = source_line(self) if source else None
        if quoted:
            lines.append(f"    {quoted}")
        lines.extend(note.render(source) for note in self.notes)
        return "\n".join(lines)


def source_line(diagnostic: Diagnostic) -> str | None:
    """The stripped text of the diagnostic's source line, when the file can be read."""
    where = diagnostic.file_line
    if where is None:
        return None
    text = linecache.getline(resolve_path(where[0]), where[1]).strip()
    return text or None


Anchor = ir.Operation | ir.OpView | ir.Value | ir.Location | str | None
"""What a diagnostic can be attached to: an op, a value (its defining op or block argument), a location."""


def location_of(location: ir.Location) -> str | None:
    """``file:line:col`` of a location, None when it has no file position."""
    text = location_text(location)
    return None if text == "<unknown>" else text


def anchor_location(at: Anchor) -> str | None:
    """The ``file:line:col`` of an op, a value or a location (None: unknown)."""
    if at is None:
        return None
    if isinstance(at, str):
        return at if at != "<unknown>" else None
    if isinstance(at, ir.Location):
        return location_of(at)
    if isinstance(at, ir.OpView):
        return location_of(at.operation.location)
    if isinstance(at, ir.Operation):
        return location_of(at.location)
    if isinstance(at, ir.OpResult):
        return location_of(at.owner.location)
    return location_of(ir.BlockArgument(at).location)


@dataclass
class PendingDiagnostic:
    """A diagnostic being built: ``note`` attaches notes; frozen into a ``Diagnostic`` by ``freeze``."""

    severity: str
    message: str
    location: str | None
    notes: list[Diagnostic] = field(default_factory=list)

    def note(self, at: Anchor, message: str) -> PendingDiagnostic:
        """Attach a note located at ``at``; returns self so notes can be chained."""
        self.notes.append(Diagnostic(NOTE, message, anchor_location(at)))
        return self

    def freeze(self) -> Diagnostic:
        return Diagnostic(self.severity, self.message, self.location, tuple(self.notes))


class CheckFailedError(PassFailedError):
    """A pass reported one or more errors; ``diagnostics`` holds all of them (and its warnings).

    ``message``/``location`` are the first error's, so code that only knows
    ``LoomError`` still names the first problem; ``str()`` lists every
    diagnostic with the user's source line under it.
    """

    def __init__(self, pass_name: str, diagnostics: tuple[Diagnostic, ...]):
        errors = [d for d in diagnostics if d.severity == ERROR]
        first = errors[0]
        rest = tuple(d.render() for d in diagnostics if d is not first)
        super().__init__(first.message, first.location, tuple(n.render() for n in first.notes) + rest)
        self.pass_name = pass_name
        self.diagnostics = diagnostics

    @property
    def error_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)

    def __str__(self) -> str:
        count = self.error_count
        header = f"{self.pass_name} failed with {count} error{'s' if count != 1 else ''}:"
        return "\n".join([header, *(d.render(source=True) for d in self.diagnostics)])


def deliver(diagnostic: Diagnostic) -> None:
    """Hand a diagnostic that does not fail the pass to ``dialect.remarks``' listeners (``loom-opt`` is
    one); when nobody listens, a warning becomes a ``LoomWarning`` and a remark or note is dropped (as
    ``remarks.emit`` drops it)."""
    if not remarks.has_listeners():
        if diagnostic.severity == WARNING:
            warnings.warn(LoomWarning(diagnostic.render(source=True)), stacklevel=3)
        return
    notes = tuple((_location(note.location), note.message) for note in diagnostic.notes)
    remarks.emit(_location(diagnostic.location), diagnostic.message, diagnostic.severity, notes)


def _location(text: str | None) -> ir.Location:
    """``file:line:col`` back into an ``ir.Location`` (unknown when there is none)."""
    match = _FILE_LINE_COL.match(text or "")
    if match is None:
        return ir.Location.unknown()
    return ir.Location.file(match.group(1), int(match.group(2)), int(match.group(3)))


class DiagnosticReport:
    """Collects a pass's diagnostics in the order found; ``finish`` fails the pass if any is an error."""

    def __init__(self, pass_name: str):
        self.pass_name = pass_name
        self._pending: list[PendingDiagnostic] = []

    def error(self, at: Anchor, message: str) -> PendingDiagnostic:
        """Report an error at ``at``; attach notes to the returned record."""
        return self._add(ERROR, at, message)

    def warning(self, at: Anchor, message: str) -> PendingDiagnostic:
        """Report a warning at ``at`` (does not fail the pass by itself)."""
        return self._add(WARNING, at, message)

    def note(self, at: Anchor, message: str) -> PendingDiagnostic:
        """Report a note on its own at ``at`` (to attach one to an error, use the error's ``note``)."""
        return self._add(NOTE, at, message)

    def remark(self, at: Anchor, message: str) -> PendingDiagnostic:
        """Report a remark (information, e.g. what the pass did) at ``at``."""
        return self._add(REMARK, at, message)

    def _add(self, severity: str, at: Anchor, message: str) -> PendingDiagnostic:
        pending = PendingDiagnostic(severity, message, anchor_location(at))
        self._pending.append(pending)
        return pending

    def mark(self) -> int:
        """A position in the report; ``errors_since(mark)`` gives the errors reported after it."""
        return len(self._pending)

    def errors_since(self, mark: int) -> list[PendingDiagnostic]:
        pending = self._pending
        # asked once per module by loom-checks: most modules add nothing, and then no slice is made
        return [p for p in pending[mark:] if p.severity == ERROR] if len(pending) > mark else []

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self._pending)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Everything reported so far, sorted by file and line (ties keep the reporting order)."""
        frozen = [p.freeze() for p in self._pending]
        return tuple(sorted(frozen, key=_position))

    def finish(self) -> None:
        """Raise ``CheckFailedError`` with every diagnostic if there were errors, else deliver the warnings."""
        diagnostics = self.diagnostics()
        if self.has_errors:
            raise CheckFailedError(self.pass_name, diagnostics)
        for diagnostic in diagnostics:
            deliver(diagnostic)


def _position(diagnostic: Diagnostic) -> tuple[str, int, int]:
    if diagnostic.location is None:
        return ("", 0, 0)
    match = _FILE_LINE_COL.match(diagnostic.location)
    if match is None:
        return (diagnostic.location, 0, 0)
    return (match.group(1), int(match.group(2)), int(match.group(3)))
