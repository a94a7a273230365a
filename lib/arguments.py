"""Checking the Python arguments of loom.lib components, with errors at the user's line.

A component's arguments decide its hardware, so a bad one (a depth of 0, a
threshold above the depth, an LFSR width without taps) must be reported where
the user wrote it, not inside the component. loom's own frontend finds the
user's line by skipping its own files; the library does the same here with
the public ``ElaborationError`` alone: the first stack frame whose module is
not part of loom's own code is the user's.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from loom import Array, ElaborationError, Struct

Payload = int | Struct | Array
"""What a stream, FIFO or RAM carries: a plain width in bits, or a packed Struct or Array."""


_LOOM_ITSELF = ("loom.lib", "loom.frontend", "loom.dialect", "loom.lowering", "loom.tools")
"""loom's own packages: their modules (and ``loom`` itself) are never the user's code."""


def _is_loom_itself(module: str) -> bool:
    return module == "loom" or any(module == p or module.startswith(p + ".") for p in _LOOM_ITSELF)


def user_location() -> str:
    """``file:line`` of the innermost frame outside loom's own code (the library and the framework).

    ``loom.examples`` counts as user code: its generators are what a user writes.
    """
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not _is_loom_itself(module):
            return f"{frame.f_code.co_filename}:{frame.f_lineno}:1"
        frame = frame.f_back  # type: ignore[assignment]
    return "<unknown>:0:0"


def fail(message: str) -> NoReturn:
    """Raise an ``ElaborationError`` located at the user's line."""
    raise ElaborationError(message, user_location())


def check_int(component: str, name: str, value: object, low: int, high: int | None = None) -> int:
    """``value`` as an int in ``[low, high]`` (no upper bound when ``high`` is None)."""
    if not isinstance(value, int) or isinstance(value, bool):
        fail(f"{component}: '{name}' must be an int, got {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"at least {low}" if high is None else f"in [{low}, {high}]"
        fail(f"{component}: '{name}' must be {bound}, got {value}")
    return value


def check_payload(component: str, payload: object) -> Payload:
    """A payload: a positive int width, or a loom Struct or Array."""
    if isinstance(payload, (Struct, Array)):
        return payload
    check_int(component, "payload", payload, 1)
    return payload  # type: ignore[return-value]


def payload_bits(payload: Payload) -> int:
    """The number of bits of a payload."""
    return payload if isinstance(payload, int) else payload.bits


def payload_tag(payload: Payload) -> str:
    """A short identifier for a payload, used in module names (``8``, ``pixel_t``, ``4xpixel_t``)."""
    if isinstance(payload, int):
        return str(payload)
    if isinstance(payload, Struct):
        return payload.name
    element = payload.element
    return f"{payload.size}x{payload_tag(element) if isinstance(element, (int, Struct, Array)) else element}"


def bits_for(count: int) -> int:
    """Bits that number ``count`` distinct values (at least 1): 2 -> 1, 3 -> 2, 4 -> 2, 5 -> 3."""
    return max(1, (count - 1).bit_length())


def is_power_of_two(value: int) -> bool:
    return value > 0 and value & (value - 1) == 0
