"""``loom-annotate{key value path|module}``: attach metadata to the instances a path pattern matches, or to a
module (a ``loom.annotate`` op that ``loom-export-metadata``, in ``metadata.py``, resolves)."""

from __future__ import annotations

from circt import ir

from ...dialect.annotate import annotate
from ...dialect.errors import PassFailedError
from ...dialect.symbols import SymbolIndex
from ..metadata import annotate_path
from ..pass_kinds import PassKind
from ..pass_options import required
from ..registry import loom_pass


@loom_pass("loom-annotate", kind=PassKind.HIERARCHY,
           summary="Attach metadata to the instances a path pattern matches (a loom.annotate op; no module is copied)",
           options=("path", "module", "key", "value", "top"))
def run(module: ir.Operation, options: dict[str, str]) -> None:
    """Attach metadata (key=value) to the instances a path pattern matches, or to a module."""
    key, value = required(options, "loom-annotate", "key", "value")
    path, target_module = options.get("path"), options.get("module")
    if (path is None) == (target_module is None):
        raise PassFailedError("loom-annotate: give exactly one of 'path' (a path pattern) or 'module'")
    if path is not None:
        annotate_path(module, required(options, "loom-annotate", "path")[0], {key: value}, options.get("top"))
        return
    found = SymbolIndex(module).loom_module(target_module or "")
    if found is None:
        raise PassFailedError(f"loom-annotate: no loom.module named '{target_module}'")
    annotate(found, {key: value})
