"""Generator clones: ``create``, ``clone``, ``initialize_clone``, ``def_instance`` (kratos semantics, docs/clones.md).

One test per row of the reference's create/clone table, then the argument
keys, the Python state of clones, copy-on-write and the SystemVerilog it
gives, memoisation safety, and every error with the user's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

import loom
from loom import Generator

INIT_CALLS: list[str] = []


class Mod(Generator):
    """``o = a + INC`` over ``width`` bits; records every ``__init__`` run in INIT_CALLS."""

    def __init__(self, width: int = 8, inc: int = 1, is_clone: bool = False):
        super().__init__(f"Mod_{width}_{inc}", is_clone=is_clone)
        INIT_CALLS.append(self.name)
        self.width = width
        self.history: list[int] = [width]
        self.a = self.input("a", width)
        self.o = self.output("o", width)
        self.sum = self.a + inc
        self.o.assign(self.sum)


class Plain(Generator):
    """A generator whose ``__init__`` has no ``is_clone`` (fine for ``clone``, refused by ``create``)."""

    def __init__(self, width: int = 4):
        super().__init__(f"Plain{width}")
        self.width = width
        self.a = self.input("a", width)
        self.output("o", width).assign(self.a)


class Top(Generator):
    """``count`` children made by ``make(index)``, outputs XORed together."""

    def __init__(self, children: list[Generator], width: int = 8):
        super().__init__("Top")
        a = self.input("a", width)
        result = None
        for index, child in enumerate(children):
            inst = self.add_child(f"u{index}", child, a=a)
            result = inst.o if result is None else result ^ inst.o
        self.output("o", width).assign(result)


@pytest.fixture(autouse=True)
def fresh_cache():
    Generator.clear_clone_cache()
    INIT_CALLS.clear()
    yield
    Generator.clear_clone_cache()


def sv(top: Generator) -> dict[str, str]:
    return loom.verilog(top, emit_locations=False)


# -- the reference's table, one test per row ----------------------------------------------


def test_row_correct_type():
    """create: clones are objects of the user's class; clone: a hit is a plain Generator."""
    first, second = Mod.create(width=4), Mod.create(width=4)
    assert type(first) is Mod and type(second) is Mod and second.is_cloned
    shallow_first, shallow = Plain.clone(width=4), Plain.clone(width=4)
    assert type(shallow_first) is Plain and not shallow_first.is_cloned  # the definition itself
    assert type(shallow) is Generator and shallow.is_cloned


def test_row_most_efficient():
    """clone runs no user code and builds nothing; create re-runs __init__ (without building hardware)."""
    Mod.create(width=4)
    assert INIT_CALLS == ["Mod_4_1"]
    for _ in range(3):
        Mod.create(width=4)
    assert len(INIT_CALLS) == 4  # create: __init__ once per call, as without sharing
    for _ in range(3):
        Mod.clone(width=4)
    assert len(INIT_CALLS) == 4  # clone: no __init__ at all
    # Neither builds hardware: both show the definition's port objects.
    assert Mod.create(width=4).ports.a is Mod.clone(width=4).ports.a


def test_row_able_to_initialize_and_edit():
    """create clones can be initialised and edited; clone clones can be neither."""
    editable = [Mod.create(width=4) for _ in range(2)][1]
    editable.initialize_clone()
    editable.output("extra", 4).assign(editable.a)
    assert "extra" in editable.ports

    Mod.clone(width=2)
    shallow = Mod.clone(width=2)
    with pytest.raises(loom.ElaborationError, match="shallow clone and cannot be initialised"):
        shallow.initialize_clone()
    with pytest.raises(loom.ElaborationError, match="cannot be edited"):
        shallow.output("extra", 2)


def test_row_has_def_instance():
    definition = Mod.create(width=4)
    assert definition.def_instance is definition
    assert Mod.create(width=4).def_instance is definition
    assert Mod.clone(width=4).def_instance is definition


def test_row_needs_is_clone_in_init(raises_at):
    Plain.clone(width=4)
    assert Plain.clone(width=4).def_instance.name == "Plain4"  # clone: no is_clone needed
    with raises_at("needs-is-clone", "Plain.__init__ to take is_clone=False", "Plain.clone"):
        Plain.create(width=4)  # ERR: needs-is-clone


