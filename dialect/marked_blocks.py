"""``always_latch`` and ``final`` blocks: how loom prints blocks CIRCT has no op for.

CIRCT's ``sv`` dialect has ``sv.alwayscomb``, ``sv.alwaysff``, ``sv.always``
and ``sv.initial`` but no ``always_latch`` and no ``final``. loom writes such a
block as the op it behaves like, carrying a SystemVerilog attribute
(``sv.attributes``) that names the real keyword:

- ``always_latch``: an ``sv.alwayscomb`` with ``(* loom_always_latch *)``;
  ``check-inferred-latch`` skips it (its latches are wanted);
- ``final``: an ``sv.initial`` with ``(* loom_final *)`` (both run once, at
  the start or at the end of the simulation).

Every pass treats the block as its op; ExportVerilog prints the attribute on
the line before the keyword. Every way loom writes SystemVerilog then passes
the text through ``realize``, which replaces the attribute line and the keyword
after it (and the ``end // <keyword>`` comment of that block). This keeps the
statements real ops (an ``sv.verbatim`` header could not hold them) at the
price of one textual rewrite, which only matches attributes loom itself writes.
"""

from __future__ import annotations

from typing import Any

LATCH, FINAL = "loom_always_latch", "loom_final"
KEYWORDS = {LATCH: ("always_comb", "always_latch"), FINAL: ("initial", "final")}
"""marker -> (the keyword ExportVerilog prints, the keyword it stands for)."""
MARKABLE_OPS = ("sv.alwayscomb", "sv.initial")
"""The ops a marked block is written as (the keywords above)."""


def attribute(marker: str) -> str:
    """The ``sv.attributes`` value that marks a block with ``marker``."""
    return f'[#sv.attribute<"{marker}">]'


def marker_of(op: Any) -> str | None:
    """The marker of a procedural block op (None for an ordinary block)."""
    attributes = op.attributes
    if "sv.attributes" not in attributes:
        return None
    text = str(attributes["sv.attributes"])
    return next((marker for marker in KEYWORDS if f'"{marker}"' in text), None)


def may_hold_marks(text: str) -> bool:
    """Whether ``text`` (ExportVerilog output) may hold a marked block: without, ``realize`` returns it as it is.
    A search of the text, cheaper than asking the IR (10,000 modules: 0.5 ms against a 7 ms walk)."""
    return "(* loom_" in text


def realize(text: str) -> str:
    """``text`` (ExportVerilog output) with every marked block printed with its real keyword."""
    if not may_hold_marks(text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        header = lines[index + 1] if index + 1 < len(lines) else ""
        marker = line.strip()[3:-3] if line.strip().startswith("(* ") and line.strip().endswith(" *)") else ""
        printed, real = KEYWORDS.get(marker, ("", ""))
        if not printed or not header.lstrip().startswith(printed):
            out.append(line)
            index += 1
            continue
        indent = header[:len(header) - len(header.lstrip())]
        out.append(header.replace(printed, real, 1))
        index += 2
        if f"{printed} begin" not in header:
            continue  # a single statement, no begin/end
        while index < len(lines) and not lines[index].startswith(indent + "end"):
            out.append(lines[index])
            index += 1
        if index < len(lines):
            out.append(lines[index].replace(f"// {printed}", f"// {real}", 1))
            index += 1
    return "\n".join(out)
