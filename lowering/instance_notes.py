"""Which instances a problem found in a module affects: counted, with one example path, never enumerated.

A check runs once per module, but the user thinks in instances: an error in
``Leaf`` of a depth-20 tree is an error in 1,048,576 places. The note added
to such a diagnostic names the module, the count (``Queries.reach``: one
pass over (module, automaton state) pairs for all modules at once) and one
example path (``Queries.example``: one descent), so it costs the number of
modules, not of instances, and a scoped check counts only matched instances.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from circt import ir

from ..dialect.errors import LoomError
from ..dialect.hierarchy import Hierarchy
from .diagnostics import NOTE, Anchor, Diagnostic, anchor_location

if TYPE_CHECKING:
    from .queries import Queries


class InstanceNotes:
    """Notes for problems in modules of ``root``; ``pattern`` restricts the counted instances (scoped runs)."""

    def __init__(self, root: ir.Operation, pattern: str = "**", top: str | None = None,
                 hierarchy: Hierarchy | None = None):
        self.root = root
        self.pattern = pattern
        self.scoped = pattern != "**"
        self._top = top
        self._hierarchy = hierarchy
        self._queries: Queries | None = None
        self._counts: dict[str, int] | None = None

    def _load(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = {}
            try:
                hierarchy = self._hierarchy or Hierarchy(self.root, self._top, require_top=False)
            except LoomError:
                return self._counts  # no usable instance graph (e.g. a missing top): no notes
            if not hierarchy.top:
                return self._counts  # several tops (loom-opt on a file of loose modules): no notes
            # Only a problem asks: loom-checks imports this module on every build (docs/architecture.md, "Start-up").
            from .queries import Queries

            self._queries = Queries(self.root, hierarchy=hierarchy)
            reach = self._queries.reach(self.pattern)
            self._counts = {name: count for (name, matched), count in reach.items() if matched}
        return self._counts

    def count(self, module: str) -> int:
        return self._load().get(module, 0)

    def note(self, module: str, at: Anchor) -> Diagnostic | None:
        """``in module 'Leaf': 1,048,576 instances, e.g. left.left.right``; None where a note says nothing new
        (unscoped and the module has at most one instance)."""
        count = self.count(module)
        if count == 0 or (count == 1 and not self.scoped) or self._queries is None:
            return None
        example = self._queries.example(self.pattern, module)
        kind = "matched instance" if self.scoped else "instance"
        noun = kind if count == 1 else kind + "s"
        where = f", e.g. {example}" if example else ""
        return Diagnostic(NOTE, f"in module '{module}': {count:,} {noun}{where}", anchor_location(at))