# -- argument keys --------------------------------------------------------------------------


class Grid(Generator):
    def __init__(self, w: int = 1, h: int = 1, is_clone: bool = False):
        super().__init__(f"Grid_{w}x{h}", is_clone=is_clone)
        self.output("o", 1).assign(self.input("a", 1))


class Named(Generator):
    """Names itself after the repr of its argument, so values that compare equal still differ."""

    def __init__(self, value: object = 0, is_clone: bool = False):
        super().__init__(f"Named_{len(repr(value))}", is_clone=is_clone)
        self.value = value
        self.output("o", 1).assign(self.input("a", 1))


def test_argument_names_matter_not_their_order():
    a, b = Grid.create(w=16, h=8), Grid.create(w=8, h=16)
    assert not b.is_cloned and a.name == "Grid_16x8" and b.name == "Grid_8x16"
    c = Grid.create(h=8, w=16)
    assert c.is_cloned and c.def_instance is a


def test_equal_values_of_different_types_do_not_collide():
    one, true, real = Named.create(value=1), Named.create(value=True), Named.create(value=1.0)
    assert not any(g.is_cloned for g in (one, true, real))
    assert (one.value, true.value, real.value) == (1, True, 1.0)
    assert type(true.value) is bool and type(real.value) is float
    assert not Named.create(value=(True,)).is_cloned and not Named.create(value=(1,)).is_cloned
    assert not Named.create(value=-0.0).is_cloned and not Named.create(value=0.0).is_cloned
    assert Named.create(value=(1,)).is_cloned and Named.create(value=-0.0).def_instance.value == 0.0


def test_repeated_calls_find_their_definition_by_the_call_and_keep_types_apart():
    """A call made again with int/str arguments finds its definition directly (frontend/clones.py ``_BY_CALL``);
    that must never hand an int call's definition to a bool call, nor survive ``clear_clone_cache``."""
    Named.clear_clone_cache()
    first = Named.create(value=1)
    clones = [Named.create(value=1) for _ in range(3)]
    assert all(c.is_cloned and c.def_instance is first for c in clones)
    true = Named.create(value=True)  # equal to 1 as a dict key: it must not find the int's definition
    assert not true.is_cloned and true.value is True
    assert Named.create(value=True).def_instance is true and Named.create(value=1).def_instance is first
    ordered = Grid.create(w=3, h=5)
    assert [Grid.create(h=5, w=3).def_instance for _ in range(3)] == [ordered] * 3
    Named.clear_clone_cache()
    fresh = Named.create(value=1)
    assert not fresh.is_cloned and fresh is not first and Named.create(value=1).def_instance is fresh


def test_defaults_are_part_of_the_key():
    first = Grid.create()
    assert Grid.create(w=1).def_instance is first and Grid.create(h=1, w=1).def_instance is first


@dataclass(frozen=True)
class Config:
    """A custom argument: hashable through the dataclass's __eq__/__hash__."""

    depth: int
    name: str


def test_custom_hashable_arguments_share():
    first = Named.create(value=Config(2, "x"))
    assert Named.create(value=Config(2, "x")).def_instance is first
    assert not Named.create(value=Config(3, "x")).is_cloned


def test_positional_arguments_are_refused(raises_at):
    with raises_at("positional", "named arguments only", "16 (would be 'w')", "8 (would be 'h')"):
        Grid.create(16, 8)  # ERR: positional


def test_unhashable_argument_is_named(raises_at):
    with raises_at("unhashable", "argument 'value'", "not hashable", "list"):
        Named.create(value=[1, 2])  # ERR: unhashable


def test_unhashable_inside_a_tuple_is_named(raises_at):
    with raises_at("unhashable-nested", "argument 'value'", "not hashable"):
        Named.create(value=(1, [2]))  # ERR: unhashable-nested


def test_unknown_argument(raises_at):
    with raises_at("unknown-arg", "has no argument 'depth'", "w, h"):
        Grid.create(depth=3)  # ERR: unknown-arg


def test_is_clone_is_not_an_argument_of_create(raises_at):
    with raises_at("is-clone-arg", "sets is_clone itself"):
        Grid.create(w=2, is_clone=True)  # ERR: is-clone-arg


