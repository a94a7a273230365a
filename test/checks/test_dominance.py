"""``defined_in_order``: MLIR's verifier proves a body defines every value above its uses, and leaves it as it was.

The combinational-loop check skips reading operands from Python when this holds
(``in_definition_order``); these tests pin down that the answer is right both ways
and that lending the body block to the verifier changes nothing in the module.
"""

from __future__ import annotations

import pytest
from circt import ir

from loom.dialect.context import new_context
from loom.lowering.checks import combinational_loop
from loom.lowering.checks.combinational_loop import CHECK, in_definition_order
from loom.lowering.checks.dominance import defined_in_order, in_order_bodies
from loom.lowering.checks.model import ModuleModel, scan
from loom.lowering.diagnostics import ERROR, CheckFailedError
from loom.lowering.pipeline import run_pipeline

PORTS = '[{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8},' \
        ' {name = "o", dir = "out", type = i8}]'


def loom_module(body: str) -> str:
    return (f'"loom.module"() ({{\n^bb0(%clk: !seq.clock, %a: i8):\n{body}\n}}, {{}}) '
            f'{{sym_name = "M", parameters = [], ports = {PORTS}}} : () -> ()')


IN_ORDER = loom_module("""  %0 = comb.add %a, %a : i8
  %1 = "loom.instance"(%clk, %0) {input_names = ["clk", "a"], instance_name = "u", module = @Child,
                                  output_names = ["o"]} : (!seq.clock, i8) -> i8
  %2 = comb.xor %1, %0 : i8
  "loom.output"(%2) : (i8) -> ()""")

USED_ABOVE = loom_module("""  %1 = comb.xor %0, %a : i8
  %0 = comb.add %a, %a : i8
  "loom.output"(%1) : (i8) -> ()""")

REGISTER_FED_FROM_BELOW = loom_module("""  %r = seq.firreg %0 clock %clk : i8
  %0 = comb.add %r, %a : i8
  "loom.output"(%r) : (i8) -> ()""")

HW_MODULE = """hw.module @H(in %a : i8, out o : i8) {
  %1 = comb.xor %0, %a : i8
  %0 = comb.add %a, %a : i8
  hw.output %1 : i8
}"""


def parse(text: str) -> tuple[ir.Module, ir.Operation]:
    module = ir.Module.parse(text)
    return module, module.body.operations[0].operation


@pytest.mark.parametrize(("text", "expected"), [(IN_ORDER, True), (USED_ABOVE, False),
                                                (REGISTER_FED_FROM_BELOW, False), (HW_MODULE, False)])
def test_answer_and_module_left_as_it_was(text: str, expected: bool) -> None:
    with new_context():
        module, op = parse(text)
        before = str(module)
        assert defined_in_order(op) is expected
        assert str(module) == before
        assert len(op.regions[0].blocks) == 1
        module.operation.verify()


def test_bodies_whose_verifier_would_crash_are_not_lent() -> None:
    """``hw.param.value`` crashes MLIR's verifier outside an hw.module: such a body is answered False unread."""
    with new_context():
        _, op = parse(HW_MODULE.replace("@H(", "@H<W: i8>(").replace("%0 = comb.add %a, %a", "%0 = hw.param.value i8 = #hw.param.decl.ref<\"W\">")
                      .replace("%1 = comb.xor %0, %a", "%1 = comb.xor %a, %a"))
        assert defined_in_order(op) is False
        _, op = parse(IN_ORDER)
        with ir.InsertionPoint.at_block_begin(op.regions[0].blocks[0]):
            ir.Operation.create("hw.param.value", results=[ir.IntegerType.get_signless(8)], loc=ir.Location.unknown(),
                                attributes={"value": ir.Attribute.parse('#hw.param.decl.ref<"W"> : i8')})
        assert defined_in_order(op) is False


@pytest.mark.parametrize("large", [0, 1000], ids=["verifier-first", "small-body"])
def test_a_register_fed_from_below_still_passes_the_python_test(large: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The verifier does not exempt registers, ``in_definition_order`` does: it falls back to reading operands
    (a small body is read from Python at once)."""
    monkeypatch.setattr(combinational_loop, "LARGE_BODY", large)
    with new_context():
        _, op = parse(REGISTER_FED_FROM_BELOW)
        assert in_definition_order(scan(ModuleModel(op), CHECK.wanted))
        _, op = parse(USED_ABOVE)
        assert not in_definition_order(scan(ModuleModel(op), CHECK.wanted))
        _, op = parse(IN_ORDER)
        assert in_definition_order(scan(ModuleModel(op), CHECK.wanted))


LOOP = loom_module("""  %1 = comb.xor %0, %a : i8
  %0 = comb.add %1, %a : i8
  "loom.output"(%0) : (i8) -> ()""")

def named(text: str, name: str) -> str:
    return text.replace('sym_name = "M"', f'sym_name = "{name}"')


def test_all_bodies_at_once_answer_as_one_at_a_time() -> None:
    """``in_order_bodies`` lends every body in its turn; its answers are ``defined_in_order``'s, a body that
    would crash the verifier (an ``sv.localparam``, added after parsing: the parser's verifier would crash
    too) is not lent, and every module is left as it was."""
    texts = [IN_ORDER, USED_ABOVE, REGISTER_FED_FROM_BELOW, LOOP, IN_ORDER, IN_ORDER]
    with new_context():
        module = ir.Module.parse("\n".join(named(text, f"M{index}") for index, text in enumerate(texts)))
        ops = [op.operation for op in module.body.operations]
        with ir.InsertionPoint.at_block_begin(ops[-1].regions[0].blocks[0]), ir.Location.unknown():
            localparam = ir.Operation.create("sv.localparam", results=[ir.IntegerType.get_signless(8)],
                                             attributes={"value": ir.IntegerAttr.get(ir.IntegerType.get_signless(8), 3),
                                                         "name": ir.StringAttr.get("p")})
        before = module.operation.get_asm(assume_verified=True)  # printing verifies first otherwise (and crashes)
        assert in_order_bodies(module.operation, ops) == [True, False, False, False, True, False]
        assert [defined_in_order(op) for op in ops] == [True, False, False, False, True, False]
        assert module.operation.get_asm(assume_verified=True) == before
        localparam.erase()
        module.operation.verify()


def test_the_check_over_many_modules_finds_the_one_loop() -> None:
    """The run asks about all bodies at once and scans them from one walk: the loop in one small module among
    many in definition order (and one whose register is fed from below) is still reported, once."""
    leaves = [named(IN_ORDER, f"In{index}") for index in range(40)]
    texts = [*leaves[:20], named(LOOP, "Looped"), named(REGISTER_FED_FROM_BELOW, "Fed"), *leaves[20:]]
    with new_context():
        module = ir.Module.parse("\n".join(texts))
        with pytest.raises(CheckFailedError) as caught:
            run_pipeline(module.operation, "check-combinational-loop")
        errors = [d for d in caught.value.diagnostics if d.severity == ERROR]
        assert len(errors) == 1 and "combinational loop" in errors[0].message, errors
        assert str(module).count('sym_name = "Looped"') == 1
