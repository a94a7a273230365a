"""Instance ports made on demand (frontend/instances.py): ``add_child`` keeps a connection that passes every
check as a driver by port name, and the port object is made when something asks for it. Every path that
reaches such a connection later (reading the port, driving it again, the editing helpers, a clone's copy)
must see it exactly as if the port object had been made in ``add_child``; the designs are simulated
against Python models written from their descriptions."""

from __future__ import annotations

import gc
import tracemalloc
from typing import Any

from loom import Generator, Var


class Inc(Generator):
    """``o = a + step`` (4 bits, wrapping)."""

    def __init__(self, step: int = 1):
        super().__init__(f"Inc{step}")
        self.output("o", 4).assign(self.input("a", 4) + step)


class Pair(Generator):
    """Two increments: ``o1 = x + 1`` through instance ``u``, ``o2 = y + 1`` through instance ``v``."""

    def __init__(self, is_clone: bool = False):
        super().__init__("Pair", is_clone=is_clone)
        x, y = self.input("x", 4), self.input("y", 4)
        self.u = self.add_child("u", Inc(), a=x)
        self.v = self.add_child("v", Inc(), a=y)
        self.output("o1", 4).assign(self.u.o)
        self.output("o2", 4).assign(self.v.o)


def test_connections_make_no_port_objects_until_asked(line_of: Any) -> None:
    top = Generator("Top")
    x = top.input("x", 4)
    inst = top.add_child("u", Inc(), a=x)  # ERR: connect
    assert inst.made_port("a") is None and list(inst.ports) == ["o", "a"]
    port = inst.ports["a"]
    assert inst.made_port("a") is port and inst.a is port and inst["a"] is port
    assert port.driver is x and port.driver_loc is not None and port.driver_loc.line == line_of("connect")
    assert (port.direction, port.kind, inst.o.direction, inst.o.kind) == ("in", "data", "out", "data")


def test_driving_a_connected_input_again_names_the_add_child_line(raises_at: Any, line_of: Any) -> None:
    top = Generator("Top")
    x = top.input("x", 4)
    inst = top.add_child("u", Inc(), a=x)  # ERR: first
    with raises_at("again", "input 'a' of instance 'u' is driven twice") as info:
        inst.a.assign(x)  # ERR: again
    assert any(f":{line_of('first')}:" in note for note in info.value.notes), info.value.notes


def test_move_sink_to_redirects_a_connection_kept_by_name(check_against_model: Any, random_stimulus: Any) -> None:
    top = Pair()
    w = top.var("w", 4)
    w.assign(top.ports.x ^ top.ports.y)
    Var.move_sink_to(top.ports.x, w, top, False)  # u now reads x ^ y; o2 still reads y
    assert top.u.a.driver is w

    def model(inputs: dict[str, int]) -> dict[str, int]:
        return {"o1": ((inputs["x"] ^ inputs["y"]) + 1) % 16, "o2": (inputs["y"] + 1) % 16}

    check_against_model(top, model, random_stimulus(top, 24, seed=3))


def test_replace_keeps_connections_kept_by_name(check_against_model: Any, random_stimulus: Any) -> None:
    top = Pair()
    top.replace("v", Inc(5))

    def model(inputs: dict[str, int]) -> dict[str, int]:
        return {"o1": (inputs["x"] + 1) % 16, "o2": (inputs["y"] + 5) % 16}

    check_against_model(top, model, random_stimulus(top, 24, seed=4))


def test_an_initialised_clone_copies_connections_kept_by_name(check_against_model: Any,
                                                              random_stimulus: Any) -> None:
    Pair.clear_clone_cache()
    definition = Pair.create()
    clone = Pair.create()
    clone.initialize_clone()
    assert clone.u.a.driver is clone.ports.x and definition.u.a.driver is definition.ports.x
    clone.replace("u", Inc(2))  # an edit of the copy only

    def model(inputs: dict[str, int]) -> dict[str, int]:
        return {"o1": (inputs["x"] + 2) % 16, "o2": (inputs["y"] + 1) % 16}

    check_against_model(clone, model, random_stimulus(clone, 24, seed=5))
    assert definition.u.child.name == "Inc1"
    Pair.clear_clone_cache()