def test_is_clone_true_outside_create(raises_at):
    class Direct(Generator):
        def __init__(self, is_clone: bool = False):
            super().__init__("Direct", is_clone=is_clone)  # ERR: direct-is-clone

    with raises_at("direct-is-clone", "is_clone=True is set by Direct.create()"):
        Direct(is_clone=True)


def test_is_clone_not_passed_on(raises_at):
    class Forgetful(Generator):
        def __init__(self, w: int = 1, is_clone: bool = False):
            super().__init__(f"Forgetful{w}")  # ERR: not-passed-on
            self.output("o", w).assign(self.input("a", w))

    Forgetful.create(w=2)
    with raises_at("not-passed-on", "does not pass it on", "is_clone=is_clone"):
        Forgetful.create(w=2)


# -- Python state of clones -------------------------------------------------------------------


def test_each_clone_has_its_own_python_attributes():
    first, second, third = (Mod.create(width=4) for _ in range(3))
    assert first.width == second.width == third.width == 4
    assert second.history == [4] and second.history is not third.history and second.history is not first.history
    second.history.append(99)
    assert first.history == [4] and third.history == [4]
    second.note = "mine"
    assert not hasattr(third, "note")


def test_clone_attributes_show_the_definition_until_initialised():
    definition, clone = Mod.create(width=4), Mod.create(width=4)
    assert clone.a is definition.a and clone.ports.o is definition.ports.o
    clone.initialize_clone()
    assert clone.a is not definition.a and clone.a.owner is clone and clone.a.name == "a"
    assert clone.ports.a is clone.a and clone.o is clone.ports.o
    assert clone.sum.owner is clone and clone.sum.operands[0] is clone.a  # an expression attribute, redirected
    assert definition.a.owner is definition


# -- copy-on-write -----------------------------------------------------------------------------


def test_uninitialised_clones_share_one_module():
    children = [Mod.create(width=4) for _ in range(5)]
    modules = sv(Top(children, width=4))
    assert sorted(modules) == ["Mod_4_1", "Top"]
    assert modules["Top"].count("Mod_4_1 u") == 5


def test_initialised_and_edited_clone_gets_its_own_module():
    children = [Mod.create(width=4) for _ in range(4)]
    children[2].initialize_clone()
    assert not children[2].is_cloned and children[2].def_instance is children[0]
    children[2].output("twice", 4).assign(children[2].a + children[2].a)
    modules = sv(Top(children, width=4))
    assert sorted(modules) == ["Mod_4_1", "Mod_4_1_1", "Top"]
    assert "twice" in modules["Mod_4_1_1"] and "twice" not in modules["Mod_4_1"]
    assert modules["Top"].count("Mod_4_1 u") == 3 and "Mod_4_1_1 u2" in modules["Top"]


def test_edited_clone_design_lints_clean(lint_sv):
    children = [Mod.create(width=4) for _ in range(3)]
    edited = children[1]  # children[0] is the definition itself
    edited.initialize_clone()
    tap = edited.var("tap", 4)
    loom.Var.move_src_to(edited.o, tap, edited, False)  # tap = a + 1, o is free
    edited.o.assign(tap ^ 1)
    modules = sv(Top(children, width=4))
    assert sorted(modules) == ["Mod_4_1", "Mod_4_1_1", "Top"]
    assert "^ 4'h1" in modules["Mod_4_1_1"] and "^ 4'h1" not in modules["Mod_4_1"]
    lint_sv(modules, "Top")


def test_initialised_but_unedited_clone_still_shares():
    children = [Mod.create(width=4) for _ in range(3)]
    children[1].initialize_clone()
    assert sorted(sv(Top(children, width=4))) == ["Mod_4_1", "Top"]


def test_initialize_clone_is_a_no_op_on_a_definition():
    definition = Mod.create(width=4)
    definition.initialize_clone()
    assert definition.def_instance is definition and not definition.is_cloned


def test_editing_def_instance_edits_every_uninitialised_clone():
    definition = Mod.create(width=4)
    shared, private = Mod.create(width=4), Mod.create(width=4)
    private.initialize_clone()
    shared.def_instance.output("extra", 4).assign(definition.a)
    assert "extra" in shared.ports and "extra" not in private.ports
    modules = sv(Top([definition, shared, private], width=4))
    assert "extra" in modules["Mod_4_1"] and "Mod_4_1_1 u2" in modules["Top"]
    assert "extra" not in modules["Mod_4_1_1"]


