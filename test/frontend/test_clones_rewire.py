"""Editing helpers from kratos's pass reference: ``Generator.replace``, ``Var.move_src_to``, ``Var.move_sink_to``."""

from __future__ import annotations

import pytest

import loom
from loom import Generator, Var


class Inc(Generator):
    """``o = a + step`` (``width`` bits)."""

    def __init__(self, width: int = 4, step: int = 1, is_clone: bool = False):
        super().__init__(f"Inc{width}_{step}", is_clone=is_clone)
        self.output("o", width).assign(self.input("a", width) + step)


class Wide(Generator):
    def __init__(self):
        super().__init__("Wide")
        self.output("o", 8).assign(self.input("a", 8))


class Extra(Generator):
    """Inc's ports plus an input ``b`` (which a replacement would leave unconnected)."""

    def __init__(self):
        super().__init__("Extra")
        self.output("o", 4).assign(self.input("a", 4) ^ self.input("b", 4))


class Flipped(Generator):
    """Inc's port names with the directions swapped."""

    def __init__(self):
        super().__init__("Flipped")
        self.input("o", 4)
        self.output("a", 4).assign(0)


class Host(Generator):
    """Two Inc children in a chain: ``o = c1(c0(a))``."""

    def __init__(self):
        super().__init__("Host")
        a = self.input("a", 4)
        first = self.add_child("c0", Inc.create(width=4), a=a)
        second = self.add_child("c1", Inc.create(width=4), a=first.o)
        self.output("o", 4).assign(second.o)


@pytest.fixture(autouse=True)
def fresh_cache():
    Generator.clear_clone_cache()
    yield
    Generator.clear_clone_cache()


def sv(top: Generator) -> dict[str, str]:
    return loom.verilog(top, emit_locations=False)


# -- replace -----------------------------------------------------------------------------------


def test_replace_keeps_connections(check_against_model, random_stimulus):
    host = Host()
    instance = host.replace("c1", Inc.create(width=4, step=5))
    assert instance is host.child_instances.c1 and instance.child.name == "Inc4_5"
    modules = sv(host)
    assert sorted(modules) == ["Host", "Inc4_1", "Inc4_5"]
    check_against_model(host, lambda inputs: {"o": (inputs["a"] + 6) & 0xF}, random_stimulus(host, 16, seed=1))


def test_replace_with_extra_outputs_is_allowed():
    class MoreOut(Generator):
        def __init__(self):
            super().__init__("MoreOut")
            a = self.input("a", 4)
            self.output("o", 4).assign(a)
            self.output("p", 4).assign(a + 2)

    host = Host()
    instance = host.replace("c0", MoreOut())
    assert "p" in instance.ports and instance.ports["p"].direction == "out"
    assert "MoreOut c0" in sv(host)["Host"]


def test_replace_unknown_instance(raises_at):
    host = Host()
    with raises_at("unknown-instance", "no child instance 'c9'", "c0, c1"):
        host.replace("c9", Inc(width=4))  # ERR: unknown-instance


def test_replace_with_non_generator(raises_at):
    host = Host()
    with raises_at("not-generator", "expects a Generator", "int"):
        host.replace("c0", 3)  # ERR: not-generator


def test_replace_width_mismatch(raises_at):
    host = Host()
    with raises_at("wider", "cannot replace instance 'c0'", "port 'a' is 8-bit, was 4-bit"):
        host.replace("c0", Wide())  # ERR: wider


def test_replace_direction_mismatch(raises_at):
    host = Host()
    with raises_at("flipped", "port 'a' is data output, was data input"):
        host.replace("c0", Flipped())  # ERR: flipped


def test_replace_leaves_no_input_unconnected(raises_at):
    host = Host()
    with raises_at("extra-input", "input 'b' would be unconnected"):
        host.replace("c0", Extra())  # ERR: extra-input


def test_replace_missing_port(raises_at):
    class OnlyIn(Generator):
        def __init__(self):
            super().__init__("OnlyIn")
            self.input("a", 4)

    host = Host()
    with raises_at("missing", "port 'o' is missing"):
        host.replace("c0", OnlyIn())  # ERR: missing


def test_replace_checks_parameters(raises_at):
    class Param(Generator):
        def __init__(self):
            super().__init__("ParamChild")
            self.param("N", 1)
            self.output("o", 4).assign(self.input("a", 4))

    class ParamHost(Generator):
        def __init__(self):
            super().__init__("ParamHost")
            inst = self.add_child("c", Param(), params={"N": 3}, a=self.input("a", 4))
            self.output("o", 4).assign(inst.o)

    host = ParamHost()
    with raises_at("no-param", "'Inc4_1' has no parameter 'N'"):
        host.replace("c", Inc(width=4))  # ERR: no-param


