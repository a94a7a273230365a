"""Chains of one associative op in the loom IR: one variadic op where each link has one reader, never fewer ops
than the design reads (frontend/emit_chains.py, docs/ir-conventions.md "Chains of one associative op")."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest

import loom
from loom import Generator, always_comb, mux
from loom.dialect.srcloc import SourceLoc
from loom.frontend import emit, emit_chains
from loom.frontend.signals import Const, Expr, Signal

type Reader = Callable[[Generator, Signal], None]


def chain_ops(gen: Generator, op: str = "xor") -> list[int]:
    """The operand counts of the ``comb.<op>`` ops in the loom IR of ``gen``'s module, in order."""
    module, _ = loom.elaborate(gen)
    return [text.count(",") + 1 for text in re.findall(rf"= comb\.{op} ([^:]*) :", str(module))]


class Pass(Generator):
    def __init__(self):
        super().__init__("Pass")
        self.output("o", 8).assign(self.input("i", 8))


def read_by_expression(gen: Generator, link: Signal) -> None:
    gen.output("p", 8).assign(link & gen.ports.a)


def read_by_same_op(gen: Generator, link: Signal) -> None:
    gen.output("p", 8).assign(link ^ gen.ports.d)


def read_twice_by_one_reader(gen: Generator, link: Signal) -> None:
    gen.output("p", 8).assign(mux(gen.ports.a[0], link, link))


def read_by_var(gen: Generator, link: Signal) -> None:
    var = gen.var("v", 8)
    var.assign(link)
    gen.output("p", 8).assign(var)


def read_by_output(gen: Generator, link: Signal) -> None:
    gen.output("p", 8).assign(link)


def read_by_instance(gen: Generator, link: Signal) -> None:
    gen.output("p", 8).assign(gen.add_child("child", Pass(), i=link).o)


def read_by_slice(gen: Generator, link: Signal) -> None:
    gen.output("p", 4).assign(link[3:0])


def read_by_register(gen: Generator, link: Signal) -> None:
    gen.clock()
    register = gen.reg("r", 8, reset=False)
    register.assign(link)
    gen.output("p", 8).assign(register)


def read_by_memory(gen: Generator, link: Signal) -> None:
    gen.clock()
    memory = gen.memory("m", 8, depth=2)
    memory.write(gen.ports.a[0], link)
    gen.output("p", 8).assign(memory.read(gen.ports.b[0]))


def read_by_fsm(gen: Generator, link: Signal) -> None:
    gen.clock()
    gen.reset()
    fsm = gen.fsm("f")
    out = fsm.output(gen.output("p", 8))
    idle, run = fsm.state("IDLE"), fsm.state("RUN")
    fsm.reset_state(idle)
    idle.next(run, gen.ports.a[0])
    run.output(out, link).next(idle)


def read_by_procedural_block(gen: Generator, link: Signal) -> None:
    p = gen.output("p", 8)  # noqa: F841 -- the block below assigns it by name

    @always_comb
    def block():
        p = link  # noqa: F841 -- assigns the port, as in kratos

    gen.add_always(block)


def kept_by_the_user(gen: Generator, link: Signal) -> None:
    gen.output("p", 8).assign(gen.ports.a)
    gen.kept = [link]  # a reference that is no reader: the link stays an op (never wrong, only not folded)


class Chain(Generator):
    """``root = ((a ^ b) ^ c) ^ d`` drives a var (written first); ``reader`` reads the link ``(a ^ b) ^ c``."""

    def __init__(self, reader: Reader | None = None):
        super().__init__("Chain")
        a, b, c, d = (self.input(name, 8) for name in "abcd")
        root_var = self.var("root", 8)
        link = (a ^ b) ^ c
        root_var.assign(link ^ d)
        self.output("o", 8).assign(root_var)
        if reader is not None:
            reader(self, link)


def test_a_chain_read_once_is_one_variadic_op() -> None:
    assert chain_ops(Chain()) == [4]


def test_the_fold_is_off_without_it_the_chain_is_three_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emit, "sole_links", emit_chains._no_links)
    assert chain_ops(Chain()) == [2, 2, 2]


@pytest.mark.parametrize("reader", [read_by_expression, read_by_same_op, read_twice_by_one_reader, read_by_var,
                                    read_by_output, read_by_instance, read_by_slice, read_by_register,
                                    read_by_memory, read_by_fsm, read_by_procedural_block, kept_by_the_user])
