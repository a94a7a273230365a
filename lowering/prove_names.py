"""Which signals of the two flattened sides of a proof ``equiv_make`` may pair (``lowering/prove.py``).

yosys's ``equiv_make`` pairs the wires of gold and gate that have the same name, and the proof is only
as complete as that pairing: a register left unpaired makes the induction unable to close although the
designs agree. Two kinds of name get in the way once yosys has flattened a side:

- temporaries: ExportVerilog makes up names that start with ``_`` (``_GEN_6``, ``_i0_1``); they mean
  different things on the two sides, and after flattening they sit under an instance path
  (``u2._GEN_6``). Paired by name they give an equivalence that cannot be proven, so every one of them,
  flattened or not, is left unpaired (a port is never a temporary: the sides must agree on ports);
- inlined signals: flattening names a child's register ``u0.r``; a pass that inlines the child
  (``loom-inline``, ``Design.inline``) names it ``u0_r``. Such a pair is found by reading every ``.``
  as ``_``, and only when that reading is unique on both sides: if it matches two names on either side
  (``u0.chk`` and a top-level ``u0_chk``), neither is paired that way.

Every pair is one more equivalence yosys must prove (the induction may assume the pairs only in the steps
before the one it proves, all of them), and the verdict needs every one proven: a wrong pair cannot be
proven and gives "not equivalent", never a hidden difference
(test/lowering/test_prove.py checks that a changed inlined register is still caught).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

WIRE = re.compile(r"^\s*wire\b(?P<kinds>.*?)\s\\(?P<name>\S+)\s*$", re.MULTILINE)
PORT = re.compile(r"\b(input|output|inout)\s+\d+")


def public_wires(rtlil: str) -> tuple[set[str], set[str]]:
    """(the public wire names, the port names) of an RTLIL dump of one module (``write_rtlil``)."""
    names: set[str] = set()
    ports: set[str] = set()
    for match in WIRE.finditer(rtlil):
        names.add(match["name"])
        if PORT.search(match["kinds"]):
            ports.add(match["name"])
    return names, ports


def is_temporary(name: str) -> bool:
    """Whether ``name`` (maybe under an instance path, ``u2._GEN_6``) is one ExportVerilog made up."""
    return name.rsplit(".", 1)[-1].startswith("_")


def temporaries(names: Iterable[str], ports: set[str]) -> set[str]:
    """The names ``equiv_make`` must not pair (its ``-blacklist``)."""
    return {name for name in names if is_temporary(name) and name not in ports}


def inlined_pairs(gold: Iterable[str], gate: Iterable[str]) -> dict[str, str]:
    """Gold names to rename to the gate's name of the same signal (``u0.r`` -> ``u0_r``), unique both ways.

    Names that already read the same on both sides are paired by ``equiv_make`` itself and are not listed.
    """
    def by_key(names: Iterable[str]) -> dict[str, list[str]]:
        keys: dict[str, list[str]] = defaultdict(list)
        for name in names:
            if not is_temporary(name):
                keys[name.replace(".", "_")].append(name)
        return keys

    gold_keys, gate_keys = by_key(gold), by_key(gate)
    pairs: dict[str, str] = {}
    for key, gold_names in gold_keys.items():
        gate_names = gate_keys.get(key, [])
        if len(gold_names) == 1 and len(gate_names) == 1 and gold_names[0] != gate_names[0]:
            pairs[gold_names[0]] = gate_names[0]
    return pairs