class Mix(Generator):
    """Three children without parameters whose ports are the same (``Inc1``, ``Inc3``, ``Inc5``: one shared
    shape, frontend/instances.py ``shared_shape``), one wider (``Wide``), and a child given a new output after
    its first instance: ``o = Inc1(x) ^ Inc3(x) ^ Inc5(y)``, ``w = x + 9`` (8 bits), ``late = Late(y).o``,
    ``extra = Late(y).e`` through a second instance made after ``e`` was added."""

    def __init__(self) -> None:
        super().__init__("Mix")
        x, y = self.input("x", 4), self.input("y", 4)
        one, three, five = (self.add_child(f"i{k}", Inc(k), a=v) for k, v in ((1, x), (3, x), (5, y)))
        self.output("o", 4).assign(one.o ^ three.o ^ five.o)
        wide = Generator("Wide")
        wide.output("o", 8).assign(wide.input("a", 8) + 9)
        self.output("w", 8).assign(self.add_child("wide", wide, a=x.extend(8)).o)
        late = Generator("Late")
        a = late.input("a", 4)
        late.output("o", 4).assign(a)
        first = self.add_child("late0", late, a=y)
        late.output("e", 4).assign(a + 2)  # a port added after an instance: later instances have it
        second = self.add_child("late1", late, a=y)
        self.output("late", 4).assign(first.o)
        self.output("extra", 4).assign(second.e)
        self.shapes = (one.shape_key(), three.shape_key(), five.shape_key(), first.shape_key(), second.shape_key())


def test_children_with_the_same_ports_share_a_shape_and_keep_their_own_modules(check_against_model: Any,
                                                                                 random_stimulus: Any) -> None:
    top = Mix()
    one, three, five, first, second = top.shapes
    assert one is three is five, "same plain ports, no parameters: one shape"
    assert first is not second and second.outputs == ("o", "e") and first.outputs == ("o",)

    def model(inputs: dict[str, int]) -> dict[str, int]:
        x, y = inputs["x"], inputs["y"]
        return {"o": ((x + 1) % 16) ^ ((x + 3) % 16) ^ ((y + 5) % 16), "w": x + 9, "late": y,
                "extra": (y + 2) % 16}

    check_against_model(top, model, random_stimulus(top, 32, seed=6))


def test_instances_connected_alike_share_connections_until_one_changes(check_against_model: Any,
                                                                       random_stimulus: Any) -> None:
    """Instances connected to the very same signals share one tuple of connections (frontend/instances.py
    ``share_inputs``); re-driving one instance's input changes that instance only."""
    top = Generator("Top")
    x, y = top.input("x", 4), top.input("y", 4)
    child = Inc(3)
    u, v, w = (top.add_child(name, child, a=x) for name in ("u", "v", "w"))
    assert u._inputs is v._inputs is w._inputs, "connected to the very same signals: one tuple"
    Var.move_src_to(v.a, top.output("spare", 4), top, False)  # v's input now unconnected, spare = x
    v.a.assign(y)
    for inst in (u, v, w):
        top.output(f"o_{inst.name}", 4).assign(inst.o)
    assert u.a.driver is x and w.a.driver is x and v.a.driver is y

    def model(inputs: dict[str, int]) -> dict[str, int]:
        x, y = inputs["x"], inputs["y"]
        return {"spare": x, "o_u": (x + 3) % 16, "o_v": (y + 3) % 16, "o_w": (x + 3) % 16}

    check_against_model(top, model, random_stimulus(top, 24, seed=8))


def test_instances_sharing_unconnected_inputs_are_connected_one_by_one(check_against_model: Any,
                                                                        random_stimulus: Any) -> None:
    """Instances that ``add_child`` left unconnected share one tuple of (no) connections; each way of connecting
    one afterwards -- ``assign``, ``wire`` either way round, a kratos name -- connects that instance only."""
    top = Generator("Top")
    x, y, z = (top.input(name, 4) for name in "xyz")
    child = Inc(3)
    insts = [top.add_child(f"i{k}", child) for k in range(4)]
    assert all(inst._inputs is insts[0]._inputs for inst in insts), "nothing connected alike: one tuple"
    insts[0].a.assign(x)
    top.wire(insts[1].a, y)
    top.wire(z, insts[2].a)
    top.wire(insts[3].a, "x")
    for inst in insts:
        top.output(f"o{inst.name}", 4).assign(inst.o)

    def model(inputs: dict[str, int]) -> dict[str, int]:
        return {f"oi{k}": (inputs[name] + 3) % 16 for k, name in enumerate("xyzx")}

    check_against_model(top, model, random_stimulus(top, 24, seed=9))


