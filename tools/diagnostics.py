"""Diagnostics for ``loom-opt``: one record for every source, and ``--verify-diagnostics``.

Problems reach the tool four ways: MLIR parse errors (``MLIRError``), the
loom verifier (``Problem`` with an ``ir.Location``), loom passes (a
``LoomError`` whose location is ``file:line:col`` text, or a
``CheckFailedError`` carrying several ``Diagnostic``s, and warnings handed
to ``lowering.diagnostics.diagnostic_handler``) and diagnostics that
MLIR/CIRCT passes emit to the context's handler. Each is turned into a
``Diagnostic`` here, so printing them and matching them against
``// expected-error`` comments is one code path whatever produced them.

``--verify-diagnostics`` follows MLIR's semantics (``mlir/lib/IR/Diagnostics.cpp``):
an expectation names a severity, a line (its own, ``@+N``, ``@-N``,
``@above``, ``@below`` or ``@unknown``) and a substring (``-re``: literal text
with ``{{regex}}`` parts); every emitted diagnostic and each of its notes must
match one, and every expectation must be matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from circt import ir

from ..dialect.errors import LoomError
from ..dialect.remarks import Remark
from ..dialect.verify import Problem
from ..lowering.diagnostics import ERROR, NOTE, REMARK, WARNING, CheckFailedError, Diagnostic, location_of

__all__ = ["ERROR", "WARNING", "NOTE", "REMARK", "Diagnostic", "location_of"]

_SEVERITY_NAMES = {
    ir.DiagnosticSeverity.ERROR: ERROR,
    ir.DiagnosticSeverity.WARNING: WARNING,
    ir.DiagnosticSeverity.NOTE: NOTE,
    ir.DiagnosticSeverity.REMARK: REMARK,
}

_LOCATED_NOTE = re.compile(r"^(.*?:\d+:\d+): (?:(error|warning|note|remark): )?(.*)$", re.DOTALL)
_OP_DUMP_NOTE = "see current operation:"


def from_mlir(diagnostic: ir.Diagnostic | ir.DiagnosticInfo) -> Diagnostic:
    """Copy an MLIR diagnostic (handler argument or ``MLIRError.error_diagnostics`` item).

    Handler diagnostics are only valid during the callback, so everything is copied out now.
    """
    severity = _SEVERITY_NAMES.get(diagnostic.severity, ERROR)
    notes = tuple(from_mlir(note) for note in diagnostic.notes)
    return Diagnostic(severity, diagnostic.message, location_of(diagnostic.location), notes)


def from_problem(problem: Problem) -> Diagnostic:
    """A loom verifier finding is an error at its op."""
    return Diagnostic(ERROR, problem.message, location_of(problem.location))


def from_remark(remark: Remark) -> Diagnostic:
    """A remark a loom pass reported (``dialect/remarks.py``), with its located notes."""
    notes = tuple(Diagnostic(NOTE, text, location_of(loc)) for loc, text in remark.notes)
    return Diagnostic(remark.severity, remark.message, location_of(remark.location), notes)


def _note_from_text(text: str) -> Diagnostic:
    """LoomError notes are text; keep a leading ``file:line:col:`` as a real location."""
    match = _LOCATED_NOTE.match(text)
    if match is None:
        return Diagnostic(NOTE, text)
    return Diagnostic(match.group(2) or NOTE, match.group(3), match.group(1))


def from_loom_error(error: LoomError) -> Diagnostic:
    """A LoomError is an error at its ``file:line:col`` text (None or ``<unknown>``: no location)."""
    location = error.location if error.location and error.location != "<unknown>" else None
    return Diagnostic(ERROR, error.message, location, tuple(_note_from_text(n) for n in error.notes))


def diagnostics_of_error(error: LoomError) -> list[Diagnostic]:
    """Every diagnostic a failure carries: all of a ``CheckFailedError``'s, else the error itself."""
    if isinstance(error, CheckFailedError):
        return list(error.diagnostics)
    return [from_loom_error(error)]


def is_op_dump(diagnostic: Diagnostic) -> bool:
    """The ``see current operation`` note MLIR adds; mlir-opt drops it under --verify-diagnostics."""
    return diagnostic.severity == NOTE and diagnostic.message.startswith(_OP_DUMP_NOTE)


