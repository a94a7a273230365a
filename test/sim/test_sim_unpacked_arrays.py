"""Unpacked arrays and kratos's array declarations, simulated (Icarus) against Python models and linted
(issue 15 item 7, issue 17 item 5).

``ArrayTop`` has plain ports (the testbench drives bits); everything inside goes through unpacked arrays:

- a var ``arr`` (``var("arr", 8, size=4)``, kratos's default: unpacked) whose elements are driven one by one
  by continuous assignments: ``arr[k] = x + k``;
- child ``u`` (``ArrayChild``) takes ``arr`` whole through an unpacked input port and gives back an unpacked
  output port; the parent reads elements of that output by a constant and by a signal index;
- inside the child: constant- and signal-index reads of the input port, an unpacked var written element by
  element in an ``always_comb`` block (a constant-index loop, then one signal-index write that overrides),
  a register file (an unpacked var) written at a signal index in ``always_ff``, and a two-dimensional unpacked
  var (``size=(2, 3)``);
- kratos's packed declarations: ``size=(2, 3), packed=True`` (``logic [1:0][2:0][7:0]``), a one-element
  ``explicit_array=True`` and a ``size=1`` var that stays a plain signal.

The models are written from these descriptions, not from loom's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import (Array, ElaborationError, Generator, PortDirection, UnpackedArray, always_comb, always_ff, posedge,
                  verilog)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class ArrayChild(Generator):
    """Ports: ``a`` (unpacked 4 x 8 in), ``i``, ``j`` (2-bit indices), ``x`` (8), ``we`` (1), ``clk``.

    - ``o`` (unpacked 4 x 8 out): ``o[k] = a[k] ^ 0xFF`` for every k, except ``o[i] = x`` (the later,
      signal-index write in the block wins);
    - ``e`` (8): ``a[i] + a[3]``;
    - ``q`` (8): the register file ``rf`` at ``j``; ``rf[i]`` takes ``x`` at a rising edge when ``we`` is 1
      (before any write ``rf`` is unknown);
    - ``g`` (8): ``grid[1][j % 3]`` where ``grid[r][c] = a[r + c]`` (``j`` is 0..3, so index 3 reads a column that
      does not exist: the model treats ``j == 3`` as don't care).
    """

    def __init__(self) -> None:
        super().__init__("ArrayChild")
        self.clock("clk")
        self.a = self.input("a", 8, size=4)
        self.i = self.input("i", 2)
        self.j = self.input("j", 2)
        self.x = self.input("x", 8)
        self.we = self.input("we", 1)
        self.o = self.output("o", 8, size=4, packed=False)
        self.e = self.output("e", 8)
        self.q = self.output("q", 8)
        self.rf = self.var("rf", 8, size=4)
        self.grid = self.var("grid", 8, size=(2, 3))
        for r in range(2):
            for c in range(3):
                self.grid[r][c].assign(self.a[r + c])
        self.e.assign(self.a[self.i] + self.a[3])
        self.output("g", 8).assign(self.grid[1][self.j])

    @always_comb
    def invert(self) -> None:
        for k in range(4):
            self.o[k] = self.a[k] ^ 0xFF
        self.o[self.i] = self.x

    @always_ff((posedge, "clk"))
    def write(self) -> None:
        if self.we:
            self.rf[self.i] = self.x

    @always_comb
    def read(self) -> None:
        self.q = self.rf[self.j]


class ArrayTop(Generator):
    """Ports ``x``, ``i``, ``j``, ``we``, ``clk``; outputs (8 bits): ``e``, ``q``, ``g`` from the child;
    ``o2`` = the child's ``o[2]``, ``oj`` = its ``o[j]`` (read through the var ``back`` the child's ``o`` drives); ``pk`` = ``p[1][j % 3] + c1[0] + plain`` where the packed
    ``p[r][c] = x + 3 * r + c``, ``c1[0] = x ^ 0x55`` and ``plain = x + 7``; ``pb`` (48 bits) = ``p`` as bits
    (element ``[0][0]`` in the low byte)."""

    def __init__(self) -> None:
        super().__init__("ArrayTop")
        clk = self.clock("clk")
        x, i, j, we = self.input("x", 8), self.input("i", 2), self.input("j", 2), self.input("we", 1)
        arr = self.var("arr", 8, size=4)
        for k in range(4):
            arr[k].assign(x + k)
        back = self.var("back", 8, size=4)  # a var driven whole by the child's unpacked output
        child = self.add_child("u", ArrayChild(), clk=clk, a=arr, i=i, j=j, x=x, we=we, o=back)
        for name in ("e", "q", "g"):
            self.output(name, 8).assign(child[name])
        self.output("o2", 8).assign(back[2])
        self.output("oj", 8).assign(back[j])
        p = self.var("p", 8, size=(2, 3), packed=True)
        for r in range(2):
            for c in range(3):
                p[r][c].assign(x + 3 * r + c)
        c1 = self.var("c1", 8, size=1, explicit_array=True)
        c1[0].assign(x ^ 0x55)
        plain = self.var("plain", 8, size=1)
        plain.assign(x + 7)
        self.output("pk", 8).assign(p[1][j] + c1[0] + plain)
        self.output("pb", 48).assign(p.bits())


class ArrayModel:
    def __init__(self) -> None:
        self.rf: list[int | None] = [None] * 4

    def step(self, inputs: dict[str, int]) -> dict[str, int | None]:
        x, i, j, we = inputs["x"], inputs["i"], inputs["j"], inputs["we"]
        a = [(x + k) & 0xFF for k in range(4)]
        o = [v ^ 0xFF for v in a]
        o[i] = x
        grid = [[a[r + c] for c in range(3)] for r in range(2)]
        p = [[(x + 3 * r + c) & 0xFF for c in range(3)] for r in range(2)]
        outputs = {
            "e": (a[i] + a[3]) & 0xFF, "q": self.rf[j], "g": grid[1][j] if j < 3 else None,
            "o2": o[2], "oj": o[j],
            "pk": (p[1][j] + (x ^ 0x55) + x + 7) & 0xFF if j < 3 else None,
            "pb": sum(p[r][c] << (8 * (3 * r + c)) for r in range(2) for c in range(3)),
        }
        if we:
            self.rf[i] = x
        return outputs


def test_unpacked_arrays_simulate(tmp_path: Path) -> None:
    top = ArrayTop()
    stimulus = random_stimulus(top, 200, seed=157)
    files = check_against_model(top, ArrayModel().step, stimulus, tmp_path)
    text = {f.stem: f.read_text() for f in files}
    assert re.search(r"input\s+\[7:0\] a\[0:3\]", text["ArrayChild"])  # an unpacked port
    assert re.search(r"output\s+\[7:0\] o\[0:3\]", text["ArrayChild"])
    assert re.search(r"wire\s+\[7:0\] grid\[0:1\]\[0:2\];", text["ArrayChild"])
    assert re.search(r"\[1:0\]\[2:0\]\[7:0\]\s+p\b", text["ArrayTop"])  # kratos's packed multi-dimensional array
    assert re.search(r"wire\s+\[7:0\]\s+c1\[0:0\];", text["ArrayTop"])  # explicit_array: a one-element array
    assert re.search(r"wire\s+\[7:0\]\s+plain\b", text["ArrayTop"])  # size=1 alone: a plain signal


def test_array_width_means_the_element_width_as_in_kratos() -> None:
    gen = Generator("W")
    u = gen.var("u", 8, size=(2, 3))
    p = gen.var("p", 8, size=4, packed=True)
    assert u.width == UnpackedArray(UnpackedArray(8, 3), 2) and p.width == Array(8, 4)
    assert p.width.width == 8 and p.width.size == 4 and p.width.dims == [4]
    assert u.width.width == 8 and u.width.size == 2 and u.width.dims == [2, 3]  # kratos: width 8, size [2, 3]
    assert u[1].width == UnpackedArray(8, 3) and u[1].width.width == 8
    assert gen.port("pa", 4, PortDirection.In, size=2).width == UnpackedArray(4, 2)  # kratos's port() too
    assert gen.port("pb", 4, PortDirection.Out, size=[2, 2], packed=True).width == Array(Array(4, 2), 2)


def _error_line(marker: str) -> int:
    lines = Path(__file__).read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.endswith(f"# ERR: {marker}"))


def test_misuse_is_reported_at_the_users_line() -> None:
    gen = Generator("Misuse")
    u = gen.var("u", 8, size=4)
    x = gen.input("x", 8)
    cases = [
        (lambda: u + x, "cannot be used in add"),
        (lambda: u == x, "cannot be used in eq"),
        (lambda: u.assign(0), "has no constant value"),
        (lambda: u.bits(), "no bits"),
        (lambda: u[4], r"index 4 is out of range .* indices 0\.\.3"),
        (lambda: gen.reg("r", UnpackedArray(8, 2)), "cannot be an unpacked array"),
        (lambda: Array(UnpackedArray(8, 2), 2), "packed type holds packed elements only"),
        (lambda: gen.var("bad", 8, size=(2, 0)), "size= must be a positive int"),
        (lambda: gen.var("bad2", 8, explicit_array=True), "explicit_array=True needs a size="),
    ]
    for build, message in cases:
        with pytest.raises(ElaborationError, match=message) as info:
            build()
        assert f"{Path(__file__).name}:{build.__code__.co_firstlineno}:" in str(info.value)  # the lambda's line


def test_unpacked_element_driven_by_a_signal_index_outside_a_block_is_an_error() -> None:
    class Dyn(Generator):
        def __init__(self) -> None:
            super().__init__()
            u = self.var("u", 8, size=4)
            i = self.input("i", 2)
            u[i].assign(self.input("x", 8))  # ERR: dynamic
            self.output("o", 8).assign(u[0])

    with pytest.raises(ElaborationError, match="the index is a signal; write it in a procedural block") as info:
        Dyn()
    assert f"{Path(__file__).name}:{_error_line('dynamic')}" in str(info.value)


def test_an_element_never_driven_is_reported() -> None:
    class Missing(Generator):
        def __init__(self) -> None:
            super().__init__()
            u = self.var("u", 8, size=3)
            u[0].assign(self.input("x", 8))
            u[2].assign(self.input("y", 8))
            self.output("o", 8).assign(u[2])

    with pytest.raises(ElaborationError, match=r"element\(s\) 1 of var 'u' of 'Missing' are never driven"):
        verilog(Missing())