class Fanout(Generator):
    """``o<k> = x + 3`` through instances ``u0``..``u2``, all connected to ``x`` (one shared tuple); ``oy = y``."""

    def __init__(self, is_clone: bool = False):
        super().__init__("Fanout", is_clone=is_clone)
        x = self.input("x", 4)
        self.y = self.input("y", 4)
        self.output("oy", 4).assign(self.y)
        child = Inc(3)
        self.insts = [self.add_child(f"u{k}", child, a=x) for k in range(3)]
        for k, inst in enumerate(self.insts):
            self.output(f"o{k}", 4).assign(inst.o)


def test_a_clone_reconnects_a_shared_input_of_its_own_copy_only(check_against_model: Any,
                                                                random_stimulus: Any) -> None:
    """An initialised clone's instances share their copied tuple as the definition's share theirs; moving one
    instance's input in the clone leaves its siblings and the definition as they were."""
    Fanout.clear_clone_cache()
    definition = Fanout.create()
    clone = Fanout.create()
    clone.initialize_clone()
    inst = clone.insts[1]
    assert inst._inputs is clone.insts[0]._inputs and inst._inputs is not definition.insts[1]._inputs
    Var.move_sink_to(clone.ports.x, clone.y, clone, False)  # every reader of x in the clone reads y
    Var.move_src_to(inst.a, clone.output("spare", 4), clone, False)  # u1 unconnected again, spare = y
    inst.a.assign(clone.ports.x)

    def model(ports: tuple[str, str, str], **others: str) -> Any:
        return lambda inputs: {**{f"o{k}": (inputs[name] + 3) % 16 for k, name in enumerate(ports)},
                               **{port: inputs[name] for port, name in others.items()}}

    check_against_model(clone, model(("y", "x", "y"), oy="y", spare="y"), random_stimulus(clone, 24, seed=10))
    check_against_model(definition, model(("x", "x", "x"), oy="y"), random_stimulus(definition, 24, seed=11))
    Fanout.clear_clone_cache()


class Step(Generator):
    """``o = a + STEP`` (4 bits, wrapping), ``STEP`` a 4-bit parameter."""

    def __init__(self) -> None:
        super().__init__("Step")
        step = self.param("STEP", 1, width=4)
        self.output("o", 4).assign(self.input("a", 4) + step)


def test_instances_share_equal_parameter_values_and_keep_the_ones_given(check_against_model: Any,
                                                                         random_stimulus: Any) -> None:
    """Instances with equal values share one dict of them (frontend/instances.py ``InstanceShape.params``);
    changing the caller's dict after ``add_child`` changes no instance."""
    top = Generator("Top")
    x = top.input("x", 4)
    child = Step()
    values = {"STEP": 2}
    first = top.add_child("first", child, params=values, a=x)
    values["STEP"] = 7
    second = top.add_child("second", child, params=values, a=x)
    third = top.add_child("third", child, params={"STEP": 2}, a=x)
    for name, inst in (("o1", first), ("o2", second), ("o3", third)):
        top.output(name, 4).assign(inst.o)
    assert first.params is third.params and first.params == {"STEP": 2} and second.params == {"STEP": 7}

    def model(inputs: dict[str, int]) -> dict[str, int]:
        return {"o1": (inputs["x"] + 2) % 16, "o2": (inputs["x"] + 7) % 16, "o3": (inputs["x"] + 2) % 16}

    check_against_model(top, model, random_stimulus(top, 16, seed=7))


def test_an_instance_of_a_small_child_costs_a_few_hundred_bytes() -> None:
    """A parent holds its 50,000 instances while the design goes through MLIR, so their bytes add to the peak
    memory of the whole run: per instance of a 3-input child with a parameter, whose output the parent reads,
    the instance, the port object read and its place in the parent's tables take ~255 bytes: instances connected
    to the same signals share one tuple of their input entries, and a port object reads its direction and kind
    from the shared shape (~370 bytes with a list of entries each, ~910 with two dicts per instance and a copy
    of the parameter values in each)."""
    top = Generator("Top")
    clk, rst, x = top.clock(), top.reset(), top.input("x", 4)

    class Reg(Generator):
        def __init__(self) -> None:
            super().__init__("Reg")
            step = self.param("STEP", 1, width=4)
            self.clock()
            self.reset()
            self.output("o", 4).assign(self.input("a", 4) + step)

    child, count = Reg(), 2000
    names = [f"u{index}" for index in range(count)]
    outputs = []
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for index, name in enumerate(names):
            outputs.append(top.add_child(name, child, params={"STEP": index % 4}, clk=clk, rst=rst, a=x).o)
        gc.collect()
        per_instance = (tracemalloc.get_traced_memory()[0] - before) / count
    finally:
        tracemalloc.stop()
    assert per_instance < 290, f"{per_instance:.0f} bytes per instance"
