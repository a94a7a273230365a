"""Unit tests for the loom dialect verifier: one test per rule, plus a clean design."""

import pytest
from circt import ir
from circt.dialects import comb, hw, sv

from loom.dialect import VerifyError, analyses, new_context, verify, verify_or_raise
from loom.dialect.instance_graph import INSTANCE_BODIES
from loom.dialect.ops import InstanceOp, OutputOp
from loom.dialect.verify import _NAME_ROLES, _Role, _role

LEAF = '''"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>, %en: i1):
  "loom.output"(%a) : (!hw.int<#hw.param.decl.ref<"W">>) -> ()
}, {}) {sym_name = "Leaf", parameters = [#hw.param.decl<"W": i32 = 8>, #hw.param.decl<"EN": i1 = false>,
                                     #hw.param.decl<"ID": i32 = 0>, #hw.param.decl<"REQ": i32>],
    identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "en", dir = "in", type = i1, cond = "EN"},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>}]} : () -> ()
'''


def top(body: str, params: str = "", arg_types: str = "i8, i1", results: str = "") -> str:
    """A module 'Top' with inputs %x (i8) and %e (i1) around ``body``."""
    types = [t.strip() for t in arg_types.split(",")]
    names = ["x", "e", "y"][:len(types)]  # up to three inputs, named in order
    args = ", ".join(f"%{n}: {t}" for n, t in zip(names, types, strict=True))
    ports = ", ".join(f'{{name = "{n}", dir = "in", type = {t}}}' for n, t in zip(names, types, strict=True))
    return (f'"loom.module"() ({{\n^bb0({args}):\n{body}\n  "loom.output"() : () -> ()\n}}, {{}})'
            f' {{sym_name = "Top", parameters = [{params}], ports = [{ports}]}} : () -> ()')


def inst(operands: str, attrs: str, types: str = "(i8) -> i8", result: str = "%r = ") -> str:
    return f'  {result}"loom.instance"({operands}) {{instance_name = "u", module = @Leaf, {attrs}}} : {types}'


def problems(text: str) -> list[str]:
    with new_context():
        module = ir.Module.parse(text)
        return [p.message for p in verify(module.operation)]


def only_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


GOOD = inst("%x", 'parameters = {REQ = 1 : i32}, identity = {ID = 3 : i32}, input_names = ["a"], output_names = ["o"]')


def test_clean_design_has_no_problems():
    assert problems(LEAF + top(GOOD)) == []


def test_conditional_port_connected_when_enabled():
    body = inst("%x, %e", 'parameters = {REQ = 1 : i32, EN = true}, input_names = ["a", "en"], output_names = ["o"]',
                "(i8, i1) -> i8")
    assert problems(LEAF + top(body)) == []


def test_parametric_width_after_substitution():
    body = inst("%y", 'parameters = {REQ = 1 : i32, W = 4 : i32}, input_names = ["a"], output_names = ["o"]',
                "(i4) -> i4")
    assert problems(LEAF + top(body, arg_types="i8, i1, i4")) == []


def test_missing_target():
    body = inst("%x", 'parameters = {}, input_names = ["a"], output_names = ["o"]').replace("@Leaf", "@Nope")
    assert "refers to module '@Nope', which does not exist" in only_problem(LEAF + top(body))


def test_target_that_is_not_a_loom_module():
    hw = "hw.module @H(in %a : i8) {\n  hw.output\n}\n"
    body = inst("%x", 'parameters = {}, input_names = ["a"], output_names = []', "(i8) -> ()", "")
    body = body.replace("@Leaf", "@H")
    assert "which is not a 'loom.module'" in only_problem(hw + top(body))


def test_unknown_parameter_name():
    body = inst("%x", 'parameters = {REQ = 1 : i32, WIDTH = 4 : i32}, input_names = ["a"], output_names = ["o"]')
    assert "module '@Leaf' has no parameter 'WIDTH'" in only_problem(LEAF + top(body))


def test_required_parameter_not_set():
    body = inst("%x", 'parameters = {}, input_names = ["a"], output_names = ["o"]')
    assert "must set parameter 'REQ'" in only_problem(LEAF + top(body))


def test_parameter_value_refers_to_unknown_parent_parameter():
    body = inst("%x", 'parameters = {REQ = #hw.param.decl.ref<"P"> : i32}, input_names = ["a"], output_names = ["o"]')
    assert "refers to 'P', which is not a parameter of '@Top'" in only_problem(LEAF + top(body))
    assert problems(LEAF + top(body, params='#hw.param.decl<"P": i32 = 1>')) == []


