"""Unit tests for parameter values and substitution (loom.dialect.params)."""

import pytest
from circt import ir

from loom.dialect import new_context
from loom.dialect.params import (
    UnboundParameterError,
    evaluate,
    int_value,
    is_parametric,
    referenced_parameters,
    substitute_text,
    substitute_type,
)


@pytest.fixture(autouse=True)
def context():
    with new_context() as ctx:
        yield ctx


def attr(text: str) -> ir.Attribute:
    return ir.Attribute.parse(text)


def test_substitute_text():
    text = '!hw.int<#hw.param.decl.ref<"W">> and #hw.param.decl.ref<"N">'
    assert substitute_text(text, {"W": 8, "N": "3"}) == "!hw.int<8> and 3"


def test_substitute_text_unbound():
    with pytest.raises(UnboundParameterError) as info:
        substitute_text('#hw.param.decl.ref<"W">', {"N": 1})
    assert info.value.name == "W"
    assert isinstance(info.value, KeyError)


def test_is_parametric_and_referenced():
    assert is_parametric('!hw.int<#hw.param.decl.ref<"W">>')
    assert not is_parametric("i8")
    text = '#hw.param.expr.add<#hw.param.decl.ref<"A">, #hw.param.decl.ref<"B">, #hw.param.decl.ref<"A">>'
    assert referenced_parameters(text) == {"A", "B"}
    assert referenced_parameters("8 : i32") == set()


@pytest.mark.parametrize("text, expected", [
    ("8 : i32", 8),
    ("200 : i8", 200),  # parameters are unsigned; MLIR keeps this as -56
    ("255 : i8", 255),
    ("true", 1),
    ("false", 0),
    ("-3 : si8", -3),
    ('"str"', None),
    ('#hw.param.decl.ref<"W"> : i32', None),
])
def test_int_value(text, expected):
    assert int_value(attr(text)) == expected


def test_evaluate_constants_and_expressions():
    assert evaluate(attr("5 : i32"), {}) == 5
    assert evaluate(attr("true"), {}) == 1
    assert evaluate(attr('#hw.param.decl.ref<"W"> : i32'), {"W": 12}) == 12
    expr = attr('#hw.param.expr.add<#hw.param.decl.ref<"W">, 4> : i32')
    assert evaluate(expr, {"W": 12}) == 16
    assert evaluate(expr, {"W": 1}) == 5
    flag = attr('#hw.param.decl.ref<"E"> : i1')
    assert evaluate(flag, {"E": 1}) == 1


def test_evaluate_unbound():
    with pytest.raises(UnboundParameterError):
        evaluate(attr('#hw.param.decl.ref<"W"> : i32'), {})


def test_substitute_type():
    parametric = ir.Type.parse('!hw.int<#hw.param.decl.ref<"W">>')
    assert str(substitute_type(parametric, {"W": 8})) == "i8"
    expr = ir.Type.parse('!hw.int<#hw.param.expr.add<#hw.param.decl.ref<"W">, 1>>')
    assert str(substitute_type(expr, {"W": 8})) == "i9"
    plain = ir.IntegerType.get_signless(4)
    assert substitute_type(plain, {}) == plain
