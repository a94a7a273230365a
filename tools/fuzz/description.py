"""The data of a random design description: plain dataclasses, independent of loom.

``describe.py`` draws them, ``source.py`` writes them as a loom program, ``model.py``
evaluates them. Reproducers rebuild a description from its ``repr`` with
``from loom.tools.fuzz.description import *``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BINARY = ("add", "sub", "mul", "and", "or", "xor")
COMPARE = ("eq", "ne", "lt", "le", "gt", "ge")
UNARY = ("not", "neg")
REDUCE = ("r_or", "r_and", "r_xor")
CAST = ("as_signed", "as_unsigned")


@dataclass
class Port:
    """A port; ``dtype`` names a type of ``DesignDesc.types`` (struct, array or enum), ``when`` its condition.

    ``when`` is ``(param,)`` (present when the parameter is non-zero) or ``(param, op, value)`` with ``op`` one of
    ``== != < >=``.
    """

    name: str
    width: int
    signed: bool = False
    dtype: str | None = None
    when: tuple | None = None


@dataclass
class Reset:
    name: str
    asynchronous: bool
    active_low: bool


@dataclass
class Node:
    """One value of a module's expression DAG; ``args`` index earlier nodes.

    ``value`` is an integer operand (``a + 5``, ``a < 3``, ``mux(c, a, 2)``),
    ``rev`` puts it first (``5 - a``); ``attrs`` carries the op's other data
    (input name, slice bounds, register index, instance output, ...).
    """

    op: str
    width: int
    signed: bool = False
    args: tuple[int, ...] = ()
    value: int | None = None
    rev: bool = False
    attrs: tuple = ()
    dtype: str | None = None  # a struct or array value (not a number: only parts, bits() and mux read it)


@dataclass
class Register:
    name: str
    width: int
    signed: bool
    clock: str
    reset: str | None
    reset_value: int
    enable: int | None = None  # node index of a 1-bit enable
    next: int = -1  # node index of the next value
    dtype: str | None = None  # a struct, array or enum register (the reset value is then a member's value)


@dataclass
class Stmt:
    """A statement of a procedural block.

    ``assign``: target = node ``value`` (``self_op``: target = target <op> node, always_ff only);
    ``bits``: for i in range(low, high + 1): target[i] = node ``value``[(i * step + offset) % width];
    ``if``: ``branches`` [(cond node, body), ..., (None, else body)];
    ``match``: on node ``subject`` (-1: the target itself), ``branches`` [(labels, body), ..., (None, default)];
    ``part``: one field or element of an aggregate target = node ``value``: element node ``subject`` (a dynamic
    index) or field/element number ``bits[0]``.
    """

    kind: str
    value: int | None = None
    self_op: str | None = None
    subject: int | None = None
    bits: tuple[int, int, int, int] = (0, 0, 1, 0)  # low, high, step, offset
    branches: list[tuple] = field(default_factory=list)


@dataclass
class Block:
    """``@always_comb`` (target starts from node ``default``) or ``@always_ff`` on ``clock`` with ``reset``."""

    kind: str  # comb | ff
    target: str
    width: int
    signed: bool
    body: list[Stmt]
    default: int | None = None
    clock: str | None = None
    reset: str | None = None
    reset_value: int = 0
    dtype: str | None = None  # an aggregate target (always_comb) or an enum state (always_ff)


@dataclass
class Fsm:
    """``self.fsm(name, clock=, reset=)`` with states ``S0..``, outputs into vars, Moore and Mealy values.

    ``outputs``: (var name, width, default); ``moore``: {(state, output): value}; ``transitions``: per state,
    [(target, condition node or None, {output: value})], the first that holds wins. A value is a node index,
    or an ``int`` constant when given as ``("const", n)``.
    """

    name: str
    clock: str
    reset: str
    states: int
    reset_state: int
    outputs: list[tuple[str, int, tuple]] = field(default_factory=list)
    moore: dict[tuple[int, int], tuple] = field(default_factory=dict)
    transitions: list[list[tuple[int, int | None, dict[int, tuple]]]] = field(default_factory=list)

    @property
    def reset_value(self) -> int:
        return self.reset_state


@dataclass
class TypeDesc:
    """A ``Struct`` (``parts``: fields, the first most significant), an ``Array`` (``parts``: ``size`` elements
    ``("", width)``, element 0 least significant), an ``UnpackedArray`` (``parts`` as an array's; it has no
    bits in the program, the model keeps its elements packed like an array's) or an ``Enum`` (``parts``:
    members ``(name, value)``)."""

    kind: str  # struct | array | uarray | enum
    name: str  # the SystemVerilog name (struct typedef, enum)
    parts: list[tuple[str, int]]
    width: int = 0  # an enum's width

    @property
    def bits(self) -> int:
        return self.width if self.kind == "enum" else sum(width for _, width in self.parts)

    def offset(self, index: int) -> int:
        """The lowest bit of field or element ``index``."""
        if self.kind in ("array", "uarray"):
            return index * self.parts[0][1]
        return sum(width for _, width in self.parts[index + 1:])


@dataclass
class ParamDesc:
    """``self.param(name, default, width=width, identity=identity)``; an identity parameter is set per instance
    with ``add_child(..., identity=...)`` and may have no default (then every instance sets it)."""

    name: str
    width: int
    default: int | None
    identity: bool = False


@dataclass
class MemoryDesc:
    """``self.memory(name, width, depth=depth)`` on ``clock``; ``writes`` (address, data, enable or None) nodes.

    Reads are nodes: ``mem_read`` (asynchronous) and ``mem_sync`` (``sync=True``, optional enable).
    """

    name: str
    width: int
    depth: int
    clock: str
    writes: list[tuple[int, int, int | None]] = field(default_factory=list)

    @property
    def address_width(self) -> int:
        return (self.depth - 1).bit_length()


@dataclass
class InstanceDesc:
    """``add_child(name, modules[child].create(k=k), ...)``; every output lands in a var ``<name>_<port>``."""

    name: str
    child: int
    k: int
    inputs: dict[str, int] = field(default_factory=dict)  # child input -> parent node
    clocks: dict[str, str] = field(default_factory=dict)  # child clock -> parent clock
    resets: dict[str, str] = field(default_factory=dict)  # child reset -> parent reset
    params: dict[str, int] = field(default_factory=dict)  # parameter values (the others keep their default)
    identity: dict[str, int] = field(default_factory=dict)  # identity parameter values (distinct per instance)


@dataclass
class ModuleDesc:
    name: str
    clocks: list[str] = field(default_factory=list)
    resets: list[Reset] = field(default_factory=list)
    inputs: list[Port] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    registers: list[Register] = field(default_factory=list)
    instances: list[InstanceDesc] = field(default_factory=list)
    outputs: list[tuple[Port, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    fsms: list[Fsm] = field(default_factory=list)
    params: list[ParamDesc] = field(default_factory=list)
    memories: list[MemoryDesc] = field(default_factory=list)

    def reset(self, name: str) -> Reset:
        return next(r for r in self.resets if r.name == name)


@dataclass
class DesignDesc:
    """Modules in definition order: children before parents, the top last."""

    seed: int
    modules: list[ModuleDesc]
    types: dict[str, TypeDesc] = field(default_factory=dict)  # by the program's Python name (S0, A1, E2)
    keep_parameters: bool = False  # built with loom.emit(..., keep_parameters=True)

    @property
    def top(self) -> ModuleDesc:
        return self.modules[-1]


def present(port: Port, params: dict[str, int]) -> bool:
    """Whether a conditional port exists for these parameter values."""
    if port.when is None:
        return True
    if len(port.when) == 1:
        return params[port.when[0]] != 0
    name, op, value = port.when
    return {"==": params[name] == value, "!=": params[name] != value, "<": params[name] < value,
            ">=": params[name] >= value}[op]


def param_values(module: ModuleDesc, given: dict[str, int]) -> dict[str, int]:
    """Every parameter of ``module``: the given values over the defaults."""
    return {p.name: given.get(p.name, p.default) for p in module.params}  # type: ignore[misc]


def instance_values(module: ModuleDesc, inst: InstanceDesc) -> dict[str, int]:
    """Every parameter of instance ``inst`` of ``module``, identity parameters included: an identity value is read
    like any other value (in expressions and port conditions)."""
    return param_values(module, {**inst.params, **inst.identity})


def mask(width: int) -> int:
    return (1 << width) - 1


def k_value(k: int, width: int) -> int:
    """The value of a ``kconst`` node in a child created with argument ``k``."""
    return (k * 37 + 5) & mask(width)


def give_defaults(design: DesignDesc) -> None:
    """A default (0) for each identity parameter without one, where a module may keep its parameters
    (``keep_parameters``, and the passes mode's ``lower-to-hw-keep-parameters``): a kept parameter without a
    default is legal SystemVerilog (``parameter [7:0] X) (``) that Icarus 11 cannot parse. Every instance sets
    such a parameter, so the default changes nothing the model computes."""
    for module in design.modules:
        for param in module.params:
            if param.default is None:
                param.default = 0
