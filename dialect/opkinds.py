"""What kind of thing an op is — the one place that sorts loom and CIRCT op names into kinds.

Passes ask "is this a module / a variable / a register / a procedural
block?" here instead of keeping their own sets of op names (which used to
disagree: ``hw.module.extern`` was a module in one pass and not in another).
An op may have several kinds (``sv.ifdef.procedural`` is a branch and a
guard). The sets below are computed once from ``_KINDS``; hot loops test
membership in them (``op.name in VARIABLES``), which costs one hash look-up.

Kinds that sound alike but differ on purpose:

- ``MODULE`` has a body (``loom.module``, ``hw.module``); ``EXTERN_MODULE``
  (``hw.module.extern``) only a signature; ``MODULE_LIKE`` is both — what a
  symbol or an instance may name.
- ``VARIABLE`` is storage with an ``!hw.inout`` result that assignments
  write (``sv.logic``/``sv.reg``/``sv.wire``); ``WIRE`` (``hw.wire``) names
  a value and is not assigned.
- ``REGISTER`` includes ``seq.compreg.ce``, which ``ENABLED_REGISTER`` marks:
  it already has a clock enable operand.
"""

from __future__ import annotations

import enum


class Kind(enum.Flag):
    """The kinds an op can have (a flag set: ``kinds_of(name) & Kind.BRANCH``)."""

    NONE = 0
    MODULE = enum.auto()
    EXTERN_MODULE = enum.auto()
    INSTANCE = enum.auto()
    MODULE_OUTPUT = enum.auto()
    """The terminator that yields a module's outputs."""
    VARIABLE = enum.auto()
    WIRE = enum.auto()
    REGISTER = enum.auto()
    ENABLED_REGISTER = enum.auto()
    PROCEDURAL_BLOCK = enum.auto()
    """A block of statements that may sit in a module body (``always_comb``, ``always_ff``, ...)."""
    BRANCH = enum.auto()
    """A statement whose regions hold alternative statements."""
    GUARD = enum.auto()
    """A preprocessor guard (`` `ifdef``)."""
    ASSIGN = enum.auto()
    """Operand 0 is the destination (an ``!hw.inout``), operand 1 the value."""
    PROCEDURAL_ASSIGN = enum.auto()
    INOUT_SELECT = enum.auto()
    """A part of a variable, itself an ``!hw.inout`` (bit range, array element, struct field)."""
    PURE = enum.auto()
    """Computes a value (or an inout reference) only: may be moved, duplicated or erased when unused."""
    ASSERTION = enum.auto()
    """assert/assume/cover (IEEE 1800 section 16), immediate and concurrent."""
    CALL = enum.auto()
    """A call of an SV function or DPI import."""


_KINDS: dict[str, Kind] = {
    "loom.module": Kind.MODULE,
    "hw.module": Kind.MODULE,
    "hw.module.extern": Kind.EXTERN_MODULE,
    "loom.instance": Kind.INSTANCE,
    "hw.instance": Kind.INSTANCE,
    "loom.output": Kind.MODULE_OUTPUT,
    "hw.output": Kind.MODULE_OUTPUT,
    "sv.logic": Kind.VARIABLE,
    "sv.reg": Kind.VARIABLE,
    "sv.wire": Kind.VARIABLE,
    "hw.wire": Kind.WIRE,
    "seq.firreg": Kind.REGISTER,
    "seq.compreg": Kind.REGISTER,
    "seq.compreg.ce": Kind.REGISTER | Kind.ENABLED_REGISTER,
    "sv.alwayscomb": Kind.PROCEDURAL_BLOCK,
    "sv.alwaysff": Kind.PROCEDURAL_BLOCK,
    "sv.always": Kind.PROCEDURAL_BLOCK,
    "sv.initial": Kind.PROCEDURAL_BLOCK,
    "sv.if": Kind.BRANCH,
    "sv.case": Kind.BRANCH,
    "sv.ifdef.procedural": Kind.BRANCH | Kind.GUARD,
    "sv.ifdef": Kind.GUARD,
    "sv.assign": Kind.ASSIGN,
    "loom.assign": Kind.ASSIGN,
    "sv.bpassign": Kind.ASSIGN | Kind.PROCEDURAL_ASSIGN,
    "sv.passign": Kind.ASSIGN | Kind.PROCEDURAL_ASSIGN,
    "sv.indexed_part_select_inout": Kind.INOUT_SELECT | Kind.PURE,
    "sv.array_index_inout": Kind.INOUT_SELECT | Kind.PURE,
    "sv.struct_field_inout": Kind.INOUT_SELECT | Kind.PURE,
    "sv.func.call": Kind.CALL,
    "sv.func.call.procedural": Kind.CALL,
    "loom.dpi_call": Kind.CALL,
}
for _name in ("hw.constant", "hw.bitcast", "hw.aggregate_constant", "hw.array_create", "hw.array_get",
              "hw.array_slice", "hw.array_concat", "hw.struct_create", "hw.struct_extract", "hw.struct_inject",
              "hw.enum.constant", "hw.param.value", "loom.param_value", "sv.read_inout", "sv.constantX",
              "sv.constantZ", "sv.indexed_part_select", "seq.from_clock", "seq.to_clock"):
    _KINDS[_name] = Kind.PURE