def test_required_port_unconnected():
    body = inst("", 'parameters = {REQ = 1 : i32}, input_names = [], output_names = ["o"]', "() -> i8")
    assert "input port 'a' is not connected" in only_problem(LEAF + top(body))


def test_port_connected_twice():
    body = inst("%x, %x", 'parameters = {REQ = 1 : i32}, input_names = ["a", "a"], output_names = ["o"]',
                "(i8, i8) -> i8")
    assert "input port 'a' is connected more than once" in only_problem(LEAF + top(body))


def test_unknown_port_name():
    body = inst("%x", 'parameters = {REQ = 1 : i32}, input_names = ["b"], output_names = ["o"]')
    found = problems(LEAF + top(body))
    assert any("has no port named 'b'" in p for p in found), found


def test_type_mismatch_after_substitution():
    body = inst("%x", 'parameters = {REQ = 1 : i32, W = 4 : i32}, input_names = ["a"], output_names = ["o"]',
                "(i8) -> i4")
    message = only_problem(LEAF + top(body))
    assert "input 'a' has type i4 after parameter substitution, but is connected to a value of type i8" in message


def test_connection_to_port_whose_condition_is_false():
    body = inst("%x, %e", 'parameters = {REQ = 1 : i32}, input_names = ["a", "en"], output_names = ["o"]',
                "(i8, i1) -> i8")
    assert "port 'en' does not exist here: its condition 'EN' is false for EN = 0" in only_problem(LEAF + top(body))


def test_param_value_refers_to_enclosing_parameters_only():
    good = '  %v = "loom.param_value"() {value = #hw.param.decl.ref<"P"> : i32} : () -> i32'
    assert problems(top(good, params='#hw.param.decl<"P": i32 = 1>')) == []
    message = only_problem(top(good.replace('"P"', '"Q"'), params='#hw.param.decl<"P": i32 = 1>'))
    assert "'loom.param_value' refers to 'Q', which is not a parameter of '@Top' (parameters: P)" in message


def test_param_value_nested_in_a_region():
    nested = ('  sv.initial {\n    %v = "loom.param_value"() {value = #hw.param.decl.ref<"Q"> : i32} : () -> i32\n'
              '  }')
    assert "refers to 'Q'" in only_problem(top(nested))


def test_param_value_needs_a_value():
    assert "requires attribute 'value'" in only_problem(top('  %v = "loom.param_value"() : () -> i32'))


def test_identity_keys_must_be_identity_parameters():
    body = inst("%x", 'parameters = {REQ = 1 : i32}, identity = {W = 3 : i32}, input_names = ["a"],'
                      ' output_names = ["o"]')
    message = only_problem(LEAF + top(body))
    assert "'W' is not an identity parameter of '@Leaf' (identity parameters: ID)" in message


def test_identity_parameters_must_be_declared():
    text = LEAF.replace('identity_parameters = ["ID"]', 'identity_parameters = ["ID", "NOPE"]')
    assert "identity parameter 'NOPE' is not a declared parameter of '@Leaf'" in only_problem(text)


def test_identity_values_decide_port_conditions():
    text = LEAF.replace('cond = "EN"', 'cond = "ID == 2"')
    body = inst("%x, %e", 'parameters = {REQ = 1 : i32}, identity = {ID = 2 : i32}, input_names = ["a", "en"],'
                          ' output_names = ["o"]', "(i8, i1) -> i8")
    assert problems(text + top(body)) == []


def test_identity_values_read_by_a_port_condition_are_checked_per_instance():
    # Instances differing only in identity values share one check, unless a port reads an identity parameter:
    # then the second instance (ID = 1, the port absent) must still be reported after the first passed.
    text = LEAF.replace('cond = "EN"', 'cond = "ID == 2"')
    first = inst("%x, %e", 'parameters = {REQ = 1 : i32}, identity = {ID = 2 : i32}, input_names = ["a", "en"],'
                           ' output_names = ["o"]', "(i8, i1) -> i8")
    second = first.replace("ID = 2", "ID = 1").replace('"u"', '"v"').replace("%r", "%s")
    assert "port 'en' does not exist here" in only_problem(text + top(first + "\n" + second))