def test_edit_after_initialize_clone_is_kept():
    """kratos dropped such edits silently; here the edit reaches the SystemVerilog."""
    Mod.create(width=4)
    clone = Mod.create(width=4)
    clone.initialize_clone()
    clone.var("tap", 4).assign(clone.a ^ 5)
    clone.output("t", 4).assign(clone.vars[0])
    modules = sv(Top([clone], width=4))
    # `tap` may stay a named wire (remove-fanout-one-wires keeps a single copy, as kratos does).
    assert re.search(r"assign t = (a \^ 4'h5|tap);", modules["Mod_4_1"]) and "a ^ 4'h5" in modules["Mod_4_1"]


def test_clone_as_top():
    Mod.create(width=4)
    modules = sv(Mod.create(width=4))
    assert list(modules) == ["Mod_4_1"]


def test_shallow_clone_copies_io_and_parameters():
    definition = Mod.clone(width=4)
    shallow = Mod.clone(width=4)
    assert shallow.a is definition.a and shallow.width == 4  # port and scalar attributes (as kratos)
    assert not hasattr(shallow, "history") and not hasattr(shallow, "sum")
    assert [p.name for p in shallow.port_list] == ["a", "o"]
    assert sorted(sv(Top([definition, shallow], width=4))) == ["Mod_4_1", "Top"]


def test_nested_creates_share_at_every_level():
    class Pair(Generator):
        def __init__(self, width: int = 4, is_clone: bool = False):
            super().__init__(f"Pair{width}", is_clone=is_clone)
            a = self.input("a", width)
            left = self.add_child("left", Mod.create(width=width), a=a)
            right = self.add_child("right", Mod.create(width=width, inc=2), a=a)
            self.output("o", width).assign(left.o - right.o)

    pairs = [Pair.create(width=4) for _ in range(3)]
    assert [p.is_cloned for p in pairs] == [False, True, True]
    modules = sv(Top(pairs, width=4))
    assert sorted(modules) == ["Mod_4_1", "Mod_4_2", "Pair4", "Top"]


def test_create_on_the_running_class_in_a_clone_shares_with_the_plain_call():
    """``type(self).create(...)`` and ``self.create(...)`` inside ``__init__``: while a clone's ``__init__`` runs,
    its class is loom's replay class, yet the children are the user's class, keyed as ``Chain.create`` keys them
    (one definition per depth, however many times each call is made)."""
    class Chain(Generator):
        def __init__(self, depth: int = 2, is_clone: bool = False):
            super().__init__(f"Chain{depth}", is_clone=is_clone)
            a = self.input("a", 4)
            self.parts: list[Generator] = []
            result = a + depth
            if depth:
                for make in (type(self).create, self.create, type(self).create):
                    part = make(depth=depth - 1)
                    self.parts.append(part)
                    result = self.add_child(f"u{len(self.parts)}", part, a=result).o
            self.output("o", 4).assign(result)

    chains = [Chain.create(depth=2) for _ in range(3)]
    assert [c.is_cloned for c in chains] == [False, True, True]
    below = Chain.create(depth=1).def_instance
    for chain in chains:
        assert type(chain) is Chain
        assert [type(part) for part in chain.parts] == [Chain] * 3
        assert all(part.def_instance is below for part in chain.parts)
        assert all(type(part) is Chain for part in chain.parts[0].parts)
    assert sorted(sv(Top(chains, width=4))) == ["Chain0", "Chain1", "Chain2", "Top"]


# -- editing an uninitialised clone is an error ---------------------------------------------------


def test_building_method_on_clone(raises_at):
    Mod.create(width=4)
    clone = Mod.create(width=4)
    with raises_at("edit-method", "'Mod_4_1' made by Mod.create(width=4, inc=1) is a clone that shares its definition",
                   "call initialize_clone()"):
        clone.var("x", 4)  # ERR: edit-method


def test_container_edit_on_clone(raises_at):
    Mod.create(width=4)
    clone = Mod.create(width=4)
    with raises_at("edit-container", "is a clone that shares its definition", "initialize_clone()"):
        clone.port_list.append(None)  # ERR: edit-container