def test_failed_replace_changes_nothing():
    host = Host()
    before = sv(host)
    with pytest.raises(loom.ElaborationError):
        host.replace("c0", Wide())
    assert sv(host) == before


# -- move_src_to / move_sink_to ------------------------------------------------------------------


class Pipe(Generator):
    """``o = a ^ b`` through a var ``v``; registers for the tests to move things around."""

    def __init__(self):
        super().__init__("Pipe")
        self.a = self.input("a", 4)
        self.b = self.input("b", 4)
        self.v = self.var("v", 4)
        self.v.assign(self.a ^ self.b)
        self.o = self.output("o", 4)
        self.o.assign(self.v + 1)


def test_move_src_to_inserts_a_register_before_an_output(check_against_model, random_stimulus):
    pipe = Pipe()
    stage = pipe.reg("stage", 4, clock=pipe.clock(), reset=False)
    Var.move_src_to(pipe.o, stage, pipe, True)  # stage <= v + 1; o = stage
    assert pipe.o.driver is stage
    history: list[int] = []

    def step(inputs):
        out = history[-1] if history else None
        history.append(((inputs["a"] ^ inputs["b"]) + 1) & 0xF)
        return {"o": out}

    check_against_model(pipe, step, random_stimulus(pipe, 16, seed=2))


def test_move_src_to_without_connection_frees_the_signal():
    pipe = Pipe()
    spare = pipe.var("spare", 4)
    Var.move_src_to(pipe.v, spare, pipe, False)
    assert pipe.v.driver is None and spare.driver is not None
    pipe.v.assign(pipe.a)  # free to drive again
    ir_text = str(loom.elaborate(pipe)[0])
    assert "%spare = hw.wire %" in ir_text and "%v = hw.wire %arg0" in ir_text


def test_move_sink_to_reroutes_readers(check_against_model, random_stimulus):
    pipe = Pipe()
    inverted = pipe.var("inverted", 4)
    Var.move_sink_to(pipe.a, inverted, pipe, False)  # v = inverted ^ b
    inverted.assign(~pipe.a)  # drive it from a, after the move
    assert pipe.v.driver.operands[0] is inverted
    check_against_model(pipe, lambda i: {"o": (((~i["a"]) & 0xF ^ i["b"]) + 1) & 0xF},
                        random_stimulus(pipe, 16, seed=3))


def test_move_sink_to_with_connection():
    pipe = Pipe()
    copy_of_v = pipe.var("copy_of_v", 4)
    Var.move_sink_to(pipe.v, copy_of_v, pipe, True)
    assert copy_of_v.driver is pipe.v and pipe.o.driver.operands[0] is copy_of_v
    assert "%copy_of_v = hw.wire %v" in str(loom.elaborate(pipe)[0])


def test_move_sink_to_reaches_child_inputs_and_registers():
    host = Host()
    fresh = host.var("fresh", 4)
    first = host.child_instances.c0
    Var.move_sink_to(first.ports["o"], fresh, host, True)
    assert host.child_instances.c1.ports["a"].driver is fresh and fresh.driver is first.ports["o"]


def test_move_width_mismatch(raises_at):
    pipe = Pipe()
    wide = pipe.var("wide", 8)
    with raises_at("move-width", "move_src_to", "different types"):
        Var.move_src_to(pipe.o, wide, pipe, True)  # ERR: move-width


def test_move_other_owner(raises_at):
    pipe, other = Pipe(), Pipe()
    with raises_at("move-owner", "move_sink_to", "belongs to 'Pipe', not to the parent"):
        Var.move_sink_to(pipe.v, other.v, pipe, False)  # ERR: move-owner


def test_move_to_a_driven_signal(raises_at):
    pipe = Pipe()
    with raises_at("move-driven", "var 'v' of 'Pipe' is already driven"):
        Var.move_src_to(pipe.o, pipe.v, pipe, False)  # ERR: move-driven


def test_move_src_to_an_input(raises_at):
    pipe = Pipe()
    with raises_at("move-input", "cannot drive input port 'b'"):
        Var.move_src_to(pipe.v, pipe.b, pipe, False)  # ERR: move-input


def test_move_to_itself(raises_at):
    pipe = Pipe()
    with raises_at("move-self", "are the same var 'v'"):
        Var.move_sink_to(pipe.v, pipe.v, pipe, False)  # ERR: move-self
