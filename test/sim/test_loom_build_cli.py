"""The ``loom`` command line (tools/build.py), run as a subprocess like a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from simulate import lint, tools_available

from loom.tools.build import EXAMPLES_DIR, example_files

REPO = EXAMPLES_DIR.parent


def loom_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loom.tools.build", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.mark.slow
def test_build_one_example(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = loom_cli("build", "examples/counter.py:Counter", "--param", "width=5", "-o", str(out), "--no-locations")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    sv = out / "Counter5.sv"
    assert sv.is_file() and (out / "filelist.f").is_file()
    assert str(sv) in result.stdout
    text = sv.read_text()
    assert "output [4:0] count" in text
    assert ".py:" not in text  # --no-locations: no "// file.py:line:col" comments
    if tools_available():
        lint([sv], "Counter5")


@pytest.mark.slow
def test_bad_generator_name_is_a_clean_error(tmp_path: Path) -> None:
    result = loom_cli("build", "examples/counter.py:Countr", "-o", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("error: examples/counter.py has no generator 'Countr'")
    assert "it defines: Counter, top" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_user_errors_exit_1_without_traceback(tmp_path: Path) -> None:
    cases = {
        ("build", "examples/counter.py:Counter", "--param", "width"): "error: bad --param 'width'",
        ("build", "examples/counter.py:Counter", "--param", "size=3"): "unexpected keyword argument 'size'",
        ("build", "examples/missing.py:Top"): "error: no such file: examples/missing.py",
        ("build", "no_such_package.mod:Top"): "error: no module named 'no_such_package'",
        # A ValueError raised by the example's own code points at the raising line.
        ("build", "examples/adder_tree.py:AdderTree", "--param", "levels=0"):
            "examples/adder_tree.py:",
    }
    for args, expected in cases.items():
        result = loom_cli(*args, "-o", str(tmp_path))
        assert result.returncode == 1, (args, result.stderr)
        assert expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr, (args, result.stderr)


@pytest.mark.slow
def test_loom_error_is_printed_with_its_location(tmp_path: Path) -> None:
    design = tmp_path / "broken.py"
    design.write_text(
        "from loom import Generator\n"
        "class Broken(Generator):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        a = self.input('a', 4)\n"
        "        self.output('o', 8).assign(a)\n"
    )
    result = loom_cli("build", f"{design}:Broken", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("broken.py:6:"), result.stderr
    assert "error: width mismatch" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_examples_command_builds_every_example(tmp_path: Path) -> None:
    out = tmp_path / "examples"
    result = loom_cli("examples", "-o", str(out))
    assert result.returncode == 0, result.stderr
    for example in example_files():
        directory = out / example.stem
        listed = (directory / "filelist.f").read_text().split()
        assert listed, example
        assert f"{example.stem}: {len(listed)} module(s) in {directory}/" in result.stdout
        if tools_available():
            files = [directory / name for name in listed]
            lint(files, Path(listed[-1]).stem)  # the top comes last in the file list
