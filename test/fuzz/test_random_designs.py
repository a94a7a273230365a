"""Seeded smoke of the random-design differential test (the long mode: python -m loom.tools.fuzz designs).

Each seed is a random loom program checked with verilator --lint-only -Wall and
simulated in Icarus against a Python model made from the same description.
"""

from pathlib import Path

import pytest

from loom.tools.fuzz import designs
from loom.tools.fuzz.describe import DesignDesc, ModuleDesc, Node, Port
from loom.tools.fuzz.designs import check_described, check_designs, tools_available
from loom.tools.fuzz.model import DesignModel

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

SMOKE_SEEDS = range(1000, 1040)


def test_random_designs_match_their_models(tmp_path: Path) -> None:
    failures = check_designs(SMOKE_SEEDS, tmp_path)
    new = [f"{f.summary()}\n{f.message}" for f in failures if not f.known]
    assert not new, "\n\n".join(new)


def test_a_wrong_model_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness has teeth: a design whose output is ``a + b`` checked against a model of ``a - b``."""
    top = ModuleDesc("Teeth_Top", inputs=[Port("a", 4), Port("b", 4)])
    top.nodes = [Node("input", 4, attrs=("a",)), Node("input", 4, attrs=("b",)), Node("add", 4, args=(0, 1)),
                 Node("concat", 8, args=(0, 1)), Node("r_xor", 1, args=(3,))]
    top.outputs = [(Port("s", 4), 2), (Port("chk", 1), 4)]
    design = DesignDesc(0, [top])
    assert check_described([design], tmp_path / "right") == []
    program = designs.design_source(design)
    monkeypatch.setattr(designs, "design_source", lambda _: program)  # loom builds the unchanged design
    top.nodes[2].op = "sub"
    found = check_described([design], tmp_path / "wrong")
    assert [f.kind for f in found] == ["mismatch"], [f.summary() for f in found]
    assert found[0].message.startswith("cycle 0: s is ")


def test_model_follows_the_signedness_rules() -> None:
    """A hand-written description: sext keeps signedness, comparisons are signed only when both sides are."""
    top = ModuleDesc("T", inputs=[Port("a", 4, True), Port("b", 4)])
    top.nodes = [Node("input", 4, True, attrs=("a",)), Node("input", 4, False, attrs=("b",)),
                 Node("sext", 8, True, (0,)), Node("lt", 1, False, (2,), value=0),      # signed: a < 0
                 Node("sext", 8, False, (1,)), Node("lt", 1, False, (4,), value=0),     # unsigned: never
                 Node("shr", 8, True, (2,), value=1)]                                   # arithmetic
    top.outputs = [(Port("neg", 1), 3), (Port("never", 1), 5), (Port("half", 8), 6)]
    model = DesignModel(DesignDesc(0, [top]))
    assert model.step({"a": 0b1000, "b": 0b1000}, set()) == {"neg": 1, "never": 0, "half": 0b11111100}
    assert model.step({"a": 0b0110, "b": 0b1000}, set()) == {"neg": 0, "never": 0, "half": 0b00000011}
