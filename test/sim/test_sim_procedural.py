"""Procedural blocks (``@always_comb`` / ``@always_ff``) simulated in Icarus against Python models.

Each design is built, linted with ``verilator --lint-only -Wall`` (no waivers)
and run cycle by cycle (test/sim/simulate.py's conventions: cycle ``i``'s
outputs are shown before clock edge ``i``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, build, check_against_model, lint, load_example, random_stimulus, tools_available

import loom
from loom import Array, Generator, always_comb, always_ff, assert_, const, display, function, negedge, posedge

needs_tools = pytest.mark.skipif(not tools_available(), reason="needs verilator, iverilog and vvp")


class PriorityEncoder(Generator):
    """``idx`` is the lowest set bit of ``req`` (``valid`` says whether any is set): a for loop over ifs."""

    def __init__(self, width: int = 8):
        super().__init__(f"PriorityEncoder{width}")
        self.width = width
        self.req = self.input("req", width)
        self.idx = self.output("idx", max(1, (width - 1).bit_length()))
        self.valid = self.output("valid")

    @always_comb
    def encode(self) -> None:
        self.idx = 0
        self.valid = 0
        for i in reversed(range(self.width)):  # the last assignment wins: the lowest set bit
            if self.req[i]:
                self.idx = i
                self.valid = 1


class Op:
    """ALU operations (an enum-like class of Python ints)."""

    ADD = 0
    SUB = 1
    AND = 2
    OR = 3
    XOR = 4
    SHL = 5
    PASS_A = 6


class Alu(Generator):
    """An 8-bit ALU: ``match`` on the operation; codes without an operation give 0."""

    def __init__(self, width: int = 8):
        super().__init__(f"Alu{width}")
        self.op = self.input("op", 3)
        self.a = self.input("a", width)
        self.b = self.input("b", width)
        self.y = self.output("y", width)
        self.zero = self.output("zero")

    @always_comb
    def compute(self) -> None:
        match self.op:
            case Op.ADD:
                self.y = self.a + self.b
            case Op.SUB:
                self.y = self.a - self.b
            case Op.AND | Op.OR:
                both = self.a & self.b
                either = self.a | self.b
                self.y = either if self.op == Op.OR else both
            case Op.XOR:
                self.y = self.a ^ self.b
            case Op.SHL:
                self.y = self.a << 1
            case Op.PASS_A:
                self.y = self.a
            case _:
                self.y = 0
        self.zero = self.y == 0


def alu_model(inputs: Mapping[str, int]) -> Values:
    a, b, op = inputs["a"], inputs["b"], inputs["op"]
    results = {0: a + b, 1: a - b, 2: a & b, 3: a | b, 4: a ^ b, 5: a << 1, 6: a}
    y = results.get(op, 0) & 0xFF
    return {"y": y, "zero": int(y == 0)}


class AsyncCounter(Generator):
    """A counter with an asynchronous active-low reset, a synchronous clear and a clock enable.

    ``count`` resets to ``start`` as soon as ``rst_n`` falls (without a clock
    edge); ``clear`` sets it to 0 at the next edge; otherwise it counts up
    while ``en`` is high. ``wrapped`` is registered too: 1 after an edge that
    wrapped the count to 0.
    """

    def __init__(self, width: int = 4, start: int = 5):
        super().__init__(f"AsyncCounter{width}")
        self.start = start
        self.clk = self.clock()
        self.rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
        self.en = self.input("en")
        self.clear = self.input("clear")
        self.count = self.output("count", width)
        self.wrapped = self.output("wrapped")

    @always_ff((posedge, "clk"), (negedge, "rst_n"))
    def update(self) -> None:
        if ~self.rst_n:
            self.count = self.start
            self.wrapped = 0
        else:
            following = self.count + 1
            if self.clear:
                self.count = 0
                self.wrapped = 0
            elif self.en:
                self.count = following
                self.wrapped = following == 0
            else:
                self.wrapped = 0


class AsyncCounterModel:
    def __init__(self, width: int, start: int):
        self.mask = (1 << width) - 1
        self.start = start
        self.count: int | None = None
        self.wrapped: int | None = None

    def step(self, inputs: Mapping[str, int]) -> Values:
        if not inputs["rst_n"]:  # asynchronous: visible before the edge
            self.count, self.wrapped = self.start, 0
        outputs = {"count": self.count, "wrapped": self.wrapped}
        if inputs["rst_n"] and self.count is not None:
            if inputs["clear"]:
                self.count, self.wrapped = 0, 0
            elif inputs["en"]:
                self.count = (self.count + 1) & self.mask
                self.wrapped = int(self.count == 0)
            else:
                self.wrapped = 0
        return outputs


class Checked(Generator):
    """A register with an assertion and a print in its always_ff block (both must run in Icarus)."""

    def __init__(self) -> None:
        super().__init__()
        self.clk = self.clock()
        self.rst = self.reset()
        self.d = self.input("d", 4)
        self.q = self.output("q", 4)

    @always_ff((posedge, "clk"))
    def latch(self) -> None:
        if self.rst:
            self.q = 0
        else:
            assert_(self.d != 15, "d must not be 15, got %d", self.d)
            display("q <= %0d", self.d)
            self.q = self.d


@function
def saturating_add(x, y):
    """x + y, or all ones when the sum does not fit (a hardware function with an early return)."""
    total = x.zext(x.width + 1) + y.zext(x.width + 1)
    if total[x.width]:
        return (1 << x.width) - 1
    return total[x.width - 1:0]


@function
def smaller(x, y):
    if x < y:
        return x
    return y


class Functions(Generator):
    """Hardware functions used in an always_comb, in an always_ff and outside any block."""

    def __init__(self) -> None:
        super().__init__()
        self.clk = self.clock()
        self.a = self.input("a", 8)
        self.b = self.input("b", 8)
        self.sum = self.output("sum", 8)
        self.low = self.output("low", 8)
        self.held = self.output("held", 8)
        self.low.assign(smaller(self.a, self.b))

    @always_comb
    def combine(self) -> None:
        self.sum = saturating_add(self.a, self.b)

    @always_ff((posedge, "clk"))
    def hold(self) -> None:
        self.held = saturating_add(smaller(self.a, self.b), const(1, 8))


class FunctionsModel:
    def __init__(self) -> None:
        self.held: int | None = None

    def step(self, inputs: Mapping[str, int]) -> Values:
        a, b = inputs["a"], inputs["b"]
        outputs = {"sum": min(a + b, 255), "low": min(a, b), "held": self.held}
        self.held = min(min(a, b) + 1, 255)
        return outputs


@needs_tools
def test_hardware_functions(tmp_path: Path) -> None:
    design = Functions()
    stimulus = [{"a": 250, "b": 10}, {"a": 255, "b": 255}, {"a": 1, "b": 2}] + random_stimulus(design, 80, seed=7)
    files = check_against_model(design, FunctionsModel().step, stimulus, tmp_path)
    text = files[-1].read_text()
    assert "saturating_add" in text and "smaller" in text


@needs_tools
def test_priority_encoder(tmp_path: Path) -> None:
    def model(inputs: Mapping[str, int]) -> Values:
        req = inputs["req"]
        if req == 0:
            return {"idx": 0, "valid": 0}
        return {"idx": (req & -req).bit_length() - 1, "valid": 1}

    encoder = PriorityEncoder(8)
    stimulus = [{"req": r} for r in [0, 1, 2, 3, 0x80, 0xF0, 0x18, 0xFF]] + random_stimulus(encoder, 60, seed=3)
    check_against_model(encoder, model, stimulus, tmp_path)


@needs_tools
def test_alu_with_match(tmp_path: Path) -> None:
    alu = Alu()
    stimulus = [{"op": op, "a": a, "b": b} for op in range(8) for a, b in [(0, 0), (200, 100), (15, 240)]]
    stimulus += random_stimulus(alu, 80, seed=5)
    check_against_model(alu, alu_model, stimulus, tmp_path)


@needs_tools
def test_async_reset_counter(tmp_path: Path) -> None:
    model = AsyncCounterModel(4, 5)
    counter = AsyncCounter(4, 5)
    stimulus = random_stimulus(counter, 120, seed=11, overrides={
        "rst_n": lambda rng, cycle: 0 if cycle == 0 or rng.random() < 0.06 else 1,
        "en": lambda rng, cycle: 1 if rng.random() < 0.8 else 0,
        "clear": lambda rng, cycle: 1 if rng.random() < 0.05 else 0})
    files = check_against_model(counter, model.step, stimulus, tmp_path)
    text = files[-1].read_text()
    assert "always_ff @(posedge clk or negedge rst_n)" in text
    assert "if (!rst_n)" in text
    assert "following" in text  # the always_ff local keeps its name (a wire)


@needs_tools
def test_assertion_and_display_run_in_icarus(tmp_path: Path) -> None:
    import subprocess

    design = Checked()
    files = build(design, tmp_path / "rtl")
    lint(files, design.name)
    bench = tmp_path / "tb.sv"
    bench.write_text("""module tb;
  logic clk = 0, rst = 1;
  logic [3:0] d = 0;
  wire [3:0] q;
  Checked dut (.clk(clk), .rst(rst), .d(d), .q(q));
  initial begin
    #1 clk = 1; #1 clk = 0; rst = 0; d = 4'd7;
    #1 clk = 1; #1 clk = 0; d = 4'd15;
    #1 clk = 1; #1 clk = 0;
    $finish;
  end
