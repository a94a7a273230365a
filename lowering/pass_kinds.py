"""What each pass needs from the design, and so whether it can run on some instances only.

A pass scoped by a path pattern (``Design.run(pipeline, on=...)``,
``loom-scope``) runs on one module variant at a time. That is only sound for
passes whose effect stays inside the module they run on:

- ``module``: rewrites one module body at a time and keeps its ports
  (clean-ups, procedural rewrites, CIRCT's canonicalize/cse, most user
  passes). Scoped: runs on a copy of each module of a matched instance;
  only modules it changes get variants.
- ``check``: reads one module at a time and reports. Scoped: reports only for
  the modules of matched instances, with how many matched instances each
  problem affects.
- ``hierarchy``: changes ports, instances or several modules at once (the
  path-pattern edits, dead-code elimination, pass-through removal, port
  bundling). Not scopable: a variant's parents would have to change too, and
  these passes already say where they act (an edit's own ``path``, a
  generator attribute).
- ``design``: needs the whole design (lowering, export, verification of
  instances against their modules, hierarchical checks). Not scopable.

Each built-in pass declares its kind where it is registered (``@loom_pass``
in ``registry.py``); a CIRCT pass or a user pass counts as ``module``, and a
scoped run then checks that it kept the module's interface and created no
other module, and refuses it with a clear error if not.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class PassKind(str, Enum):  # noqa: UP042 -- StrEnum would change str(kind) from 'PassKind.MODULE' to 'module'
    """How far a pass's effect reaches (see the module docstring)."""

    MODULE = "module"
    CHECK = "check"
    HIERARCHY = "hierarchy"
    DESIGN = "design"

    @property
    def scopable(self) -> bool:
        return self in (PassKind.MODULE, PassKind.CHECK)


_REACH = (PassKind.CHECK, PassKind.MODULE, PassKind.HIERARCHY, PassKind.DESIGN)
"""The kinds from the one whose effect reaches least (reads a module) to the one that needs most (the design)."""


def widest(kinds: Iterable[PassKind]) -> PassKind:
    """The kind of a pipeline: that of its pass that reaches furthest (``module`` for an empty pipeline).

    A pipeline can run on some instances only exactly when each of its passes can, which is when its widest
    kind is scopable.
    """
    return max(kinds, key=_REACH.index, default=PassKind.MODULE)


_WHY = {
    PassKind.HIERARCHY: "it changes ports, instances or several modules at once",
    PassKind.DESIGN: "it needs the whole design",
}


def why_not_scopable(kind: PassKind) -> str | None:
    """None when a pass of ``kind`` can be scoped, else the reason (for the error message)."""
    return None if kind.scopable else f"{_WHY[kind]} (kind '{kind.value}')"
