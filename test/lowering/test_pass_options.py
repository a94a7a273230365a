"""Typed pass options from a dataclass (lowering/pass_options.py): names, types, defaults, errors."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal

import pytest

from loom import ParseError
from loom.lowering.pass_options import option, option_specs, parse_pass_options


class Style(enum.Enum):
    FAST = "f"
    SMALL = "s"


@dataclass(frozen=True)
class Options:
    limit: int = option(64, help="widest value")
    ports_only: bool = False
    scale: float = 1.5
    label: str = "x"
    style: Style = Style.FAST
    edge: Literal["rise", "fall"] = "rise"
    skip: tuple[str, ...] = ()
    sizes: tuple[int, ...] = (1, 2)


@dataclass(frozen=True)
class Required:
    top: str


def test_every_option_is_read_with_its_type() -> None:
    parsed = parse_pass_options("p", Options, {
        "limit": "0x10", "ports-only": "true", "scale": "2", "label": "a b", "style": "SMALL", "edge": "fall",
        "skip": "Top, Leaf", "sizes": "3,4,"})
    assert parsed == Options(16, True, 2.0, "a b", Style.SMALL, "fall", ("Top", "Leaf"), (3, 4))


def test_defaults_when_not_given_and_snake_case_accepted() -> None:
    assert parse_pass_options("p", Options, {}) == Options()
    assert parse_pass_options("p", Options, {"ports_only": "1"}).ports_only is True


@pytest.mark.parametrize(("raw", "message"), [
    ({"limit": "wide"}, "pass 'p': option 'limit' expects an integer, got 'wide'"),
    ({"ports-only": "maybe"}, "pass 'p': option 'ports-only' expects true or false, got 'maybe'"),
    ({"scale": "big"}, "pass 'p': option 'scale' expects a number, got 'big'"),
    ({"style": "fast"}, "pass 'p': option 'style' expects one of FAST, SMALL, got 'fast'"),
    ({"edge": "both"}, "pass 'p': option 'edge' expects one of rise, fall, got 'both'"),
    ({"sizes": "1,two"}, "pass 'p': option 'sizes' expects an integer, got '1,two'"),
    ({"limt": "3"}, "pass 'p' has no option 'limt' (options: limit, ports-only, scale, label, style, edge, skip,"
                    " sizes)"),
])
def test_bad_values_name_the_pass_the_option_and_what_it_takes(raw: dict[str, str], message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_pass_options("p", Options, raw)
    assert caught.value.message == message


def test_a_field_without_default_is_a_required_option() -> None:
    assert parse_pass_options("p", Required, {"top": "T"}) == Required("T")
    with pytest.raises(ParseError, match=r"pass 'p' needs option 'top' \(top=<string> \(required\)\)"):
        parse_pass_options("p", Required, {})


def test_descriptions_show_kind_default_and_help() -> None:
    described = [spec.describe() for spec in option_specs(Options)]
    assert described == [
        "limit=<int> (default 64): widest value", "ports-only=<bool> (default false)",
        "scale=<number> (default 1.5)", "label=<string> (default x)", "style=<FAST|SMALL> (default FAST)",
        "edge=<rise|fall> (default rise)", "skip=<string,...> (default '')", "sizes=<int,...> (default 1,2)"]


def test_unsupported_declarations_are_type_errors() -> None:
    @dataclass(frozen=True)
    class Bad:
        when: dict[str, int] = field(default_factory=dict)

    with pytest.raises(TypeError, match=r"option field Bad.when: type .*dict.* is not a pass option type"):
        option_specs(Bad)
    with pytest.raises(TypeError, match="pass options must be a dataclass"):
        option_specs(int)
