"""Several procedural blocks driving disjoint constant parts of one signal (kratos's per-index blocks).

kratos writes ``for k in range(4): self.add_always(self.set_bit, idx=k)`` with
``self.o[idx] = ~self.i[idx]`` in the block: each block is its own process and
drives its own bit. loom accepts it when it is safe: every part a block writes
is a constant bit, slice, struct field or array element, and the parts of
different blocks are disjoint. Anything else (the same bits from two blocks, a
dynamic index, a whole-signal assignment next to a part) stays a
"driven twice" error naming both lines.

The emitter lowers such a signal without relying on SystemVerilog's
longest-static-prefix rule for processes (which tools implement unevenly):
each block writes each of its parts through its own local, and the locals are
combined by continuous assignments to the parts, exactly like disjoint slices
assigned by separate module-level statements (which ``merge-wire-assignments``
then joins into one assignment).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc
from .signals import Const

if TYPE_CHECKING:
    from .statements import Block, LogicDecl, Target

PartKey = tuple[tuple[str, str] | tuple[str, int] | tuple[str, int, int], ...]
"""Where a part sits: its steps (``("field", name)``, ``("index", i)``), then ``("bits", low, width)``."""


class DrivenPart:
    """One part of a signal that one block assigns (its first assignment to that part). ``key`` is None when
    an index is not a constant (the part may be any element or bit); ``shareable``: the block may share the
    signal with other blocks (an always_comb or always_ff block). A plain class: a dataclass would be 0.4 ms
    of every ``import loom`` (docs/architecture.md, "Start-up")."""

    __slots__ = ("block", "key", "loc", "shareable", "target")

    def __init__(self, block: Block, key: PartKey | None, target: Target, loc: SourceLoc, shareable: bool):
        self.block = block
        self.key = key
        self.target = target
        self.loc = loc
        self.shareable = shareable


def part_key(target: Target) -> PartKey | None:
    """The constant position of ``target`` in its signal, or None if an index is a signal."""
    key: list = []
    for kind, step in target.steps:
        if kind == "field":
            key.append(("field", step))
        elif isinstance(step, Const):
            key.append(("index", step.value))
        else:
            return None
    if target.low is not None:
        if not isinstance(target.low, int):
            return None
        key.append(("bits", target.low, target.width or 1))
    return tuple(key)


def overlaps(first: PartKey, second: PartKey) -> bool:
    """Whether two constant parts share a bit: one contains the other, or their bit ranges meet."""
    # Lengths differ on purpose: a shorter key is a prefix (an enclosing part) of a longer one.
    for a, b in zip(first, second, strict=False):
        if a[0] == "bits" and b[0] == "bits":
            return a[1] < b[1] + b[2] and b[1] < a[1] + a[2]  # type: ignore[misc,operator]
        if a != b:
            return False
    return True


def two_blocks_message(what: str) -> str:
    return f"{what} is assigned in two blocks; a signal must be driven by one always block or continuous assignment"


def claim(decl: LogicDecl, what: str, target: Target, block: Block, loc: SourceLoc, shareable: bool) -> None:
    """Record that ``block`` assigns ``target`` of the signal stored in ``decl`` (described as ``what``;
    ``shareable``: the block is one that may share it); raise if another block already drives any of the
    same bits, or if either part is not constant."""
    key = part_key(target)
    if (id(block), key) in decl.parts:
        return
    for other in decl.parts.values():
        if other.block is block:
            continue
        first = f"first assigned at {other.loc}"
        if not (key or other.key) or not (shareable and other.shareable):
            raise ElaborationError(two_blocks_message(what), str(loc), (first,))
        if key is None or other.key is None:
            dynamic = target if key is None else other.target
            raise ElaborationError(f"{what} is assigned in two blocks, and {dynamic.describe()} has a non-constant"
                                   " index, so it may be any part; blocks may share a signal only when each assigns"
                                   " its own constant bits, slices or elements", str(loc), (first,))
        if overlaps(key, other.key):
            raise ElaborationError(f"{target.describe()} has multiple drivers: another block assigns"
                                   f" {other.target.describe()}; blocks may share a signal only when the parts they"
                                   " assign are disjoint", str(loc), (first,))
    decl.parts[(id(block), key)] = DrivenPart(block, key, target, loc, shareable)


def local_name(name: str, key: PartKey) -> str:
    """The name of the local a block writes a part through: ``o_bit3``, ``o_7_4``, ``lane_1``, ``s_r``."""
    pieces = [name]
    for entry in key:
        if len(entry) == 3:  # ("bits", low, width), the only three-item step
            _, low, width = entry
            pieces.append(f"bit{low}" if width == 1 else f"{low + width - 1}_{low}")
        else:
            pieces.append(str(entry[1]))
    return "_".join(pieces)


def split_parts(decl: LogicDecl) -> list[DrivenPart]:
    """The parts of a signal that more than one block drives, each to be written through its own local
    (none when one block drives it all). Parts of one block that overlap each other cannot each have a
    local of their own: that is refused here, at the later line."""
    parts = list(decl.parts.values())
    if len({id(p.block) for p in parts}) < 2:
        return []
    for index, part in enumerate(parts):
        for earlier in parts[:index]:
            if earlier.block is part.block and overlaps(earlier.key, part.key):  # type: ignore[arg-type]
                raise ElaborationError(f"{part.target.describe()} overlaps {earlier.target.describe()}, which the"
                                       " same block assigns, while other blocks drive other parts of the signal;"
                                       " assign each part of a shared signal as one piece", str(part.loc),
                                       (f"first assigned at {earlier.loc}",))
    return parts


__all__ = ["DrivenPart", "PartKey", "claim", "local_name", "overlaps", "part_key", "split_parts", "two_blocks_message"]
