"""``@always_latch`` blocks: transparent latches simulated (Icarus) against a Python model, lint-clean.

A latch is transparent while its enable is high (the output follows the
input) and holds its value while the enable is low. The design below has two
latches written both ways a kratos user writes blocks (a decorated method and a
local function passed to ``add_always``); the model is written from that
description. ``check-inferred-latch`` runs with ``loom.verilog`` and must stay
quiet about latches in ``always_latch`` blocks.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from simulate import check_against_model, tools_available

import loom
from loom import Generator, always_latch
from loom.dialect.marked_blocks import realize


class Latches(Generator):
    """``q`` latches ``d`` while ``en``; ``r`` latches ``d ^ m`` while ``g``, else ``m`` while ``clr`` (low 4 bits)."""

    def __init__(self) -> None:
        super().__init__("Latches")
        self.en = self.input("en")
        self.g = self.input("g")
        self.clr = self.input("clr")
        self.d = self.input("d", 8)
        self.m = self.input("m", 8)
        self.q = self.output("q", 8)
        self.r = self.output("r", 8)
        g, clr, d, m, r = self.g, self.clr, self.d, self.m, self.r

        @always_latch
        def second() -> None:
            if g:
                r = d ^ m  # noqa: F841  (translated: assigns the signal r names)
            elif clr:
                r[3:0] = m[3:0]  # noqa: F841

        self.add_always(self.first)
        self.add_always(second)

    @always_latch
    def first(self) -> None:
        if self.en:
            self.q = self.d


class Model:
    def __init__(self) -> None:
        self.q: int | None = None
        self.r: int | None = None

    def step(self, values: dict[str, int]) -> dict[str, int | None]:
        if values["en"]:
            self.q = values["d"]
        if values["g"]:
            self.r = values["d"] ^ values["m"]
        elif values["clr"] and self.r is not None:
            self.r = (self.r & 0xF0) | (values["m"] & 0x0F)
        return {"q": self.q, "r": self.r}


@pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")
def test_latches_simulate_against_model(tmp_path: Path) -> None:
    rng = random.Random(8)
    stimulus = [{"en": int(rng.random() < 0.3), "g": int(rng.random() < 0.3), "clr": rng.randrange(2),
                 "d": rng.randrange(256), "m": rng.randrange(256)} for _ in range(60)]
    model = Model()
    files = check_against_model(Latches(), model.step, stimulus, tmp_path)  # type: ignore[arg-type]
    text = files[0].read_text()
    assert text.count("always_latch begin") == 2 and "always_comb" not in text and "loom_always_latch" not in text


def test_realize_rewrites_only_marked_blocks() -> None:
    text = ("  (* loom_always_latch *)\n  always_comb begin\n    if (a) begin\n      x = 1;\n    end\n"
            "  end // always_comb\n  always_comb begin\n    y = 1;\n  end // always_comb\n"
            "  (* loom_always_latch *)\n  always_comb\n    z = w;\n")
    assert realize(text) == ("  always_latch begin\n    if (a) begin\n      x = 1;\n    end\n"
                             "  end // always_latch\n  always_comb begin\n    y = 1;\n  end // always_comb\n"
                             "  always_latch\n    z = w;\n")


def test_same_body_in_always_comb_is_a_latch_error() -> None:
    class Comb(Generator):
        def __init__(self) -> None:
            super().__init__("Comb")
            self.en = self.input("en")
            self.d = self.input("d", 8)
            self.q = self.output("q", 8)

        @loom.always_comb
        def first(self) -> None:
            if self.en:
                self.q = self.d

    with pytest.raises(loom.LoomError, match="inferred as a latch"):
        loom.verilog(Comb())
