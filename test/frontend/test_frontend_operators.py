"""Each operator and API call builds the right construct, and the SystemVerilog lints clean.

Every design is tiny and uses all of its inputs so ``verilator -Wall`` has
nothing to flag. Checks look at the loom IR (the comb op) and at the
SystemVerilog (the expression), structurally, not byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

import loom
from loom import Generator, concat, const, mux


class Binary(Generator):
    """``o = fn(a, b)`` for two ``width``-bit inputs."""

    def __init__(self, fn: Callable, width: int = 8, out: int = 8, signed: bool = False):
        super().__init__("Binary")
        a = self.input("a", width, signed=signed)
        b = self.input("b", width, signed=signed)
        self.output("o", out).assign(fn(a, b))


class Unary(Generator):
    """``o = fn(a)`` for one ``width``-bit input."""

    def __init__(self, fn: Callable, width: int = 8, out: int = 8, signed: bool = False):
        super().__init__("Unary")
        a = self.input("a", width, signed=signed)
        self.output("o", out).assign(fn(a))


def ir_text(gen: Generator) -> str:
    return str(loom.elaborate(gen)[0])


def sv_of(gen: Generator, **options) -> dict[str, str]:
    return loom.verilog(gen, emit_locations=False, **options)


# (id, generator factory, comb op expected in the IR, regex expected in the SystemVerilog)
CASES = [
    ("add", lambda: Binary(lambda a, b: a + b), "comb.add", r"assign o = a \+ b;"),
    ("sub", lambda: Binary(lambda a, b: a - b), "comb.sub", r"assign o = a - b;"),
    ("mul", lambda: Binary(lambda a, b: a * b), "comb.mul", r"assign o = a \* b;"),
    ("and", lambda: Binary(lambda a, b: a & b), "comb.and", r"assign o = a & b;"),
    ("or", lambda: Binary(lambda a, b: a | b), "comb.or", r"assign o = a \| b;"),
    ("xor", lambda: Binary(lambda a, b: a ^ b), "comb.xor", r"assign o = a \^ b;"),
    ("invert", lambda: Unary(lambda a: ~a), "comb.xor", r"assign o = ~a;"),
    ("negate", lambda: Unary(lambda a: -a), "comb.sub", r"assign o = 8'h0 - a;"),
    ("int-on-left", lambda: Unary(lambda a: 3 - a), "comb.sub", r"assign o = 8'h3 - a;"),
    ("shl", lambda: Binary(lambda a, b: a << b), "comb.shl", r"assign o = a << b;"),
    ("shr", lambda: Binary(lambda a, b: a >> b), "comb.shru", r"assign o = a >> b;"),
    ("ashr", lambda: Binary(lambda a, b: a >> b, signed=True), "comb.shrs", r"\$signed\(a\) >>> b"),
    ("shl-const", lambda: Unary(lambda a: (a << 3) ^ a), "comb.shl", r"\{a\[4:0\], 3'h0\} \^ a"),
    ("shl-const-too-far", lambda: Unary(lambda a: (a << 300) | a), "comb.shl", r"assign o = a;"),
    ("eq", lambda: Binary(lambda a, b: a == b, out=1), "comb.icmp eq", r"assign o = a == b;"),
    ("ne", lambda: Binary(lambda a, b: a != b, out=1), "comb.icmp ne", r"assign o = a != b;"),
    ("ult", lambda: Binary(lambda a, b: a < b, out=1), "comb.icmp ult", r"assign o = a < b;"),
    ("ule", lambda: Binary(lambda a, b: a <= b, out=1), "comb.icmp ule", r"assign o = a <= b;"),
    ("ugt", lambda: Binary(lambda a, b: a > b, out=1), "comb.icmp ugt", r"assign o = a > b;"),
    ("uge", lambda: Binary(lambda a, b: a >= b, out=1), "comb.icmp uge", r"assign o = a >= b;"),
    ("slt", lambda: Binary(lambda a, b: a < b, out=1, signed=True), "comb.icmp slt",
     r"assign o = \$signed\(a\) < \$signed\(b\);"),
    ("signed-vs-zero", lambda: Unary(lambda a: a < 0, out=1, signed=True), "comb.icmp slt", r"assign o = \$signed\(a\) < 8'sh0;"),
    ("bit", lambda: Binary(lambda a, b: mux(a[3], b, a)), "comb.extract", r"assign o = a\[3\] \? b : a;"),
    ("slice", lambda: Unary(lambda a: concat(a[3:0], a[7:4])), "comb.extract", r"assign o = \{a\[3:0\], a\[7:4\]\};"),
    ("slice-tuple", lambda: Unary(lambda a: a[7, 4] ^ a[3, 0], out=4), "comb.extract", r"assign o = a\[7:4\] \^ a\[3:0\];"),
    ("concat", lambda: Binary(lambda a, b: concat(a, b), out=16), "comb.concat", r"assign o = \{a, b\};"),
    ("r_and", lambda: Unary(lambda a: a.r_and(), out=1), "comb.icmp eq", r"assign o = &a;"),
    ("r_or", lambda: Unary(lambda a: a.r_or(), out=1), "comb.icmp ne", r"assign o = \|a;"),
    ("r_xor", lambda: Unary(lambda a: a.r_xor(), out=1), "comb.parity", r"assign o = \^a;"),
    ("mux", lambda: Binary(lambda a, b: mux(a[0], a, b)), "comb.mux", r"assign o = a\[0\] \? a : b;"),
    ("mux-int", lambda: Unary(lambda a: mux(a[0], 7, a)), "comb.mux", r"assign o = a\[0\] \? 8'h7 : a;"),
    ("zext", lambda: Unary(lambda a: a.zext(12), out=12), "comb.concat", r"assign o = \{4'h0, a\};"),
    ("sext", lambda: Unary(lambda a: a.sext(12), out=12), "comb.replicate", r"assign o = \{\{4\{a\[7\]\}\}, a\};"),
    ("const", lambda: Unary(lambda a: a + const(-1, 8)), "hw.constant -1", r"assign o = a - 8'h1;"),
]


@pytest.mark.parametrize("make, ir_op, sv_pattern", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_operator(make, ir_op, sv_pattern, lint_sv):
    assert ir_op in ir_text(make())
    sources = sv_of(make())
    assert re.search(sv_pattern, sources[next(iter(sources))]), sources
    lint_sv(sources, next(iter(sources)))


def test_wide_shift_amount_is_not_truncated(lint_sv):
    """Shifting an 8-bit value by a 16-bit amount widens the value; it must not drop the amount's high bits."""

    class Shift(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 8)
            n = self.input("n", 16)
            self.output("o", 8).assign(a << n)

    text = sv_of(Shift())["Shift"]
    lint_sv(sv_of(Shift()), "Shift")
    assert re.search(r"assign o = .*n\[15:3\].* \? 8'h0 : a << n\[7:0\];", text), text


