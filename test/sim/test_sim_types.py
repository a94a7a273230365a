"""Structs, arrays and enums in simulation: bit layout, partial drivers, struct registers, enum localparams."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from simulate import build, check_against_model, lint, random_stimulus, reset_first, tools_available

import loom
from loom import Array, Enum, Generator, Struct, always_comb, always_ff, mux, posedge

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

Pixel = Struct("pixel_t", r=8, g=4)
Frame = Struct("frame_t", p=Pixel, v=1)
State = Enum("state_t", ["IDLE", "RUN", "DONE"])
Bytes = Array(8, 4)


class TypeMix(Generator):
    """Every kind of struct/array/enum access, with a struct register and an enum register."""

    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.reset()
        p = self.input("p", Pixel)
        arr = self.input("arr", Bytes)
        idx = self.input("idx", 2)
        s = self.input("s", State)
        frame = self.output("f", Frame)
        frame.p.assign(p)
        frame.v.assign(s == State.RUN)
        out = self.output("o", Bytes)
        out[0].assign(arr[idx])
        out[1].assign(p.r)
        out[2].assign(arr[3])
        out[3].assign(0x5A)
        self.output("q", Pixel).assign(Pixel(r=p.r ^ 1, g=p["g"]))
        held = self.reg("held", Pixel, reset_value=3)
        held.assign(mux(s == State.IDLE, p, held))
        self.output("held_o", Pixel).assign(held)
        state = self.reg("state", State, reset_value=State.DONE)
        state.assign(mux(s == State.RUN, State.IDLE, s))
        self.output("state_o", State).assign(state)
        self.output("raw", 12).assign(held.bits() ^ Pixel.from_bits(p.bits()).bits())


def type_mix_model():
    held, state = None, None

    def step(values):
        nonlocal held, state
        p, arr, idx, s = values["p"], values["arr"], values["idx"], values["s"]
        element = [(arr >> (8 * i)) & 0xFF for i in range(4)]
        r, g = p >> 4, p & 0xF
        outputs = {
            "f": (p << 1) | int(s == 1),
            "o": element[idx] | (r << 8) | (element[3] << 16) | (0x5A << 24),
            "q": ((r ^ 1) << 4) | g,
            "held_o": held,
            "state_o": state,
            "raw": None if held is None else held ^ p,
        }
        if values["rst"]:
            held, state = 3, 2
        elif held is not None:
            held = p if s == 0 else held
            state = 0 if s == 1 else s
        return outputs

    return step


def test_type_mix_against_model(tmp_path: Path) -> None:
    top = TypeMix()
    stimulus = random_stimulus(top, 200, seed=3, overrides={"rst": reset_first(0.05)})
    files = check_against_model(top, type_mix_model(), stimulus, tmp_path)
    text = "".join(f.read_text() for f in files)
    assert "typedef struct packed {logic [7:0] r; logic [3:0] g; } pixel_t;" in text
    assert re.search(r"localparam \[1:0\]\s+IDLE = 0;", text)


class StructOfArrays(Generator):
    """A struct holding an array, indexed by another field; an array of arrays written element by element."""

    def __init__(self) -> None:
        super().__init__()
        Row = Struct("row_t", tag=2, cells=Array(4, 3))
        row = self.input("row", Row)
        grid = self.input("grid", Array(Array(2, 2), 2))
        self.output("item", 4).assign(row.cells[row.tag])
        turned = self.var("turned", Array(Array(2, 2), 2))
        for i in range(2):
            for j in range(2):
                turned[i][j].assign(grid[j][i])
        self.output("turned_o", Array(Array(2, 2), 2)).assign(turned)


def test_struct_of_arrays(tmp_path: Path) -> None:
    def step(values):
        cells = [(values["row"] >> (4 * i)) & 0xF for i in range(3)]
        tag = values["row"] >> 12
        grid = values["grid"]
        cell = [[(grid >> (4 * i + 2 * j)) & 3 for j in range(2)] for i in range(2)]
        turned = sum(cell[j][i] << (4 * i + 2 * j) for i in range(2) for j in range(2))
        return {"item": cells[tag] if tag < 3 else None, "turned_o": turned}

    top = StructOfArrays()
    check_against_model(top, step, random_stimulus(top, 100, seed=5), tmp_path)


class ArrayOfStructs(Generator):
    """An array of structs indexed by a signal (Icarus 11 cannot declare packed arrays of structs: lint only)."""

    def __init__(self) -> None:
        super().__init__()
        Pair = Struct("pair_t", hi=4, lo=4)
        pairs = self.input("pairs", Array(Pair, 3))
        sel = self.input("sel", 2)
        self.output("hi", 4).assign(pairs[sel].hi)
        swapped = self.var("swapped", Array(Pair, 3))
        for i in range(3):
            swapped[i].hi.assign(pairs[2 - i].lo)
            swapped[i].lo.assign(pairs[2 - i]["hi"])
        self.output("swapped_o", Array(Pair, 3)).assign(swapped)


def test_array_of_structs_lints(tmp_path: Path) -> None:
    top = ArrayOfStructs()
    files = build(top, tmp_path)
    lint(files, top.name)
    assert "input  pair_t[2:0] pairs" in files[0].read_text()


def test_verilog_keys_and_reuse_across_generators() -> None:
    """Two generator objects declaring the same struct share one typedef and connect."""

    class Leaf(Generator):
        def __init__(self) -> None:
            super().__init__()
            point = Struct("point_t", x=4, y=4)
            p = self.input("p", point)
            self.output("o", point).assign(point(x=p.y, y=p.x))

    class Top(Generator):
        def __init__(self) -> None:
            super().__init__()
            point = Struct("point_t", x=4, y=4)
            p = self.input("p", point)
            o = self.output("o", point)
            self.add_child("leaf", Leaf(), p=p, o=o)

    out = loom.verilog(Top(), emit_locations=False)
    assert set(out) == {"Top", "Leaf"}
    assert "input  point_t p" in out["Leaf"]


Op = Enum("op_t", {"ADD": 0, "SWAP": 1, "CLEAR": 3})


class ProceduralStructs(Generator):
    """Struct fields and array elements assigned in procedural blocks, with an enum-typed register."""

    def __init__(self) -> None:
        super().__init__()
        self.clk = self.clock()
        self.p = self.input("p", Pixel)
        self.op = self.input("op", Op)
        self.q = self.output("q", Pixel)
        self.hist = self.output("hist", Bytes)
        self.last = self.reg("last", Op, reset=False)
        self.last.assign(self.op)
        self.buf = self.var("shift", Bytes)

    @always_comb
    def pick(self) -> None:
        self.q.r = self.p.r
        self.q.g = self.p.g
        if self.op == Op.SWAP:
            self.q.r = self.p.g.zext(8)
            self.q.g = self.p.r[3:0]
        elif self.op == Op.CLEAR:
            self.q.r = 0
            self.q.g = 0
        elif self.last == Op.CLEAR:
            self.q.g = 15

    @always_ff((posedge, "clk"))
    def shift(self) -> None:
        for i in range(3):
            self.buf[i + 1] = self.buf[i]
        self.buf[0] = self.p.r

    @always_comb
    def show(self) -> None:
        self.hist = self.buf


def test_procedural_structs(tmp_path: Path) -> None:
    history: list[int | None] = [None] * 4
    last: list[int | None] = [None]

    def step(values):
        p, op = values["p"], values["op"]
        r, g = p >> 4, p & 0xF
        if op == 1:
            r, g = g, r & 0xF
        elif op == 3:
            r, g = 0, 0
        elif last[0] is None:
            g = None  # depends on the previous op, unknown in the first cycle
        elif last[0] == 3:
            g = 15
        hist = None if None in history else sum(h << (8 * i) for i, h in enumerate(history))
        outputs = {"q": None if g is None else (r << 4) | g, "hist": hist}
        history[1:] = history[:3]
        history[0] = p >> 4
        last[0] = op
        return outputs

    top = ProceduralStructs()
    files = check_against_model(top, step, random_stimulus(top, 200, seed=9), tmp_path)
    text = files[0].read_text()
    # q is written field by field twice in a run: write-comb-variables-once gives it a working copy
    assert "q_comb.r = {4'h0, p.g};" in text and "else if (op == CLEAR) begin" in text and "q_0 = q_comb;" in text
