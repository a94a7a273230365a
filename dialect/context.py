"""Creation of MLIR contexts set up for loom IR."""

from __future__ import annotations

import io
import re

import circt
from circt import ir

from . import import_cache, threads

import_cache.install()


def new_context() -> ir.Context:
    """A context with CIRCT's dialects loaded and loom's unregistered ops allowed.

    loom ops are unregistered (the wheel has no IRDL), so the context must
    accept unknown ops; they print in generic form.
    """
    context = ir.Context()
    circt.register_dialects(context)
    context.allow_unregistered_dialects = True
    threads.configure_context(context)
    return context


_FILE_LINE_COL = re.compile(r'"([^"]*)":(\d+):(\d+)')


def location_text(location: ir.Location) -> str:
    """Render a location as ``file:line:col`` for diagnostics, or ``<unknown>``.

    Call-site and fused locations render as their first file location, which is
    the user's line for everything the frontend builds.
    """
    match = _FILE_LINE_COL.search(str(location))
    if match is None:
        return "<unknown>"
    return f"{match.group(1)}:{match.group(2)}:{match.group(3)}"


def module_bytes(module: ir.Module) -> bytes:
    """``module`` as MLIR bytecode, to copy it into another context with ``parse_module_bytes``.

    Bytecode, not text: MLIR prints a region holding one empty block as ``{}``,
    which parses back as a region without a block, so an ``sv.case`` default of a
    ``match`` without ``case _`` would no longer verify after a text round trip.
    """
    buffer = io.BytesIO()
    with module.context:
        module.operation.write_bytecode(buffer)
    return buffer.getvalue()


def parse_module_bytes(data: bytes, context: ir.Context | None = None) -> ir.Module:
    """A module written by ``module_bytes``, parsed into ``context`` (default: a new loom context)."""
    return ir.Module.parse(data, context or new_context())
