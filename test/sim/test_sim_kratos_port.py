"""The worked port of docs/from-kratos.md: ``bench/kratos_designs/packer.py``, a kratos generator (an FSM,
blocks added per lane with arguments, alternative blocks chosen by a constructor argument, lists of vars,
attributes), built by loom after the guide's renames and simulated (Icarus) against a Python model
written from the design's description. ``bench/kratos_crosscheck.py`` compares the same source built by
kratos 0.1.3 (opt-in: it needs kratos).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, load_kratos_design, random_stimulus, reset_first, tools_available

from loom import Design

pytestmark = pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")


class PackerModel:
    """``Packer(lanes, parity)`` from its description: the state machine and ``count`` are unknown until the
    first reset, a lane until it is first written."""

    def __init__(self, lanes: int, parity: bool) -> None:
        self.lanes = lanes
        self.parity = parity
        self.modulo = 1 << max(1, (lanes - 1).bit_length())
        self.emit: bool | None = None
        self.count = 0
        self.lane: list[int | None] = [None] * lanes

    def _fold(self) -> tuple[int | None, int | None]:
        if any(byte is None for byte in self.lane):
            return None, None
        total, word = 0, 0
        for byte in self.lane:
            total = total ^ byte if self.parity else (total + byte) % 256  # type: ignore[operator]
        for byte in reversed(self.lane):
            word = (word << 8) | byte  # type: ignore[operator]
        return word, total

    def __call__(self, inputs: dict[str, int]) -> dict[str, int | None]:
        if inputs["rst"]:  # asynchronous: this cycle's outputs already show the reset state
            self.emit, self.count = False, 0
        word, total = self._fold()
        if self.emit is None:
            return {"word": word, "ready": None, "sum": total, "level": None}
        shown: dict[str, int | None] = {"word": word, "ready": int(self.emit), "sum": total, "level": self.count}
        if inputs["rst"]:  # held in Fill with count 0: lane 0 still takes a valid byte
            if inputs["valid"]:
                self.lane[0] = inputs["data"]
            return shown
        if not self.emit and inputs["valid"]:
            self.lane[self.count] = inputs["data"]
            self.emit = self.count == self.lanes - 1
            self.count = (self.count + 1) % self.modulo
        elif self.emit and inputs["take"]:
            self.emit = False
        return shown


@pytest.mark.parametrize("lanes, parity", [(4, True), (2, False)])
def test_ported_packer_simulates_against_model(lanes: int, parity: bool, tmp_path: Path) -> None:
    design = load_kratos_design("packer", tmp_path)
    top = design.Packer(lanes, parity=parity)  # type: ignore[attr-defined]
    stimulus = random_stimulus(top, 300, seed=lanes, overrides={"rst": reset_first(0.02)})
    check_against_model(top, PackerModel(lanes, parity), stimulus, tmp_path / "sim")
    signals = Design(top).metadata()["signals"]
    assert {"module": f"Packer{lanes}", "name": "sum", "kind": "port", "attributes": {"csr": "checksum"}} in signals
