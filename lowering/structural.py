"""Structural identity of modules: a hash to find candidates, text equality to decide.

Two modules are *structurally equal* when they print the same in MLIR's
generic form without locations, without their own names (``sym_name``,
``generator``) and with SSA values renumbered in order of appearance (the
canonical form of ``hash_generators.py``, shared): equal text means the
same ops with the same attributes wired the same way; instance ops name their
targets, so a parent compares equal only once its children have been merged
(callers go bottom-up). ``StructuralTable`` buckets texts by hash and always
compares the text itself: a hash collision never merges two modules.

``shape_text`` goes one step further and blanks out constant values
(``hw.constant`` values and integer parameter/identity values on instances):
modules with the same shape differ only in constants, and
``parameterize_constants`` merges them into one module with a parameter per
differing constant (docs/hierarchy.md, "constant-only divergence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from circt import ir

from ..dialect.ops import ModuleOp
from .hash_generators import canonical_text, canonical_texts


def structural_text(module: ir.OpView | ir.Operation) -> str:
    """The module printed generically, without locations, names or SSA numbering (``hash_generators``'s form)."""
    operation = module.operation if isinstance(module, ir.OpView) else module
    return canonical_text(ModuleOp(operation))


def structural_texts(root: ir.Operation) -> dict[str, str]:
    """``structural_text`` of every ``loom.module`` directly in ``root``, keyed by name, for the cost of one print.

    ``structural_text`` copies and prints one module; callers that compare
    many unedited modules print them all at once here and re-print only what they edit.
    """
    return canonical_texts(root)


@dataclass
class StructuralTable:
    """Module texts by hash; ``find_or_add`` returns the name of an equal module seen before, or adds this one."""

    _buckets: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    comparisons: int = 0

    def find(self, text: str) -> str | None:
        for known, name in self._buckets.get(hash(text), ()):
            self.comparisons += 1
            if known == text:
                return name
        return None

    def add(self, text: str, name: str) -> None:
        self._buckets.setdefault(hash(text), []).append((text, name))

    def find_or_add(self, text: str, name: str) -> str:
        existing = self.find(text)
        if existing is not None:
            return existing
        self.add(text, name)
        return name


# -- constants as slots --------------------------------------------------------------------------

# A constant op in generic form: "hw.constant"() <{value = 3 : i8}> : () -> i8  (i1: value = true)
_CONSTANT = re.compile(r'"hw\.constant"\(\) <\{value = (-?\d+ : i\d+|true|false)\}>')
# The parameter and identity dictionaries of a loom.instance: parameters = {W = 8 : i32, ...}
_INSTANCE_DICT = re.compile(r"\b(parameters|identity) = \{([^{}]*)\}")
_DICT_ENTRY = re.compile(r"(\w+) = (-?\d+ : i\d+|true|false)")


@dataclass(frozen=True)
class Slot:
    """A constant in a module's text: its kind (``constant`` or ``param``), position and integer type width."""

    kind: str
    width: int
    value: int


def _value_of(text: str) -> tuple[int, int]:
    """(unsigned value, width) of ``3 : i8`` / ``true``."""
    if text in ("true", "false"):
        return int(text == "true"), 1
    number, _, type_ = text.partition(" : i")
    width = int(type_)
    return int(number) & ((1 << width) - 1), width


def _instance_dicts(text: str, replace_entry) -> str:  # type: ignore[no-untyped-def]
    def dict_repl(match: re.Match[str]) -> str:
        body = _DICT_ENTRY.sub(replace_entry, match.group(2))
        return f"{match.group(1)} = {{{body}}}"

    return _INSTANCE_DICT.sub(dict_repl, text)


def shape_and_slots(text: str) -> tuple[str, list[Slot]]:
    """``text`` with every constant slot blanked out, and the slots in text order."""
    slots: list[tuple[int, Slot]] = []

    def constant(match: re.Match[str]) -> str:
        value, width = _value_of(match.group(1))
        slots.append((match.start(), Slot("constant", width, value)))
        return '"hw.constant"() <{value = ?}>'

    shaped = _CONSTANT.sub(constant, text)
    ordered = [slot for _, slot in sorted(slots, key=lambda s: s[0])]
    entries: list[Slot] = []

    def entry(match: re.Match[str]) -> str:
        value, width = _value_of(match.group(2))
        entries.append(Slot("param", width, value))
        return f"{match.group(1)} = ?"

    shaped = _instance_dicts(shaped, entry)
    # Constants and instance entries are numbered separately: both substitutions run in text order.
    return shaped, ordered + entries


def slot_text_with_parameters(text: str, names: dict[int, str], kinds: list[str]) -> str:
    """``text`` (same op order as the shape) with slot ``i`` in ``names`` turned into a parameter reference.

    A constant slot becomes ``loom.param_value`` of the parameter; an instance
    dictionary entry takes ``#hw.param.decl.ref<"P">`` as its value.
    """
    counters = {"constant": 0, "param": 0}
    offsets = {"constant": 0, "param": kinds.count("constant")}

    def next_index(kind: str) -> int:
        index = offsets[kind] + counters[kind]
        counters[kind] += 1
        return index

    def constant(match: re.Match[str]) -> str:
        index = next_index("constant")
        if index not in names:
            return match.group(0)
        _, width = _value_of(match.group(1))
        return f'"loom.param_value"() {{value = #hw.param.decl.ref<"{names[index]}"> : i{width}}}'

    text = _CONSTANT.sub(constant, text)

    def entry(match: re.Match[str]) -> str:
        index = next_index("param")
        if index not in names:
            return match.group(0)
        _, width = _value_of(match.group(2))
        return f'{match.group(1)} = #hw.param.decl.ref<"{names[index]}"> : i{width}'

    return _instance_dicts(text, entry)
