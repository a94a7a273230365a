"""lowering/prove.py: yosys equivalence proofs of two SystemVerilog designs."""

import pytest

from loom import Generator, verilog
from loom.lowering.prove import Outcome, prove, yosys_available

pytestmark = pytest.mark.skipif(not yosys_available(), reason="yosys not installed")


class Counter(Generator):
    def __init__(self) -> None:
        super().__init__("Counter")
        self.clock()
        self.reset("rst_n", asynchronous=True, active_low=True)
        step = self.input("step", 4)
        count = self.reg("count", 4)
        count.assign(count + step)
        self.output("value", 4).assign(count ^ 5)


def test_same_design_is_equivalent() -> None:
    sources = verilog(Counter(), emit_locations=False)
    assert prove(sources, sources, "Counter").outcome is Outcome.EQUIVALENT


def test_a_changed_operator_is_found() -> None:
    gold = verilog(Counter(), emit_locations=False)
    gate = {name: text.replace("count + step", "count - step") for name, text in gold.items()}
    assert gate != gold
    verdict = prove(gold, gate, "Counter")
    assert verdict.outcome is Outcome.DIFFERENT
    assert verdict.log.startswith("not proven equal: count")


def test_a_changed_reset_value_is_found() -> None:
    gold = verilog(Counter(), emit_locations=False)
    gate = {name: text.replace("count <= 4'h0", "count <= 4'h1") for name, text in gold.items()}
    assert gate != gold
    assert prove(gold, gate, "Counter").outcome is Outcome.DIFFERENT


def test_unreadable_input_is_unsupported() -> None:
    gold = verilog(Counter(), emit_locations=False)
    gate = {"Counter": "module Counter(input clk; endmodule"}
    assert prove(gold, gate, "Counter").outcome is Outcome.UNSUPPORTED


def test_unsupported_names_the_parse_error() -> None:
    """yosys 0.23 cannot read a multi-dimensional packed array: the verdict quotes its error line, not the banner."""
    gold = verilog(Counter(), emit_locations=False)
    gate = {"Counter": gold["Counter"].replace("reg  [3:0] count;", "reg  [0:0][3:0] count;")}
    assert gate != gold
    verdict = prove(gold, gate, "Counter")
    assert verdict.outcome is Outcome.UNSUPPORTED
    assert ": ERROR: syntax error" in verdict.log, verdict.log
