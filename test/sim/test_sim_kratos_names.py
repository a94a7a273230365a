"""kratos leniencies and metadata, simulated against a Python model and linted (issues 15 and 17):

- names that are Python keywords but legal SystemVerilog (``in``, ``from``, ``is``, ``pass``) as ports,
  vars and instances, reached through ``gen.ports["in"]``, ``gen.get_var("from")`` and
  ``gen.child_instances["pass"]``, emitted unchanged; a SystemVerilog keyword as a var name warns at its line;
- dynamic bit selects ``v[i]`` with a signal index, read at module level and in a block, and written in a
  block;
- an undriven var that nothing reads is a warning at its declaration; one that is read stays an error;
- attributes on ports, vars and registers: in the IR, seen by an IRVisitor user pass that runs in the
  default pipeline, and listed in the metadata JSON.

The model is written from the docstrings, not from loom's output.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import (Design, ElaborationError, Generator, IRVisitor, KeywordNameWarning, UndrivenWarning, always_comb,
                  verilog)
from loom.lowering.visitor import IRModule, IRPort, IRVar

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]
HERE = Path(__file__)


def line_of(marker: str) -> int:
    return next(i for i, line in enumerate(HERE.read_text().splitlines(), 1) if line.endswith(f"# {marker}"))


class Pass(Generator):
    """``from = in ^ 0xFF`` (8 bits)."""

    def __init__(self) -> None:
        super().__init__("Pass")
        self.input("in", 8)
        self.output("from", 8).assign(self.ports["in"] ^ 0xFF)


class Keywords(Generator):
    """Inputs ``in`` (8), ``i`` (3), ``j`` (4). Outputs:

    - ``is``: ``~in`` through the child instance ``pass``;
    - ``sel``: bit ``i`` of ``in``; ``beyond``: bit ``j`` of ``in``, 0 when ``j`` >= 8;
    - ``onehot``: 8 bits, only bit ``i`` set, to the value of bit ``j`` of ``in`` (0 when ``j`` >= 8).
    """

    def __init__(self) -> None:
        super().__init__("Keywords")
        self.input("in", 8).add_attribute("cfg_reg=addr:4")
        self.i = self.input("i", 3)
        self.j = self.input("j", 4)
        self.output("is", 8)
        self.add_child("pass", Pass())
        value = self.var("from", 8)
        value.add_attribute("note", "a \"quoted\" value")
        self.wire(value, self.child_instances["pass"]["from"])
        self.wire(self.ports["is"], self.get_var("from"))
        self.wire(self.child_instances["pass"]["in"], self.ports["in"])
        self.output("sel", 1).assign(self.ports["in"][self.i])
        self.beyond = self.output("beyond", 1)
        self.onehot = self.output("onehot", 8)
        self.onehot.add_attribute(Formal())
        self.logic = self.var("logic", 8)  # keyword-var
        self.logic.assign(self.ports["in"])
        self.spare = self.var("spare", 4)  # undriven-var
        self.add_attribute("origin=kratos")  # kratos's one-string form

    @always_comb
    def select(self) -> None:
        self.beyond = self.logic[self.j]
        self.onehot = 0
        self.onehot[self.i] = self.logic[self.j]


class Formal:
    """A kratos-style attribute object."""

    type_str = "formal"
    value_str = "assume"


def model(inputs: dict[str, int]) -> dict[str, int | None]:
    value, i, j = inputs["in"], inputs["i"], inputs["j"]
    far = (value >> j) & 1 if j < 8 else 0
    return {"is": value ^ 0xFF, "sel": (value >> i) & 1, "beyond": far, "onehot": far << i}


def build() -> Keywords:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        top = Keywords()
    keyword = [w for w in caught if issubclass(w.category, KeywordNameWarning)]
    assert [(Path(w.filename).name, w.lineno) for w in keyword] == [(HERE.name, line_of("keyword-var"))]
    assert "'logic_0'" in str(keyword[0].message)
    return top


def test_python_keyword_names_and_dynamic_bits_simulate(tmp_path: Path) -> None:
    top = build()
    with pytest.warns(UndrivenWarning) as caught:
        files = check_against_model(top, model, random_stimulus(top, 120, seed=17), tmp_path)
    assert [(Path(w.filename).name, w.lineno) for w in caught] == [(HERE.name, line_of("undriven-var"))]
    text = (tmp_path / "rtl" / "Keywords.sv").read_text() if (tmp_path / "rtl" / "Keywords.sv").exists() else \
        "\n".join(f.read_text() for f in files)
    for declaration in ("input  [7:0] in,", "output [7:0] is,", "Pass pass (", ".from (from)"):
        assert declaration in text, declaration


def test_signal_attributes_reach_passes_and_metadata() -> None:
    seen: dict[str, dict[str, str]] = {}

    class Collect(IRVisitor):
        def visit(self, node: object) -> None:
            if isinstance(node, (IRPort, IRVar, IRModule)) and node.attributes:
                seen[node.name] = node.attributes

    top = build()
    with pytest.warns(UndrivenWarning):
        verilog(top, additional_passes={"collect": lambda root: Collect().visit_root(root)})
        document = Design(top).metadata()
    expected = {"in": {"cfg_reg": "addr:4"}, "onehot": {"formal": "assume"}, "from": {"note": 'a "quoted" value'}}
    assert seen == {**expected, "Keywords": {"origin": "kratos"}}
    listed = {entry["name"]: (entry["kind"], entry["attributes"]) for entry in document["signals"]}  # type: ignore
    assert listed == {"in": ("port", expected["in"]), "onehot": ("port", expected["onehot"]),
                      "from": ("var", expected["from"])}
    json.dumps(document)


def test_undriven_var_that_is_read_is_an_error_naming_it() -> None:
    class Reads(Generator):
        def __init__(self) -> None:
            super().__init__()
            floating = self.var("floating", 2)
            self.output("o", 2).assign(floating)

    with pytest.raises(ElaborationError, match="var 'floating' of 'Reads' is read but never driven"):
        verilog(Reads())


def test_index_errors_name_the_signal() -> None:
    class BadIndex(Generator):
        def __init__(self) -> None:
            super().__init__()
            v = self.input("v", 8)
            self.output("o", 1).assign(v[1.5])  # type: ignore[index]

    with pytest.raises(ElaborationError, match=r"unsupported index 1\.5 for input port 'v' of 'BadIndex'") as info:
        BadIndex()
    assert "object at 0x" not in str(info.value)