def test_a_link_read_elsewhere_stays_an_op(reader: Reader) -> None:
    """The link ``(a ^ b) ^ c`` is one op (its own link folded) and the root reads it: nothing is computed
    twice, and what the other reader reads still exists."""
    ops = chain_ops(Chain(reader))
    if reader is read_by_same_op:
        assert ops == [3, 2, 2]
    else:
        assert ops == [3, 2]


def test_each_associative_op_is_folded_and_others_are_not() -> None:
    class Mixed(Generator):
        def __init__(self):
            super().__init__("Mixed")
            a, b, c = (self.input(name, 8) for name in "abc")
            self.output("add", 8).assign(a + b + c)
            self.output("mul", 8).assign(a * b * c)
            self.output("and_", 8).assign(a & b & c)
            self.output("or_", 8).assign(a | b | c)
            self.output("sub", 8).assign(a - b - c)
            self.output("mixed", 8).assign((a ^ b) | c)

    gen = Mixed()
    assert [chain_ops(gen, op) for op in ("add", "mul", "and", "or", "sub", "xor")] == [[3], [3], [3], [3, 2],
                                                                                      [2, 2], [2]]


def test_a_50000_link_chain_is_one_op_without_recursion() -> None:
    class Long(Generator):
        def __init__(self):
            super().__init__("Long")
            a, b = self.input("a", 8), self.input("b", 8)
            total = a
            for _ in range(50_000):
                total = total ^ b
            self.output("o", 8).assign(total)

    assert chain_ops(Long()) == [50_001]


def test_a_tuple_shared_by_two_readers_keeps_its_links() -> None:
    """Two expressions with one operand tuple both read its link, though only the tuple references it."""
    loc = SourceLoc("t.py", 1, 1)
    leaf = Const(1, 8, loc)
    owner = Expr("xor", (Expr("xor", (leaf, leaf), 8, loc=loc), leaf), 8, loc=loc)
    assert len(emit_chains.sole_links(owner)) == 1
    copy = Expr("xor", owner.operands, 8, loc=loc)
    assert emit_chains.sole_links(owner) == [] and emit_chains.sole_links(copy) == []


def block_reading(gen: Generator, v: Signal, d: Signal, value: Signal) -> None:
    """Give ``gen`` an always_comb block that assigns ``v = d``, then its output ``late = value`` (which the block
    computes again when ``value`` reads ``v``)."""
    late = gen.ports.late  # noqa: F841 -- the block assigns it by name

    @always_comb
    def block():
        v = d  # noqa: F841 -- assigns the var, as in kratos
        late = value  # noqa: F841

    gen.add_always(block)


class Recomputed(Generator):
    """``o`` and ``late`` are both a ^ b ^ c ^ d, for 8-bit inputs a, b, c, d.

    ``root = ((a ^ b) ^ c) ^ v``, where a block assigns ``v = d`` (``block_reading``); the var ``early`` reads
    ``root`` (written before the block) and drives ``o``, and the block assigns ``late = root`` after ``v = d``:
    it computes ``root`` again, op by op, reading the link ``(a ^ b) ^ c`` by its name, though only ``root``'s
    operands reference it."""

    def __init__(self):
        super().__init__("Recomputed")
        a, b, c, d = (self.input(name, 8) for name in "abcd")
        v = self.var("v", 8)
        early = self.var("early", 8)
        self.output("late", 8)
        root = (a ^ b) ^ c ^ v
        early.assign(root)
        self.output("o", 8).assign(early)
        block_reading(self, v, d, root)


def test_a_chain_a_block_computes_again_keeps_its_links_at_module_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """The link ``(a ^ b) ^ c`` is one op (its own link folded), read by ``root`` at module level and in the
    block; the hardware is what canonicalize makes of the unfolded chains."""
    assert chain_ops(Recomputed()) == [3, 2, 2]
    folded = loom.verilog(Recomputed())
    monkeypatch.setattr(emit, "sole_links", emit_chains._no_links)
    assert loom.verilog(Recomputed()) == folded


def test_a_chain_a_block_computes_again_simulates(check_against_model: Any, random_stimulus: Any) -> None:
    """``o`` (through the var) and ``late`` (the block's value after ``v = d``) are both a ^ b ^ c ^ d."""
    def model(inputs: dict[str, int]) -> dict[str, int]:
        a, b, c, d = (inputs[name] for name in "abcd")
        return {"o": a ^ b ^ c ^ d, "late": a ^ b ^ c ^ d}

    top = Recomputed()
    check_against_model(top, model, random_stimulus(top, 40, seed=14))


