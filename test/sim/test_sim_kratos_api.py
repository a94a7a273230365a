"""kratos's spellings, simulated (Icarus) against Python models and linted (issues 15 and 17).

One design exercises them together (one lint, one simulation):

- continuous assignment to bits and slices: an output driven bit by bit (a bit reversal), disjoint slices
  of one output from separate statements, ``self.wire(o[0], i[1])`` and ``o[3:0].assign(x)``;
- ``wire(a, b)`` in either order, the child's own port objects used from the parent after ``add_child``,
  ``add_child(..., port="parent_signal")`` and a child parameter set by keyword;
- ``port(name, width, PortDirection.In, PortType.Clock)``, ``input(name, 1, PortType.AsyncReset)``,
  ``parameter(name, width, value)``, ``reg_next`` / ``reg_init`` / ``reg_enable``, ``ternary``, ``resize``,
  ``clog2``, ``comment``, ``.extend(w)``, ``Generator(name, debug=True)``.

The models are written from these descriptions, not from loom's output. kratos's ``reg_init`` uses an
asynchronous, active-high reset; the model samples outputs before each clock edge, so an asynchronous reset
shows in the same cycle as it is raised.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, reset_first, tools_available

from loom import ElaborationError, Generator, PortDirection, PortType, clog2, comment, resize, ternary, verilog

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class AddK(Generator):
    """``out = in + K`` (8 bits), ``K`` a kratos-style parameter (default 1)."""

    def __init__(self) -> None:
        super().__init__("AddK", debug=True)
        k = self.parameter("K", 8, 1)
        self.in_ = self.input("in", 8)
        self.out = self.output("out", 8)
        self.out.assign(self.in_ + k)


class KratosApi(Generator):
    """Outputs (all 8 bits unless said):

    - ``rev``: ``in`` with its bits reversed (bit i of rev is bit 7-i of in), driven bit by bit;
    - ``mix``: bits 7:4 are ``b``, bits 3:1 are bits 7:5 of ``in``, bit 0 is bit 1 of ``b``;
    - ``one``: ``in + 1`` through child ``u0`` (default K), ``two``: ``one + 1``, ``three``: ``one + 3`` through child ``u1``
      (K=3), connected by name; ``swap``: child ``u2`` computes ``t = {in[3:0], b} + 1`` (its input driven
      slice by slice through the child's port object), and ``swap`` is ``t`` with its nibbles swapped (a var
      driven slice by slice);
    - ``r_next``: ``in`` one edge later; ``r_init``: the same with an asynchronous reset to 0x5A;
      ``r_en``: takes ``in`` at an edge where ``en`` is 1;
    - ``sel``: ``r_next`` when ``en`` else ``r_en``; ``wide``: ``b`` zero-extended; ``low``: the low
      ``clog2(8)`` = 3 bits of ``in``; ``sx``: the signed input ``s`` sign-extended (``extend``), ``ux``:
      ``b`` zero-extended (``extend`` of an unsigned value).
    """

    def __init__(self) -> None:
        super().__init__("KratosApi", debug=False)
        self.port("clk", 1, PortDirection.In, PortType.Clock)
        self.input("rst", 1, PortType.AsyncReset)
        en = self.input("en", 1)
        in_ = self.input("in", 8)
        b = self.input("b", 4)
        rev = self.port("rev", 8, PortDirection.Out)
        for i in range(8):
            self.wire(rev[i], in_[7 - i])  # kratos once merged these into a plain copy
        mix = self.output("mix", 8, is_signed=False)
        self.wire(b, mix[7:4])  # either order: only mix can be driven
        mix[3:1].assign(in_[7:5])
        self.wire(mix[0], b[1])
        self.add_stmt(comment("mix is driven slice by slice"))

        first = AddK()
        self.add_child("u0", first, comment="kratos's instance comment")
        one = self.var("one_v", 8)
        self.wire(first.in_, in_)  # the child's own port objects
        self.wire(one, first.out)
        self.output("one", 8).assign(one)
        self.output("two", 8).assign(first.out + in_ - in_ + 1)  # the child's port object as an operand
        three = self.output("three", 8)
        self.add_child("u1", AddK(), K=3, **{"in": "one_v"}, out="three")
        del three

        third = AddK()
        self.add_child("u2", third)
        self.wire(third.in_[3:0], b)  # slices of the child's own port objects
        self.wire(in_[3:0], third.in_[7:4])
        swap = self.var("swap_v", 8)
        swap[7:4].assign(third.out[3:0])
        swap[3:0].assign(third.out[7:4])
        self.output("swap", 8).assign(swap)

        r_next = self.reg_next("r_next_q", in_)
        self.output("r_next", 8).assign(r_next)
        self.output("r_init", 8).assign(self.reg_init("r_init_q", "in", init_value=0x5A))
        r_en = self.reg_enable("r_en_q", in_, en)
        self.output("r_en", 8).assign(r_en)
        self.output("sel", 8).assign(ternary(en, r_next, r_en))
        self.output("wide", 8).assign(resize(b, 8))
        self.output("low", clog2(8)).assign(resize(in_, clog2(8)))
        self.output("sx", 8).assign(self.input("s", 4, is_signed=True).extend(8))
        self.output("ux", 8).assign(b.extend(8))


class KratosApiModel:
    def __init__(self) -> None:
        self.r_next: int | None = None
        self.r_init: int | None = None
        self.r_en: int | None = None

    def step(self, inputs: dict[str, int]) -> dict[str, int | None]:
        value, b, en, rst = inputs["in"], inputs["b"], inputs["en"], inputs["rst"]
        if rst:
            self.r_init = 0x5A  # asynchronous: visible before the edge
        rev = int(f"{value:08b}"[::-1], 2)
        mix = (b << 4) | ((value >> 5) << 1) | ((b >> 1) & 1)
        one = (value + 1) & 0xFF
        sel = self.r_next if en else self.r_en
        t = ((((value & 0xF) << 4) | b) + 1) & 0xFF
        outputs = {"rev": rev, "mix": mix, "one": one, "two": (one + 1) & 0xFF, "three": (one + 3) & 0xFF, "r_next": self.r_next,
                   "r_init": self.r_init, "r_en": self.r_en, "sel": sel, "wide": b, "low": value & 0x7, "swap": ((t & 0xF) << 4) | (t >> 4),
                   "sx": inputs["s"] | (0xF0 if inputs["s"] & 0x8 else 0), "ux": b}
        self.r_next = value
        self.r_init = 0x5A if rst else value
        if en:
            self.r_en = value
        return outputs


def test_kratos_api_simulates(tmp_path: Path) -> None:
    top = KratosApi()
    stimulus = random_stimulus(top, 150, seed=15, overrides={"rst": reset_first(0.1)})
    files = check_against_model(top, KratosApiModel().step, stimulus, tmp_path)
    text = "\n".join(f.read_text() for f in files)
    assert "// mix is driven slice by slice" in text
    assert "input  [7:0] in," in text  # a Python keyword is a legal SystemVerilog name, emitted unchanged


class Overlap(Generator):
    def __init__(self) -> None:
        super().__init__()
        a = self.input("a", 4)
        o = self.output("o", 4)
        o[2:0].assign(a[2:0])
        self.wire(o[3:2], a[3:2])  # ERR: overlap


def test_overlapping_slices_are_reported_at_both_lines() -> None:
    with pytest.raises(Exception) as info:
        verilog(Overlap())
    text = str(info.value)
    lines = Path(__file__).read_text().splitlines()
    here = next(i for i, line in enumerate(lines, 1) if line.endswith("# ERR: overlap"))
    assert f"{Path(__file__).name}:{here}:" in text and "bit 2 of 'o' has multiple drivers" in text
    assert f"{Path(__file__).name}:{here - 1}:" in text


def test_reset_default_differs_from_kratos_and_the_error_says_so() -> None:
    from loom import always_ff, posedge

    class SyncReset(Generator):
        def __init__(self) -> None:
            super().__init__()
            self.clk = self.clock()
            self.rst = self.reset("rst")  # loom: synchronous
            self.d = self.input("d", 2)
            self.q = self.output("q", 2)

        @always_ff((posedge, "clk"), (posedge, "rst"))
        def seq(self) -> None:
            if self.rst:
                self.q = 0
            else:
                self.q = self.d

    with pytest.raises(Exception, match="kratos's is asynchronous by default.*is_async=True"):
        verilog(SyncReset())

    class SyncResetOtherBody(SyncReset):
        @always_ff((posedge, "clk"), (posedge, "rst"))
        def seq(self) -> None:
            self.q = self.d  # not the asynchronous reset template

    with pytest.raises(ElaborationError, match="'rst' is declared a synchronous reset.*kratos's is asynchronous"):
        SyncResetOtherBody()
    kratos_style = Generator("K")
    port = kratos_style.reset("r", is_async=True, active_high=False)
    assert port.asynchronous and port.active_low


def test_wire_needs_one_drivable_side_and_one_instance() -> None:
    class Twice(Generator):
        def __init__(self) -> None:
            super().__init__()
            child = AddK()
            self.add_child("u0", child)
            self.add_child("u1", child)
            self.wire(child.in_, self.input("x", 8))

    with pytest.raises(ElaborationError, match=r"instantiated 2 times \('u0', 'u1'\); connect through"):
        Twice()