def test_instances_differing_only_in_identity_values_are_each_still_located():
    # The shared check must not hide a problem of a later instance that differs in something else too.
    second = GOOD.replace("ID = 3", "ID = 4").replace('"u"', '"v"').replace("%r", "%s").replace("REQ = 1", "W = 4")
    assert "instance 'v' must set parameter 'REQ'" in only_problem(LEAF + top(GOOD + "\n" + second))


def test_unsigned_parameter_values_in_conditions():
    text = LEAF.replace('cond = "EN"', 'cond = "W == 200"').replace('"W": i32 = 8', '"W": i8 = 8')
    body = inst("%x, %e", 'parameters = {REQ = 1 : i32, W = 200 : i8}, input_names = ["a", "en"],'
                          ' output_names = ["o"]', "(i200, i1) -> i200")
    assert problems(text + top(body, arg_types="i200, i1")) == []


def test_verify_or_raise_names_the_first_problem_and_counts_the_rest():
    body = inst("", 'parameters = {}, input_names = [], output_names = ["o"]', "() -> i8")
    body += "\n" + body.replace('"u"', '"v"').replace("%r", "%s")
    with new_context():
        module = ir.Module.parse(LEAF + top(body))
        with pytest.raises(VerifyError) as info:
            verify_or_raise(module.operation)
    assert "must set parameter 'REQ'" in info.value.message
    assert "(and 1 more problems)" in info.value.message


@pytest.mark.parametrize(("identity", "expected"), [
    ("ID = true", None),  # a bool is not an integer attribute: the instance gets its own check, and passes
    ("ID = 4 : i32, W = 3 : i32", "'W' is not an identity parameter of '@Leaf'"),
    ("W = 3 : i32", "'W' is not an identity parameter of '@Leaf'"),  # as many keys as the target has
    ('ID = #hw.param.decl.ref<"NOPE"> : i32', "parameter 'ID' refers to 'NOPE', which is not a parameter of '@Top'"),
])
def test_an_instance_whose_identity_is_not_only_integers_is_checked_on_its_own(identity: str,
                                                                               expected: str | None) -> None:
    # The first instance's check is shared by later ones that differ only in integer identity values;
    # a later one with another kind of value, or another identity key, must not ride on it.
    second = GOOD.replace("ID = 3 : i32", identity).replace('"u"', '"v"').replace("%r", "%s")
    found = problems(LEAF + top(GOOD + "\n" + second))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0] and "instance 'v'" in found[0], found


def test_a_modules_terminator_is_reported_before_the_ops_of_its_body() -> None:
    text = ('"loom.module"() ({\n^bb0(%a: i8):\n  "loom.nope"() : () -> ()\n  "loom.output"() : () -> ()\n}, {})'
            ' {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8},'
            ' {name = "o", dir = "out", type = i8}]} : () -> ()')
    found = problems(text)
    assert len(found) == 2 and found[0] == "'loom.output' yields 0 values but the module has 1 output ports", found
    assert found[1].startswith("unknown loom operation 'loom.nope'"), found


def test_the_walk_passes_over_only_registered_ops_without_regions() -> None:
    assert _role(comb.AddOp) is _Role.LEAF
    assert _role(sv.AlwaysOp) is _Role.HAS_REGIONS and _role(sv.CaseOp) is _Role.HAS_REGIONS
    assert _role(hw.InstanceOp) is _Role.OTHER  # a body's index records it
    assert _role(ir.OpView) is _Role.NAMED  # a registered op whose dialect module is not loaded, or an unregistered one
    assert _NAME_ROLES["comb.add"] is _Role.HAS_REGIONS and _NAME_ROLES["hw.instance"] is _Role.OTHER
    assert _NAME_ROLES["loom.instnace"] is _Role.OTHER  # an unknown loom op: reported
    assert _role(InstanceOp) is _Role.INSTANCE and _role(OutputOp) is _Role.TERMINATOR


def test_a_loom_op_inside_a_registered_op_with_regions_is_checked() -> None:
    body = ('  sv.ifdef @SYNTHESIS {\n    "loom.instnace"() : () -> ()\n  }')
    found = problems('sv.macro.decl @SYNTHESIS\n' + top(body))
    assert len(found) == 1 and found[0].startswith("unknown loom operation 'loom.instnace'"), found


