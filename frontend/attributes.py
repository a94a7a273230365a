"""Attributes users hang on generators, ports and signals (kratos ``add_attribute``), as string pairs.

kratos code passes them three ways: ``add_attribute("pipeline", "2")`` (loom's form), one ``"key=value"``
string, or an attribute object with ``type_str`` and ``value_str`` (a subclass of ``kratos.Attribute``).
All become one ``key -> value`` pair of strings, because that is what the IR can carry (a dictionary
attribute) and what the metadata JSON and user passes read back.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc


def attribute_pair(attribute: object, value: object, loc: SourceLoc) -> tuple[str, str]:
    """``(key, value)`` for one ``add_attribute`` call; an ElaborationError at ``loc`` for anything else."""
    if not isinstance(attribute, str) and hasattr(attribute, "type_str"):
        attribute, value = attribute.type_str, getattr(attribute, "value_str", value)
    if isinstance(attribute, str) and value == "" and "=" in attribute:
        attribute, value = attribute.split("=", 1)
    if not isinstance(attribute, str) or not attribute:
        raise ElaborationError(f"attribute type must be a non-empty string, got {attribute!r}", str(loc))
    if not isinstance(value, str):
        raise ElaborationError(f"value of attribute '{attribute}' must be a string, got {value!r}"
                               f" (use str(...))", str(loc))
    return attribute, value


def attribute_entry(attributes: Mapping[str, str]) -> str:
    """``user_attributes = {"k" = "v", ...}``: the IR entry that carries a signal's or module's attributes."""
    return "user_attributes = {" + ", ".join(f"{string_literal(k)} = {string_literal(v)}"
                                              for k, v in attributes.items()) + "}"


def string_literal(text: str) -> str:
    """An MLIR string literal (also a valid dictionary key) for any Python string."""
    escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\{ord(c):02X}" for c in text)
    return f'"{escaped}"'
