"""The built-in edits (set a parameter or attribute, tie an output, expose a signal, remove an instance), and
the passes that edit the hierarchy, one file each in this package.

The edit passes apply an edit on a path pattern (options: ``path`` is the
pattern, ``top`` the top module, default the only module nobody
instantiates): ``loom-set-parameter{path name value}``,
``loom-set-attribute{path name value}``, ``loom-tie-output{path port value}``,
``loom-expose{path signal port}``, ``loom-remove-instance{path}``. The same
edits back ``loom.Design``'s methods (``design.py``). ``loom-annotate``,
``loom-dedup`` and ``loom-parameterize-constants`` are here too: they edit
the hierarchy without an ``Edit``.
"""

from __future__ import annotations

from circt import ir

from ...dialect import remarks
from ...dialect.context import location_text
from ...dialect.errors import PassFailedError
from ...dialect.ops import ModuleOp
from ..editors import ModuleEditor, fits_width
from ..edits import Edit, EditResult, apply_edit
from ..pass_options import PathOptions


def set_parameter(name: str, value: int | ir.Attribute) -> Edit:
    """Set parameter (or identity parameter) ``name`` of each matched instance to ``value``."""
    return Edit(instance=lambda inst: inst.set_parameter(name, value), tag=f"{name}_{value}")


def set_attribute(key: str, value: str) -> Edit:
    """Set generator attribute ``key`` on the module of each matched instance (a variant where needed)."""
    return Edit(module=lambda m: m.set_attribute(key, value), tag=key)


def tie_output(port: str, value: int) -> Edit:
    """Drive output ``port`` of each matched instance's module with the constant ``value`` (replaces its logic)."""

    def edit(module: ModuleEditor) -> None:
        current = module.output(port)
        if not isinstance(current.type, ir.IntegerType):
            raise PassFailedError(f"output '{port}' of '{module.origin}' is not an integer; cannot tie it",
                                  location_text(module.location))
        width = ir.IntegerType(current.type).width
        if isinstance(value, bool) or not isinstance(value, int) or not fits_width(value, width):
            raise PassFailedError(f"cannot tie {width}-bit output '{port}' of '{module.origin}' to {value!r}: the"
                                  f" value does not fit in {width} bits", location_text(module.location))
        module.set_output(port, module.constant(value, width))

    return Edit(module=edit, tag=f"{port}_{value}")


def expose(signal: str, port: str | None = None, punch: bool = True) -> Edit:
    """Add an output port (default name: the signal's) driven by a named signal of each matched instance.

    With ``punch`` (the default) the port is routed up to the top as
    ``<path>_<port>`` (``tile_3_5_dbg``), so the signal can be observed there.
    """
    return Edit(module=lambda m: m.add_output(port or signal, m.signal(signal)), tag=f"{port or signal}_out",
                punch=punch)


def remove_instance() -> Edit:
    """Remove each matched instance from its parent; readers of its outputs see zero."""
    return Edit(instance=lambda inst: inst.remove(), tag="removed")


# -- passes ----------------------------------------------------------------------------------------------


def run_edit_pass(module: ir.Operation, options: PathOptions, pass_name: str, edit: Edit) -> EditResult:
    """Apply an edit from a pass; warns at the top when the pattern matches nothing."""
    result = apply_edit(module, options.path, edit, options.top)
    if not result.matched:
        location = ir.Location.unknown()
        for op in module.regions[0].blocks[0].operations:
            if isinstance(op, ModuleOp) and (options.top is None or op.sym_name == options.top):
                location = op.location
        remarks.emit(location, f"{pass_name}: path pattern '{options.path}' matches no instance", remarks.WARNING)
    return result