def test_wire_on_clone(raises_at):
    Mod.create(width=4)
    clone = Mod.create(width=4)
    with raises_at("edit-wire", "shares its definition", "initialize_clone()"):
        clone.wire(clone.o, clone.a)  # ERR: edit-wire


def test_every_building_method_is_refused_on_a_clone():
    """Whatever the method, an uninitialised clone refuses it with the initialize_clone() message."""
    Mod.create(width=4)
    clone = Mod.create(width=4)
    calls = {
        "input": lambda: clone.input("x", 4), "output": lambda: clone.output("x", 4), "clock": clone.clock,
        "reset": clone.reset, "param": lambda: clone.param("P", 1), "var": lambda: clone.var("x", 4),
        "reg": lambda: clone.reg("x", 4, clock=clone.a), "add_child": lambda: clone.add_child("c", Mod(width=4)),
        "add_attribute": lambda: clone.add_attribute("pipeline", "2"), "wire": lambda: clone.wire(clone.o, clone.a),
    }
    for name, call in calls.items():
        with pytest.raises(loom.CloneError, match="call initialize_clone"):
            call()
    with pytest.raises(loom.CloneError, match="call initialize_clone"):
        clone.is_stub = True
    assert [p.name for p in clone.port_list] == ["a", "o"] and not clone.attributes


def test_replace_on_clone(raises_at):
    Top.clear_clone_cache()
    Mod.create(width=4)
    clone = Mod.create(width=4)
    with raises_at("edit-replace", "shares its definition", "initialize_clone()"):
        clone.replace("u0", Mod(width=4))  # ERR: edit-replace


# -- memoisation safety ------------------------------------------------------------------------------

REGISTRY: list[str] = []


class Registered(Generator):
    """Appends to a global list in __init__: a side effect outside the design."""

    def __init__(self, width: int = 4, is_clone: bool = False):
        super().__init__(f"Registered{width}", is_clone=is_clone)
        REGISTRY.append(f"Registered{width}")
        self.output("o", width).assign(self.input("a", width))


def test_side_effects_happen_as_without_sharing():
    REGISTRY.clear()
    independent = [Registered(width=4) for _ in range(5)]
    without = list(REGISTRY)
    REGISTRY.clear()
    shared = [Registered.create(width=4) for _ in range(5)]
    assert REGISTRY == without and len(REGISTRY) == 5
    assert sv(Top(independent, width=4)) == sv(Top(shared, width=4))


COUNTER = [0]


class Counted(Generator):
    """Names a var after a global counter: its __init__ depends on more than its arguments."""

    def __init__(self, is_clone: bool = False):
        super().__init__("Counted", is_clone=is_clone)
        COUNTER[0] += 1
        a = self.input("a", 4)
        tap = self.var(f"tap{COUNTER[0]}", 4)  # ERR: diverges
        tap.assign(a)
        self.output("o", 4).assign(tap)


def test_init_that_depends_on_global_state_is_refused(raises_at):
    Counted.create()
    with raises_at("diverges", "cannot share its definition", "var('tap1')", "var('tap2')", "Counted(...)"):
        Counted.create()


class Renamed(Generator):
    def __init__(self, is_clone: bool = False):
        COUNTER[0] += 1
        super().__init__(f"Renamed{COUNTER[0]}", is_clone=is_clone)  # ERR: renamed
        self.output("o", 1).assign(self.input("a", 1))


def test_init_that_names_itself_differently_is_refused(raises_at):
    Renamed.create()
    with raises_at("renamed", "cannot share its definition", "is named"):
        Renamed.create()


def test_definition_error_is_not_cached():
    class Fails(Generator):
        def __init__(self, width: int = 4, is_clone: bool = False):
            super().__init__(f"Fails{width}", is_clone=is_clone)
            if width > 8:
                raise ValueError("too wide")
            self.output("o", width).assign(self.input("a", width))

    with pytest.raises(ValueError):
        Fails.create(width=9)
    with pytest.raises(ValueError):
        Fails.create(width=9)
    assert not Fails.create(width=4).is_cloned