# -- ports, vars, params --------------------------------------------------------------------


class Passthrough(Generator):
    """A parameterised adder with a conditional ``bias`` input."""

    def __init__(self, width: int = 8, with_bias: int = 0):
        super().__init__("Passthrough")
        self.WIDTH = self.param("WIDTH", width)
        has_bias = self.param("HAS_BIAS", with_bias)
        a = self.input("a", width)
        bias = self.input("bias", width, when=has_bias)
        total = self.var("total", width)
        self.wire(total, a + bias)
        self.output("o", width).assign(total)


def test_ports_vars_and_params_in_ir():
    text = ir_text(Passthrough(with_bias=1))
    assert '#hw.param.decl<"WIDTH": i32 = 8>' in text
    assert '#hw.param.decl<"HAS_BIAS": i32 = 1>' in text
    assert '{cond = "HAS_BIAS", dir = "in", name = "bias", type = i8}' in text
    assert re.search(r"%total = hw.wire %\d+ sym @total\s+: i8", text)


def test_conditional_port_present_and_absent(lint_sv):
    class Top(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 8)
            b = self.input("b", 8)
            with_bias = self.add_child("p1", Passthrough(with_bias=1), a=a, bias=b)
            without = self.add_child("p0", Passthrough(with_bias=1), params={"HAS_BIAS": 0}, a=a)
            self.output("o", 8).assign(with_bias.o ^ without.o)

    sources = sv_of(Top())
    lint_sv(sources, "Top")
    top = sources["Top"]
    assert re.search(r"\.bias\s*\(b\)", top)
    variants = [text for text in sources.values() if "module Passthrough" in text]
    assert len(variants) == 2
    assert sum("bias" in text for text in variants) == 1


