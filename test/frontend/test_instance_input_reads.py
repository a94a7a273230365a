"""Reading a child instance's input in the parent (frontend/instances.py ``read_input``).

An instance's input seen from the parent is the net connected to it, so reading it reads what drives it, followed
through inputs driven by other instances' inputs, with the driver the design has once it is built (connected before
or after the read). Before, the writer named the read after the instance's output (silently wrong hardware), and
crashed for a child with two outputs or an instance not named yet. An input nothing drives is an error at the
reading line. Behaviour is simulated in test/sim/test_sim_instance_input_reads.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from loom import Generator, Interface, PortBundle, verilog


def child(outputs: int = 1, width: int = 4) -> Generator:
    """``o<k> = a + k + 1`` for each of ``outputs`` outputs: any read of an output differs from ``a``."""
    gen = Generator(f"Child{outputs}")
    a = gen.input("a", width)
    for k in range(outputs):
        gen.output(f"o{k}", width).assign(a + (k + 1))
    return gen


def top_sv(top: Generator) -> str:
    return verilog(top, emit_locations=False)[top.name]


def assigns(text: str) -> dict[str, str]:
    """``assign NAME = VALUE;`` and ``wire [..] NAME = VALUE;`` lines of a module, by name."""
    return dict(re.findall(r"^\s*(?:assign|wire(?: \[\d+:0\])?) (\w+) = (.+);$", text, re.M))


def connection(text: str, instance: str, port: str) -> str:
    """What ``.port (...)`` of instance ``instance`` is connected to."""
    body = re.search(rf"\b{instance} \((.*?)\);", text, re.S)
    assert body is not None, text
    match = re.search(rf"\.{port}\s*\(([^)]*)\)", body[1])
    assert match is not None, body[1]
    return match[1].strip()


@pytest.mark.parametrize("outputs", [1, 2, 3])
def test_an_output_reading_a_childs_input_reads_its_driver(outputs: int) -> None:
    top = Generator("Top")
    x = top.input("x", 4)
    u = top.add_child("u", child(outputs), a=x)
    top.output("z", 4).assign(u.a)
    assert assigns(top_sv(top))["z"] == "x"


def test_an_instance_fed_from_another_instances_input_reads_the_first_driver() -> None:
    top = Generator("Top")
    x = top.input("x", 4)
    u = top.add_child("u", child(2), a=x)
    v = top.add_child("v", child(2), a=u.a)
    w = top.add_child("w", child(1), a=v.a)  # a chain: w.a = v.a = u.a = x
    top.output("p", 4).assign(v.o1)
    top.output("q", 4).assign(w.o0)
    text = top_sv(top)
    assert [connection(text, name, "a") for name in ("u", "v", "w")] == ["x", "x", "x"]


def test_an_instance_not_written_yet_is_read_through_its_input() -> None:
    """A var reads ``u.a`` before any instance is written (vars come first): it used to raise a KeyError."""
    top = Generator("Top")
    x, y = top.input("x", 4), top.input("y", 4)
    s = top.var("s", 4)
    u = top.add_child("u", child(2), a=x ^ y)
    s.assign(u.a + 1)
    top.output("z", 4).assign(s)
    top.output("o", 4).assign(u.o0)
    text = top_sv(top)
    assert assigns(text)["z"] == "s" and assigns(text)["s"] == f"{connection(text, 'u', 'a')} + 4'h1"


def test_an_input_driven_after_it_was_read_reads_that_driver() -> None:
    top = Generator("Top")
    x = top.input("x", 4)
    u = top.add_child("u", child(1))
    top.output("z", 4).assign(u.a)
    v = top.add_child("v", child(1), a=u.a)
    u.a.assign(~x)  # after both reads
    top.output("o", 4).assign(v.o0)
    text = top_sv(top)
    assert assigns(text)["z"] == "~x" and connection(text, "v", "a") in ("~x", "z")


def test_an_input_driven_by_a_constant_reads_the_constant() -> None:
    top = Generator("Top")
    u = top.add_child("u", child(2), a=5)
    top.output("z", 4).assign(u.a)
    top.output("o", 4).assign(u.o1)
    text = top_sv(top)
    assert assigns(text)["z"] == "4'h5"


def test_a_port_object_made_after_the_connection_reads_it() -> None:
    """``add_child`` keeps the connection without a port object; ``ports[...]``, ``inst[...]`` make it later."""
    top = Generator("Top")
    x, y = top.input("x", 4), top.input("y", 4)
    u = top.add_child("u", child(1), a=x)
    v = top.add_child("v", child(1), a=y)
    assert u.made_port("a") is None
    top.output("z", 4).assign(u.ports["a"] + v["a"])
    assert assigns(top_sv(top))["z"] == "x + y"


def test_a_clone_reads_its_childs_input_like_its_definition() -> None:
    class Reader(Generator):
        def __init__(self, is_clone: bool = False) -> None:
            super().__init__("Reader", is_clone=is_clone)
            x = self.input("x", 4)
            u = self.add_child("u", child(2), a=x)
            self.output("z", 4).assign(u.a)
            self.output("o", 4).assign(u.o1)

    Reader.clear_clone_cache()
    top = Generator("Top")
    x = top.input("x", 4)
    first, second = (top.add_child(f"r{k}", Reader.create(), x=x) for k in range(2))
    top.output("z", 4).assign(first.z ^ second.z)
    assert second.child.is_cloned
    assert assigns(verilog(top, emit_locations=False)["Reader"])["z"] == "x"
    Reader.clear_clone_cache()


def test_replace_keeps_what_a_read_of_the_input_reads() -> None:
    top = Generator("Top")
    x = top.input("x", 4)
    u = top.add_child("u", child(1), a=x)
    top.output("z", 4).assign(u.a)
    top.replace("u", child(2))
    text = top_sv(top)
    assert assigns(text)["z"] == "x" and connection(text, "u", "a") == "x"


def test_an_unconnected_input_read_by_an_output_is_reported_as_unconnected(raises_at: Any) -> None:
    """The instance is written before the outputs: its open input is the error, at its own line."""
    top = Generator("Top")
    u = top.add_child("u", child(2))  # ERR: unconnected
    top.output("z", 4).assign(u.a)
    with raises_at("unconnected", "input 'a' of instance 'u' ('Child2') is not connected"):
        top_sv(top)


def test_an_undriven_input_read_in_an_expression_is_reported_at_the_expression(raises_at: Any) -> None:
    """A var is written before the instances: the read is the first to find the input open."""
    top = Generator("Top")
    x = top.input("x", 4)
    s = top.var("s", 4)
    u = top.add_child("u", child(1))
    s.assign(x + u.a)  # ERR: expression
    top.output("z", 4).assign(s)
    with raises_at("expression", "input 'a' of instance 'u' is read, but nothing drives it", "u.a.assign(value)"):
        top_sv(top)


def test_a_var_reading_an_undriven_input_is_reported_at_its_assignment(raises_at: Any) -> None:
    top = Generator("Top")
    s = top.var("s", 4)
    u = top.add_child("u", child(2))
    s.assign(u.a)  # ERR: assignment
    top.output("z", 4).assign(s)
    with raises_at("assignment", "input 'a' of instance 'u' is read, but nothing drives it"):
        top_sv(top)


def open_inputs_allowed() -> Generator:
    """A parent whose open child inputs the zero-generator-inputs pass ties to 0: reading one is still an error
    (nothing in the parent gives it a value)."""
    top = Generator("Top")
    top.add_attribute("zero_inputs")
    return top


def test_an_instance_fed_from_an_undriven_input_is_reported_at_its_connection(raises_at: Any) -> None:
    top = open_inputs_allowed()
    u = top.add_child("u", child(1))
    v = top.add_child("v", child(1), a=u.a)  # ERR: connection
    top.output("z", 4).assign(v.o0 ^ u.o0)
    with raises_at("connection", "input 'a' of instance 'u' is read, but nothing drives it"):
        top_sv(top)


def test_a_chain_ending_in_an_undriven_input_names_it(raises_at: Any) -> None:
    top = open_inputs_allowed()
    u = top.add_child("u", child(1))
    v = top.add_child("v", child(1))
    v.a.assign(u.a)  # ERR: chain
    top.output("z", 4).assign(v.o0 ^ u.o0)
    with raises_at("chain", "input 'a' of instance 'u' is read, but nothing drives it"):
        top_sv(top)
    s = top.var("s", 4)
    s.assign(v.a)  # ERR: through
    with raises_at("through", "input 'a' of instance 'v' is read, but it is driven by input 'a' of instance 'u',"
                   " which nothing drives"):
        top_sv(top)


def test_inputs_driving_each_other_are_reported(raises_at: Any) -> None:
    top = Generator("Top")
    u = top.add_child("u", child(1))
    v = top.add_child("v", child(1), a=u.a)
    u.a.assign(v.a)  # ERR: loop
    top.output("z", 4).assign(u.o0 ^ v.o0)
    with raises_at("loop", "loop of instance inputs", "input 'a' of instance 'v', input 'a' of instance 'u'"):
        top_sv(top)


def reads_member_input(child: Generator, group: str, member_in: str, member_out: str) -> str:
    """A parent that connects ``x`` to input member ``member_in`` of the view ``group`` of instance ``u`` of
    ``child`` after making the view, then outputs that member (``z``) and output member ``member_out`` (``d``):
    what ``z`` is assigned."""
    top = Generator("Top")
    x = top.input("x", 4)
    u = top.add_child("u", child)
    view = u[group]
    view[member_in].assign(x)
    top.output("z", 4).assign(view[member_in])
    top.output("d", 4).assign(view[member_out])
    return assigns(top_sv(top))["z"]


def test_a_bundle_member_that_is_a_childs_input_reads_its_driver() -> None:
    class Read(PortBundle):
        def __init__(self) -> None:
            super().__init__()
            self.input("addr", 4)
            self.output("data", 4)

    memory = Generator("Memory")
    rd = memory.port_bundle("rd", Read())
    rd.data.assign(rd.addr + 1)
    assert reads_member_input(memory, "rd", "addr", "data") == "x"


def test_an_interface_member_that_is_a_childs_input_reads_its_driver() -> None:
    class Bus(Interface):
        def __init__(self) -> None:
            super().__init__("Bus")
            self.var("req", 4)
            self.var("ack", 4)
            self.sink = self.modport("Sink")
            self.sink.set_input("req")
            self.sink.set_output("ack")

    sink = Generator("Sink")
    port = sink.interface(Bus().sink, "bus", is_port=True)
    port.ack.assign(port.req + 2)
    assert reads_member_input(sink, "bus", "req", "ack") == "x"
