"""``loom.case_names``: the enum member (or FSM state) each ``sv.case`` label stands for.

Passes before ``lower-data-types`` reason about ``sv.case`` labels as bit
patterns (latch and return checks, if-to-case), and ``sv.localparam`` can only
exist inside an ``hw.module``; so the frontend and ``realize-fsm`` write the
labels as numbers and name them in this discardable attribute, one string per
``casePatterns`` entry (``""`` for an unnamed label and for ``default``):

    sv.case %state : i2 {loom.case_names = ["IDLE", "RUN", ""]}

``lower-data-types`` then replaces each named label by an expression pattern
reading the localparam of that name, so the SystemVerilog says ``IDLE:``.
"""

from __future__ import annotations

CASE_NAMES = "loom.case_names"


def case_names_text(names: list[str]) -> str:
    """The attribute dictionary text ( `` {loom.case_names = [...]}``) for the custom ``sv.case`` syntax; empty
    when no label has a name."""
    if not any(names):
        return ""
    return " {" + CASE_NAMES + " = [" + ", ".join(f'"{name}"' for name in names) + "]}"
