"""End-to-end tests of loom -> hw -> SystemVerilog through the Python frontend.

Each case checks the module names ``loom.verilog`` returns and the port lists
of the SystemVerilog modules, and lints everything with
``verilator --lint-only -Wall`` (skipped when verilator is not installed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from circt import ir

from loom import Generator, mux, verilog
from loom.dialect import new_context

_PORT = re.compile(r"^\s*(input|output)\s+(?:\[([^\]]+)\]\s+)?(\w+)", re.MULTILINE)


def ports(sv: str) -> list[tuple[str, str, str]]:
    """(direction, range, name) of each port in a module header; continuation lines repeat the direction."""
    header = sv[sv.index("("):sv.index(");")]
    found: list[tuple[str, str, str]] = []
    direction, width = "", ""
    for line in header.splitlines():
        line = line.strip().rstrip(",")
        match = re.match(r"(input|output)\s+(?:\[([^\]]+)\]\s+)?(\w+)$", line)
        if match:
            direction, width = match.group(1), match.group(2) or ""
            found.append((direction, width, match.group(3)))
        elif re.fullmatch(r"\w+", line) and direction:
            found.append((direction, width, line))
    return found


def port_names(sv: str) -> list[str]:
    return [name for _, _, name in ports(sv)]


def lint(sources: dict[str, str], top: str = "top") -> None:
    """``verilator --lint-only -Wall`` over every module; fails the test with verilator's output."""
    verilator = shutil.which("verilator")
    if verilator is None:
        pytest.skip("verilator is not installed")
    with tempfile.TemporaryDirectory(prefix="loom-lint-") as scratch:
        files = []
        for name, text in sources.items():
            path = Path(scratch) / f"{name}.sv"
            path.write_text(text)
            files.append(str(path))
        result = subprocess.run([verilator, "--lint-only", "-Wall", "--top-module", top, *files],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def build(top: Generator, keep_parameters: bool = False) -> dict[str, str]:
    sources = verilog(top, emit_locations=False, keep_parameters=keep_parameters)
    lint(sources)
    return sources


# -- generators -----------------------------------------------------------------


class PE(Generator):
    """o = (en ? 0 : a) + W (W is read by the body); the input en exists only when HAS_EN (absent: en reads 0)."""

    def __init__(self) -> None:
        super().__init__("PE")
        width = self.param("W", 8, width=8)
        has_en = self.param("HAS_EN", 0, width=1)
        a = self.input("a", 8)
        en = self.input("en", 1, when=has_en)
        gated = self.var("gated", 8)
        gated.assign(mux(en, 0, a))
        self.output("o", 8).assign(gated + width)


class Plain(Generator):
    """A module reached with one parameter set (keeps its name), with a conditional output."""

    def __init__(self) -> None:
        super().__init__("Plain")
        dbg = self.param("DBG", 0, width=1)
        a = self.input("a", 8)
        self.output("o", 8).assign(a)
        self.output("dbg", 1, when=dbg).assign(a[0])


class ParamTop(Generator):
    def __init__(self) -> None:
        super().__init__("top")
        a = self.input("a", 8)
        en = self.input("en", 1)
        pe = PE()
        plain = Plain()
        self.add_child("p0", pe, params={"W": 8}, a=a, o=self.output("o0", 8))
        self.add_child("p1", pe, params={"W": 16, "HAS_EN": 1}, a=a, en=en, o=self.output("o1", 8))
        self.add_child("q0", plain, params={"DBG": 0}, a=a, o=self.output("o2", 8))
        self.add_child("q1", plain, a=a, o=self.output("o3", 8))


def test_parameter_sets_make_named_variants():
    sources = build(ParamTop())
    assert sorted(sources) == ["PE_W_16_HAS_EN_1", "PE_W_8_HAS_EN_0", "Plain", "top"]
    assert port_names(sources["PE_W_8_HAS_EN_0"]) == ["a", "o"]
    assert port_names(sources["PE_W_16_HAS_EN_1"]) == ["a", "en", "o"]
    assert port_names(sources["Plain"]) == ["a", "o"]
    assert "parameter" not in "".join(sources.values())
    assert "8'h10" in sources["PE_W_16_HAS_EN_1"]


def test_keep_parameters_keeps_sv_parameters():
    sources = build(ParamTop(), keep_parameters=True)
    assert sorted(sources) == ["PE_HAS_EN_0", "PE_HAS_EN_1", "Plain", "top"]
    for name in ("PE_HAS_EN_0", "PE_HAS_EN_1"):
        assert re.search(r"#\(parameter \[7:0\] W = 8\)", sources[name]), sources[name]
    assert port_names(sources["PE_HAS_EN_0"]) == ["a", "o"]
    assert port_names(sources["PE_HAS_EN_1"]) == ["a", "en", "o"]
    assert re.search(r"PE_HAS_EN_1 #\(\s*\.W\(16\)\s*\) p1", sources["top"]), sources["top"]
    assert "parameter" not in sources["Plain"]


class Cond(Generator):
    """Conditional ports in both directions."""

    def __init__(self) -> None:
        super().__init__("Cond")
        mode = self.param("MODE", 0, width=2)
        a = self.input("a", 8)
        b = self.input("b", 8, when=mode == 2)
        self.output("o", 8).assign(a + b)
        self.output("extra", 8, when=(mode == 2) | (mode == 3)).assign(b)


class CondTop(Generator):
    def __init__(self) -> None:
        super().__init__("top")
        a = self.input("a", 8)
        cond = Cond()
        self.add_child("off", cond, a=a, o=self.output("o0", 8))
        self.add_child("on", cond, params={"MODE": 2}, a=a, b=a, o=self.output("o1", 8),
                       extra=self.output("o2", 8))


@pytest.mark.parametrize("keep", [False, True])
def test_conditional_ports_in_both_states(keep):
    sources = build(CondTop(), keep_parameters=keep)
    assert sorted(sources) == ["Cond_MODE_0", "Cond_MODE_2", "top"]
    assert port_names(sources["Cond_MODE_0"]) == ["a", "o"]
    assert port_names(sources["Cond_MODE_2"]) == ["a", "b", "o", "extra"]
    assert "[0:0]" not in sources["Cond_MODE_0"]  # no zero-width stand-ins for absent ports
    assert "assign o = a;" in sources["Cond_MODE_0"]  # the absent input b reads as zero


class Tile(Generator):
    def __init__(self, reads_id: bool) -> None:
        super().__init__("Tile")
        tile_id = self.param("ID", 0, width=8, identity=True)
        a = self.input("a", 8)
        self.output("o", 8).assign(a + tile_id if reads_id else a)


class Mesh(Generator):
    def __init__(self, reads_id: bool, count: int = 64) -> None:
        super().__init__("top")
        value = self.input("a", 8)
        tile = Tile(reads_id)
        for index in range(count):
            out = self.var(f"t{index}", 8)
            self.add_child(f"tile{index}", tile, identity={"ID": index}, a=value, o=out)
            value = out
        self.output("o", 8).assign(value)


@pytest.mark.parametrize("keep", [False, True])
def test_unread_identity_parameters_make_one_module(keep):
    sources = build(Mesh(reads_id=False), keep_parameters=keep)
    assert sorted(sources) == ["Tile", "top"]
    assert "parameter" not in sources["Tile"]
    assert sources["top"].count("Tile tile") == 64


def test_read_identity_parameters_split():
    sources = build(Mesh(reads_id=True, count=4))
    assert sorted(sources) == ["Tile_ID_0", "Tile_ID_1", "Tile_ID_2", "Tile_ID_3", "top"]
    assert "8'h3" in sources["Tile_ID_3"]


def test_read_identity_parameters_stay_parameters_with_keep():
    sources = build(Mesh(reads_id=True, count=64), keep_parameters=True)
    assert sorted(sources) == ["Tile", "top"]
    assert re.search(r"#\(parameter \[7:0\] ID = 0\)", sources["Tile"]), sources["Tile"]
    assert re.search(r"Tile #\(\s*\.ID\(63\)\s*\) tile63", sources["top"]), sources["top"]


class Leaf(Generator):
    def __init__(self) -> None:
        super().__init__("Leaf")
        width = self.param("W", 8)
        dbg = self.param("DBG", 0, width=1)
        a = self.input("a", width)
        self.output("o", width).assign(a)
        self.output("dbg", 1, when=dbg).assign(1)


class Mid(Generator):
    def __init__(self) -> None:
        super().__init__("Mid")
        n = self.param("N")
        d = self.param("D", 0, width=1)
        a = self.input("a", n)
        o = self.output("o", n)
        dbg = self.output("dbg", 1, when=d)
        self.add_child("leaf", Leaf(), params={"W": n, "DBG": d}, a=a, o=o, dbg=dbg)


class Hier(Generator):
    def __init__(self) -> None:
        super().__init__("top")
        mid = Mid()
        self.add_child("m0", mid, params={"N": 4}, a=self.input("x", 4), o=self.output("o1", 4))
        self.add_child("m1", mid, params={"N": 8}, a=self.input("y", 8), o=self.output("o2", 8))


def test_parameters_passed_down_are_specialised():
    sources = build(Hier())
    assert sorted(sources) == ["Leaf_W_4", "Leaf_W_8", "Mid_N_4", "Mid_N_8", "top"]
    assert ports(sources["Leaf_W_4"]) == [("input", "3:0", "a"), ("output", "3:0", "o")]
    assert ports(sources["Mid_N_8"]) == [("input", "7:0", "a"), ("output", "7:0", "o")]


def test_parameters_passed_down_stay_parameters_with_keep():
    sources = build(Hier(), keep_parameters=True)
    assert sorted(sources) == ["Leaf", "Mid", "top"]
    assert ports(sources["Leaf"]) == [("input", "W - 1:0", "a"), ("output", "W - 1:0", "o")]
    assert re.search(r"parameter( /\*integer\*/)? N\b", sources["Mid"]), sources["Mid"]
    assert re.search(r"Leaf #\(\s*\.W\(N\)\s*\) leaf", sources["Mid"]), sources["Mid"]
    assert re.search(r"Mid #\(\s*\.N\(4\)\s*\) m0", sources["top"]), sources["top"]


def test_parameter_deciding_a_child_port_is_specialised_through_the_parent():
    class Top(Generator):
        def __init__(self) -> None:
            super().__init__("top")
            mid = Mid()
            self.add_child("m0", mid, params={"N": 8}, a=self.input("x", 8), o=self.output("o1", 8))
            self.add_child("m1", mid, params={"N": 8, "D": 1}, a=self.input("y", 8), o=self.output("o2", 8),
                           dbg=self.output("dbg", 1))

    sources = build(Top(), keep_parameters=True)
    assert sorted(sources) == ["Leaf_DBG_0", "Leaf_DBG_1", "Mid_D_0", "Mid_D_1", "top"]
    assert port_names(sources["Leaf_DBG_1"]) == ["a", "o", "dbg"]
    assert port_names(sources["Leaf_DBG_0"]) == ["a", "o"]
    assert port_names(sources["Mid_D_1"]) == ["a", "o", "dbg"]
    assert port_names(sources["Mid_D_0"]) == ["a", "o"]
    assert "parameter" in sources["Mid_D_1"]


PARAMETRIC_IR = '''
"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  %w = "loom.param_value"() {value = #hw.param.decl.ref<"W"> : i32} : () -> i32
  "loom.output"(%a, %w) : (!hw.int<#hw.param.decl.ref<"W">>, i32) -> ()
}, {}) {sym_name = "Buf", parameters = [#hw.param.decl<"W": i32 = 8>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "w", dir = "out", type = i32}]} : () -> ()
"loom.module"() ({
^bb0(%x: i4, %y: i12):
  %o1, %w1 = "loom.instance"(%x) {instance_name = "b0", module = @Buf, parameters = {W = 4 : i32},
                                  input_names = ["a"], output_names = ["o", "w"]} : (i4) -> (i4, i32)
  %o2, %w2 = "loom.instance"(%y) {instance_name = "b1", module = @Buf, parameters = {W = 12 : i32},
                                  input_names = ["a"], output_names = ["o", "w"]} : (i12) -> (i12, i32)
  "loom.output"(%o1, %o2, %w1, %w2) : (i4, i12, i32, i32) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i4}, {name = "y", dir = "in", type = i12},
    {name = "o1", dir = "out", type = i4}, {name = "o2", dir = "out", type = i12},
    {name = "w1", dir = "out", type = i32}, {name = "w2", dir = "out", type = i32}]} : () -> ()
'''


@pytest.mark.parametrize("keep", [False, True])
def test_parametric_widths_and_param_value_from_ir(keep):
    with new_context():
        module = ir.Module.parse(PARAMETRIC_IR)
        sources = verilog(module, top_name="top", emit_locations=False, keep_parameters=keep)
    lint(sources)
    if keep:
        assert sorted(sources) == ["Buf", "top"]
        assert ports(sources["Buf"]) == [("input", "W - 1:0", "a"), ("output", "W - 1:0", "o"),
                                         ("output", "31:0", "w")]
        assert "assign w = W;" in sources["Buf"]
    else:
        assert sorted(sources) == ["Buf_W_12", "Buf_W_4", "top"]
        assert ports(sources["Buf_W_4"]) == [("input", "3:0", "a"), ("output", "3:0", "o"), ("output", "31:0", "w")]
        assert "assign w = 32'h4;" in sources["Buf_W_4"]
        assert "assign w = 32'hC;" in sources["Buf_W_12"]


def test_frontend_parametric_widths():
    class Top(Generator):
        def __init__(self) -> None:
            super().__init__("top")
            leaf = Leaf()
            self.add_child("l0", leaf, params={"W": 3}, a=self.input("x", 3), o=self.output("o1", 3))
            self.add_child("l1", leaf, params={"W": 5}, a=self.input("y", 5), o=self.output("o2", 5))

    sources = build(Top())
    assert ports(sources["Leaf_W_3"]) == [("input", "2:0", "a"), ("output", "2:0", "o")]
    assert ports(sources["Leaf_W_5"]) == [("input", "4:0", "a"), ("output", "4:0", "o")]
    kept = build(Top(), keep_parameters=True)
    assert sorted(kept) == ["Leaf", "top"]
    assert "parameter" in kept["Leaf"]
