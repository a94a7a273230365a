"""Every mistake the frontend catches is an ElaborationError at the user's line.

Each faulty line carries a ``# ERR: <marker>`` comment; ``raises_at`` (conftest)
checks the error type, that ``str(error)`` starts with ``<this file>:<line>:<col>:
error:`` for the marked line, and that the message names the problem.
"""

from __future__ import annotations

import loom
from loom import Generator, mux


class Child(Generator):
    """A leaf with an input, an output and a port ``en`` that exists only when HAS_EN != 0."""

    def __init__(self, has_en: int = 0):
        super().__init__("Child")
        has = self.param("HAS_EN", has_en)
        self.WIDTH = self.param("WIDTH", 4)
        self.i = self.input("i", 4)
        self.en = self.input("en", when=has)
        self.output("o", 4).assign(self.i)


# -- connections ----------------------------------------------------------------


def test_unconnected_child_input(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child())  # ERR: unconnected

    with raises_at("unconnected", "input 'i' of instance 'c'", "not connected"):
        loom.elaborate(Parent())


def test_port_condition_naming_no_parameter(raises_at):
    class Odd(Generator):
        def __init__(self):
            super().__init__()
            self.param("N", 1)
            self.input("x", 4, when="M != 0")  # ERR: unknown-condition
            self.output("o", 4).assign(0)

    with raises_at("unknown-condition", "when= of port 'x' names 'M'", "(parameters: N)"):
        loom.elaborate(Odd())


