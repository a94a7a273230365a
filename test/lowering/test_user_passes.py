"""User passes: registered by name, run from loom.verilog(passes=...) in order with CIRCT passes."""

from __future__ import annotations

import pytest

import loom
from loom import Generator
from loom.dialect import ModuleOp
from loom.lowering.registry import BUILTIN_PASSES


class Increment(Generator):
    def __init__(self) -> None:
        super().__init__()
        self.output("o", 4).assign(self.input("a", 4) + 1)


@pytest.fixture
def registered() -> list[tuple[str, dict[str, str]]]:
    """Registers ``record-modules`` for the test and removes it afterwards."""
    calls: list[tuple[str, dict[str, str]]] = []

    def record_modules(module, options: dict[str, str]) -> None:
        """Record the loom modules a pipeline hands to a user pass."""
        for op in module.regions[0].blocks[0].operations:
            if isinstance(op, ModuleOp):
                calls.append((op.sym_name, options))

    loom.register_pass("record_modules", record_modules, options=("tag",))
    yield calls
    BUILTIN_PASSES.unregister("record-modules")


def test_user_pass_runs_before_lowering_with_its_options(registered: list[tuple[str, dict[str, str]]]) -> None:
    sources = loom.verilog(Increment(), passes="record-modules{tag=x}, cse", emit_locations=False)
    assert registered == [("Increment", {"tag": "x"})]
    assert "assign o = a + 4'h1;" in sources["Increment"]
    info = BUILTIN_PASSES.lookup("record_modules")
    assert info is not None and info.summary == "Record the loom modules a pipeline hands to a user pass."


def test_misspelt_user_pass_option_is_an_error(registered: list[tuple[str, dict[str, str]]]) -> None:
    with pytest.raises(loom.ParseError, match="pass 'record-modules' has no option 'tga'"):
        loom.verilog(Increment(), passes="record-modules{tga=x}")
    assert registered == []
