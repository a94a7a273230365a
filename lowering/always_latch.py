"""``always_latch`` blocks: how loom prints a block CIRCT has no op for.

CIRCT's ``sv`` dialect has ``sv.alwayscomb``, ``sv.alwaysff``, ``sv.always``
and ``sv.initial`` but no ``always_latch``. A latch block is, in the IR, an
``sv.alwayscomb`` carrying the SystemVerilog attribute ``(* loom_always_latch *)``
(``sv.attributes``): every pass treats it as the combinational block it
behaves like, ``check-inferred-latch`` skips it (its latches are wanted), and
ExportVerilog prints the attribute on the line before ``always_comb``. Every
way loom writes SystemVerilog then passes the text through ``realize``, which
turns that attribute line and the ``always_comb`` after it into
``always_latch`` (and the ``end // always_comb`` comment of that block into
``end // always_latch``). This keeps the statements real ops (an
``sv.verbatim`` header could not hold them) at the price of one textual
rewrite, which only ever matches the attribute loom itself writes.
"""

from __future__ import annotations

MARKER = "loom_always_latch"
ATTRIBUTE = f'#sv.attribute<"{MARKER}">'
"""The ``sv.attributes`` entry that marks an ``sv.alwayscomb`` as an ``always_latch``."""

_ATTRIBUTE_LINE = f"(* {MARKER} *)"


def is_latch_block(op: object) -> bool:
    """Whether the ``sv.alwayscomb`` ``op`` is a marked ``always_latch``."""
    attributes = getattr(op, "attributes")
    return "sv.attributes" in attributes and MARKER in str(attributes["sv.attributes"])


def realize(text: str) -> str:
    """``text`` (ExportVerilog output) with every marked ``always_comb`` printed as ``always_latch``."""
    if _ATTRIBUTE_LINE not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        header = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() != _ATTRIBUTE_LINE or not header.lstrip().startswith("always_comb"):
            out.append(line)
            index += 1
            continue
        indent = header[:len(header) - len(header.lstrip())]
        out.append(header.replace("always_comb", "always_latch", 1))
        index += 2
        if "always_comb begin" not in header:
            continue  # a single statement, no begin/end
        while index < len(lines) and not lines[index].startswith(indent + "end"):
            out.append(lines[index])
            index += 1
        if index < len(lines):
            out.append(lines[index].replace("// always_comb", "// always_latch", 1))
            index += 1
    return "\n".join(out)
