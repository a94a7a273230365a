"""``lower-data-types``: the last steps that make structs and enums printable by every simulator.

Runs on ``hw.module`` bodies, after ``lower-loom-to-hw``:

- ``"loom.localparam"() {name = "IDLE", value = 0 : i2}`` becomes
  ``sv.localparam`` at the top of the module (one per name and value), so the
  SystemVerilog reads ``localparam [1:0] IDLE = 0;`` and uses the name. It
  cannot be an ``sv.localparam`` earlier: that op's verifier looks for an
  enclosing ``hw.module`` and crashes the process inside a ``loom.module``
  (measured, like ``hw.param.value``, see docs/rationale.md).
- an ``sv.case`` whose labels are named (``loom.case_names``, written by the
  frontend for ``case State.IDLE`` and by realize-fsm for states) gets those
  labels as expression patterns reading the localparams, so the case reads
  ``IDLE:`` (lowering/case_names.py); the checks before this pass see numbers.
- ``hw.aggregate_constant`` (what ``canonicalize`` makes of a cast constant,
  e.g. a struct register's reset value) becomes ``hw.bitcast`` of an
  ``hw.constant``, for the same reason.
- ``hw.array_get`` with a signal index into a struct field gets the field
  through an ``hw.wire`` first: Icarus cannot elaborate ``row.cells[row.tag]``
  ("Array/part index expressions must be constant here", measured) but takes
  ``row_cells[row.tag]``.
- a part select of an element chosen by a signal index (``comb.extract`` of
  ``hw.array_get %a[%i]``) selects the part of every element first and then
  indexes that array: Icarus cannot elaborate ``a[i][1:0]`` ("A reference to a
  wire or reg (`i') is not allowed in a constant expression", measured; found by
  the random-design fuzzer), but takes ``_GEN[i]`` with
  ``wire [2:0][1:0] _GEN = {a[2'h2][1:0], a[2'h1][1:0], a[2'h0][1:0]};``, and
  every bit of that wire is read (verilator -Wall clean).
- a field or a constant-index element of a value cast from bits
  (``Pixel.from_bits(x).r``: ``hw.struct_extract`` / ``hw.array_get`` of an
  ``hw.bitcast``) reads those bits of ``x`` (``comb.extract``). SystemVerilog
  cannot select a field of a cast, so ExportVerilog would spill the cast into a
  ``_GEN`` wire, and when some fields are never read ``verilator -Wall`` reports
  them (UNUSEDSIGNAL; found by the random-design fuzzer).
- a parameter expression that ``canonicalize`` folded from arithmetic on a kept
  parameter is computed by comb ops again (``lowering/param_expressions.py``), so
  its constants are sized (``P0 + 1`` is 32 bits wide in a concatenation).
- the index of a two-element packed array (read or written), when an operator
  computes it, goes through a named wire (an ``hw.wire``; in an ``always_comb``, a
  ``logic`` assigned just before its use): for ``a[~x | y]`` with a 1-bit index
  ``verilator -Wall`` reports "Operator NOT expects 32 or 2 bits" (WIDTH,
  measured for size 2 only; found by the random-design fuzzer).
- ``hw.struct_create`` becomes ``hw.bitcast`` of a ``comb.concat`` of its
  fields. ExportVerilog prints ``hw.struct_create`` as an assignment pattern
  ``'{a: x, b: y}``, which Icarus Verilog 11 rejects (``syntax error in
  continuous assignment``, measured); a cast concatenation means the same for a
  packed struct and every tool accepts it. ``hw.struct_extract`` of a
  ``hw.struct_create`` reads the field's value directly first, so the common
  "drive the fields, read a field" case leaves no cast behind.

MLIR's walk driver finds the ops to rewrite in C++, so a design without
them costs next to nothing from Python.
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from ..dialect.case_names import CASE_NAMES
from ..dialect.constants import constant_value, create_constant, signed_literal
from ..dialect.statement_ops import LocalParamOp
from . import param_expressions
from .bit_slices import slice_of
from .case_names import name_case_labels
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect, collect_held, idle
from .structure import report_problems

LOCALPARAM = LocalParamOp.OPERATION_NAME
# The ops this pass rewrites; MLIR finds them in C++ (a Python walk would pay for every op of a large design).
CAST = "hw.bitcast"
_REWRITTEN = (LOCALPARAM, "hw.struct_create", "hw.aggregate_constant", "hw.array_get", "sv.array_index_inout",
              "sv.case", "hw.param.value")
READ = (*_REWRITTEN, CAST)
"""Every op the pass reads."""


def _bit_type(type_: ir.Type) -> ir.Type:
    return ir.IntegerType.get_signless(hw.get_bitwidth(type_))


def _is_integer(type_: ir.Type) -> bool:
    try:
        ir.IntegerType(type_)
    except ValueError:
        return False
    return True


def _as_bits(value: ir.Value) -> ir.Value:
    """``value`` as an integer (a bit cast for an aggregate)."""
    if _is_integer(value.type):
        return value
    return ir.Operation.create("hw.bitcast", results=[_bit_type(value.type)], operands=[value]).results[0]


def _lower_struct_create(op: ir.Operation) -> None:
    fields = list(op.operands)
    result = op.results[0]
    names = [name for name, _ in hw.StructType(_canonical(result.type)).get_fields()]
    for use in list(result.uses):
        user = use.owner
        if user.name == "hw.struct_extract":
            user.results[0].replace_all_uses_with(fields[names.index(_field_name(user))])
            user.erase()
    if not list(result.uses):
        op.erase()
        return
    with op.location, ir.InsertionPoint(op):
        parts = [_as_bits(value) for value in fields]
        joined = parts[0] if len(parts) == 1 else ir.Operation.create(
            "comb.concat", results=[_bit_type(result.type)], operands=parts).results[0]
        cast = ir.Operation.create("hw.bitcast", results=[result.type], operands=[joined])
    result.replace_all_uses_with(cast.results[0])
    op.erase()


def _canonical(type_: ir.Type) -> ir.Type:
    return hw.TypeAliasType(type_).canonical_type if hw.TypeAliasType.isinstance(type_) else type_


def _constant_bits(attr: ir.Attribute, type_: ir.Type) -> int:
    """The bits of an ``hw.aggregate_constant`` value: fields (and array elements) listed most significant first."""
    type_ = _canonical(type_)
    if _is_integer(type_):
        return ir.IntegerAttr(attr).value & ((1 << ir.IntegerType(type_).width) - 1)
    if hw.StructType.isinstance(type_):
        parts = [t for _, t in hw.StructType(type_).get_fields()]
    else:
        array = hw.ArrayType(type_)
        parts = [array.element_type] * array.size
    value = 0
    for item, part in zip(ir.ArrayAttr(attr), parts, strict=True):
        value = (value << hw.get_bitwidth(part)) | _constant_bits(item, part)
    return value


def _lower_aggregate_constant(op: ir.Operation) -> None:
    type_ = op.results[0].type
    width = hw.get_bitwidth(type_)
    value = _constant_bits(op.attributes["fields"], type_)
    with op.location, ir.InsertionPoint(op):
        constant = create_constant(ir.IntegerType.get_signless(width), value)
        cast = ir.Operation.create("hw.bitcast", results=[type_], operands=[constant.results[0]])
    op.results[0].replace_all_uses_with(cast.results[0])
    op.erase()


def _field_name(extract: ir.Operation) -> str:
    """The field an ``hw.struct_extract`` reads (the op stores its index)."""
    if "fieldName" in extract.attributes:
        return ir.StringAttr(extract.attributes["fieldName"]).value
    struct = hw.StructType(_canonical(extract.operands[0].type))
    return struct.get_fields()[ir.IntegerAttr(extract.attributes["fieldIndex"]).value][0]


def _defining_op(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    return owner if isinstance(owner, ir.Operation) else getattr(owner, "operation", None) \
        if not isinstance(owner, ir.Block) else None


def _name_indexed_field(op: ir.Operation) -> None:
    array, index = op.operands[0], op.operands[1]
    source = _defining_op(array)
    if source is None or source.name != "hw.struct_extract":
        return
    index_source = _defining_op(index)
    if index_source is not None and index_source.name == "hw.constant":
        return
    field = _field_name(source)
    with op.location, ir.InsertionPoint(op):
        wire = ir.Operation.create("hw.wire", results=[array.type], operands=[array],
                                   attributes={"name": ir.StringAttr.get(field)})
    op.operands[0] = wire.results[0]


def select_parts_first(op: ir.Operation) -> bool:
    """``a[i][hi:lo]`` -> ``{a[n-1][hi:lo], ..., a[0][hi:lo]}[i]`` (see the module docstring); False if there
    was no such select."""
    array, index = op.operands[0], op.operands[1]
    size = hw.ArrayType(_canonical(array.type)).size
    index_source = _defining_op(index)
    if size < 2 or (index_source is not None and index_source.name == "hw.constant"):
        return False
    changed = False
    for use in list(op.results[0].uses):
        extract = use.owner
        if extract.name != "comb.extract":
            continue
        part_type = extract.results[0].type
        low = ir.IntegerAttr(extract.attributes["lowBit"]).value
        width = ir.IntegerType(part_type).width
        element_width = hw.get_bitwidth(op.results[0].type)
        cast = _defining_op(array)
        bits = cast.operands[0] if cast is not None and cast.name == "hw.bitcast" and _is_integer(
            cast.operands[0].type) else None
        with extract.location, ir.InsertionPoint(extract):
            parts = []
            for element in reversed(range(size)):  # hw.array_create takes the highest index first
                if bits is not None:  # the elements of a cast are bits of its operand (no _GEN of the cast)
                    parts.append(slice_of(bits, element * element_width + low, width, into_concat=False))
                    continue
                position = create_constant(ir.IntegerType(index.type), element).results[0]
                item = ir.Operation.create("hw.array_get", results=[op.results[0].type], operands=[array, position])
                parts.append(slice_of(item.results[0], low, width, into_concat=False))
            selected = ir.Operation.create("hw.array_create", results=[hw.ArrayType.get(part_type, size)],
                                           operands=parts)
            read = ir.Operation.create("hw.array_get", results=[part_type], operands=[selected.results[0], index])
        extract.results[0].replace_all_uses_with(read.results[0])
        extract.erase()
        changed = True
    if not list(op.results[0].uses):
        op.erase()
    return changed


_PLAIN_INDEX = ("hw.constant", "hw.wire", "comb.extract", "sv.read_inout")


def _name_pair_index(op: ir.Operation, array_type: ir.Type) -> None:
    """The computed index of a two-element packed array through a named wire (see the module docstring)."""
    try:
        size = hw.ArrayType(_canonical(array_type)).size
    except ValueError:
        return  # an unpacked array (a memory): no warning
    index = op.operands[1]
    source = _defining_op(index)
    if size != 2 or source is None or source.name in _PLAIN_INDEX:
        return
    name: dict[str, ir.Attribute] = {"name": ir.StringAttr.get("index")}
    if source.parent.name == "hw.module":
        with source.location, ir.InsertionPoint.after(source):
            op.operands[1] = ir.Operation.create("hw.wire", results=[index.type], operands=[index],
                                                 attributes=name).results[0]
        return
    block = source.parent
    while block is not None and block.parent is not None and block.parent.name != "hw.module":
        block = block.parent
    if block is None or block.name != "sv.alwayscomb":
        return  # a blocking assignment elsewhere (always_ff) would be a lint finding of its own
    with source.location:
        with ir.InsertionPoint(block):
            variable = ir.Operation.create("sv.logic", results=[hw.InOutType.get(index.type)], attributes=name)
        with ir.InsertionPoint(op):
            ir.Operation.create("sv.bpassign", operands=[variable.results[0], index])
            op.operands[1] = ir.Operation.create("sv.read_inout", results=[index.type],
                                                 operands=[variable.results[0]]).results[0]


def part_range(aggregate: ir.Type, user: ir.Operation) -> tuple[int, ir.Type] | None:
    """The lowest bit and the type of the part ``user`` (a field or constant-index element read) takes."""
    if user.name == "hw.struct_extract":
        fields = hw.StructType(_canonical(aggregate)).get_fields()
        names = [name for name, _ in fields]
        index = names.index(_field_name(user))
        return sum(hw.get_bitwidth(t) for _, t in fields[index + 1:]), fields[index][1]  # first field highest
    if user.name == "hw.array_get":
        position = constant_value(user.operands[1])
        array = hw.ArrayType(_canonical(aggregate))
        if position is None or position >= array.size:
            return None
        return position * hw.get_bitwidth(array.element_type), array.element_type
    return None


def _read_parts_of_cast(cast: ir.Operation) -> None:
    """Field and element reads of ``hw.bitcast`` from bits read the bits (see the module docstring)."""
    bits = cast.operands[0]
    inner = _defining_op(bits)
    if inner is not None and inner.name == "hw.bitcast" and inner.operands[0].type == cast.results[0].type:
        cast.results[0].replace_all_uses_with(inner.operands[0])  # the bits of a struct made from bits
        cast.erase()  # (the inner cast comes later in the reversed walk, and goes if nothing else reads it)
        return
    if not _is_integer(bits.type) or _is_integer(cast.results[0].type):
        return
    for use in list(cast.results[0].uses):
        user = use.owner
        if use.operand_number != 0 or user.name not in ("hw.struct_extract", "hw.array_get"):
            continue
        found = part_range(cast.results[0].type, user)
        if found is None:
            continue
        low, part_type = found
        for select in [u.owner for u in user.results[0].uses if u.owner.name == "comb.extract"]:
            with select.location, ir.InsertionPoint(select):  # a select of the part: one select of the bits
                inner_low = ir.IntegerAttr(select.attributes["lowBit"]).value
                select.results[0].replace_all_uses_with(
                    slice_of(bits, low + inner_low, ir.IntegerType(select.results[0].type).width, into_concat=False))
            select.erase()
        if list(user.results[0].uses):
            with user.location, ir.InsertionPoint(user):
                value = slice_of(bits, low, hw.get_bitwidth(part_type), into_concat=False)
                if not _is_integer(part_type):
                    value = ir.Operation.create("hw.bitcast", results=[part_type], operands=[value]).results[0]
            user.results[0].replace_all_uses_with(value)
        user.erase()
    if not list(cast.results[0].uses):
        cast.erase()


def _unsigned(attr: ir.Attribute) -> int:
    value = ir.IntegerAttr(attr).value
    return value & ((1 << ir.IntegerType(ir.IntegerAttr(attr).type).width) - 1)


class _LocalParams:
    """The ``sv.localparam`` ops at the top of one module body, one per (name, value, width)."""

    def __init__(self, body: ir.Block):
        self.body = body
        self.made: dict[tuple[str, int, int], ir.Value] = {}

    def get(self, name: str, value: int, type_: ir.Type, location: ir.Location) -> ir.Value:
        """The localparam ``name = value`` of ``type_``, made (at the block's start) the first time it is asked."""
        key = (name, value, ir.IntegerType(type_).width)
        if key not in self.made:
            width = key[2]
            with location, ir.InsertionPoint.at_block_begin(self.body):
                self.made[key] = ir.Operation.create(
                    "sv.localparam", results=[type_], attributes={
                        "name": ir.StringAttr.get(name),
                        "value": ir.IntegerAttr.get(type_, signed_literal(value, width))}).results[0]
        return self.made[key]

    def lower(self, ops: list[ir.Operation], module: ir.Operation, problems: list[tuple[ir.Location, str]]) -> None:
        """One ``sv.localparam`` per (name, value) of ``ops`` (``loom.localparam``), which are erased.

        The values of one enum (or one FSM) share a location, their declaration:
        they are listed together, in value order, enums in order of first use.
        """
        first: dict[tuple[str, int, int], ir.Operation] = {}
        for op in ops:
            first.setdefault(_key(op), op)
        problems.extend(_name_clashes(first, module))
        groups: dict[str, list[tuple[tuple[str, int, int], ir.Operation]]] = {}
        for key, op in first.items():
            groups.setdefault(str(op.location), []).append((key, op))
        ordered = [item for group in groups.values() for item in sorted(group, key=lambda item: item[0][1])]
        for key, op in reversed(ordered):  # each one goes to the block's start
            self.get(key[0], key[1], op.results[0].type, op.location)
        for op in ops:
            op.results[0].replace_all_uses_with(self.made[_key(op)])
            op.erase()


def _name_clashes(first: dict[tuple[str, int, int], ir.Operation],
                  module: ir.Operation) -> list[tuple[ir.Location, str]]:
    """Localparams SystemVerilog could only tell apart by renaming one (``IDLE_0``): two values of one name, or
    the name of a port. An error at the enum (or FSM) is clearer than a name the user never wrote."""
    module_type = hw.ModuleType(ir.TypeAttr(module.attributes["module_type"]).value)
    ports = set(module_type.input_names) | set(module_type.output_names)
    name = ir.StringAttr(module.attributes["sym_name"]).value
    problems: list[tuple[ir.Location, str]] = []
    seen: dict[str, int] = {}
    for (member, value, _), op in first.items():
        if member in ports:
            problems.append((op.location, f"enum value or FSM state '{member}' has the name of a port of module"
                                          f" '{name}'; rename one (SystemVerilog cannot declare both)"))
        elif member in seen and seen[member] != value:
            problems.append((op.location, f"module '{name}' uses two enum values or FSM states named '{member}'"
                                          f" ({seen[member]} and {value}); rename one (SystemVerilog cannot"
                                          " declare both)"))
        seen.setdefault(member, value)
    return problems


def _key(op: ir.Operation) -> tuple[str, int, int]:
    """(name, unsigned value, width) of a ``loom.localparam``."""
    value = op.attributes["value"]
    return (ir.StringAttr(op.attributes["name"]).value, _unsigned(value),
            ir.IntegerType(ir.IntegerAttr(value).type).width)


def _hw_module(op: ir.Operation) -> ir.Operation | None:
    """The ``hw.module`` that holds ``op`` (None outside one: loom IR is left alone)."""
    parent = op.parent
    while parent is not None and parent.name != "hw.module":
        parent = parent.parent
    return parent


@loom_pass("lower-data-types", kind=PassKind.DESIGN,
           summary="Enum localparams to sv.localparam, hw.struct_create to a cast concatenation (after"
                   " lower-loom-to-hw)")
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Turn loom.localparam into sv.localparam and hw.struct_create into a cast concatenation."""
    del options
    if idle(module, "lower-data-types"):
        return False
    kinds: dict[str, list[ir.Operation]] = {name: [] for name in _REWRITTEN}
    localparams: dict[ir.Block, list[ir.Operation]] = {}
    cases: list[tuple[ir.Block, ir.Operation]] = []
    casts: list[ir.Operation] = []
    for found in collect_held(module, READ):  # program order within each module
        op = found.operation
        owner = _hw_module(op)
        if owner is None:
            continue
        body = owner.regions[0].blocks[0]
        if op.name == CAST:
            casts.append(op)
        elif op.name == LOCALPARAM:
            localparams.setdefault(body, []).append(op)
        elif op.name == "sv.case":
            if CASE_NAMES in op.attributes:
                cases.append((body, op))
        else:
            kinds[op.name].append(op)
    declared: dict[ir.Block, _LocalParams] = {}
    problems: list[tuple[ir.Location, str]] = []
    for body, ops in localparams.items():
        declared[body] = _LocalParams(body)
        declared[body].lower(ops, _hw_module(ops[0]), problems)  # type: ignore[arg-type]
    report_problems(problems)
    for body, case in cases:
        name_case_labels(case, declared.setdefault(body, _LocalParams(body)).get)
    for op in reversed(kinds["hw.struct_create"]):  # users first: a struct field may itself be a struct_create
        _lower_struct_create(op)
    for op in kinds["hw.aggregate_constant"]:
        _lower_aggregate_constant(op)
    for op in kinds["hw.array_get"]:
        _name_indexed_field(op)
        _name_pair_index(op, op.operands[0].type)
        select_parts_first(op)
    if localparams or cases or kinds["hw.struct_create"] or kinds["hw.aggregate_constant"] or kinds["hw.array_get"]:
        # the steps above made casts (and may have erased some): look again
        casts = [op for op in collect(module, (CAST,)) if _hw_module(op) is not None]
    for op in reversed(casts):  # users first
        _read_parts_of_cast(op)
    for op in kinds["hw.param.value"]:
        param_expressions.materialize(op)
    for op in kinds["sv.array_index_inout"]:
        _name_pair_index(op, hw.InOutType(op.operands[0].type).element_type)
    return None