def test_add_child_params_and_identity(lint_sv):
    class Leaf(Generator):
        def __init__(self):
            super().__init__()
            self.param("W", 4)
            self.param("ID", 0, identity=True)
            a = self.input("a", 4)
            self.output("o", 4).assign(~a)

    class Top(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            leaf = Leaf()
            x = self.add_child("x", leaf, params={"W": 4}, identity={"ID": 1}, a=a)
            y = self.add_child("y", leaf, identity={"ID": 2}, a=x.o)
            out = self.output("o", 4)
            self.wire(out, y.o)

    text = ir_text(Top())
    assert 'instance_name = "x"' in text and 'instance_name = "y"' in text
    assert "identity = {ID = 1 : i32}" in text
    assert "parameters = {W = 4 : i32}" in text
    sources = sv_of(Top())
    lint_sv(sources, "Top")
    assert len([n for n in sources if n.startswith("Leaf")]) == 1  # ID is never read: one module


def test_child_output_connected_by_keyword(lint_sv):
    class Leaf(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 4).assign(a + 1)

    class Top(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            mid = self.var("mid", 4)
            self.add_child("l0", Leaf(), a=a, o=mid)
            self.add_child("l1", Leaf(), a=mid, o=self.output("o", 4))

    sources = sv_of(Top())
    lint_sv(sources, "Top")
    assert "wire [3:0] mid;" in sources["Top"]  # a var keeps its name
    assert re.search(r"\.o\s*\(mid\)", sources["Top"])


def test_parametric_width_kept_as_sv_parameter(lint_sv):
    class Adder(Generator):
        def __init__(self):
            super().__init__()
            w = self.param("W", 8)
            a, b = self.input("a", w), self.input("b", w)
            self.output("o", w).assign(a + b)

    class Top(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 4).assign(self.add_child("add", Adder(), params={"W": 4}, a=a, b=a).o)

    kept = sv_of(Top(), keep_parameters=True)
    assert "parameter W = 8" in kept["Adder"] and "[W - 1:0]" in kept["Adder"]
    lint_sv(kept, "Top")
    specialised = sv_of(Top())
    assert "input  [3:0] a" in specialised["Adder"]
    lint_sv(specialised, "Top")


# -- registers --------------------------------------------------------------------------------


def register_design(reset_kind: str) -> Generator:
    class Regs(Generator):
        def __init__(self):
            super().__init__(f"Regs_{reset_kind}")
            self.clock()
            if reset_kind == "sync":
                self.reset("rst")
            elif reset_kind == "async":
                self.reset("rst", asynchronous=True)
            elif reset_kind == "async_low":
                self.reset("rst_n", asynchronous=True, active_low=True)
            elif reset_kind == "sync_low":
                self.reset("rst_n", active_low=True)
            en = self.input("en")
            d = self.input("d", 4)
            r = self.reg("r", 4, reset_value=9, enable=en)
            r.assign(d)
            self.output("q", 4).assign(r)

    return Regs()


@pytest.mark.parametrize("kind, sensitivity, condition", [
    ("sync", r"always @\(posedge clk\)", r"if \(rst\)"),
    ("async", r"always @\(posedge clk or posedge rst\)", r"if \(rst\)"),
    ("async_low", r"always @\(posedge clk or posedge (_GEN|_\w+)\)", r"= ~rst_n"),
    ("sync_low", r"always @\(posedge clk\)", r"if \(~rst_n\)|= ~rst_n"),
])
def test_register_resets(kind, sensitivity, condition, lint_sv):
    text = ir_text(register_design(kind))
    assert "seq.firreg" in text
    assert ("reset async" in text) == kind.startswith("async")
    assert ("reset sync" in text) == kind.startswith("sync")
    sources = sv_of(register_design(kind))
    module = sources[f"Regs_{kind}"]
    assert re.search(sensitivity, module), module
    assert re.search(condition, module), module
    assert "4'h9" in module
    assert re.search(r"r <= en \? d : r;", module), module
    lint_sv(sources, f"Regs_{kind}")


def test_register_without_reset_and_explicit_clock(lint_sv):
    class Delay(Generator):
        def __init__(self):
            super().__init__()
            fast = self.clock("fast")
            self.clock("slow")
            d = self.input("d", 2)
            r = self.reg("r", 2, clock=fast, reset=False)
            r.assign(d)
            self.output("q", 2).assign(r)

    text = ir_text(Delay())
    assert re.search(r"seq.firreg %\w+ clock %arg0 : i2", text), text
    sources = sv_of(Delay())
    assert "always @(posedge fast)" in sources["Delay"]
    # `slow` is unused on purpose here, so only check that verilator complains about nothing else.
    with pytest.raises(AssertionError, match="UNUSED"):
        lint_sv(sources, "Delay")
