"""loom-specialize-to-hw gives exactly the IR of the four passes it stands for, run one after the other.

The fused pass plans each kind of instance once instead of rewriting and
lowering every instance op; these tests run both ways on the same input and
compare the printed IR, locations included, on every example design (with and
without keep-parameters), on the inputs of the loom-specialize lit test
(variants, conditional ports, identity parameters, parameters from the
parent) and on designs made to hit the fused pass's other paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from circt import ir

import loom
from loom import Generator
from loom.dialect.context import new_context
from loom.frontend.emit import elaborate
from loom.lowering.pipeline import run_pipeline
from loom.tools.build import example_files, load_generator

SEPARATE = "loom-specialize{options}, loom-export-metadata{top}, lower-loom-to-hw, loom-strip-unused-modules{top}"
FUSED = "loom-specialize-to-hw{options}"
LIT_INPUT = Path(__file__).parent / "loom-specialize.mlir"


def lowered(text: str, pipeline: str, top: str, keep: bool) -> str:
    """``text`` parsed afresh and run through loom-verify and ``pipeline``: the IR, or the error it raised."""
    options = f"{{top={top}{' keep-parameters=true' if keep else ''}}}"
    with new_context():
        module = ir.Module.parse(text)
        try:
            run_pipeline(module.operation, "loom-verify, " + pipeline.format(options=options, top=f"{{top={top}}}"))
        except loom.LoomError as error:
            return f"error: {error}"
        return module.operation.get_asm(enable_debug_info=True)


def assert_same(text: str, top: str, keep: bool) -> None:
    separate = lowered(text, SEPARATE, top, keep)
    assert not separate.startswith("error:"), separate
    assert lowered(text, FUSED, top, keep) == separate


def loom_text(top: Generator) -> tuple[str, str]:
    module, name = elaborate(top)
    return module.operation.get_asm(enable_debug_info=True), name


@pytest.mark.parametrize("keep", [False, True], ids=["specialised", "keep-parameters"])
@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_lowers_the_same(path: Path, keep: bool) -> None:
    text, top = loom_text(load_generator(f"{path}:top", {}))
    assert_same(text, top, keep)


def lit_cases() -> list[str]:
    return [case for case in LIT_INPUT.read_text().split("// -----")
            if "\"loom.module\"() (" in case and "expected-error" not in case]


@pytest.mark.parametrize("keep", [False, True], ids=["specialised", "keep-parameters"])
@pytest.mark.parametrize("index", range(len(lit_cases())))
def test_specialize_lit_inputs_lower_the_same(index: int, keep: bool) -> None:
    assert_same(lit_cases()[index], "top", keep)


class Leaf(Generator):
    """``o = a + K``; the optional output ``flag`` exists when ``FLAG`` is 1."""

    def __init__(self) -> None:
        super().__init__("Leaf")
        k = self.param("K", 1, width=8)
        self.param("FLAG", 0, width=1)
        a = self.input("a", 8)
        self.output("o", 8).assign(a + k)
        self.output("flag", 1, when="FLAG == 1").assign(a[0])


class Mixed(Generator):
    """Instances of one module in several kinds: parameter values, conditional outputs, different connections."""

    def __init__(self) -> None:
        super().__init__("Mixed")
        a = self.input("a", 8)
        leaf = Leaf()
        total = None
        for index in range(12):
            inst = self.add_child(f"u{index}", leaf, params={"K": index % 3, "FLAG": index % 2}, a=a)
            value = inst.o ^ inst.flag.extend(8) if index % 2 else inst.o
            total = value if total is None else total + value
        self.output("o", 8).assign(total)


def test_instance_kinds_with_conditional_ports_lower_the_same() -> None:
    text, top = loom_text(Mixed())
    assert_same(text, top, keep=False)
    assert_same(text, top, keep=True)


class Named(Generator):
    """Identity ``X`` names the tile only; identity ``Y`` decides the width of the sum (it is read)."""

    def __init__(self) -> None:
        super().__init__("Named")
        self.param("X", 0, width=8, identity=True)
        y = self.param("Y", 0, width=8, identity=True)
        a = self.input("a", 8)
        self.output("o", 8).assign(a + y)


class Unread(Generator):
    def __init__(self) -> None:
        super().__init__("Unread")
        self.param("X", 0, width=8, identity=True)
        a = self.input("a", 8)
        self.output("o", 8).assign(a)


class Named2D(Generator):
    """Kinds that differ only in identity values: merged where the rewrite drops them, kept apart where not."""

    def __init__(self) -> None:
        super().__init__("Named2D")
        a = self.input("a", 8)
        named, unread = Named(), Unread()
        total = a
        for y in range(3):
            for x in range(3):
                total = total ^ self.add_child(f"n_{y}_{x}", named, identity={"X": x, "Y": y}, a=total).o
                total = total ^ self.add_child(f"u_{y}_{x}", unread, identity={"X": x}, a=total).o
        total = total ^ self.add_child("u_plain", unread, a=total).o  # no identity values: a kind apart
        total = total ^ self.add_child("u_empty", unread, identity={}, a=total).o
        self.output("o", 8).assign(total)


def test_instances_differing_in_identity_values_lower_the_same() -> None:
    text, top = loom_text(Named2D())
    assert_same(text, top, keep=False)
    assert_same(text, top, keep=True)
    empty = text.replace('instance_name = "u_empty"', 'identity = {}, instance_name = "u_empty"')
    assert empty != text
    assert_same(empty, top, keep=False)
    sources = loom.verilog(Named2D())
    assert {"Unread", "Named_Y_0", "Named_Y_1", "Named_Y_2"} <= set(sources), sorted(sources)


def test_errors_are_the_same() -> None:
    """A top that is no loom.module fails in both, with the same message."""
    text = lit_cases()[0]
    separate = lowered(text, SEPARATE, "nosuch", keep=False)
    assert separate == "error: top module 'nosuch' is not a loom.module"
    assert lowered(text, FUSED, "nosuch", keep=False) == separate


SPARE = "  hw.module @Spare(in %a : i1, out o : i1) {\n    hw.output %a : i1\n  }\n"


@pytest.mark.parametrize("spare", [False, True], ids=["loom-only", "with-hw-module"])
def test_modules_nobody_instantiates_are_stripped_the_same(spare: bool) -> None:
    """The fused pass strips nothing when every module is a loom.module reached from the top; a top below the
    design's own (its parents are reached from nowhere) and an hw.module nobody instantiates are stripped."""
    text, top = loom_text(Named2D())
    if spare:
        text = text.replace("module {\n", "module {\n" + SPARE, 1)
    for chosen in (top, "Unread"):
        assert_same(text, chosen, keep=False)
        result = lowered(text, FUSED, chosen, keep=False)
        assert ("@Named2D" in result) == (chosen == top)
        assert "@Spare" not in result
        assert "@Unread" in result


