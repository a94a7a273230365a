"""``verify-generator-connectivity``: every generator is connected, no net floats (kratos check).

kratos checks that each child generator's inputs and each generator's outputs
are driven on every bit. In loom IR an output port is always driven (it is an
operand of ``loom.output``), so the floating nets are:

- an unconditional input of a ``loom.instance`` that is not connected (the
  IR allows it only in a generator marked ``zero_inputs``, until
  ``zero-generator-inputs`` ties it to 0; ``loom-verify`` rejects it
  everywhere else, so only those generators are scanned for it);
- a procedural variable (``sv.logic``/``sv.reg``) that is read while some of
  its bits are never assigned. Bits are tracked through constant-index part
  selects (``sv.indexed_part_select_inout``) and array elements
  (``sv.array_index_inout``); a write through a variable index counts as
  covering every bit, as in kratos.

Stubs (``stub`` attribute) and external modules are skipped. Each problem is
reported at the op that shows it: the instance's or the variable's line in
the user's Python source; the pass then fails, like kratos. Conditional ports
are left to ``loom-verify``/``loom-specialize``, which know their parameters.
"""

from __future__ import annotations

from functools import cached_property

from circt import ir

from ..dialect.opkinds import ASSIGNS, INOUT_SELECTS, VARIABLES
from ..dialect.ops import IN, InstanceOp, ModuleOp, PortInfo
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect_held, holds
from .stage import needs_loom_ir, preserves_ir
from .structure import attributed_modules, defining_op, loom_modules, report_problems

LOOM_MODULE = "loom.module"


class ConnectivityCheck:
    """Collects (location, message) for every floating net of a design."""

    def __init__(self, root: ir.Operation):
        self.root = root
        self.inputs: dict[str, list[PortInfo]] = {}
        self.problems: list[tuple[ir.Location, str]] = []
        self._checked: set[tuple[object, object]] = set()

    @cached_property
    def modules(self) -> dict[str, ModuleOp]:
        """Every generator by name: read when an instance is checked (only in ``zero_inputs`` generators)."""
        return {m.sym_name: m for m in loom_modules(self.root)}

    def required_inputs(self, name: str) -> list[PortInfo]:
        inputs = self.inputs.get(name)
        if inputs is None:
            module = self.modules[name]
            inputs = self.inputs[name] = [p for p in module.ports if p.direction == IN and p.condition is None]
        return inputs

    def run(self, root: ir.Operation) -> None:
        """Variables at the top of every generator's body but stubs'; instances in ``zero_inputs`` generators.

        Outside a ``zero_inputs`` generator ``loom-verify`` (run after parsing and by every
        lowering) already rejects an open input, so only those modules need the scan. MLIR's walk
        driver finds the ops by name in C++, so Python sees the variables (and those instances) only,
        not the 100,000 ops of a flat top of 50,000 instances.
        """
        stubs: set[ir.Operation] = set()
        zero: set[ir.Operation] = set()  # generators with zero_inputs (stubs left out)
        for module, attributes in attributed_modules(root):
            if "stub" in attributes:
                stubs.add(module.operation)
            elif "zero_inputs" in attributes:
                zero.add(module.operation)
        names = sorted(VARIABLES) + (["loom.instance"] if zero else [])
        # ``holds`` keeps its answer for remove-unused-vars, which asks about the same variables next (one walk of
        # the design for both), and ``collect_held`` takes the ops it found
        for op in collect_held(root, names) if holds(root, names) else ():
            parent = op.parent
            if parent is None or parent.operation.name == "builtin.module":
                zero_inputs = False
            elif parent.operation.name == LOOM_MODULE and parent.operation not in stubs and \
                    parent.parent is not None and parent.parent.operation.name == "builtin.module":
                zero_inputs = parent.operation in zero
            else:
                continue  # nested in a statement, in a stub or in an hw.module: not a net of a generator's body
            if op.name in VARIABLES:
                self.check_variable(op)
            elif zero_inputs:
                self.check_instance(op.opview, True)  # type: ignore[arg-type]

    def check_instance(self, inst: InstanceOp, zero_inputs: bool) -> None:
        attributes = inst.operation.attributes
        key = (attributes["module"], attributes["input_names"])
        if key in self._checked:
            return  # same target and connections as an instance already found complete
        target = inst.module_name
        if target not in self.modules:
            return  # an external module, or a missing one (loom-verify reports that)
        connected = set(inst.input_names)
        missing = [p.name for p in self.required_inputs(target) if p.name not in connected]
        if not missing:
            self._checked.add(key)
            return
        hint = " (run zero-generator-inputs before this check to tie it to 0)" if zero_inputs else ""
        for port in missing:
            self.problems.append((inst.location, f"input '{port}' of instance '{inst.instance_name}' ('{target}')"
                                                 f" is a floating net: it is not connected{hint}"))

    def check_variable(self, op: ir.Operation) -> None:
        width = _bit_width(op.results[0].type)
        covered: set[int] = set()
        read = False
        for use in op.results[0].uses:
            owner = use.owner.operation
            name = owner.name
            if name in ASSIGNS and use.operand_number == 0:
                return
            if name == "sv.read_inout":
                read = True
            elif name in INOUT_SELECTS:
                bits = _selected_bits(owner, width)
                if bits is None and _is_written(owner):
                    return  # written through a variable index: counts as every bit
                if bits is not None and _is_written(owner):
                    covered.update(bits)
                read = read or _is_read(owner)
            else:
                read = True  # any other use (struct field, instance operand, ...) reads it
        if not read or (width is not None and len(covered) == width):
            return
        var = ir.StringAttr(op.attributes["name"]).value if "name" in op.attributes else "<unnamed>"
        if not covered or width is None:
            self.problems.append((op.location, f"'{var}' is a floating net: it is read but never assigned"))
            return
        first = min(set(range(width)) - covered)
        self.problems.append((op.location, f"{var}[{first}] is a floating net: it is read but bit {first}"
                                           " is never assigned"))