def test_undriven_output(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.output("o", 4)  # ERR: undriven-output

    with raises_at("undriven-output", "output port 'o'", "never driven"):
        loom.elaborate(Parent())


def test_undriven_var(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            v = self.var("v", 4)  # ERR: undriven-var
            self.output("o", 4).assign(v)

    with raises_at("undriven-var", "var 'v'", "never driven"):
        loom.elaborate(Parent())


def test_undriven_register(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.clock()
            r = self.reg("r", 4)  # ERR: undriven-reg
            self.output("o", 4).assign(r)

    with raises_at("undriven-reg", "register 'r'", "never driven"):
        loom.elaborate(Parent())


# -- widths --------------------------------------------------------------------------


def test_width_mismatch_assignment(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 3)
            self.output("o", 4).assign(a)  # ERR: width-assign

    with raises_at("width-assign", "width mismatch", "3-bit", "4-bit"):
        Parent()


def test_width_mismatch_binary(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.input("a", 3), self.input("b", 4)
            self.output("o", 4).assign(
                a + b)  # ERR: width-binary

    with raises_at("width-binary", "width mismatch in 'add'", "zext()"):
        Parent()


def test_width_mismatch_comparison(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.input("a", 3), self.input("b", 4)
            self.output("o").assign(a < b)  # ERR: width-compare

    with raises_at("width-compare", "width mismatch in 'lt'"):
        Parent()


def test_width_mismatch_child_connection(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 8)
            self.add_child("c", Child(), i=a)  # ERR: width-connect

    with raises_at("width-connect", "width mismatch", "8-bit", "input 'i' of instance 'c'"):
        Parent()


def test_constant_too_wide(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 4).assign(a + 16)  # ERR: const-wide

    with raises_at("const-wide", "constant 16 does not fit in 4 bits"):
        Parent()


def test_mux_condition_must_be_one_bit(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 4).assign(mux(a, a, 0))  # ERR: mux-cond

    with raises_at("mux-cond", "mux() condition must be 1 bit wide"):
        Parent()


def test_slice_out_of_range(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 2).assign(a[4:3])  # ERR: slice-range

    with raises_at("slice-range", "out of range"):
        Parent()


def test_slice_reversed(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 2).assign(a[0:1])  # ERR: slice-order

    with raises_at("slice-order", "high < low"):
        Parent()


def test_negative_shift(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 4).assign(a << -1)  # ERR: shift-negative

    with raises_at("shift-negative", "must not be negative"):
        Parent()


def test_parameter_value_at_parametric_width(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            w = self.param("W", 8)
            a = self.input("a", w)
            self.output("o", w).assign(a + w)  # ERR: param-at-param-width

    with raises_at("param-at-param-width", "parameter 'W'", "parametric width"):
        Parent()


# -- who may drive what -----------------------------------------------------------------


def test_driving_an_input_port(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            a.assign(1)  # ERR: drive-input

    with raises_at("drive-input", "cannot drive input port 'a'"):
        Parent()


def test_wiring_an_input_port(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.wire(a, 1)  # ERR: wire-input

    with raises_at("wire-input", "cannot drive input port 'a'"):
        Parent()


def test_driving_a_child_output(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            c = self.add_child("c", Child(), i=0)
            c.o.assign(1)  # ERR: drive-child-output

    with raises_at("drive-child-output", "cannot drive output 'o' of instance 'c'", "driven by the child"):
        Parent()


def test_connecting_child_output_to_expression(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            self.add_child("c", Child(), i=a, o=a + 1)  # ERR: output-to-expr

    with raises_at("output-to-expr", "output 'o' of instance 'c'", "var or output port"):
        Parent()


def test_driving_twice_names_the_first_driver(raises_at, line_of):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            o = self.output("o", 4)
            o.assign(1)  # ERR: first-driver
            o.assign(2)  # ERR: second-driver

    with raises_at("second-driver", "output port 'o'", "driven twice") as info:
        Parent()
    assert len(info.value.notes) == 1
    assert info.value.notes[0].startswith("first driven at ")
    assert info.value.notes[0].endswith(f":{line_of('first-driver')}:13")
    assert "\nnote: first driven at " in str(info.value)


def test_driving_twice_through_add_child(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            o = self.output("o", 4)
            self.add_child("c1", Child(), i=1, o=o)
            self.add_child("c2", Child(), i=2, o=o)  # ERR: twice-child

    with raises_at("twice-child", "driven twice"):
        Parent()


def test_clock_cannot_drive_data(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            clk = self.clock()
            self.output("o").assign(clk)  # ERR: clock-as-data

    with raises_at("clock-as-data", "needs a data value", "is a clock"):
        Parent()


def test_data_cannot_drive_clock(raises_at):
    class Counter(Generator):
        def __init__(self):
            super().__init__()
            self.clock()
            r = self.reg("r", reset=False)
            r.assign(~r)
            self.output("o").assign(r)

    class Parent(Generator):
        def __init__(self):
            super().__init__()
            i = self.input("i")
            self.add_child("c", Counter(), clk=i)  # ERR: data-as-clock

    with raises_at("data-as-clock", "input 'clk' of instance 'c' needs a clock"):
        Parent()


def test_register_needs_a_clock(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.reg("r", 4)  # ERR: no-clock

    with raises_at("no-clock", "exactly one clock port"):
        Parent()


def test_clock_in_expression(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            clk = self.clock()
            a = self.input("a")
            self.output("o").assign(a & clk)  # ERR: clock-expr

    with raises_at("clock-expr", "is a clock"):
        Parent()


# -- ownership ----------------------------------------------------------------------------


def test_signal_of_another_generator_in_assignment(raises_at):
    class Parent(Generator):
        def __init__(self, other: Child):
            super().__init__()
            self.output("o", 4).assign(other.i)  # ERR: foreign-assign

    with raises_at("foreign-assign", "input port 'i' of 'Child'", "belongs to generator 'Child'"):
        Parent(Child())


def test_signal_of_another_generator_in_expression(raises_at):
    class Parent(Generator):
        def __init__(self, other: Child):
            super().__init__()
            a = self.input("a", 4)
            self.output("o", 4).assign(a ^ other.i)  # ERR: foreign-expr

    with raises_at("foreign-expr", "belongs to generator 'Child'", "connect it through a port"):
        Parent(Child())


def test_wire_to_another_generators_port(raises_at):
    class Parent(Generator):
        def __init__(self, other: Child):
            super().__init__()
            self.wire(other.ports.o, 1)  # ERR: foreign-wire

    with raises_at("foreign-wire", "output port 'o' of 'Child' belongs to 'Child', not to 'Parent'"):
        Parent(Child())


# -- Python truth values ------------------------------------------------------------------------


class Truthy(Generator):
    def __init__(self, mode: str):
        super().__init__()
        a, b = self.input("a"), self.input("b")
        if mode == "and":
            a and b  # ERR: bool-and
        elif mode == "or":
            a or b  # ERR: bool-or
        elif mode == "not":
            not a  # ERR: bool-not
        elif mode == "if":
            if a == b:  # ERR: bool-if
                pass


def test_python_and_or_not_if_raise(raises_at):
    for mode in ("and", "or", "not", "if"):
        with raises_at(f"bool-{mode}", "has no Python truth value", "'&', '|', '~' or mux"):
            Truthy(mode)


# -- names ---------------------------------------------------------------------------------------


def test_bad_names(raises_at):
    class Parent(Generator):
        def __init__(self, which: int):
            super().__init__()
            if which == 0:
                self.input("a b")  # ERR: name-space
            elif which == 1:
                self.var("1x")  # ERR: name-digit
            elif which == 2:
                self.output("class")  # ERR: name-keyword
            elif which == 3:
                self.param("")  # ERR: name-empty
            elif which == 4:
                self.input("params")  # ERR: name-reserved

    for which, marker in enumerate(["name-space", "name-digit", "name-keyword", "name-empty"]):
        with raises_at(marker, "is not a valid identifier"):
            Parent(which)
    with raises_at("name-reserved", "'params' is reserved"):
        Parent(4)


def test_duplicate_names(raises_at, line_of):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.input("a", 4)  # ERR: dup-first
            self.var("a", 4)  # ERR: dup-second

    with raises_at("dup-second", "'a' is already declared in 'Parent'") as info:
        Parent()
    assert info.value.notes[0].startswith("first declared at ")
    assert f":{line_of('dup-first')}:" in info.value.notes[0]


def test_duplicate_instance_names(raises_at, line_of):
    """An instance's name is kept with the instances only (frontend/generator.py ``_claim``): a second instance,
    or a var, of that name is still refused, the note naming the first instance's line."""
    class Parent(Generator):
        def __init__(self, second: str):
            super().__init__()
            a = self.input("a", 4)
            self.add_child("c", Child(), i=a)  # ERR: first-instance
            if second == "instance":
                self.add_child("c", Child(), i=a)  # ERR: dup-instance
            else:
                self.var("c", 4)  # ERR: dup-var

    for second, marker in (("instance", "dup-instance"), ("var", "dup-var")):
        with raises_at(marker, "'c' is already declared") as info:
            Parent(second)
        assert f":{line_of('first-instance')}:" in info.value.notes[0], info.value.notes


# -- parameters and conditional ports ------------------------------------------------------------


def test_connecting_absent_conditional_port(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), i=1, en=1)  # ERR: absent-default

    with raises_at("absent-default", "port 'en' of instance 'c' does not exist", "condition is false"):
        Parent()


def test_connecting_port_made_absent_by_params(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(has_en=1), params={"HAS_EN": 0}, i=1, en=1)  # ERR: absent-params

    with raises_at("absent-params", "port 'en' of instance 'c' does not exist"):
        Parent()


def test_reading_absent_conditional_port(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            c = self.add_child("c", Child(), i=1)
            self.output("o").assign(c.en)  # ERR: absent-read

    with raises_at("absent-read", "port 'en' of instance 'c' does not exist"):
        Parent()


def test_unknown_port_in_add_child(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), i=1, foo=1)  # ERR: unknown-port

    with raises_at("unknown-port", "has no port 'foo'", "ports: i, o"):
        Parent()


def test_unknown_parameter_in_add_child(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), params={"DEPTH": 2}, i=1)  # ERR: unknown-param

    with raises_at("unknown-param", "'Child' has no parameter 'DEPTH'", "known: HAS_EN, WIDTH"):
        Parent()


def test_unknown_identity_parameter(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), identity={"HAS_EN": 1}, i=1)  # ERR: unknown-identity

    with raises_at("unknown-identity", "no identity parameter 'HAS_EN'"):
        Parent()


def test_parameter_value_out_of_range(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.add_child("c", Child(), params={"WIDTH": 1 << 32}, i=1)  # ERR: param-range

    with raises_at("param-range", "parameter 'WIDTH' of 'Child' must be an int in [0, 2**32)"):
        Parent()


def test_parameter_in_python_if(raises_at):
    class Parent(Generator):
        def __init__(self):
            super().__init__()
            p = self.param("P", 1)
            if p:  # ERR: param-bool
                pass

    with raises_at("param-bool", "parameter 'P' has no Python value"):
        Parent()


# -- hierarchy -----------------------------------------------------------------------------------


def test_cycle_of_generators(raises_at):
    class Node(Generator):
        def __init__(self, name: str):
            super().__init__(name)

    a, b, c = Node("A"), Node("B"), Node("C")
    a.add_child("b", b)
    b.add_child("c", c)
    c.add_child("a", a)  # ERR: cycle
    with raises_at("cycle", "cycle: A -> B -> C -> A"):
        loom.elaborate(a)


def test_generator_cannot_instantiate_itself(raises_at):
    class Node(Generator):
        pass

    node = Node()
    with raises_at("self-child", "cannot instantiate itself"):
        node.add_child("me", node)  # ERR: self-child


def test_error_has_no_chained_traceback():
    """Errors are reported, not chained onto internal exceptions."""

    class Parent(Generator):
        def __init__(self):
            super().__init__()
            self.output("o", 4)

    try:
        loom.elaborate(Parent())
    except loom.ElaborationError as error:
        assert error.__cause__ is None and error.__context__ is None
        assert isinstance(error, loom.LoomError)
    else:
        raise AssertionError("no error")
