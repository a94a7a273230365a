"""The name rule (dialect/names.py, docs/pitfalls.md "Names"): what it rejects, what it must let through."""

from __future__ import annotations

import pytest

import loom
from loom import Generator
from loom.dialect.names import did_you_mean, name_problem


@pytest.mark.parametrize("name", ["a", "_x", "data_0", "A1", "in", "from", "def", "lambda"])
def test_legal_names(name: str) -> None:
    assert name_problem(name) is None


@pytest.mark.parametrize("name, problem", [
    ("", "empty"), ("1x", "starts with a digit"), ("a b", "' ' is not allowed"), ("ö", "'ö' is not allowed"),
    ("a$b", "'$' is not allowed"), ("a.b", "'.' is not allowed"), ("module", "SystemVerilog keyword"),
    ("type", "SystemVerilog keyword"), (3, "not a string"),
])
def test_illegal_names(name: object, problem: str) -> None:
    found = name_problem(name)
    assert found is not None and problem in found


def test_internal_names_may_be_systemverilog_keywords() -> None:
    assert name_problem("buf", interface=False) is None and name_problem("buf") is not None


def test_did_you_mean_prefers_earlier_groups() -> None:
    assert did_you_mean("rr", ["r", "g"], ["r_or"]) == " (did you mean 'r'?)"
    assert did_you_mean("zzz", ["assign"]) == ""


class KeywordPorts(Generator):
    """Python keywords are legal port names (issue 15 uses them); a keyword var is renamed in the output, with a
    KeywordNameWarning at its line."""

    def __init__(self) -> None:
        super().__init__()
        value = self.input("in", 4)
        buffered = self.var("buf", 4)
        buffered.assign(value)
        self.output("from", 4).assign(buffered)


def test_python_keywords_are_port_names(lint_sv) -> None:
    with pytest.warns(loom.KeywordNameWarning, match="var name 'buf' is a SystemVerilog keyword"):
        design = KeywordPorts()
    sources = loom.verilog(design, emit_locations=False)
    text = sources["KeywordPorts"]
    assert "input  [3:0] in" in text and "output [3:0] from" in text
    lint_sv(sources, "KeywordPorts")
