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


def test_a_user_pass_declares_its_kind_and_a_check_kind_may_be_scoped() -> None:
    seen: list[str] = []

    def count_modules(module, options) -> None:  # type: ignore[no-untyped-def]
        """Count the modules a scoped run hands over."""
        del options
        seen.extend(op.sym_name for op in module.regions[0].blocks[0].operations if isinstance(op, ModuleOp))

    loom.register_pass("test-count-modules", count_modules, kind="check")
    try:
        info = BUILTIN_PASSES.lookup("test-count-modules")
        assert info is not None and info.kind.value == "check"
        loom.Design(Increment()).run("test-count-modules", on_modules="Incr*")
        assert seen == ["Increment"]
        with pytest.raises(loom.LoomError, match="kind 'modul' is not one of module, check, hierarchy, design"):
            loom.register_pass("test-bad-kind", count_modules, kind="modul")
        loom.register_pass("test-whole-design", count_modules, kind="hierarchy")
        with pytest.raises(loom.ParseError, match="'test-whole-design' cannot run on some instances only"):
            loom.Design(Increment()).run("test-whole-design", on_modules="Incr*")
    finally:
        BUILTIN_PASSES.unregister("test-count-modules")
        if "test-whole-design" in BUILTIN_PASSES:
            BUILTIN_PASSES.unregister("test-whole-design")
