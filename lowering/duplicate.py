"""Duplicate and deduplicate, as FIRRTL offers them, for users who want them.

``duplicate(root, path)`` gives the instance at one exact path its own chain
of modules from the top down (a lone copy per level), so it can be edited
as if it were unique. ``deduplicate`` (``merge.py``) merges structurally
equal modules again. No loom pass relies on duplicate-transform-deduplicate:
edits go through ``apply_edit``, which copies only what the edit changes
and merges as it goes. These exist for users who want a lone module to
hand to an external tool, and for comparing against that approach.

Passes: ``loom-duplicate{path=EXACT.PATH}``, ``loom-dedup``.
"""

from __future__ import annotations

from circt import ir

from ..dialect.errors import PassFailedError
from ..dialect.paths import PathExpr, parse_pattern
from .edits import Edit, EditResult, apply_edit
from .pass_kinds import PassKind
from .pass_options import PathOptions
from .merge import MergeReport, deduplicate
from .registry import loom_pass

__all__ = ["deduplicate", "duplicate", "run", "MergeReport"]


def _check_exact(path: str) -> None:
    node = parse_pattern(path)
    exact = isinstance(node, PathExpr) and all(
        not s.any_depth and "*" not in s.glob and "?" not in s.glob
        and all(item.high == item.low + 1 for item in s.index or ()) for s in node.segments)
    if not exact:
        raise PassFailedError(f"duplicate needs one exact instance path (names and single index values), got"
                              f" {path!r}")


def duplicate(root: ir.Operation, path: str, top: str | None = None, tag: str = "dup") -> EditResult:
    """Give the instance at ``path`` (and each module above it) a lone copy of its module."""
    _check_exact(path)
    result = apply_edit(root, path, Edit(module=lambda module: None, tag=tag, merge=False), top)
    if not result.matched:
        raise PassFailedError(f"duplicate: no instance at path {path!r}")
    return result


@loom_pass("loom-duplicate", kind=PassKind.HIERARCHY,
           summary="Give the instance at an exact path lone copies of its module and the modules above it",
           options=PathOptions)
def run(module: ir.Operation, options: PathOptions) -> None:
    """Give the instance at an exact path lone copies of its module and of every module above it."""
    duplicate(module, options.path, options.top)
