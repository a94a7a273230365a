"""What the extended random designs found in the emitted SystemVerilog, reduced to small generators (issue 11).

2,000 random designs with structs, arrays, enums, memories and parameters gave 34 whose SystemVerilog
``verilator --lint-only -Wall`` reported, none the user's doing:

- UNUSEDSIGNAL on a ``_GEN`` temporary read in part: a kept parameter (``keep_parameters=True``) read
  through a select, also inside a register's always block (random designs 540, 1055); the cast of an array
  built with ``Array.of`` read in part by ``.bits()[...]`` (507, 577); an element chosen by a signal index
  read in two places (313); a struct chosen by ``mux`` of which one field is read (391). Each is now pushed
  into its parts or named ``*_partly_unused`` by ``narrow-partly-read-values``, which also selects the parts
  of elements first when its pushes reach an element chosen by a signal index (``g[i][1:0]``, which Icarus
  cannot elaborate; random design 209);
- CMPCONST on a comparison the operand widths decide: ``x.zext(9) < 331`` is always true, so
  ``{8{...}} < y`` is always false (634, 1345). ``fold-constant-comparisons`` folds both, and the ``if``,
  ``match`` and ``mux`` they choose in keep only the branch taken (a ``match`` on a constant of two bits
  took no branch at first: 1411, 1587, 1956, wrong hardware the models caught);
- UNUSEDPARAM on an enum member whose only comparison was folded away (1425): the unread localparams are
  now read by ``_unused_localparams`` after every clean-up step.

Later, UNUSEDSIGNAL on ``wire [2:0] _v_2to0 = v[2:0]`` read only at bit 2 (random design 10781): a mux
choosing a struct field by a comparison only decided after ``lower-data-types`` (which made the field the
select ``v[2:0]``) left a select of a select; ``fold-constant-comparisons`` now folds the selects of what the
mux chose as canonicalize would, and ``narrow-partly-read-values`` folds a select of a select read in part. And UNSIGNED on ``x >= _GEN``
where ``_GEN = 12'h0 << r2`` (random design 62594): CIRCT keeps a zero shifted by a signal amount, verilator
folds it; ``fold-constant-comparisons`` now bounds shifts.

Each generator is linted and simulated against Python arithmetic written from the description below, and
the lowering with the changed passes is proven equal (yosys) to one without them where the text differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus

import loom
from loom import Array, Enum, Generator, Struct, always_comb, concat, mux
from loom.lowering import pipelines
from loom.lowering.prove import prove, yosys_available

pytestmark = [pytest.mark.slow]

P = 0x35
Quad = Array(4, 4)  # four 4-bit elements, element 0 in the low bits
Pair = Struct("lint_pair", [("hi", 3), ("lo", 5)])  # the first field in the high bits
Mode = Enum("lint_mode", {"IDLE": 0, "BUSY": 1, "DONE": 2}, width=2)


def bits(value: int, high: int, low: int) -> int:
    return (value >> low) & ((1 << (high - low + 1)) - 1)


class KeptParameter(Generator):
    """A kept parameter read in part at module level and in a register's next value."""

    def __init__(self) -> None:
        super().__init__("KeptParameterParts")
        clk = self.clock("clk")
        p = self.param("P", P, width=6)
        a = self.input("a", 6)
        self.output("low", 2).assign((a & p)[4:3])
        r = self.reg("r", 3, clock=clk, reset=False)
        r.assign((a | p)[5:3] ^ a[2:0])
        self.output("o", 3).assign(r)


def kept_parameter_model() -> Callable[[Mapping[str, int]], dict[str, int | None]]:
    state: list[int | None] = [None]

    def step(inputs: Mapping[str, int]) -> dict[str, int | None]:
        a = inputs["a"]
        out = {"low": bits(a & P, 4, 3), "o": state[0]}
        state[0] = bits(a | P, 5, 3) ^ bits(a, 2, 0)
        return out

    return step


