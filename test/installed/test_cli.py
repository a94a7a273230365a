"""The console scripts of the installed wheel, run from a folder outside the checkout."""

from __future__ import annotations

import re
import shutil
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from installed_tools import run, tool

import loom
from loom.lowering.registry import BUILTIN_PASSES

INPUTS = Path(__file__).parent / "Inputs"


def test_version(outside: Path) -> None:
    assert loom.__version__ == version("loom")
    assert run(tool("loom"), "--version", cwd=outside).stdout.strip() == f"loom {loom.__version__}"
    assert run(tool("loom-opt"), "--version", cwd=outside).stdout.strip() == f"loom-opt (loom) {loom.__version__}"


def test_examples_build_from_the_wheel(wheel: Path, outside: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        examples = {Path(n).stem for n in archive.namelist()
                    if n.startswith("loom/examples/") and n.endswith(".py") and not n.endswith("__init__.py")}
    assert len(examples) >= 10
    run(tool("loom"), "examples", "-o", "out", cwd=outside)
    assert {p.name for p in (outside / "out").iterdir()} == examples
    for name in examples:
        listed = (outside / "out" / name / "filelist.f").read_text().split()
        assert listed, name
        for file in listed:
            assert "module " in (outside / "out" / name / Path(file).name).read_text(), (name, file)


def test_readme_example_from_another_folder(outside: Path) -> None:
    """Issue 18's report: `loom.verilog()` on a small design, in a script outside the checkout."""
    (outside / "adder.py").write_text(
        "from loom import Generator, verilog\n\n"
        "class Adder(Generator):\n"
        "    def __init__(self):\n"
        "        super().__init__('Adder')\n"
        "        a, b = self.input('a', 8), self.input('b', 8)\n"
        "        self.output('s', 8).assign(a + b)\n\n"
        "print(verilog(Adder(), emit_locations=False)['Adder'])\n")
    text = run(tool("python"), "adder.py", cwd=outside).stdout
    assert "module Adder(" in text and "assign s = a + b;" in text


def test_list_passes_names_every_registered_pass(outside: Path) -> None:
    listed = run(tool("loom-opt"), "--list-passes", cwd=outside).stdout
    names = set(re.findall(r"^\s*([a-z][a-z0-9-]+)\b", listed, re.MULTILINE))
    missing = sorted(info.name for info in BUILTIN_PASSES.infos() if info.name not in names)
    assert not missing


def loom_opt(outside: Path, source: str, *args: str, check: bool = True) -> tuple[int, str, str]:
    result = run(tool("loom-opt"), INPUTS / source, *args, cwd=outside, check=check)
    return result.returncode, result.stdout, result.stderr


def test_structure_passes(outside: Path) -> None:
    assert "%unread = seq.firreg" in (INPUTS / "small.mlir").read_text()
    _, out, _ = loom_opt(outside, "small.mlir",
                         "-p", "create-module-instantiation,decouple-generator-ports,dead-code-elimination{top=Top}")
    assert "unread" not in out and 'instance_name = "u1"' in out


def test_checks_report_at_the_input_line(outside: Path) -> None:
    assert loom_opt(outside, "small.mlir", "-p", "loom-checks")[0] == 0
    code, _, err = loom_opt(outside, "latch.mlir", "-p", "loom-checks", check=False)
    assert code == 1
    assert re.search(r"latch\.mlir:8:7: error: 'y' is not assigned on every path", err), err


def test_rewrite_passes(outside: Path) -> None:
    _, out, _ = loom_opt(outside, "small.mlir", "-p", "transform-if-to-case,remove-unused-vars,sort-stmts")
    assert "sv.case" in out and "sv.if" not in out


def test_hierarchy_edit(outside: Path) -> None:
    _, out, _ = loom_opt(outside, "small.mlir", "-p", "loom-tie-output{path=u1 port=o value=7}")
    variants = re.findall(r'sym_name = "(Leaf\w*)"', out)
    assert len(variants) == 2 and "hw.constant 7 : i8" in out
    tied = next(v for v in variants if v != "Leaf")
    assert re.search(rf'instance_name = "u1", module = @{tied}\b', out)
    assert re.search(r'instance_name = "u0", module = @Leaf\b', out)


def test_lowering_and_export_verilog(outside: Path) -> None:
    _, out, _ = loom_opt(outside, "small.mlir", "-p", "dead-code-elimination{top=Top},lower-to-hw,cleanup",
                         "--export-verilog", "--lowering-options=locationInfoStyle=none")
    modules = {m.group(1): m.group(0) for m in re.finditer(r"^module (\w+)\(.*?^endmodule\n", out, re.M | re.S)}
    assert sorted(modules) == ["Leaf", "Top"]
    if shutil.which("verilator") is None:
        pytest.skip("verilator is not installed")
    for name, text in modules.items():
        (outside / f"{name}.sv").write_text(text)
    run("verilator", "--lint-only", "-Wall", "--top-module", "Top", "Top.sv", "Leaf.sv", cwd=outside)


def test_user_errors_point_at_the_users_line(outside: Path) -> None:
    (outside / "wide.py").write_text(
        "from loom import Generator\n\n"
        "class Wide(Generator):\n"
        "    def __init__(self):\n"
        "        super().__init__('Wide')\n"
        "        self.output('o', 4).assign(self.input('a', 8))\n")
    result = run(tool("loom"), "build", "wide.py:Wide", "-o", "out", cwd=outside, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("wide.py:6:"), result.stderr