endmodule
""")
    binary = tmp_path / "sim.vvp"
    subprocess.run(["iverilog", "-g2012", "-o", str(binary), str(bench), *map(str, files)], check=True,
                   capture_output=True, text=True)
    run = subprocess.run(["vvp", "-n", str(binary)], capture_output=True, text=True, timeout=60)
    output = run.stdout + run.stderr
    assert "q <= 7" in output
    assert "d must not be 15, got 15" in output


def test_loom_exports() -> None:
    for name in ("always_comb", "always_ff", "posedge", "negedge", "assert_", "display", "assign", "If", "Switch"):
        assert hasattr(loom, name), name


class ArbiterModel:
    """examples/arbiter.py: the first requester after the last grant, wrapping; reset makes 0 first."""

    def __init__(self, n: int):
        self.n = n
        self.last: int | None = None

    def step(self, inputs: Mapping[str, int]) -> Values:
        if not inputs["rst_n"]:
            self.last = self.n - 1
        if self.last is None:
            return {"grant": None, "index": None, "valid": None}
        req = inputs["req"]
        chosen = self.last
        for offset in range(1, self.n + 1):
            candidate = (self.last + offset) % self.n
            if req >> candidate & 1:
                chosen = candidate
                break
        valid = int(req != 0)
        outputs = {"grant": (1 << chosen) if valid else 0, "index": chosen, "valid": valid}
        if inputs["rst_n"] and valid:
            self.last = chosen
        return outputs


@needs_tools
@pytest.mark.parametrize("n", [3, 4])
def test_round_robin_arbiter_example(n: int, tmp_path: Path) -> None:
    arbiter = load_example("arbiter").top(n)
    stimulus = random_stimulus(arbiter, 150, seed=n, overrides={
        "rst_n": lambda rng, cycle: 0 if cycle == 0 or rng.random() < 0.03 else 1})
    check_against_model(arbiter, ArbiterModel(n).step, stimulus, tmp_path)


LIT_DESIGNS = {
    "aggregates.py": ["Memory"],
    "always-comb.py": ["Mux4", "Decoder"],
    "always-ff.py": ["SyncEnable", "AsyncLow", "AsyncHigh"],
    "builder.py": ["Built"],
    "functions.py": ["Uses", "Nested"],  # (Py leaves bits of its input unused on purpose)
}


@needs_tools
@pytest.mark.parametrize("script", sorted(LIT_DESIGNS))
def test_lit_designs_lint_clean(script: str, tmp_path: Path) -> None:
    """The designs of the test/procedural lit tests pass ``verilator --lint-only -Wall`` too."""
    import contextlib
    import io
    import runpy

    path = Path(__file__).resolve().parent.parent / "procedural" / script
    with contextlib.redirect_stdout(io.StringIO()):
        namespace = runpy.run_path(str(path))
    for name in LIT_DESIGNS[script]:
        design = namespace[name]()
        lint(build(design, tmp_path / name), design.name)
    extra = {"always-comb.py": lambda ns: ns["Params"](4, False)}.get(script)
    if extra is not None:
        design = extra(namespace)
        lint(build(design, tmp_path / "extra"), design.name)


class RegisterFile(Generator):
    """Four 8-bit registers: a write port in always_ff (array element assignment), two read ports."""

    def __init__(self) -> None:
        super().__init__()
        self.clk = self.clock()
        self.we = self.input("we")
        self.waddr = self.input("waddr", 2)
        self.wdata = self.input("wdata", 8)
        self.raddr = self.input("raddr", 2)
        self.rdata = self.output("rdata", 8)
        self.first = self.output("first", 8)
        self.regs = self.var("regs", Array(8, 4))

    @always_ff((posedge, "clk"))
    def write(self) -> None:
        if self.we:
            self.regs[self.waddr] = self.wdata

    @always_comb
    def read(self) -> None:
        self.rdata = self.regs[self.raddr]
        self.first = self.regs[0]


class RegisterFileModel:
    def __init__(self) -> None:
        self.regs: list[int | None] = [None] * 4

    def step(self, inputs: Mapping[str, int]) -> Values:
        outputs = {"rdata": self.regs[inputs["raddr"]], "first": self.regs[0]}
        if inputs["we"]:
            self.regs[inputs["waddr"]] = inputs["wdata"]
        return outputs


@needs_tools
def test_register_file_array_elements(tmp_path: Path) -> None:
    design = RegisterFile()
    stimulus = [{"we": 1, "waddr": i, "wdata": 10 + i, "raddr": 0} for i in range(4)]
    stimulus += random_stimulus(design, 80, seed=13)
    check_against_model(design, RegisterFileModel().step, stimulus, tmp_path)