def _bit_width(type_: ir.Type) -> int | None:
    """The width of an ``!hw.inout<iN>`` (None for other element types)."""
    text = str(type_)
    if text.startswith("!hw.inout<i") and text[len("!hw.inout<i"):-1].isdigit():
        return int(text[len("!hw.inout<i"):-1])
    return None


def _constant(value: ir.Value) -> int | None:
    owner = defining_op(value)
    if owner is None or owner.name != "hw.constant":
        return None
    # hw.constant stores the two's complement value of its own width (an i2 index 2 reads as -2).
    width = ir.IntegerType(owner.results[0].type).width
    return ir.IntegerAttr(owner.attributes["value"]).value & ((1 << width) - 1)


def _selected_bits(op: ir.Operation, width: int | None) -> range | None:
    """The bits a constant part select writes (None: not constant, or not an integer variable)."""
    if op.name != "sv.indexed_part_select_inout" or width is None:
        return None
    base = _constant(op.operands[1])
    if base is None:
        return None
    size = ir.IntegerAttr(op.attributes["width"]).value
    decrement = "decrement" in op.attributes
    low = base - size + 1 if decrement else base
    return range(max(low, 0), min(low + size, width))


def _is_written(select: ir.Operation) -> bool:
    """Whether something assigns through ``select``, directly or through a nested select (an element of a
    row of a two-dimensional unpacked array)."""
    for use in select.results[0].uses:
        owner = use.owner.operation
        if (owner.name in ASSIGNS and use.operand_number == 0) or (owner.name in INOUT_SELECTS and _is_written(owner)):
            return True
    return False


def _is_read(select: ir.Operation) -> bool:
    return any(not (u.owner.operation.name in ASSIGNS and u.operand_number == 0) for u in select.results[0].uses)


@loom_pass("verify-generator-connectivity", kind=PassKind.DESIGN,
           summary="Check that every instance input is connected and no variable floats (stops the pipeline)")
@needs_loom_ir
@preserves_ir
def run(module: ir.Operation, options: NoOptions) -> None:
    """Check that every instance input is connected and no variable floats (kratos connectivity check)."""
    del options
    check = ConnectivityCheck(module)
    check.run(module)
    report_problems(check.problems, "verify-generator-connectivity")
