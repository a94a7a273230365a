"""Unit tests for the port-condition language (loom.dialect.conditions)."""

import pytest

from loom.dialect.conditions import (
    Binary,
    ConditionSyntaxError,
    Const,
    Ref,
    Unary,
    evaluate,
    holds,
    parse_condition,
    referenced_names,
)


def test_parse_precedence():
    assert parse_condition("A || B && C") == Binary("||", Ref("A"), Binary("&&", Ref("B"), Ref("C")))
    assert parse_condition("A + 1 == 3") == Binary("==", Binary("+", Ref("A"), Const(1)), Const(3))
    assert parse_condition("!(A)") == Unary("!", Ref("A"))
    assert parse_condition("-A") == Unary("-", Ref("A"))


@pytest.mark.parametrize("text, values, expected", [
    ("A", {"A": 0}, 0),
    ("A", {"A": 5}, 5),
    ("A == 2", {"A": 2}, 1),
    ("A != 2", {"A": 2}, 0),
    ("A < B", {"A": 1, "B": 2}, 1),
    ("A >= B", {"A": 1, "B": 2}, 0),
    ("A <= 1 && B > 1", {"A": 1, "B": 2}, 1),
    ("!A || B", {"A": 1, "B": 0}, 0),
    ("(A + 2) - B", {"A": 1, "B": 2}, 1),
    ("-A + 3", {"A": 1}, 2),
    ("!!A", {"A": 7}, 1),
])
def test_evaluate(text, values, expected):
    assert evaluate(parse_condition(text), values) == expected


def test_comparisons_do_not_chain():
    with pytest.raises(ConditionSyntaxError):
        parse_condition("A < B < C")


@pytest.mark.parametrize("text, column", [
    ("", 1),
    ("A &&", 5),
    ("(A", 3),
    ("A $ B", 3),
    ("A B", 3),
    ("==", 1),
])
def test_syntax_errors_report_column(text, column):
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert info.value.column == column
    assert repr(text) in str(info.value)


def test_syntax_error_is_value_error():
    assert issubclass(ConditionSyntaxError, ValueError)


def test_referenced_names():
    assert referenced_names(parse_condition("A && (B == 2 || !C) && 1")) == {"A", "B", "C"}
    assert referenced_names(parse_condition("1")) == set()


def test_missing_parameter_is_key_error():
    with pytest.raises(KeyError, match="B"):
        evaluate(parse_condition("A && B"), {"A": 1})


def test_holds():
    assert holds(None, {})
    assert holds("EN", {"EN": 1})
    assert not holds("EN", {"EN": 0})
    assert holds("MODE == 2", {"MODE": 2})