class TaggedPort(Generator):
    """A port with a user attribute, and no other metadata: loom-export-metadata still has work."""

    def __init__(self) -> None:
        super().__init__("TaggedPort")
        a = self.input("a", 8)
        a.add_attribute("pin", "A7")
        self.output("o", 8).assign(self.add_child("u", Unread(), a=a).o)


def test_port_attributes_alone_are_exported_the_same() -> None:
    text, top = loom_text(TaggedPort())
    assert_same(text, top, keep=False)
    assert '\\22pin\\22' in lowered(text, FUSED, top, keep=False).partition("loom.metadata")[2]  # JSON, escaped



class Passing(Generator):
    """``o = a``, with a parameter nothing reads."""

    def __init__(self) -> None:
        super().__init__("Passing")
        self.param("P", 3, width=8)
        a = self.input("a", 8)
        self.output("o", 8).assign(a)


class PassingTop(Generator):
    """The same ports and parameter as its child: both modules have one ``ports`` and one ``parameters``
    attribute, and the facts made from them are shared."""

    def __init__(self) -> None:
        super().__init__("PassingTop")
        self.param("P", 3, width=8)
        a = self.input("a", 8)
        self.output("o", 8).assign(self.add_child("u", Passing(), a=a).o)


def test_modules_sharing_an_interface_keep_their_own_parameters() -> None:
    """The top keeps its unread parameter (hand-written code may set it); its child, with the same interface
    attributes, does not: what the top keeps must not leak into the facts they share."""
    text, top = loom_text(PassingTop())
    interface = '{parameters = [#hw.param.decl<"P": i8 = 3> : i8], ports = [{dir = "in", name = "a", type = i8},' \
                ' {dir = "out", name = "o", type = i8}]'
    assert text.count(interface) == 2
    sources = loom.verilog(PassingTop())
    assert "parameter" in sources["PassingTop"]
    assert "parameter" not in sources["Passing"]


