"""Seeded smoke of the random-design differential test (the long mode: python -m loom.tools.fuzz designs).

Each seed is a random loom program checked with verilator --lint-only -Wall and
simulated in Icarus against a Python model made from the same description.
"""

from pathlib import Path

import pytest

from loom.tools.fuzz.describe import DesignDesc, Node, random_design
from loom.tools.fuzz import designs
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
    design = next(d for d in map(random_design, range(100)) if _output_operation(d) is not None)
    program = designs.design_source(design)
    monkeypatch.setattr(designs, "design_source", lambda _: program)  # loom builds the unchanged design
    node = _output_operation(design)
    assert node is not None
    node.op = {"add": "sub", "sub": "add", "xor": "or", "or": "xor"}[node.op]
    found = check_described([design], tmp_path)
    assert [f.kind for f in found] == ["mismatch"], [f.summary() for f in found]


def _output_operation(design: DesignDesc) -> Node | None:
    """A top output driven straight by ``+ - ^ |`` of two signals, at least 4 bits wide."""
    for _, index in design.top.outputs:
        node = design.top.nodes[index]
        if node.op in ("add", "sub", "xor", "or") and node.value is None and node.width >= 4:
            return node
    return None


def test_model_follows_the_signedness_rules() -> None:
    """A hand-written description: sext keeps signedness, comparisons are signed only when both sides are."""
    from loom.tools.fuzz.describe import ModuleDesc, Node, Port

    top = ModuleDesc("T", inputs=[Port("a", 4, True), Port("b", 4)])
    top.nodes = [Node("input", 4, True, attrs=("a",)), Node("input", 4, False, attrs=("b",)),
                 Node("sext", 8, True, (0,)), Node("lt", 1, False, (2,), value=0),      # signed: a < 0
                 Node("sext", 8, False, (1,)), Node("lt", 1, False, (4,), value=0),     # unsigned: never
                 Node("shr", 8, True, (2,), value=1)]                                   # arithmetic
    top.outputs = [(Port("neg", 1), 3), (Port("never", 1), 5), (Port("half", 8), 6)]
    model = DesignModel(DesignDesc(0, [top]))
    assert model.step({"a": 0b1000, "b": 0b1000}, set()) == {"neg": 1, "never": 0, "half": 0b11111100}
    assert model.step({"a": 0b0110, "b": 0b1000}, set()) == {"neg": 0, "never": 0, "half": 0b00000011}
