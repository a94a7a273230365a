"""Typed pass options declared as a frozen dataclass, parsed once from the pipeline's ``{key=value}`` text.

::

    @dataclass(frozen=True)
    class MaxWidthOptions:
        limit: int = option(64, help="widest signal allowed")
        ports_only: bool = False
        skip: tuple[str, ...] = ()

    # pipeline text: max-width{limit=32 ports-only=true skip=Top,Leaf}

Each field is an option named in kebab-case (``ports_only`` ->
``ports-only``, the MLIR convention); a field without a default must be
given. Supported types, as MLIR's pass options have them: ``bool``
(``true``/``false``/``1``/``0``; a bare ``{flag}`` means true), ``int`` (any
Python int literal), ``float``, ``str``, an ``enum.Enum`` (a member's name),
a ``Literal`` of strings or ints (one of them) and ``tuple[T, ...]`` of those
(comma-separated, MLIR's list options). The declaration is checked when the
pass is registered, a value when the pipeline is parsed, so a bad option
stops a tool before it reads any input, naming the pass, the option and
what it accepts.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from dataclasses import dataclass
from typing import Any, Callable, Literal, Mapping

from ..dialect.errors import ParseError, PassFailedError

_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def option(default: Any = dataclasses.MISSING, *, help: str = "") -> Any:  # noqa: A002 -- argparse's word
    """A dataclass field that is a pass option with a help text (shown by ``loom-opt --list-passes``)."""
    return dataclasses.field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class OptionSpec:
    """One option: its kebab-case name, the dataclass field, how to read a value, default and help."""

    name: str
    field: str
    kind: str
    parse: Callable[[str], Any]
    default: Any
    help: str

    @property
    def required(self) -> bool:
        return self.default is dataclasses.MISSING

    def describe(self) -> str:
        """``limit=<int> (default 64): widest signal allowed`` for listings."""
        default = "required" if self.required else f"default {_show(self.default)}"
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


_SCALARS: dict[Any, tuple[str, Callable[[str], Any]]] = {
    bool: ("bool", _parse_bool), int: ("int", _parse_int), float: ("number", _parse_float), str: ("string", str),
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
    if typing.get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _scalar(args[0])
        if item is not None:
            kind, parse = item
            return f"{kind},...", lambda text: tuple(parse(part.strip()) for part in text.split(",") if part.strip())
    return None


def option_specs(cls: type) -> tuple[OptionSpec, ...]:
    """The options a dataclass declares; TypeError naming the field when one cannot be a pass option."""
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
                            " option type (bool, int, float, str, an Enum, a Literal or tuple[T, ...] of those)")
        default = field.default
        if default is dataclasses.MISSING and field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        specs.append(OptionSpec(field.name.replace("_", "-"), field.name, reader[0], reader[1], default,
                                str(field.metadata.get("help", ""))))
    return tuple(specs)


def parse_pass_options(pass_name: str, cls: type, raw: Mapping[str, str]) -> Any:
    """``{"limit": "32"}`` -> ``cls(limit=32)``; ParseError naming the pass, the option and what it accepts."""
    specs = {spec.name: spec for spec in option_specs(cls)}
    accepted = ", ".join(specs) or "none"
    values: dict[str, Any] = {}
    for key, text in raw.items():
        spec = specs.get(key.replace("_", "-"))
        if spec is None:
            raise ParseError(f"pass '{pass_name}' has no option '{key}' (options: {accepted})")
        try:
            values[spec.field] = spec.parse(text)
        except ValueError as error:
            raise ParseError(f"pass '{pass_name}': option '{spec.name}' {error}, got '{text}'") from None
    missing = [spec.name for spec in specs.values() if spec.required and spec.field not in values]
    if missing:
        raise ParseError(f"pass '{pass_name}' needs option '{missing[0]}' ({specs[missing[0]].describe()})")
    return cls(**values)


# -- options of passes without an options dataclass -----------------------------------------------------


def required(options: dict[str, str], pass_name: str, *names: str) -> list[str]:
    """The values of required options (quotes stripped); PassFailedError naming the missing one."""
    values = []
    for name in names:
        value = options.get(name)
        if value is None or value == "":
            raise PassFailedError(f"{pass_name}: option '{name}' is required")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values.append(value)
    return values


def integer_option(value: str, pass_name: str, option: str) -> int:
    try:
        return int(value, 0)
    except ValueError:
        raise PassFailedError(f"{pass_name}: option '{option}' must be an integer, got {value!r}") from None