def combine(op: str, left: Signal, right: Signal) -> Signal:
    """``left op right`` for one of ``^ & | + * -``."""
    return {"^": left ^ right, "&": left & right, "|": left | right, "+": left + right, "*": left * right,
            "-": left - right}[op]


class RandomChains(Generator):
    """Random expressions of the five chain ops and ``-`` over inputs and a var ``v`` that a block assigns, each
    read by the expressions after it, a var (written before the block), an output, a slice, a register, a child's
    input or nothing. The block assigns ``v = d``, then ``late`` one of them or the last one combined with ``v``,
    which a var reads too (``block_reading``)."""

    def __init__(self, seed: int):
        super().__init__("RandomChains")
        rng = random.Random(seed)
        clock = self.clock()
        a, b, c, d = (self.input(name, 8) for name in "abcd")
        v = self.var("v", 8)
        self.output("late", 8)
        pool: list[Signal] = [a, b, c]
        ops = rng.sample("^&|+*-", 2)  # two ops, mostly the last value on the left (long chains), v now and then
        for k in range(12):
            left = pool[-1] if rng.random() < 0.6 else rng.choice(pool)
            value = combine(rng.choice(ops), left, v if rng.random() < 0.1 else rng.choice(pool))
            reader = rng.choice(["pool", "pool", "var", "output", "slice", "register", "child"])
            if reader == "register":
                register = self.reg(f"r{k}", 8, clock=clock, reset=False)
                register.assign(value)
                self.output(f"o{k}", 8).assign(register)
            elif reader == "child":
                self.output(f"o{k}", 8).assign(self.add_child(f"u{k}", Pass(), i=value).o)
            elif reader == "var":
                var = self.var(f"w{k}", 8)
                var.assign(value)
                self.output(f"o{k}", 8).assign(var)
            elif reader == "output":
                self.output(f"o{k}", 8).assign(value)
            elif reader == "slice":
                self.output(f"o{k}", 3).assign(value[5:3])
            pool.append(value)
        picked = combine(rng.choice(ops), pool[-1], v) if rng.random() < 0.5 else rng.choice(pool[3:])
        early = self.var("early", 8)
        early.assign(picked)
        self.output("early_o", 8).assign(early)
        block_reading(self, v, d, picked)


@pytest.mark.parametrize("seed", range(48))
def test_random_chains_are_what_canonicalize_makes_of_them(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever reads the links, the SystemVerilog of the folded chains is that of the two-input ops."""
    folded = loom.verilog(RandomChains(seed))
    monkeypatch.setattr(emit, "sole_links", emit_chains._no_links)
    assert loom.verilog(RandomChains(seed)) == folded


def test_the_reference_counts_are_checked_on_this_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    assert emit_chains.sole_links is emit_chains._sole_links
    for count in (emit_chains._ONE_HOLDER - 1, emit_chains._ONE_HOLDER + 1):
        monkeypatch.setattr(emit_chains, "_ONE_HOLDER", count)
        assert emit_chains._check_reference_counts() is emit_chains._no_links


class Lines(Generator):
    """Chains over several lines, trees, constants, shared leaves and links read twice: what canonicalize
    makes of them must be what the writer wrote, locations included."""

    def __init__(self):
        super().__init__("Lines")
        a, b, c, d = (self.input(name, 8) for name in "abcd")
        x = a ^ b
        y = c ^ d
        tree = x ^ y
        tree = tree ^ ~a
        self.output("tree", 8).assign(tree)
        total = a + b
        total = total + (c + d)
        shared = total + 1
        self.output("sum", 8).assign(shared + a)
        self.output("shared", 8).assign(shared * c * shared)
        both = a & b
        self.output("both", 8).assign((both & c) | (both & d) | a | (b | c))
        twice = (a ^ c) ^ (a ^ c)
        self.output("twice", 8).assign(twice ^ 0x0F ^ d)


@pytest.mark.parametrize("design", [Lines, Chain, lambda: Chain(read_by_same_op), lambda: Chain(read_by_slice)])
def test_the_systemverilog_is_what_canonicalize_made_of_the_chains(design: Callable[[], Generator],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folded = loom.verilog(design())
    monkeypatch.setattr(emit, "sole_links", emit_chains._no_links)
    assert loom.verilog(design()) == folded
