"""What the check passes know about a module: ports, procedural blocks, assignments and their bits.

The checks read the procedural IR of ``docs/ir-conventions.md`` inside
``loom.module`` bodies (and the same sv ops inside ``hw.module`` after
lowering). This module gives them one vocabulary for it:

- ``ModuleModel``: a module's input ports with their reset declarations
  (``reset = "async"|"sync"``, ``active_low`` in a loom port entry) and the
  names of its values, for messages;
- ``Block``: a procedural block (``sv.alwayscomb``, ``sv.alwaysff``,
  ``sv.always``, ``sv.initial``) with its events, clock and resets;
- ``Assignment`` / ``Target``: an assignment, its effective kind
  (``loom.assign`` resolved the way ``fix-assignment-type`` will) and the
  variable bits it writes (constant array indices, part selects and struct
  fields give exact bits; a non-constant index gives "some of these bits").

Reading an op from Python costs microseconds (the bindings), so a check
visits each module's top-level ops once and descends only into procedural
blocks, which are small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property

from circt import ir
from circt.dialects import hw

from ...dialect import analyses
from ...dialect.constants import constant_value
from ...dialect.marked_blocks import FINAL, LATCH, marker_of
from ...dialect.opkinds import ASSIGN_KIND, ASSIGNS, PROCEDURAL_BLOCKS, VARIABLES
from ...dialect.ops import IN
from ...dialect.resets import ResetStyle
from ..rewrites.common import collect
from ..structure import defining_op

LOOM_MODULE, HW_MODULE = "loom.module", "hw.module"

# Assignment kinds, named as kratos names them.
CONTINUOUS, BLOCKING, NONBLOCKING = "continuous", "blocking", "non-blocking"
KIND_TEXT = {CONTINUOUS: "continuous assignment (assign)", BLOCKING: "blocking assignment (=)",
             NONBLOCKING: "non-blocking assignment (<=)"}
_LOOM_ASSIGN_KINDS = {"blocking": BLOCKING, "nonblocking": NONBLOCKING, "non_blocking": NONBLOCKING,
                      "non-blocking": NONBLOCKING, "continuous": CONTINUOUS}
_ASSIGN_OPS = {name: None if kind is None else _LOOM_ASSIGN_KINDS[kind] for name, kind in ASSIGN_KIND.items()}
ASSIGN_OPS = ASSIGNS

# Procedural blocks and the statements with regions inside them.
ALWAYS_COMB, ALWAYS_FF, ALWAYS, INITIAL = "sv.alwayscomb", "sv.alwaysff", "sv.always", "sv.initial"
BLOCK_OPS = PROCEDURAL_BLOCKS
VARIABLE_OPS = VARIABLES

POSEDGE, NEGEDGE, ANYEDGE = "posedge", "negedge", "edge"
_EDGES = (POSEDGE, NEGEDGE, ANYEDGE)
_RESET_STYLES = (None, "sync", "async")  # sv.alwaysff resetStyle: 0 none, 1 sync, 2 async


def ops_in(region: ir.Region) -> list[ir.Operation]:
    """The ops of a single-block region ([] for an empty region)."""
    blocks = region.blocks
    if len(blocks) == 0:
        return []
    return [op.operation for op in blocks[0].operations]


def walk(ops: Iterable[ir.Operation]) -> Iterator[ir.Operation]:
    """Every op in ``ops`` and, before its successors, everything nested in it (pre-order)."""
    for op in ops:
        yield op
        for region in op.regions:
            yield from walk(ops_in(region))


def int_attr(op: ir.Operation, name: str) -> int | None:
    if name not in op.attributes:
        return None
    return ir.IntegerAttr(op.attributes[name]).value


def str_attr(op: ir.Operation, name: str) -> str | None:
    if name not in op.attributes:
        return None
    attr = op.attributes[name]
    return ir.StringAttr(attr).value if isinstance(attr, ir.StringAttr) else None


def bit_width(type_: ir.Type) -> int | None:
    """Bits of a type; None when it is parametric (``!hw.int<#hw.param.decl.ref<"W">>``)."""
    width = hw.get_bitwidth(type_)
    if width > 0:
        return width
    return 1 if str(type_) == "!seq.clock" else None


# -- modules and ports -----------------------------------------------------------


TopOps = dict[int, list[ir.Operation]]
"""The ops of some names at the top of each module's body, by the module's ``hash`` (an int key: ops as keys
compare through the bindings, and their hashes, addresses, collide in a large dict), in order (``top_ops``)."""


class InputPort:
    """An input port. ``declared``: its kind is known (loom IR); hw IR has no reset declarations.

    This module's small records are plain classes with slots: a ``NamedTuple`` costs about 0.1 ms at import,
    in every process's first build (docs/architecture.md, "Start-up")."""

    __slots__ = ("active_low", "declared", "name", "reset")

    def __init__(self, name: str, reset: str | None = None, active_low: bool = False, declared: bool = True):
        self.name = name
        self.reset = reset
        self.active_low = active_low
        self.declared = declared


class ModuleModel:
    """A ``loom.module`` or ``hw.module``: its name, input ports and body ops."""

    def __init__(self, op: ir.Operation, root: ir.Operation | None = None):
        self.op = op
        self.root = root
        self.is_loom = op.name == LOOM_MODULE

    @cached_property
    def name(self) -> str:
        return str_attr(self.op, "sym_name") or "?"

    @cached_property
    def inputs(self) -> list[InputPort]:
        """Decoded on first use: most modules of a large design never need their ports."""
        return _loom_inputs(self.op) if self.is_loom else _hw_inputs(self.op)

    @cached_property
    def block(self) -> ir.Block | None:
        """The body block (None for a module without one)."""
        blocks = self.op.regions[0].blocks
        return blocks[0] if len(blocks) else None

    @cached_property
    def size(self) -> int:
        """How many ops the body holds at its top (counted in C++)."""
        return len(self.block.operations) if self.block is not None else 0

    @cached_property
    def body(self) -> list[ir.Operation]:
        """Read once per model: a model lives for one run of the checks, which do not change the IR."""
        return [op.operation for op in self.block.operations] if self.block is not None else []

    def arguments(self) -> list[tuple[ir.Value, InputPort]]:
        """The body's block arguments with the input ports they are."""
        assert self.block is not None, "a module with inputs has a body"
        return list(zip(self.block.arguments, self.inputs, strict=True))

    def port_of(self, value: ir.Value) -> InputPort | None:
        """The input port ``value`` is (through ``hw.wire`` aliases), if it is one."""
        value = trace(value)
        if not isinstance(value, ir.BlockArgument):
            return None
        if value.owner.owner.operation != self.op:
            return None
        index = value.arg_number
        return self.inputs[index] if index < len(self.inputs) else None

    def name_of(self, value: ir.Value) -> str | None:
        """The user's name for a value: a port, a named var/wire/register, or None."""
        if isinstance(value, ir.BlockArgument):
            port = self.port_of(value)
            return port.name if port is not None else None
        op = value.owner.operation
        for attribute in ("name", "sym_name"):
            name = str_attr(op, attribute)
            if name:
                return name
        if op.name in ("sv.read_inout", "hw.wire", "seq.from_clock", "seq.to_clock") and len(op.operands) > 0:
            return self.name_of(op.operands[0])
        return None

    def describe(self, value: ir.Value) -> str:
        """``'x'``, ``output 'o' of instance 'u0'``, or where an unnamed value is defined."""
        name = self.name_of(value)
        if name is not None:
            return f"'{name}'"
        if isinstance(value, ir.OpResult):
            op = value.owner.operation
            output = _instance_output(op, value.result_number)
            if output is not None:
                return output
            return f"the value of '{op.name}'"
        return "a block argument"


def modules(root: ir.Operation) -> Iterator[ModuleModel]:
    """Every ``loom.module`` and ``hw.module`` at the top of ``root`` (a ``builtin.module``)."""
    for op in analyses.top_level_ops(root):
        operation = op.operation
        if operation.name in (LOOM_MODULE, HW_MODULE):
            yield ModuleModel(operation, root)


def _loom_inputs(op: ir.Operation) -> list[InputPort]:
    if "ports" not in op.attributes:
        return []
    ports: list[InputPort] = []
    for entry in ir.ArrayAttr(op.attributes["ports"]):
        fields = ir.DictAttr(entry)
        if ir.StringAttr(fields["dir"]).value != IN:
            continue
        style = ResetStyle.from_port_entry(fields)
        ports.append(InputPort(ir.StringAttr(fields["name"]).value, style.kind if style else None,
                          style is not None and style.active_low))
    return ports


def _hw_inputs(op: ir.Operation) -> list[InputPort]:
    module_type = hw.ModuleType(ir.TypeAttr(op.attributes["module_type"]).value)
    return [InputPort(name, declared=False) for name in module_type.input_names]


def _instance_output(op: ir.Operation, index: int) -> str | None:
    if op.name == "loom.instance":
        names = [ir.StringAttr(a).value for a in ir.ArrayAttr(op.attributes["output_names"])]
        instance = str_attr(op, "instance_name")
    elif op.name == "hw.instance":
        names = [ir.StringAttr(a).value for a in ir.ArrayAttr(op.attributes["resultNames"])]
        instance = str_attr(op, "instanceName")
    else:
        return None
    port = names[index] if index < len(names) else str(index)
    return f"output '{port}' of instance '{instance}'"


def trace(value: ir.Value) -> ir.Value:
    """Look through ``hw.wire`` aliases to the value they carry."""
    while isinstance(value, ir.OpResult) and value.owner.operation.name == "hw.wire":
        value = value.owner.operation.operands[0]
    return value


def is_clock(value: ir.Value) -> bool:
    """A clock-typed signal: ``seq.from_clock`` of a ``!seq.clock`` value (or that value itself)."""
    value = trace(value)
    op = defining_op(value)
    return (op is not None and op.name == "seq.from_clock") or str(value.type) == "!seq.clock"


def same_value(a: ir.Value, b: ir.Value) -> bool:
    """Whether two values are the same signal, looking through ``hw.wire`` and ``seq.from_clock``."""
    a, b = _signal(a), _signal(b)
    return a == b


def _signal(value: ir.Value) -> ir.Value:
    value = trace(value)
    op = defining_op(value)
    if op is not None and op.name == "seq.from_clock":
        return trace(op.operands[0])
    return value


# -- procedural blocks -------------------------------------------------------------


class Event:
    """One entry of a sensitivity list."""

    __slots__ = ("edge", "value")

    def __init__(self, edge: str, value: ir.Value):
        self.edge = edge
        self.value = value


class Block:
    """A procedural block and what its sensitivity means.

    ``label`` is the SystemVerilog keyword (``always_comb``, ``always_ff``,
    ``always``, ``initial``). ``body`` holds the clocked (or only) region's
    ops; ``reset_body`` the ``asyncreset``/``syncreset`` region of an
    ``sv.alwaysff`` (None when it has none).
    """

    def __init__(self, op: ir.Operation):
        self.op = op
        self.name = op.name
        self.events: list[Event] = []
        self.reset_style: str | None = None
        self.reset_event: Event | None = None
        self.reset_body: list[ir.Operation] | None = None
        if self.name == ALWAYS_FF:
            self.events.append(Event(_EDGES[int_attr(op, "clockEdge") or 0], op.operands[0]))
            self.reset_style = _RESET_STYLES[int_attr(op, "resetStyle") or 0]
            if self.reset_style is not None:
                self.reset_event = Event(_EDGES[int_attr(op, "resetEdge") or 0], op.operands[1])
                self.reset_body = ops_in(op.regions[1])
                if self.reset_style == "async":
                    self.events.append(self.reset_event)
        elif self.name == ALWAYS:
            edges = [ir.IntegerAttr(a).value for a in ir.ArrayAttr(op.attributes["events"])]
            self.events = [Event(_EDGES[e], v) for e, v in zip(edges, op.operands, strict=True)]
        self.body = ops_in(op.regions[0])

    @property
    def latch(self) -> bool:
        """An ``always_latch`` (an ``sv.alwayscomb`` marked so, see ``dialect/marked_blocks.py``)."""
        return self.name == ALWAYS_COMB and marker_of(self.op) == LATCH

    @property
    def label(self) -> str:
        if self.latch:
            return "always_latch"
        if self.name == INITIAL and marker_of(self.op) == FINAL:
            return "final"
        return {ALWAYS_COMB: "always_comb", ALWAYS_FF: "always_ff", INITIAL: "initial"}.get(self.name, "always")

    @property
    def sequential(self) -> bool:
        """Edge-triggered: flip-flops (``sv.alwaysff``, or ``sv.always`` on a posedge/negedge)."""
        return self.name == ALWAYS_FF or any(e.edge != ANYEDGE for e in self.events)

    @property
    def combinational(self) -> bool:
        """``sv.alwayscomb``, or an ``sv.always`` sensitive to any edge of its inputs only."""
        return self.name == ALWAYS_COMB or (self.name == ALWAYS and not self.sequential)

    @property
    def regions(self) -> list[list[ir.Operation]]:
        return [self.body] + ([self.reset_body] if self.reset_body is not None else [])

    def all_ops(self) -> Iterator[ir.Operation]:
        for ops in self.regions:
            yield from walk(ops)


# -- assignments -----------------------------------------------------------------


class Target:
    """The variable bits an assignment writes.

    ``mask`` has a bit set for each written bit of ``root``; when ``exact``
    is False (a non-constant index), the written bits are *some* of ``mask``.
    """

    __slots__ = ("exact", "mask", "root", "text", "width")

    def __init__(self, root: ir.Value, width: int, mask: int, exact: bool, text: str):
        self.root = root
        self.width = width
        self.mask = mask
        self.exact = exact
        self.text = text

    @property
    def whole(self) -> bool:
        return self.exact and self.mask == (1 << self.width) - 1


def resolve_target(dest: ir.Value, names: ModuleModel) -> Target:
    """Follow array indices, part selects and struct fields from ``dest`` to the variable they select."""
    op = defining_op(dest)
    if op is not None and op.name in _SELECTORS:
        parent = resolve_target(op.operands[0], names)
        return _SELECTORS[op.name](op, parent)
    width = bit_width(hw.InOutType(dest.type).element_type) if _is_inout(dest.type) else None
    name = names.name_of(dest) or "?"
    exact_width = width if width is not None else 1
    return Target(dest, exact_width, (1 << exact_width) - 1, width is not None, name)


def _is_inout(type_: ir.Type) -> bool:
    return str(type_).startswith("!hw.inout<")


def _element_width(op: ir.Operation) -> int | None:
    return bit_width(hw.InOutType(op.results[0].type).element_type)


def _narrow(parent: Target, offset: int | None, width: int | None, text: str) -> Target:
    """The bits [offset, offset + width) of ``parent``; unknown offset/width: some bits of ``parent``."""
    if offset is None or width is None or not parent.exact:
        return Target(parent.root, parent.width, parent.mask, False, text)
    return Target(parent.root, parent.width, ((1 << width) - 1) << (offset + _low_bit(parent.mask)), True, text)


def _low_bit(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def _array_index(op: ir.Operation, parent: Target) -> Target:
    index = constant_value(op.operands[1])
    width = _element_width(op)
    offset = index * width if index is not None and width is not None else None
    return _narrow(parent, offset, width, f"{parent.text}[{index if index is not None else '?'}]")


def _part_select(op: ir.Operation, parent: Target) -> Target:
    base = constant_value(op.operands[1])
    width = int_attr(op, "width") or 1
    decrement = "decrement" in op.attributes
    low = None if base is None else (base - width + 1 if decrement else base)
    text = f"{parent.text}[{'?' if low is None else f'{low + width - 1}:{low}'}]"
    return _narrow(parent, low, width, text)


def _struct_field(op: ir.Operation, parent: Target) -> Target:
    field = str_attr(op, "field") or "?"
    element = hw.InOutType(op.operands[0].type).element_type
    if hw.TypeAliasType.isinstance(element):  # a named struct (typedef) from frontend/types.py
        element = hw.TypeAliasType(element).canonical_type
    struct = hw.StructType(element)
    offset: int | None = 0
    found = False
    for name, type_ in reversed(struct.get_fields()):  # the first field is the most significant
        if name == field:
            found = True
            break
        width = bit_width(type_)
        offset = None if width is None or offset is None else offset + width
    return _narrow(parent, offset if found else None, _element_width(op), f"{parent.text}.{field}")


_SELECTORS = {"sv.array_index_inout": _array_index, "sv.indexed_part_select_inout": _part_select,
              "sv.struct_field_inout": _struct_field}


class Assignment:
    """An assignment op, its effective kind and target; ``block`` None: at module level."""

    __slots__ = ("block", "kind", "op", "target")

    def __init__(self, op: ir.Operation, kind: str, target: Target, block: Block | None):
        self.op = op
        self.kind = kind
        self.target = target
        self.block = block


def assignment_kind(op: ir.Operation, block: Block | None) -> str:
    """The kind an assignment has, or will have once ``fix-assignment-type`` has run."""
    kind = _ASSIGN_OPS[op.name]
    if kind is not None:
        return kind
    explicit = _LOOM_ASSIGN_KINDS.get(str_attr(op, "kind") or "")
    if explicit is not None:
        return explicit
    if block is None:
        return CONTINUOUS
    return NONBLOCKING if block.sequential else BLOCKING


def assignment(op: ir.Operation, block: Block | None, names: ModuleModel) -> Assignment:
    return Assignment(op, assignment_kind(op, block), resolve_target(op.operands[0], names), block)


def bits_text(mask: int, width: int) -> str:
    """``bit 3`` / ``bits 7:4`` / ``bits 7:4, 1`` for a mask, for messages."""
    ranges: list[str] = []
    bit = width - 1
    while bit >= 0:
        if mask >> bit & 1:
            high = bit
            while bit >= 0 and mask >> bit & 1:
                bit -= 1
            ranges.append(str(high) if high == bit + 1 else f"{high}:{bit + 1}")
        else:
            bit -= 1
    single = len(ranges) == 1 and ":" not in ranges[0]
    return ("bit " if single else "bits ") + ", ".join(ranges)


class Scan:
    """One pass over a module: its procedural blocks, every assignment, and the other top-level ops asked for."""

    __slots__ = ("assignments", "blocks", "model", "ops")

    def __init__(self, model: ModuleModel) -> None:
        self.model = model
        self.blocks: list[Block] = []
        self.assignments: list[Assignment] = []
        self.ops: dict[str, list[ir.Operation]] = {}

    def wanted(self, name: str) -> list[ir.Operation]:
        """The top-level ops named ``name`` (asked for when scanning), in module order."""
        return self.ops.get(name, [])


OpFilter = Callable[[ir.Operation], bool]
"""Which ops of a wanted name a check reads (``Check.kept_if``): the others are not kept for it."""


def scan(model: ModuleModel, wanted: Iterable[str] = (), prefixes: tuple[str, ...] = (),
         index: TopOps | None = None, kept_if: Mapping[str, OpFilter] | None = None) -> Scan:
    """Read ``model``'s body once: blocks and assignments always; top-level ops named in ``wanted``, or
    whose name starts with one of ``prefixes``, are kept by name in ``Scan.ops`` (those of a name in
    ``kept_if`` only when its filter says so; ``index`` was made with the same filters).

    Without ``prefixes`` every op the scan keeps has a known name, so MLIR's walk driver finds them in C++
    and Python never lists the body: ``index`` (``top_ops``, one walk of the whole design for the
    modules of a run) has them, or, for a large body (``LARGE_BODY``), ``named_top_ops`` finds them. A flat
    top of 50,000 instances and the logic combining them has none of them, nor has a leaf of a few ops
    that has a register.
    """
    wanted = frozenset(wanted)
    result = Scan(model)
    if index is not None and not prefixes:
        ops = index.get(hash(model.op), [])
        kept_if = None  # filtered already
    elif not prefixes and model.size >= LARGE_BODY:
        ops = named_top_ops(model.op, BLOCK_OPS | ASSIGN_OPS | wanted)
    else:
        ops = model.body
    for op in ops:
        name = op.name
        if name in BLOCK_OPS:
            block = Block(op)
            result.blocks.append(block)
            result.assignments.extend(assignment(inner, block, model) for inner in block.all_ops()
                                      if inner.name in ASSIGN_OPS)
        elif name in ASSIGN_OPS:
            result.assignments.append(assignment(op, None, model))
        if (name in wanted or (prefixes and name.startswith(prefixes))) and \
                (not kept_if or (keep := kept_if.get(name)) is None or keep(op)):
            result.ops.setdefault(name, []).append(op)
    return result


LARGE_BODY = 32
"""Top-level ops from which asking C++ (the walk driver, the verifier) beats reading a body from Python:
that has a fixed cost of 5-15 us a module, a few microseconds more than reading 4 ops, which is what most
of 10,000 small modules hold."""


def top_ops(root: ir.Operation, wanted: Iterable[str] = (), kept_if: Mapping[str, OpFilter] | None = None) -> TopOps:
    """What ``scan`` keeps of every module of ``root``: blocks, assignments and ``wanted`` ops (those that
    ``kept_if`` filters only when it keeps them), each under the op it sits in (modules, and statements for
    nested ones), found by one walk in C++."""
    index: TopOps = {}
    for op in collect(root, sorted(BLOCK_OPS | ASSIGN_OPS | frozenset(wanted))):
        if kept_if and (keep := kept_if.get(op.name)) is not None and not keep(op):
            continue  # no check reads it: a leaf whose only register has no reset is not scanned for one
        parent = op.parent
        if parent is not None:
            index.setdefault(hash(parent.operation), []).append(op)
    return index


def named_top_ops(module: ir.Operation, names: Iterable[str]) -> list[ir.Operation]:
    """The ops named in ``names`` at the top of ``module``'s body, in order (found by MLIR's walk driver)."""
    found = collect(module, sorted(names))
    return [op for op in found if (parent := op.parent) is not None and parent.operation == module]


# -- conditions ------------------------------------------------------------------

HIGH, LOW = "high", "low"


def reset_test(condition: ir.Value, reset: ir.Value) -> str | None:
    """How an ``sv.if`` condition tests ``reset``: ``"high"`` (``if (rst)``), ``"low"`` (``if (!rst)``) or None.

    ``!rst`` is any of the forms the frontend and CIRCT's canonicalizer write:
    ``comb.xor %rst, %true``, ``comb.icmp eq %rst, %false``, ``comb.icmp ne %rst, %true``.
    """
    if same_value(condition, reset):
        return HIGH
    op = defining_op(trace(condition))
    if op is None or len(op.operands) != 2:
        return None
    left, right = op.operands[0], op.operands[1]
    if same_value(right, reset):
        left, right = right, left
    if not same_value(left, reset):
        return None
    constant = constant_value(right)
    if op.name == "comb.xor" and constant == 1:
        return LOW
    if op.name == "comb.icmp":
        predicate = int_attr(op, "predicate")  # 0 eq, 1 ne
        if (predicate, constant) in ((0, 0), (1, 1)):
            return LOW
        if (predicate, constant) in ((0, 1), (1, 0)):
            return HIGH
    return None


def depends_on(value: ir.Value, signal: ir.Value, depth: int = 3) -> bool:
    """Whether ``value`` is ``signal`` or computed from it within ``depth`` ops (a cheap, shallow look)."""
    if same_value(value, signal):
        return True
    op = defining_op(trace(value))
    if op is None or depth == 0 or op.name in ("hw.constant", "sv.read_inout"):
        return False
    return any(depends_on(operand, signal, depth - 1) for operand in op.operands)