@dataclass
class DiagnosticSink:
    """Collects a chunk's diagnostics in emission order, echoing them to ``echo`` if given."""

    echo: TextIO | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        if self.echo is not None:
            self.echo.write(diagnostic.render() + "\n")
            self.echo.flush()

    def add_all(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    def handle(self, diagnostic: ir.Diagnostic) -> bool:
        """Context diagnostic handler: record it and mark it handled (no default printing)."""
        self.add(from_mlir(diagnostic))
        return True

    @property
    def error_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == ERROR)


# -- --verify-diagnostics -----------------------------------------------------

_EXPECTATION = re.compile(
    r"expected-(error|warning|note|remark)(-re)?[ \t]*(?:@([+-]\d+|above|below|unknown))?[ \t]*\{\{(.*)\}\}[ \t]*$")
_REGEX_PART = re.compile(r"\{\{(.*?)\}\}")


@dataclass
class Expectation:
    """One ``expected-<severity>`` comment: what must be emitted at which line (None: unknown location)."""

    severity: str
    line: int | None
    text: str
    pattern: re.Pattern[str] | None
    source_line: int
    source_column: int
    matched: bool = False

    def matches(self, message: str) -> bool:
        if self.pattern is not None:
            return self.pattern.search(message) is not None
        return self.text in message


def _expectation_regex(text: str) -> re.Pattern[str]:
    """``-re`` text: literal parts with ``{{regex}}`` parts, as in MLIR and FileCheck."""
    parts = _REGEX_PART.split(text)
    return re.compile("".join(part if index % 2 else re.escape(part) for index, part in enumerate(parts)))


def _target_line(offset: str | None, line: int) -> int | None:
    if offset is None:
        return line
    if offset == "unknown":
        return None
    if offset in ("above", "below"):
        return line - 1 if offset == "above" else line + 1
    return line + int(offset)


def parse_expectations(text: str) -> list[Expectation]:
    """Every expectation comment in ``text``, lines numbered from 1.

    As in MLIR, ``@below`` means the next line that holds no expectation, so
    several ``@below`` comments in a row all name the op under them.
    """
    expectations: list[Expectation] = []
    below: list[Expectation] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECTATION.search(line) if "expected-" in line else None
        if match is None:
            for expectation in below:
                expectation.line = number
            below.clear()
            continue
        severity, is_regex, offset, body = match.groups()
        pattern = _expectation_regex(body) if is_regex else None
        expectation = Expectation(severity, _target_line(offset, number), body, pattern, number, match.start() + 1)
        expectations.append(expectation)
        if offset == "below":
            below.append(expectation)
    return expectations


def _flatten(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """Each diagnostic, then each of its notes, as MLIR's verifier handler sees them."""
    for diagnostic in diagnostics:
        yield Diagnostic(diagnostic.severity, diagnostic.message, diagnostic.location)
        for note in diagnostic.notes:
            if not is_op_dump(note):
                yield from _flatten([note])


def _match_one(diagnostic: Diagnostic, expectations: list[Expectation], filename: str) -> Diagnostic | None:
    """Mark the expectation ``diagnostic`` meets; otherwise return the error to report."""
    where = diagnostic.file_line
    if where is not None and where[0] != filename:
        return Diagnostic(ERROR, f"unexpected {diagnostic.severity}: {diagnostic.message}", diagnostic.location)
    line = where[1] if where is not None else None
    near_miss: Expectation | None = None
    for expectation in expectations:
        if expectation.line != line or not expectation.matches(diagnostic.message):
            continue
        if expectation.severity == diagnostic.severity:
            expectation.matched = True
            return None
        near_miss = expectation
    if near_miss is not None:
        return Diagnostic(ERROR, f"'{diagnostic.severity}' diagnostic emitted when expecting a"
                                 f" '{near_miss.severity}'",
                          f"{filename}:{near_miss.source_line}:{near_miss.source_column}")
    return Diagnostic(ERROR, f"unexpected {diagnostic.severity}: {diagnostic.message}", diagnostic.location)


def check_diagnostics(expectations: list[Expectation], diagnostics: Iterable[Diagnostic],
                      filename: str) -> list[Diagnostic]:
    """The errors ``--verify-diagnostics`` reports; empty means every expectation was met exactly."""
    errors = [error for d in _flatten(diagnostics) if (error := _match_one(d, expectations, filename))]
    for expectation in expectations:
        if not expectation.matched:
            errors.append(Diagnostic(ERROR, f'expected {expectation.severity} "{expectation.text}" was not produced',
                                     f"{filename}:{expectation.source_line}:{expectation.source_column}"))
    return errors