CLOCKED = """
"loom.module"() ({
^bb0(%clk: !seq.clock, %d: i8):
  %q = seq.compreg %d, %clk : i8
  "loom.output"(%q) : (i8) -> ()
}, {}) {sym_name = "Leaf", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "d", dir = "in", type = i8},
             {name = "q", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%d: i8, %clk: !seq.clock, %e: i8):
  %a = "loom.instance"(%d, %clk) {instance_name = "a", module = @Leaf, input_names = ["d", "clk"], output_names = ["q"]} : (i8, !seq.clock) -> i8
  %b = "loom.instance"(%clk, %e) {instance_name = "b", module = @Leaf, input_names = ["clk", "d"], output_names = ["q"]} : (!seq.clock, i8) -> i8
  %c = "loom.instance"(%e, %clk) {instance_name = "c", module = @Leaf, input_names = ["d", "clk"], output_names = ["q"]} : (i8, !seq.clock) -> i8
  %f = "loom.instance"(%clk, %a) {instance_name = "f", module = @Leaf, input_names = ["clk", "d"], output_names = ["q"]} : (!seq.clock, i8) -> i8
  %r = seq.compreg %b, %clk : i8
  %x = comb.xor %c, %f, %r : i8
  "loom.output"(%x) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [],
    ports = [{name = "d", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock},
             {name = "e", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"""


def test_instances_of_body_arguments_lower_the_same() -> None:
    """Instances whose operands are all the body's arguments, a clock among them that a register reads too, in
    either port order: lowered from what loom-verify read (``InstanceOp.verified_name``), as from the instance ops."""
    assert_same(CLOCKED, "top", keep=False)
    result = lowered(CLOCKED, FUSED, "top", keep=False)
    assert 'hw.instance "a" @Leaf(clk: %clk: i1, d: %d: i8)' in result, result
    assert 'hw.instance "c" @Leaf(clk: %clk: i1, d: %e: i8)' in result, result


class Offset(Generator):
    """``o = a + k``: every ``k`` is a module of its own, all with one interface."""

    def __init__(self, k: int):
        super().__init__(f"Offset{k}")
        a = self.input("a", 8)
        self.output("o", 8).assign(a + k)


class Wider(Generator):
    """Another interface between them."""

    def __init__(self) -> None:
        super().__init__("Wider")
        a = self.input("a", 8)
        self.output("o", 16).assign(a.extend(16))


class Distinct(Generator):
    """Instances of distinct modules with one interface (one plan), another interface between them, a module
    instantiated again after others, and a parametered module with the same ports."""

    def __init__(self) -> None:
        super().__init__("Distinct")
        a = self.input("a", 8)
        offsets = [Offset(k) for k in range(3)]
        children = [("u0", offsets[0]), ("u1", offsets[1]), ("w", Wider()), ("u2", offsets[2]), ("v0", offsets[0]),
                    ("p", Passing())]
        total = None
        for name, child in children:
            value = self.add_child(name, child, a=a).o
            value = value[7:0] if value.width == 16 else value
            total = value if total is None else total ^ value
        self.output("o", 8).assign(total)


def test_kinds_of_distinct_modules_with_one_interface_lower_the_same() -> None:
    """Kinds sharing a plan are lowered in batches (``Lowering.lower_kinds``): each hw.instance still names its
    own module."""
    text, top = loom_text(Distinct())
    assert_same(text, top, keep=False)
    assert_same(text, top, keep=True)
    result = lowered(text, FUSED, top, keep=False)
    for name, module in (("u0", "Offset0"), ("u1", "Offset1"), ("w", "Wider"), ("u2", "Offset2"), ("v0", "Offset0"),
                         ("p", "Passing")):
        assert f'hw.instance "{name}" @{module}(' in result, (name, result)