def test_simulated_design_with_an_edited_clone(check_against_model, random_stimulus):
    """Two shared clones and one initialised and edited to invert its output, against a Python model."""
    children = [Mod.create(width=4, inc=3) for _ in range(3)]
    edited = children[1]
    edited.initialize_clone()
    inner = edited.var("inner", 4)
    loom.Var.move_src_to(edited.o, inner, edited, False)  # inner = a + 3; o is free again
    edited.o.assign(~inner)
    top = Top(children, width=4)
    assert sorted(sv(top)) == ["Mod_4_3", "Mod_4_3_1", "Top"]

    def step(inputs):
        value = (inputs["a"] + 3) & 0xF
        return {"o": value ^ (~value & 0xF) ^ value}

    check_against_model(top, step, random_stimulus(top, 24, seed=4))


# -- clones of generators with procedural blocks -------------------------------------------------


class Encoder(Generator):
    """``idx`` is the lowest set bit of ``req`` (an @always_comb block), ``count`` counts cycles (@always_ff)."""

    def __init__(self, width: int = 4, is_clone: bool = False):
        super().__init__(f"Encoder{width}", is_clone=is_clone)
        self.width = width
        self.clk = self.clock()
        self.rst = self.reset()
        self.req = self.input("req", width)
        self.idx = self.output("idx", 2)
        self.count = self.output("count", 4)

    @loom.always_comb
    def encode(self) -> None:
        self.idx = 0
        for i in reversed(range(self.width)):
            if self.req[i]:
                self.idx = i

    @loom.always_ff((loom.posedge, "clk"))
    def tick(self) -> None:
        if self.rst:
            self.count = 0
        else:
            self.count = self.count + 1


class Encoders(Generator):
    """Three encoders on the same request; outputs XORed."""

    def __init__(self, children: list[Generator]):
        super().__init__("Encoders")
        clk, rst, req = self.clock(), self.reset(), self.input("req", 4)
        idx = count = None
        for index, child in enumerate(children):
            inst = self.add_child(f"e{index}", child, clk=clk, rst=rst, req=req)
            idx = inst.idx if idx is None else idx ^ inst.idx
            count = inst.count if count is None else count ^ inst.count
        self.output("idx", 2).assign(idx)
        self.output("count", 4).assign(count)


def test_procedural_generator_clones_share_and_copy(check_against_model, random_stimulus):
    children = [Encoder.create(width=4) for _ in range(3)]
    assert [c.is_cloned for c in children] == [False, True, True]
    shared = sv(Encoders(children))
    assert sorted(shared) == ["Encoder4", "Encoders"]

    edited = children[2]
    edited.initialize_clone()
    inner = edited.var("inner", 2)
    loom.Var.move_src_to(edited.idx, inner, edited, False)  # the always_comb block now drives `inner`
    edited.idx.assign(inner ^ 1)
    assert "inner" not in [v.name for v in children[0].vars]
    top = Encoders(children)
    modules = sv(top)
    assert sorted(modules) == ["Encoder4", "Encoder4_1", "Encoders"]
    assert "always_comb" in modules["Encoder4_1"] and "always_comb" in modules["Encoder4"]

    count: list[int | None] = [None]  # unknown until the first reset edge

    def step(inputs):
        req = inputs["req"]
        low = next((i for i in range(4) if req >> i & 1), 0)
        shown = count[0]  # three counters in lockstep: c ^ c ^ c == c
        count[0] = 0 if inputs["rst"] else None if shown is None else (shown + 1) & 0xF
        return {"idx": low ^ low ^ (low ^ 1), "count": shown}

    stimulus = random_stimulus(top, 24, seed=5)
    stimulus[0]["rst"] = 1
    check_against_model(top, step, stimulus)


class MisspeltInClone(Generator):
    """Sets a misspelt signal attribute, but only when it builds a clone (its __init__ depends on is_clone)."""

    def __init__(self, width: int = 8, is_clone: bool = False):
        super().__init__(f"MisspeltInClone_{width}", is_clone=is_clone)
        o = self.output("o", width)
        if is_clone:
            o.asign = 3  # ERR: misspelt-in-clone


def test_misspelt_attribute_in_a_clone_is_located(raises_at):
    # A clone's replay calls the user's __init__ itself (not through loom's wrapper), and locates this too.
    definition = MisspeltInClone.create(width=8)
    with raises_at("misspelt-in-clone", "has no attribute 'asign'", "did you mean 'assign'"):
        MisspeltInClone.create(width=8)
    # The failed replay is over: the definition's own signals take assignments again (a replay skips them).
    output = definition.port_list[0]
    output.assign(1)
    assert output.driver is not None
