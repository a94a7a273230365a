"""``loom-annotate{key value path|module}``: attach metadata to the instances a path pattern matches, or to a
module (a ``loom.annotate`` op that ``loom-export-metadata``, in ``metadata.py``, resolves)."""

from __future__ import annotations

from dataclasses import dataclass

from circt import ir

from ...dialect.annotate import annotate
from ...dialect.errors import PassFailedError
from ...dialect.symbols import SymbolIndex
from ..metadata import annotate_path
from ..pass_kinds import PassKind
from ..pass_options import TopOptions, option
from ..registry import loom_pass


@dataclass(frozen=True, kw_only=True)
class AnnotateOptions(TopOptions):
    """The options of ``loom-annotate``."""

    key: str = option(help="the metadata key")
    value: str = option(help="its value")
    path: str | None = option(None, help="path pattern of the instances to annotate (or give module=)")
    module: str | None = option(None, help="the loom.module to annotate (or give path=)")


@loom_pass("loom-annotate", kind=PassKind.HIERARCHY,
           summary="Attach metadata to the instances a path pattern matches (a loom.annotate op; no module is copied)",
           options=AnnotateOptions)
def run(module: ir.Operation, options: AnnotateOptions) -> None:
    """Attach metadata (key=value) to the instances a path pattern matches, or to a module."""
    data: dict[str, object] = {options.key: options.value}
    if (options.path is None) == (options.module is None):
        raise PassFailedError("loom-annotate: give exactly one of 'path' (a path pattern) or 'module'")
    if options.path is not None:
        annotate_path(module, options.path, data, options.top)
        return
    found = SymbolIndex(module).loom_module(options.module or "")
    if found is None:
        raise PassFailedError(f"loom-annotate: no loom.module named '{options.module}'")
    annotate(found, data)