class AggregateParts(Generator):
    """Parts of arrays and structs: a bit of a built array's cast, an indexed element, a field of a mux."""

    def __init__(self) -> None:
        super().__init__("AggregateParts")
        clk = self.clock("clk")
        a, b = self.input("a", 4), self.input("b", 4)
        i, c = self.input("i", 2), self.input("c", 1)
        quad = Quad.of([a, b, a ^ b, ~a])
        r = self.reg("r", 1, clock=clk, reset=False)
        r.assign(quad.bits()[9] ^ c)  # bit 1 of element 2
        self.output("bit9", 1).assign(r)
        element = quad[i]
        self.output("e_low", 1).assign(mux(c, element[0], b[0]))
        self.output("e_top", 1).assign(element[3] & a[0])
        pair = mux(c, Pair(hi=a[2:0], lo=concat(b, c)), Pair.from_bits(concat(b, a)))
        rs = self.reg("rs", 3, clock=clk, reset=False)
        rs.assign(pair.hi ^ b[3:1])
        self.output("hi", 3).assign(rs)
        y = self.input("y", 5)
        g = self.var("g", Quad)
        g.assign(quad)
        pushed = concat(g[i], c) ^ y  # selects pushed onto g[i] after lower-data-types (random design 209)
        self.output("px", 2).assign(pushed[2:1])
        self.output("y3", 1).assign(y[3])
        self.output("py", 1).assign(pushed[4] ^ pushed[0])


def aggregate_model() -> Callable[[Mapping[str, int]], dict[str, int | None]]:
    state: dict[str, int | None] = {"bit9": None, "hi": None}

    def step(inputs: Mapping[str, int]) -> dict[str, int | None]:
        a, b, i, c = inputs["a"], inputs["b"], inputs["i"], inputs["c"]
        elements = [a, b, a ^ b, ~a & 0xF]
        out = {**state, "e_low": bits(elements[i], 0, 0) if c else b & 1, "e_top": bits(elements[i], 3, 3) & a & 1}
        pushed = (elements[i] << 1 | c) ^ inputs["y"]
        out.update(y3=bits(inputs["y"], 3, 3), px=bits(pushed, 2, 1), py=bits(pushed, 4, 4) ^ bits(pushed, 0, 0))
        pair = ((a & 7) << 5 | b << 1 | c) if c else (b << 4 | a)  # hi is bits 7:5
        state["bit9"] = bits(a ^ b, 1, 1) ^ c
        state["hi"] = bits(pair, 7, 5) ^ bits(b, 3, 1)
        return out

    return step


class DecidedComparisons(Generator):
    """Comparisons the widths decide, choosing in a mux, an if and a match."""

    def __init__(self) -> None:
        super().__init__("DecidedComparisons")
        x, y, s = self.input("x", 1), self.input("y", 8), self.input("s", 2)
        always = x.zext(9) < 331  # at most 1
        self.output("sure", 1).assign(always)
        self.output("lt", 1).assign(always.replicate(8) < y)  # 255 < y: never
        self.never = x.zext(4)[3:2] > Mode.BUSY  # 0 > 1: never; BUSY is then read by nothing
        self.s = s
        self.output("m", 2).assign(mux(self.never, s, ~s))
        self.pair = concat(always, self.never)  # 2'b10 (random design 1411: a match on a folded value)
        self.t = self.var("t", 2)
        self.output("t_out", 2).assign(self.t)

    @always_comb
    def choose(self) -> None:
        self.t = self.s
        if self.never:
            self.t = 3
        match self.never:
            case 1:
                self.t = 0
        match self.pair:
            case 2:
                self.t = ~self.s
            case 3:
                self.t = 0
            case _:
                self.t = 1


def decided_model() -> Callable[[Mapping[str, int]], dict[str, int | None]]:
    def step(inputs: Mapping[str, int]) -> dict[str, int | None]:
        return {"sure": 1, "lt": 0, "m": ~inputs["s"] & 3, "t_out": ~inputs["s"] & 3}

    return step


Fields = Struct("lint_fields", [("f0", 3), ("f1", 6), ("f2", 3)])  # f2 in the low bits


