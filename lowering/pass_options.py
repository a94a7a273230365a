"""Typed pass options declared as a frozen dataclass, parsed once from the pipeline's ``{key=value}`` text.

::

    @dataclass(frozen=True)
    class MaxWidthOptions:
        limit: int = option(64, help="widest signal allowed")
        ports_only: bool = False
        skip: tuple[str, ...] = ()

    # pipeline text: max-width{limit=32 ports-only=true skip=Top,Leaf}

Each field is an option named in kebab-case (``ports_only`` ->
``ports-only``, the MLIR convention; a trailing ``_`` is dropped, so a
field ``from_`` is the option ``from``); a field without a default must be
given. Supported types, as MLIR's pass options have them: ``bool``
(``true``/``false``/``1``/``0``; a bare ``{flag}`` means true), ``int`` (any
Python int literal), ``float``, ``str`` (surrounding quotes are removed, so
a value may hold spaces or commas: ``pipeline="a, b"``), an ``enum.Enum`` (a
member's name), a ``Literal`` of strings or ints (one of them),
``tuple[T, ...]`` of those (comma-separated, MLIR's list options) and
``T | None`` (default None: not given). The declaration is checked when the
pass is registered, a value when the pipeline is parsed, so a bad option
stops a tool before it reads any input, naming the pass, the option and
what it accepts. Built-in passes and ``loom.register_pass`` passes declare
their options the same way.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..dialect.errors import ParseError

_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def option(default: Any = dataclasses.MISSING, *, help: str = "") -> Any:
    """A dataclass field that is a pass option with a help text (shown by ``loom-opt --list-passes``)."""
    return dataclasses.field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class NoOptions:
    """The options of a pass that takes none."""


class OptionError(ParseError):
    """A bad option of one pass; ``option`` is the option text at fault (None: a required option is missing),
    so that the pipeline parser can point at it."""

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option


class OptionSpec:
    """One option: its kebab-case name, the dataclass field, how to read a value, default and help.

    A plain class: nothing compares specs, and a dataclass is 0.5 ms of every ``import loom``
    (docs/architecture.md, "Start-up")."""

    __slots__ = ("default", "field", "help", "kind", "name", "parse")

    def __init__(self, name: str, field: str, kind: str, parse: Callable[[str], Any], default: Any, help: str):
        self.name = name
        self.field = field
        self.kind = kind
        self.parse = parse
        self.default = default
        self.help = help

    @property
    def required(self) -> bool:
        return self.default is dataclasses.MISSING

    def describe(self) -> str:
        """``limit=<int> (default 64): widest signal allowed`` for listings."""
        default = ("required" if self.required else "optional" if self.default is None else
                   f"default {_show(self.default)}")
        text = f"{self.name}=<{self.kind}> ({default})"
        return f"{text}: {self.help}" if self.help else text


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, tuple):
        return ",".join(_show(v) for v in value) or "''"  # pyright: ignore[reportUnknownVariableType]
    return str(value)


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError("expects true or false")


def _parse_int(text: str) -> int:
    try:
        return int(text, 0)
    except ValueError:
        raise ValueError("expects an integer") from None


def _parse_float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError("expects a number") from None


def _enum_parser(cls: type[enum.Enum]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if text in cls.__members__:
            return cls.__members__[text]
        raise ValueError(f"expects one of {', '.join(cls.__members__)}")

    return parse


def _literal_parser(choices: tuple[Any, ...]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        for choice in choices:
            if str(choice) == text:
                return choice
        raise ValueError(f"expects one of {', '.join(str(c) for c in choices)}")

    return parse


def _parse_str(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


_SCALARS: dict[Any, tuple[str, Callable[[str], Any]]] = {
    bool: ("bool", _parse_bool), int: ("int", _parse_int), float: ("number", _parse_float), str: ("string", _parse_str),
}


def _scalar(annotation: Any) -> tuple[str, Callable[[str], Any]] | None:
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "|".join(annotation.__members__), _enum_parser(annotation)
    if typing.get_origin(annotation) is Literal:
        choices = typing.get_args(annotation)
        if all(isinstance(c, (str, int)) for c in choices):
            return "|".join(str(c) for c in choices), _literal_parser(choices)
    return None


def _reader(annotation: Any) -> tuple[str, Callable[[str], Any]] | None:
    """(kind shown to users, text -> value) for a field's type; None if the type is not supported."""
    scalar = _scalar(annotation)
    if scalar is not None:
        return scalar
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _scalar(args[0] if args[1] is type(None) else args[1])
    if typing.get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _scalar(args[0])
        if item is not None:
            kind, parse = item
            return f"{kind},...", lambda text: tuple(parse(part.strip()) for part in text.split(",") if part.strip())
    return None


@functools.cache
def option_specs(cls: type) -> tuple[OptionSpec, ...]:
    """The options a dataclass declares, the required ones first; TypeError naming the field when one cannot
    be a pass option."""
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise TypeError(f"pass options must be a dataclass, got {cls!r}")
    try:
        hints = typing.get_type_hints(cls)
    except NameError as error:
        raise TypeError(f"cannot resolve the type of a field of {cls.__name__}: {error}") from None
    specs: list[OptionSpec] = []
    for field in dataclasses.fields(cls):
        reader = _reader(hints[field.name])
        if reader is None:
            raise TypeError(f"option field {cls.__name__}.{field.name}: type {hints[field.name]!r} is not a pass"
                            " option type (bool, int, float, str, an Enum, a Literal, tuple[T, ...] or T | None"
                            " of those)")
        default = field.default
        if default is dataclasses.MISSING and field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        specs.append(OptionSpec(field.name.rstrip("_").replace("_", "-"), field.name, reader[0], reader[1], default,
                                str(field.metadata.get("help", ""))))
    return tuple(sorted(specs, key=lambda spec: not spec.required))  # required first, as listings show them


def parse_pass_options(pass_name: str, cls: type, raw: Mapping[str, str]) -> Any:
    """``{"limit": "32"}`` -> ``cls(limit=32)``; ParseError naming the pass, the option and what it accepts."""
    specs = {spec.name: spec for spec in option_specs(cls)}
    accepted = ", ".join(specs) or "none"
    values: dict[str, Any] = {}
    for key, text in raw.items():
        spec = specs.get(key.replace("_", "-"))
        if spec is None:
            raise OptionError(f"pass '{pass_name}' has no option '{key}' (options: {accepted})", key)
        try:
            values[spec.field] = spec.parse(text)
        except ValueError as error:
            raise OptionError(f"pass '{pass_name}': option '{spec.name}' {error}, got '{text}'", key) from None
    missing = [spec.name for spec in specs.values() if spec.required and spec.field not in values]
    if missing:
        raise OptionError(f"pass '{pass_name}' needs option '{missing[0]}' ({specs[missing[0]].describe()})")
    return cls(**values)



# -- option sets several built-in passes share ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TopOptions:
    """A pass over the hierarchy below one top module."""

    top: str | None = option(None, help="the top module (default: the only module nobody instantiates)")


@dataclass(frozen=True, kw_only=True)
class PathOptions(TopOptions):
    """A pass on the instances a path pattern matches (docs/hierarchy.md)."""

    path: str = option(help="path pattern of the instances, e.g. cpu[0].**")
