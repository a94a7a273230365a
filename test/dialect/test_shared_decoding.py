"""Modules with the same interface share its decoding and its checks (``dialect/decoding.py``,
``loom-verify``'s interface keys): what is shared must not hide a problem of one of them."""

from __future__ import annotations

import pytest
from circt import ir

from loom.dialect import new_context, verify
from loom.dialect.decoding import shared_decoding
from loom.dialect.ops import ModuleOp, PortInfo
from loom.lowering.lower_loom_to_hw import Lowering

PORTS = '[{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]'


def leaf(name: str, body: str = '  "loom.output"(%a) : (i8) -> ()', ports: str = PORTS, extra: str = "") -> str:
    return (f'"loom.module"() ({{\n^bb0(%a: i8):\n{body}\n}}, {{}}) {{sym_name = "{name}", parameters = [],'
            f' ports = {ports}{extra}}} : () -> ()\n')


def top(instances: list[tuple[str, str]]) -> str:
    """'Top' with input %x (i8) and one instance ``(target, operand type)`` per entry, its result unused."""
    body = "".join(f'  %r{k} = "loom.instance"(%{"x" if kind == "i8" else "y"}) {{instance_name = "u{k}",'
                   f' module = @{target}, parameters = {{}}, input_names = ["a"], output_names = ["o"]}}'
                   f' : ({kind}) -> i8\n' for k, (target, kind) in enumerate(instances))
    return ('"loom.module"() ({\n^bb0(%x: i8, %y: i4):\n' + body + '  "loom.output"() : () -> ()\n}, {})'
            ' {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8},'
            ' {name = "y", dir = "in", type = i4}]} : () -> ()\n')


def problems(text: str) -> list[str]:
    with new_context():
        module = ir.Module.parse(text)
        return [p.message for p in verify(module.operation)]


def test_ports_are_decoded_once_per_distinct_attribute_inside_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[ir.Attribute] = []
    original = PortInfo.from_attr
    monkeypatch.setattr(PortInfo, "from_attr", staticmethod(lambda attr: decoded.append(attr) or original(attr)))
    with new_context():
        module = ir.Module.parse(leaf("A") + leaf("B") + leaf("C"))
        modules = [op for op in module.body.operations if isinstance(op, ModuleOp)]
        outside = [m.ports for m in modules]
        assert len(decoded) == 6  # 3 modules x 2 ports: no memo outside the block
        decoded.clear()
        with shared_decoding():
            inside = [m.ports for m in modules] + [m.ports for m in modules]
        assert len(decoded) == 2  # one ports attribute (uniqued), decoded once
        assert inside[:3] == outside and inside[3:] == outside
        inside[0].append(inside[0][0])  # each caller gets its own list
        with shared_decoding():
            assert [len(m.ports) for m in modules] == [2, 2, 2]


def test_instances_of_modules_with_one_interface_are_each_checked_against_their_own_target() -> None:
    """B has A's interface, but B's body is malformed (so B is not a usable target) and C does not exist."""
    broken = leaf("B", body='  "loom.output"() : () -> ()')
    found = problems(leaf("A") + broken + top([("A", "i8"), ("B", "i8"), ("C", "i8")]))
    assert found == ["'loom.output' yields 0 values but the module has 1 output ports",
                     "instance 'u2' refers to module '@C', which does not exist"], found


def test_a_wrong_connection_to_a_module_sharing_a_checked_interface_is_reported() -> None:
    found = problems(leaf("A") + leaf("B") + top([("A", "i8"), ("B", "i4")]))
    assert found == ["instance 'u1' of '@B': input 'a' has type i8 after parameter substitution,"
                     " but is connected to a value of type i4"], found


def test_an_unsound_interface_is_reported_at_every_module_that_has_it() -> None:
    kept = ', kept_parameters = ["W"]'
    found = problems(leaf("A", extra=kept) + leaf("B", extra=kept) + top([("A", "i8")]))
    assert found == ["kept parameter 'W' is not a declared parameter of '@A'",
                     "kept parameter 'W' is not a declared parameter of '@B'"], found


def test_a_cycle_through_modules_with_one_interface_is_found() -> None:
    """A instantiates B and B instantiates A: the second instance is accepted by interface, the cycle stays."""
    a = leaf("A", body='  %r = "loom.instance"(%a) {instance_name = "b", module = @B, parameters = {},'
                       ' input_names = ["a"], output_names = ["o"]} : (i8) -> i8\n  "loom.output"(%r) : (i8) -> ()')
    b = a.replace('"A"', '"B"').replace("@B", "@A")
    found = problems(a + b)
    assert found == ["module 'A' contains itself through instances: A -> B -> A"], found


def test_an_open_input_is_accepted_only_in_the_module_marked_zero_inputs() -> None:
    """Two parents with the same interface instantiate A leaving its input open; only one may."""
    open_input = ('  %r = "loom.instance"() {instance_name = "u", module = @A, parameters = {}, input_names = [],'
                  ' output_names = ["o"]} : () -> i8\n  "loom.output"(%r) : (i8) -> ()')
    allowed = leaf("P", body=open_input, extra=', user_attributes = {zero_inputs = ""}')
    found = problems(leaf("A") + allowed + leaf("Q", body=open_input))
    assert found == ["instance 'u' of '@A': input port 'a' is not connected"], found


def test_a_parameter_reference_is_checked_against_each_enclosing_module() -> None:
    """P declares N and Q does not; both instantiate A with a value that reads N."""
    body = ('  %r = "loom.instance"(%a) {instance_name = "u", module = @A, parameters = {X = #hw.param.decl.ref<"N">'
            ' : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8\n  "loom.output"(%r) : (i8) -> ()')
    target = leaf("A").replace("parameters = []", 'parameters = [#hw.param.decl<"X": i32 = 1>]')
    with_n = leaf("P", body=body).replace("parameters = []", 'parameters = [#hw.param.decl<"N": i32 = 2>]')
    found = problems(target + with_n + leaf("Q", body=body))
    assert found == ["instance 'u': parameter 'X' refers to 'N', which is not a parameter of '@Q'"], found


def test_instances_of_modules_with_one_interface_are_lowered_to_their_own_modules() -> None:
    """lower-loom-to-hw plans instances by their target's interface; each hw.instance still names its target."""
    with new_context():
        module = ir.Module.parse(leaf("A") + leaf("B") + top([("A", "i8"), ("B", "i8"), ("A", "i8")]))
        Lowering(module.operation).run()
        assert module.operation.verify()
        top_body = [op for op in module.body.operations if "Top" in str(op.attributes["sym_name"])][0]
        targets = [str(op.attributes["moduleName"]) for op in top_body.regions[0].blocks[0].operations
                   if op.name == "hw.instance"]
    assert targets == ["@A", "@B", "@A"], targets