class DecidedFieldSelect(Generator):
    """A mux chooses field ``f2`` of ``i`` zero-extended (as a ``Fields``) when its bits 7:6 equal
    ``Mode.IDLE``, which they always do, else 7; an always_comb reads bit 0 of the choice under ``i[1]`` and
    then its sign bit (bit 2), which wins. ``v`` is the zero-extended ``i``, named."""

    def __init__(self) -> None:
        super().__init__("DecidedFieldSelect")
        self.i = self.input("i", 3)
        wide = self.i.zext(12)
        v = self.var("v", 12)
        v.assign(wide)
        self.pick = mux(wide[7:6] == Mode.IDLE, Fields.from_bits(wide).f2, 7)
        self.t = self.var("t", 1)
        self.output("o", 1).assign(self.t)
        self.output("v_out", 12).assign(v)

    @always_comb
    def choose(self) -> None:
        self.t = 0
        if self.i[1]:
            self.t = self.pick[0]
        self.t = self.pick.sext(20)[16]


def field_select_model() -> Callable[[Mapping[str, int]], dict[str, int | None]]:
    def step(inputs: Mapping[str, int]) -> dict[str, int | None]:
        return {"o": bits(inputs["i"], 2, 2), "v_out": inputs["i"]}

    return step


class ShiftedZero(Generator):
    """A comparison with zero shifted by a signal amount (random design 62594): ``x >= (0 << r)`` is always true."""

    def __init__(self) -> None:
        super().__init__("ShiftedZero")
        i = self.input("i", 4)
        r = self.input("r", 2)
        x = self.input("x", 8)
        zero = (i & 0).zext(8)  # zero once canonicalize folds the AND; the shift by r stays in CIRCT
        self.output("ge", 1).assign(x >= (zero << r))
        self.output("down", 1).assign((x.zext(9) >> r) <= 255)  # a logical right shift never grows
        self.output("o", 8).assign(x)


def shifted_zero_model() -> Callable[[Mapping[str, int]], dict[str, int | None]]:
    def step(inputs: Mapping[str, int]) -> dict[str, int | None]:
        return {"ge": 1, "down": 1, "o": inputs["x"]}

    return step


CASES = [(KeptParameter, kept_parameter_model, {"keep_parameters": True}),
         (AggregateParts, aggregate_model, {}), (DecidedComparisons, decided_model, {}),
         (DecidedFieldSelect, field_select_model, {}), (ShiftedZero, shifted_zero_model, {})]


@pytest.mark.parametrize(("generator", "model", "options"), CASES, ids=[case[0].__name__ for case in CASES])
def test_lint_clean_and_simulates(generator: type[Generator], model: Callable[[], Callable[..., dict[str, int | None]]],
                                  options: dict[str, bool], tmp_path: Path) -> None:
    stimulus = random_stimulus(generator(), 200, seed=11)
    files = check_against_model(generator(), model(), stimulus, tmp_path, **options)
    text = "".join(path.read_text() for path in files)
    assert "_GEN" not in text or "partly_unused" in text
    assert "(1'h0)" not in text and "(1'h1)" not in text  # no if or case on a folded comparison


CHANGED = ("fold-constant-comparisons", "narrow-partly-read-values", "reference-unused-parameters")


@pytest.mark.skipif(not yosys_available(), reason="needs yosys")
@pytest.mark.parametrize(("generator", "options"), [(KeptParameter, {"keep_parameters": True}),
                                                    (DecidedComparisons, {}), (DecidedFieldSelect, {})],
                         ids=["kept", "decided", "field"])
def test_the_passes_preserve_behaviour(generator: type[Generator], options: dict[str, bool],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    gate = loom.verilog(generator(), emit_locations=False, **options)
    monkeypatch.setattr(pipelines, "CLEANUP", tuple(p for p in pipelines.CLEANUP if p not in CHANGED))
    gold = loom.verilog(generator(), emit_locations=False, **options)
    assert gold != gate
    assert prove(gold, gate, generator().name).equivalent
