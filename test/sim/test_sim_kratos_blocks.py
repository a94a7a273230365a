"""kratos-style procedural blocks, simulated (Icarus) against Python models and linted.

- ``add_always`` decides which blocks exist: a generator that adds one of two
  alternative methods gets only that one (the other may not even translate);
- blocks with arguments: ``add_always(self.drive, dst=o1, amount=1)`` binds
  Python values, so one method makes several blocks;
- local block functions inside ``__init__`` read (and assign) the variables
  of ``__init__``, decorated or bare (a bare function is an always_comb);
- ``@function`` on a generator method that takes ``self``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, load_kratos_design, random_stimulus, reset_first, tools_available

from loom import ElaborationError, Generator, always_comb, always_ff, function, posedge

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Alternatives(Generator):
    """``o`` is ``a + b`` or ``a - b``: the constructor adds one of two blocks; the other refers to a signal
    that does not exist, so translating it would fail."""

    def __init__(self, subtract: bool) -> None:
        super().__init__(f"Alternatives{int(subtract)}")
        self.a = self.input("a", 8)
        self.b = self.input("b", 8)
        self.o = self.output("o", 8)
        self.add_always(self.difference if subtract else self.total)

    @always_comb
    def total(self) -> None:
        self.o = self.a + self.b

    @always_comb
    def difference(self) -> None:
        self.o = self.a - self.b

    @always_comb
    def unused(self) -> None:
        self.o = self.no_such_signal  # never added, never translated


@pytest.mark.parametrize("subtract", [False, True])
def test_only_added_blocks_become_hardware(subtract: bool, tmp_path: Path) -> None:
    top = Alternatives(subtract)

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        value = inputs["a"] - inputs["b"] if subtract else inputs["a"] + inputs["b"]
        return {"o": value & 0xFF}

    check_against_model(top, model, random_stimulus(top, 40, seed=int(subtract)), tmp_path)


class Shifted(Generator):
    """Three registered outputs ``o<i> = a + i`` (with synchronous reset), all from one block with arguments."""

    def __init__(self) -> None:
        super().__init__("Shifted")
        self.clk = self.clock()
        self.rst = self.reset()
        self.a = self.input("a", 8)
        for index in range(3):
            self.add_code(self.drive, dst=self.output(f"o{index}", 8), amount=index)

    @always_ff((posedge, "clk"))
    def drive(self, dst: object, amount: int) -> None:
        if self.rst:
            dst = 0
        else:
            dst = self.a + amount  # noqa: F841 (translated, not run: assigns the signal bound to dst)


def test_one_block_method_added_with_different_arguments(tmp_path: Path) -> None:
    top = Shifted()
    state = {f"o{i}": None for i in range(3)}

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        shown = dict(state)
        for i in range(3):
            state[f"o{i}"] = 0 if inputs["rst"] else (inputs["a"] + i) & 0xFF
        return shown

    stimulus = random_stimulus(top, 40, seed=3, overrides={"rst": reset_first(0.1)})
    check_against_model(top, model, stimulus, tmp_path)


class LocalBlocks(Generator):
    """kratos's favourite form: block functions defined inside ``__init__`` that use its variables."""

    def __init__(self, width: int = 4) -> None:
        super().__init__("LocalBlocks")
        clk = self.clock()
        a = self.input("a", width)
        b = self.input("b", width)
        sel = self.input("sel")
        pick = self.output("pick", width)
        acc = self.output("acc", width)

        @always_comb
        def choose() -> None:
            if sel:
                pick = a  # noqa: F841 (assigns the output of __init__)
            else:
                pick = b  # noqa: F841

        @always_ff((posedge, clk))
        def accumulate() -> None:
            acc = acc + a  # noqa: F841

        self.add_always(choose)
        self.add_always(accumulate)


