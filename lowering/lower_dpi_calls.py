"""``lower-dpi-calls``: ``loom.dpi_call`` -> a DPI-C import and ``sv.func.call.procedural``.

A DPI-C function is a top-level symbol (``sv.func`` declared, ``sv.func.dpi.import``
exporting the ``import "DPI-C"`` line), and a call names it by symbol. Symbols
do not resolve inside an unregistered ``loom.module`` body (docs/platform.md), so
the frontend writes ``loom.dpi_call`` with the callee as a string; this pass runs
once the bodies are ``hw.module``s (first in the ``cleanup`` pipeline), declares
each called function once, and replaces every call. All calls of one function
must agree on its signature: two generators declaring the same C name with
different widths is an error at the second call, since one C function cannot
have both.
"""

from __future__ import annotations

from circt import ir

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect, idle
from .stage import needs_lowered_ir

Signature = tuple[tuple[tuple[str, ir.Type], ...], ir.Type]


def _signature(call: ir.Operation) -> Signature:
    names = [ir.StringAttr(n).value for n in ir.ArrayAttr(call.attributes["arg_names"])]
    return tuple(zip(names, (o.type for o in call.operands), strict=True)), call.results[0].type


def _declare(module: ir.Operation, name: str, signature: Signature, loc: ir.Location) -> None:
    """``sv.func private @name(...)`` returning its result, and its DPI-C import, at the top of ``module``;
    both are located at the first call (the declaration has no Python line of its own in the IR)."""
    args, result = signature
    ports = ", ".join([f"in %{arg} : {type_} {loc}" for arg, type_ in args]
                      + [f"out result : {result} {{sv.func.explicitly_returned}} {loc}"])
    text = f"sv.func private @{name}({ports}) {loc}\nsv.func.dpi.import @{name} {loc}\n"
    parsed = ir.Module.parse(text)
    block = module.regions[0].blocks[0]
    first = block.operations[0] if len(block.operations) else None
    for op in list(parsed.body.operations):
        op = op.operation
        op.detach_from_parent()
        if first is None:
            ir.InsertionPoint(block).insert(op)
        else:
            ir.InsertionPoint(first).insert(op)


def _top_symbols(module: ir.Operation) -> set[str]:
    return {ir.StringAttr(op.attributes["sym_name"]).value for op in module.regions[0].blocks[0].operations
            if "sym_name" in op.attributes}


def _types(signature: Signature) -> list[str]:
    return [str(type_) for _, type_ in signature[0]] + [str(signature[1])]


@loom_pass("lower-dpi-calls", kind=PassKind.DESIGN,
           summary="Turn loom.dpi_call into DPI-C imports and sv.func.call.procedural (after lower-loom-to-hw)")
@needs_lowered_ir
def run(module: ir.Operation, options: NoOptions) -> bool:
    """Declare each called DPI-C function once and replace its calls; False when there is no call."""
    del options
    if idle(module, "lower-dpi-calls"):
        return False
    calls = collect(module, ("loom.dpi_call",))
    if not calls:
        return False
    declared: dict[str, Signature] = {}
    for call in calls:
        name = ir.StringAttr(call.attributes["callee"]).value
        signature = _signature(call)
        known = declared.get(name)
        if known is None:
            if name in _top_symbols(module):
                raise PassFailedError(f"DPI-C function '{name}' has the name of a module of the design; rename one",
                                      location_text(call.location))
            declared[name] = signature
            _declare(module, name, signature, call.location)
        elif _types(known) != _types(signature):
            raise PassFailedError(f"DPI-C function '{name}' is called with two different signatures; one C"
                                  " function has one signature", location_text(call.location))
        replacement = ir.Operation.create("sv.func.call.procedural", results=[signature[1]],
                                          operands=list(call.operands),
                                          attributes={"callee": ir.FlatSymbolRefAttr.get(name)},
                                          loc=call.location, ip=ir.InsertionPoint(call))
        call.results[0].replace_all_uses_with(replacement.results[0])
        call.erase()
    return True
