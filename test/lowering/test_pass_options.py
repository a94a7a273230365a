"""Typed pass options from a dataclass (lowering/pass_options.py): names, types, defaults, errors; and how a
pipeline string's options are parsed once, with errors that point into the pipeline."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal

import pytest

from loom import ParseError, register_pass
from loom.lowering.pass_kinds import PassKind
from loom.lowering.pass_options import option, option_specs, parse_pass_options
from loom.lowering.pipeline import LoomStep, loom_step, parse_pipeline
from loom.lowering.registry import BUILTIN_PASSES
from loom.lowering.scoping import ScopeOptions


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


# -- options in a pipeline string: parsed once, errors point into the pipeline ---------------------------


def caret_error(pipeline: str) -> tuple[str, str, int]:
    """The first line of the ParseError for ``pipeline``, the pipeline line it shows, and its caret's column."""
    with pytest.raises(ParseError) as caught:
        parse_pipeline(pipeline)
    message, shown, caret = caught.value.message.split("\n")
    assert caret.strip() == "^", caught.value.message
    return message, shown, caret.index("^")


def test_an_unknown_option_is_pointed_at() -> None:
    text = "canonicalize, loom-set-parameter{path=c1 nme=W value=3}, cse"
    message, shown, column = caret_error(text)
    assert message == "pass 'loom-set-parameter' has no option 'nme' (options: path, name, value, top)"
    assert shown == text and column == text.index("nme=")


def test_a_value_of_the_wrong_type_is_pointed_at_inside_builtin_module() -> None:
    text = "builtin.module(loom-export-metadata{limit=many}, loom-checks{skip=check-inferred-latch})"
    message, shown, column = caret_error(text)
    assert message == "pass 'loom-export-metadata': option 'limit' expects an integer, got 'many'"
    assert shown == text and column == text.index("limit=")


def test_a_missing_required_option_points_at_the_pass() -> None:
    text = "cse,  loom-rename-module{to=New}"
    message, shown, column = caret_error(text)
    assert message.startswith("pass 'loom-rename-module' needs option 'from' (from=<string> (required)")
    assert column == text.index("loom-rename-module")


def test_the_caret_is_on_the_line_of_a_multi_line_pipeline() -> None:
    text = "cse,\n  loom-tie-output{path=c1 port=o value=one}"
    message, shown, column = caret_error(text)
    assert message == "pass 'loom-tie-output': option 'value' expects an integer, got 'one'"
    assert shown == "  loom-tie-output{path=c1 port=o value=one}" and column == shown.index("value=")


def test_options_reach_the_pass_typed() -> None:
    (step,) = parse_pipeline('loom-scope{modules=D* pipeline="sort-stmts, cse" top=Top}')
    assert isinstance(step, LoomStep)
    assert step.options == ScopeOptions(top="Top", pipeline="sort-stmts, cse", path=None, modules="D*")
    (rename,) = parse_pipeline("loom-rename-module{from=A to=B}")
    assert isinstance(rename, LoomStep) and (rename.options.from_, rename.options.to) == ("A", "B")
    (checks,) = parse_pipeline("loom-checks{skip=check-inferred-latch,check-multiple-driver}")
    assert isinstance(checks, LoomStep)
    assert checks.options.skip == ("check-inferred-latch", "check-multiple-driver")


def test_a_user_pass_is_parsed_by_the_same_registry_path() -> None:
    @dataclass(frozen=True)
    class Limits:
        limit: int = option(8, help="widest")

    seen: list[object] = []
    register_pass("test-typed-limit", lambda module, options: seen.append(options), options=Limits)
    try:
        message, _, column = caret_error("test-typed-limit{limit=wide}")
        assert message == "pass 'test-typed-limit': option 'limit' expects an integer, got 'wide'"
        assert column == len("test-typed-limit{")
        (step,) = parse_pipeline("test-typed-limit{limit=3}")
        assert isinstance(step, LoomStep) and step.options == Limits(3) and step.info.kind is PassKind.MODULE
    finally:
        BUILTIN_PASSES.unregister("test-typed-limit")


def test_options_given_as_data_are_checked_too() -> None:
    with pytest.raises(ParseError, match=r"pass 'loom-specialize': option 'keep-parameters' expects true or false"):
        loom_step("loom-specialize", **{"keep-parameters": "maybe"})


def test_optional_and_keyword_named_fields() -> None:
    @dataclass(frozen=True)
    class Renames:
        from_: str
        at: int | None = option(None, help="where")

    assert [spec.describe() for spec in option_specs(Renames)] == ["from=<string> (required)",
                                                                    "at=<int> (optional): where"]
    assert parse_pass_options("p", Renames, {"from": "'a b'"}) == Renames("a b")
    assert parse_pass_options("p", Renames, {"from": "x", "at": "0x10"}) == Renames("x", 16)


@pytest.mark.parametrize(("text", "message", "at"), [
    ("builtin.module(cse", "unclosed '(' in pass pipeline", "("),
    ("cse), canonicalize", "unbalanced ')' in pass pipeline at column 4", ")"),
    ('loom-scope{path=a pipeline="cse}', 'unclosed " in pass pipeline', '"'),
])
def test_brackets_and_quotes_are_pointed_at(text: str, message: str, at: str) -> None:
    shown_message, shown, column = caret_error(text)
    assert (shown_message, shown, column) == (message, text, text.index(at))