class SetsParameter(Generator):
    """Distinct modules without parameters, and one instance setting a parameter its module does not read."""

    def __init__(self) -> None:
        super().__init__("SetsParameter")
        a = self.input("a", 8)
        total = self.add_child("u0", Offset(0), a=a).o ^ self.add_child("u1", Offset(1), a=a).o
        self.output("o", 8).assign(total ^ self.add_child("p", Passing(), P=5, a=a).o)


def test_kinds_with_nothing_to_rewrite_are_answered_without_a_key() -> None:
    """An instance of a module without parameters, conditional ports or values to drop needs no rewrite, and
    ``kind_rewrites`` says so without keying and remembering an answer per kind (10,000 instances of 10,000
    distinct modules); an instance whose parameter value is dropped gets its rewrite, remembered."""
    from loom.lowering.specialize import NO_REWRITE, Specializer

    text, top = loom_text(SetsParameter())
    assert_same(text, top, keep=False)
    with new_context():
        module = ir.Module.parse(text)
        run_pipeline(module.operation, "loom-verify")
        specializer = Specializer(module.operation, False, top)
        specializer.build_variants()
        rewrites = {ir.FlatSymbolRefAttr(kind[0]).value: rewrite
                    for kind, _, rewrite, _ in specializer.kind_rewrites(specializer.body_index(top).kinds, ())}
        assert rewrites["Offset0"] == rewrites["Offset1"] == NO_REWRITE
        assert rewrites["Passing"] != NO_REWRITE  # P = 5 goes: nothing reads P
        assert len(specializer._rewrites) == 1


class Held(Generator):
    """A register of ``a + k``: a leaf whose clock only its own register reads."""

    def __init__(self, k: int) -> None:
        super().__init__(f"Held{k}")
        self.clock()
        a = self.input("a", 8)
        held = self.reg("held", 8, reset=False)
        held.assign(a + k)
        self.output("o", 8).assign(held)


class Pair(Generator):
    """Two distinct leaves and a module of another interface below: a level between the top and the leaves."""

    def __init__(self) -> None:
        super().__init__("Pair")
        clk = self.clock()
        a = self.input("a", 8)
        total = self.add_child("h", Held(7), clk=clk, a=a).o ^ self.add_child("f", Offset(9), a=a).o
        self.output("o", 16).assign(self.add_child("w", Wider(), a=total).o)


class Plain(Generator):
    """No parameter anywhere: distinct leaves with one interface, one instantiated twice, a level below."""

    def __init__(self) -> None:
        super().__init__("Plain")
        clk = self.clock()
        a = self.input("a", 8)
        leaves = [Held(k) for k in range(3)]
        total = a
        for name, leaf in (("l0", leaves[0]), ("l1", leaves[1]), ("l2", leaves[2]), ("again", leaves[0])):
            total = total ^ self.add_child(name, leaf, clk=clk, a=total).o
        self.output("o", 16).assign(self.add_child("p", Pair(), clk=clk, a=total).o)


@pytest.mark.parametrize("spare", [False, True], ids=["loom-only", "with-hw-module"])
def test_a_design_without_parameters_is_planned_from_the_graph_alone(spare: bool) -> None:
    """Nothing to specialise: the plan comes from the instance graph, with no module's facts made, and gives
    the IR of the four passes, also for a top below the design's own and with an hw.module nobody
    instantiates; a design with one parameter somewhere is planned in full."""
    from loom.lowering import specialize_to_hw
    from loom.lowering.specialize import Specializer

    text, top = loom_text(Plain())
    if spare:
        text = text.replace("module {\n", "module {\n" + SPARE, 1)
    for chosen in (top, "Pair"):
        assert_same(text, chosen, keep=False)
        assert_same(text, chosen, keep=True)
    with new_context():
        module = ir.Module.parse(text)
        run_pipeline(module.operation, "loom-verify")
        specializer = Specializer(module.operation, False, top)
        assert specializer.plain
        plan = specialize_to_hw._plan(specializer)
        assert "facts" not in vars(specializer)
        assert sorted(plan.bodies) == ["Held0", "Held1", "Held2", "Held7", "Offset9", "Pair", "Plain", "Wider"]
        assert plan.complete != spare
    text, top = loom_text(SetsParameter())
    with new_context():
        module = ir.Module.parse(text)
        run_pipeline(module.operation, "loom-verify")
        assert not Specializer(module.operation, False, top).plain