for _name in ("sv.assert", "sv.assume", "sv.cover", "sv.assert.concurrent", "sv.assume.concurrent",
              "sv.cover.concurrent", "sv.assert_property", "sv.assume_property", "sv.cover_property",
              "verif.assert", "verif.assume", "verif.cover", "verif.clocked_assert", "verif.clocked_assume",
              "verif.clocked_cover"):
    _KINDS[_name] = Kind.ASSERTION


def kinds_of(name: str) -> Kind:
    """Every kind of the op named ``name`` (``Kind.NONE`` for an op no pass classifies)."""
    return _KINDS.get(name, Kind.NONE)


def _by_kind() -> dict[int, frozenset[str]]:
    """Each single kind's bit -> the op names that have it, read from ``_KINDS`` once with integer masks:
    flag arithmetic (``kinds & kind``, a Python method call each) per name and kind was 0.7 ms of every
    ``import loom`` (docs/architecture.md, "Start-up")."""
    found: dict[int, set[str]] = {}
    for name, kinds in _KINDS.items():
        bits = kinds.value
        while bits:
            bit = bits & -bits
            found.setdefault(bit, set()).add(name)
            bits ^= bit
    return {bit: frozenset(names) for bit, names in found.items()}


_BY_KIND = _by_kind()


def names_of(kind: Kind) -> frozenset[str]:
    """The op names that have any of the kinds in ``kind``."""
    bits = kind.value
    names: frozenset[str] = frozenset()
    while bits:
        bit = bits & -bits
        names = names | _BY_KIND.get(bit, frozenset())
        bits ^= bit
    return names


MODULES = names_of(Kind.MODULE)
EXTERN_MODULES = names_of(Kind.EXTERN_MODULE)
MODULE_LIKE = MODULES | EXTERN_MODULES
INSTANCES = names_of(Kind.INSTANCE)
MODULE_OUTPUTS = names_of(Kind.MODULE_OUTPUT)
VARIABLES = names_of(Kind.VARIABLE)
WIRES = names_of(Kind.WIRE)
REGISTERS = names_of(Kind.REGISTER)
ENABLED_REGISTERS = names_of(Kind.ENABLED_REGISTER)
PROCEDURAL_BLOCKS = names_of(Kind.PROCEDURAL_BLOCK)
BRANCHES = names_of(Kind.BRANCH)
GUARDS = names_of(Kind.GUARD)
ASSIGNS = names_of(Kind.ASSIGN)
PROCEDURAL_ASSIGNS = names_of(Kind.PROCEDURAL_ASSIGN)
INOUT_SELECTS = names_of(Kind.INOUT_SELECT)
PURE = names_of(Kind.PURE)
ASSERTIONS = names_of(Kind.ASSERTION)
CALLS = names_of(Kind.CALL)
STATEMENT_CONTAINERS = BRANCHES | PROCEDURAL_BLOCKS | GUARDS
"""Ops whose regions hold statements."""
SIDE_EFFECT_FREE_REGISTERS = frozenset({"seq.compreg", "seq.compreg.ce"})
"""Registers CIRCT declares free of side effects (``seq.firreg`` is not): canonicalize's region DCE erases one
that only the logic it feeds reads, a loop that check-combinational-loop rightly lets pass."""

ASSIGN_KIND: dict[str, str | None] = {"sv.assign": "continuous", "sv.bpassign": "blocking",
                                      "sv.passign": "nonblocking", "loom.assign": None}
"""The SystemVerilog kind of each assignment op (None: ``loom.assign``, whose kind is an attribute)."""
ASSIGN_OP: dict[str, str] = {kind: name for name, kind in ASSIGN_KIND.items() if kind is not None}
"""The op for each assignment kind: ``"blocking"`` -> ``"sv.bpassign"``."""


class InstanceAttributes:
    """The attribute names under which an instance op keeps its target, name and port names (a plain class:
    a dataclass would be 0.5 ms of every ``import loom``, docs/architecture.md "Start-up")."""

    __slots__ = ("inputs", "name", "outputs", "target")

    def __init__(self, target: str, name: str, inputs: str, outputs: str):
        self.target = target
        self.name = name
        self.inputs = inputs
        self.outputs = outputs


INSTANCE_ATTRIBUTES: dict[str, InstanceAttributes] = {
    "loom.instance": InstanceAttributes("module", "instance_name", "input_names", "output_names"),
    "hw.instance": InstanceAttributes("moduleName", "instanceName", "argNames", "resultNames"),
}

UNPACKED_PORTS = "loom.unpacked_ports"
"""Unit attribute on the ``builtin.module`` of a design with an unpacked array port (see
``lowering/export.apply_lowering_options``)."""