def test_a_second_module_of_a_name_is_checked_by_its_own_interface() -> None:
    # Modules share decoded interfaces by name and by interface attributes; a redefinition must still be
    # checked by its own attributes: a parameter the first definition lacks is no problem of its own, and
    # its body may read it.
    module = ('"loom.module"() ({{\n^bb0:\n{}  "loom.output"() : () -> ()\n}}, {{}}) {{sym_name = "M",'
              ' parameters = [{}], ports = []}} : () -> ()\n')
    reads_p = '  %0 = "loom.param_value"() {value = #hw.param.decl.ref<"P"> : i32} : () -> i32\n'
    found = problems(module.format("", "") + module.format(reads_p, '#hw.param.decl<"P": i32 = 1>'))
    assert len(found) == 1 and found[0].startswith("redefinition of module 'M'"), found
    # and a real problem of the redefinition is still reported, against its own parameters
    twice = '#hw.param.decl<"P": i32 = 1>, #hw.param.decl<"P": i32 = 2>'
    found = problems(module.format("", "") + module.format("", twice))
    assert len(found) == 2 and found[1] == "duplicate parameter name", found


def test_a_terminator_given_a_region_is_reported_and_the_ops_in_it_checked() -> None:
    # loom.output takes the walk's short way (a definition check only); one that breaks its definition still
    # has what is inside it checked, as any loom op does
    module = ('"loom.module"() ({\n^bb0:\n  "loom.output"() ({\n    "loom.instnace"() : () -> ()\n  }) : () -> ()\n'
              '}, {}) {sym_name = "M", parameters = [], ports = []} : () -> ()\n')
    found = problems(module)
    assert len(found) == 2 and found[0] == "'loom.output' has 0 regions, not 1", found
    assert found[1].startswith("unknown loom operation 'loom.instnace'"), found


def test_instances_of_modules_sharing_an_interface_are_each_checked() -> None:
    """An instance valid by its target's interface makes another module with that interface valid for the same
    connections only: a different connection, an unsound module and a missing one are still reported."""
    leaf = ('"loom.module"() ({{\n^bb0(%a: i8):\n  "loom.output"(%a) : (i8) -> ()\n}}, {{}}) {{sym_name = "{}",'
            ' parameters = [], ports = [{{name = "a", dir = "in", type = i8}}, {{name = "o", dir = "out",'
            ' type = i8}}{}]}} : () -> ()\n')
    unsound = ', {name = "o", dir = "out", type = i8}'  # port 'o' twice
    modules = leaf.format("A", "") + leaf.format("B", "") + leaf.format("C", "") + leaf.format("Bad", unsound)

    def instance(name: str, module: str, operands: str, inputs: str, types: str) -> str:
        return (f'  %r_{name} = "loom.instance"({operands}) {{instance_name = "{name}", module = @{module},'
                f' input_names = [{inputs}], output_names = ["o"]}} : {types}\n')

    body = (instance("a", "A", "%x", '"a"', "(i8) -> i8") + instance("b", "B", "%x", '"a"', "(i8) -> i8")
            + instance("c", "C", "", "", "() -> i8") + instance("d", "Bad", "%x", '"a"', "(i8) -> i8")
            + instance("e", "Missing", "%x", '"a"', "(i8) -> i8"))
    assert problems(modules + top(body)) == [
        "port 'o' is declared more than once",
        "instance 'c' of '@C': input port 'a' is not connected",
        "instance 'e' refers to module '@Missing', which does not exist",
    ]


def test_grouped_instances_keep_their_name_and_share_one_tuple_of_operands() -> None:
    """What loom-verify leaves on the views it groups for the lowering (``InstanceOp.verified_name``): each its
    own name, and instances reading the same body arguments one shared tuple of them, not one per instance (at
    50,000 instances, per-instance tuples were megabytes at the passes' peak and after)."""
    body = "\n".join(f'  %r{i} = "loom.instance"(%x) {{instance_name = "u{i}", module = @Leaf, input_names = ["a"],'
                     f' output_names = ["o"], parameters = {{REQ = 1 : i32}}}} : (i8) -> i8' for i in range(3))
    with new_context():
        module = ir.Module.parse(LEAF + top(body, arg_types="i8"))
        with analyses.scope():
            verify_or_raise(module.operation)
            bodies = analyses.take(module.operation, INSTANCE_BODIES)
        assert isinstance(bodies, dict)
        views = [view for _, group in bodies["Top"].kinds.values() for view in group]
        assert [ir.StringAttr(view.verified_name).value for view in views] == ["u0", "u1", "u2"]
        shared = views[0].verified_arguments
        assert shared is not None and len(shared) == 1
        assert all(view.verified_arguments is shared for view in views)
