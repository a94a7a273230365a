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
from loom.lowering.checks.dominance import defined_in_order
from loom.lowering.checks.model import ModuleModel, scan

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
