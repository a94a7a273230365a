"""Two loom designs with struct typedefs compiled together (issue 11).

ExportVerilog puts a design's typedefs inside an include guard named after its
type scope. The scope used to be ``loom_types`` in every design, so when two
loom-generated IPs were compiled together the second one's typedefs were
skipped and its modules did not compile. The scope is now named after the top
module (``PixelMix_types``, ``FrameTap_types``): both IPs' files, given to one
Verilator lint and one Icarus run, declare their own types, and each IP
simulates against its Python model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import build, compare, expected_outputs, lint, random_stimulus, simulate, tools_available

import loom
from loom import Generator, Struct

pytestmark = pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")

PIXEL = Struct("pixel_t", r=8, g=4)
FRAME = Struct("frame_t", a=3, b=5)


class PixelMix(Generator):
    """``q.r`` is ``p.r ^ 0x5A``, ``q.g`` is ``p.g + 1``."""

    def __init__(self) -> None:
        super().__init__("PixelMix")
        p = self.input("p", PIXEL)
        self.output("q", PIXEL).assign(PIXEL(r=p.r ^ 0x5A, g=p.g + 1))


class FrameTap(Generator):
    """``s`` is ``f.a + f.b`` (8 bits)."""

    def __init__(self) -> None:
        super().__init__("FrameTap")
        f = self.input("f", FRAME)
        self.output("s", 8).assign(f.a.zext(8) + f.b.zext(8))


def pixel_model(inputs: dict[str, int]) -> dict[str, int | None]:
    r, g = inputs["p"] >> 4, inputs["p"] & 0xF  # the first field is the most significant
    return {"q": (r ^ 0x5A) << 4 | (g + 1) & 0xF}


def frame_model(inputs: dict[str, int]) -> dict[str, int | None]:
    return {"s": (inputs["f"] >> 5) + (inputs["f"] & 0x1F)}


def test_each_design_names_its_own_include_guard() -> None:
    text = loom.verilog(PixelMix(), emit_locations=False)["PixelMix"]
    assert "`ifndef _TYPESCOPE_PixelMix_types" in text
    again = loom.verilog(PixelMix(), emit_locations=False)["PixelMix"]
    assert again == text  # stable from run to run


def test_two_designs_compile_and_simulate_together(tmp_path: Path) -> None:
    files = build(PixelMix(), tmp_path / "mix") + build(FrameTap(), tmp_path / "tap")
    for top, model in ((PixelMix(), pixel_model), (FrameTap(), frame_model)):
        lint(files, top.name)
        stimulus = random_stimulus(top, 40, seed=3)
        actual = simulate(files, top, stimulus, tmp_path / f"sim_{top.name}")
        compare(actual, expected_outputs(model, stimulus), stimulus)