def test_local_block_functions_read_and_assign_the_enclosing_variables(tmp_path: Path) -> None:
    top = LocalBlocks()
    state: dict[str, int | None] = {"acc": None}

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        shown = {"pick": inputs["a"] if inputs["sel"] else inputs["b"], "acc": state["acc"]}
        state["acc"] = None if state["acc"] is None else (state["acc"] + inputs["a"]) & 0xF
        return shown

    check_against_model(top, model, random_stimulus(top, 30, seed=5), tmp_path)


class Bare(Generator):
    """A bare (undecorated) local function is an always_comb block, as in kratos."""

    def __init__(self) -> None:
        super().__init__("Bare")
        a = self.input("a", 8)
        o = self.output("o", 8)

        def code() -> None:
            o = ~a  # noqa: F841

        self.add_always(code)


def test_bare_local_function_is_always_comb(tmp_path: Path) -> None:
    top = Bare()
    check_against_model(top, lambda i: {"o": ~i["a"] & 0xFF}, random_stimulus(top, 20, seed=9), tmp_path)


class Clamped(Generator):
    """``@function`` methods that read ``self``: called from a block and from ``__init__``."""

    def __init__(self, limit: int = 100) -> None:
        super().__init__(f"Clamped{limit}")
        self.limit = limit
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)
        self.p = self.output("p", 8)
        self.p.assign(self.clamp(self.a))

    @function
    def clamp(self, x: object) -> object:
        if x > self.limit:
            return self.limit
        return x

    @always_comb
    def body(self) -> None:
        self.o = self.clamp(self.a + 1)


def test_function_method_with_self(tmp_path: Path) -> None:
    top = Clamped(100)

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        plus = (inputs["a"] + 1) & 0xFF
        return {"o": min(plus, 100), "p": min(inputs["a"], 100)}

    check_against_model(top, model, random_stimulus(top, 60, seed=11), tmp_path)


def test_block_argument_errors_name_the_parameter_at_the_call() -> None:
    class Missing(Generator):
        def __init__(self) -> None:
            super().__init__("Missing")
            self.clk = self.clock()
            self.a = self.input("a", 8)
            self.add_always(self.drive)  # the call

        @always_ff((posedge, "clk"))
        def drive(self, dst: object) -> None:
            dst = self.a  # noqa: F841

    with pytest.raises(ElaborationError, match=r"needs a value for its parameter 'dst'") as caught:
        Missing()
    call_line = next(number for number, line in enumerate(Path(__file__).read_text().splitlines(), start=1)
                     if line.rstrip().endswith("# the call"))
    assert f"test_sim_kratos_blocks.py:{call_line}:" in str(caught.value), str(caught.value)

    class Twice(Alternatives):
        def __init__(self) -> None:
            super().__init__(False)
            self.add_always(self.total)

    with pytest.raises(ElaborationError, match="'total' is already added"):
        Twice()

    class Unknown(Alternatives):
        def __init__(self) -> None:
            super().__init__(False)
            self.add_always(self.difference, amount=1)

    with pytest.raises(ElaborationError, match="block 'difference' has no parameter 'amount'"):
        Unknown()

    class NotABlock(Generator):
        def __init__(self) -> None:
            super().__init__("NotABlock")
            self.add_always(42)

    with pytest.raises(ElaborationError, match="add_always.. takes a block function"):
        NotABlock()


def test_ported_kratos_lanes_with_a_list_of_outputs(tmp_path: Path) -> None:
    """``self.acc[idx] = ...`` with a Python list and a per-block index (bench/kratos_crosscheck.py proves the
    same design equal to kratos's own output)."""
    top = load_kratos_design("per_index_blocks", tmp_path).Lanes(3, invert=True)  # type: ignore[attr-defined]
    acc: list[int | None] = [None, None, None]

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        shown: dict[str, int | None] = {f"acc{i}": acc[i] for i in range(3)}
        shown["flag"] = (inputs["a"] & 1) ^ 1
        for i in range(3):
            acc[i] = None if acc[i] is None else (acc[i] + inputs["a"] + i) & 0xFF  # type: ignore[operator]
        return shown

    check_against_model(top, model, random_stimulus(top, 20, seed=2), tmp_path / "lanes")
