"""The loom ops of procedural code: ``loom.assign``, ``loom.func``, ``loom.return`` (docs/ir-conventions.md).

- ``"loom.assign"(%dst, %value) {kind = "undefined"}``: an assignment whose
  kind the frontend could not tell (the statement builder);
  ``fix-assignment-type`` turns it into ``sv.bpassign`` / ``sv.passign`` /
  ``sv.assign``.
- ``"loom.func"(%result) ({...}) {name = "f"}``: the inlined body of a
  hardware function; ``%result`` (an ``!hw.inout``, absent for a function
  without result) receives the return value. ``check-function-return``
  checks it, ``inline-functions`` dissolves it.
- ``"loom.return"(%value)``: a ``return`` inside a ``loom.func``.

The classes let passes find these ops with a filtered C++ walk
(``op.walk(fn, op_class=FuncOp)``): only the matching ops reach Python.
"""

from __future__ import annotations

from circt import ir
from circt.dialects._ods_common import _cext

from .ops import _LoomDialect


@_cext.register_operation(_LoomDialect)
class AssignOp(ir.OpView):
    """``loom.assign``: an assignment of undefined (or given) kind."""

    OPERATION_NAME = "loom.assign"
    _ODS_REGIONS = (0, True)


@_cext.register_operation(_LoomDialect)
class FuncOp(ir.OpView):
    """``loom.func``: an inlined hardware function body."""

    OPERATION_NAME = "loom.func"
    _ODS_REGIONS = (1, True)

    @property
    def function_name(self) -> str:
        attrs = self.operation.attributes
        return ir.StringAttr(attrs["name"]).value if "name" in attrs else "<anonymous>"


@_cext.register_operation(_LoomDialect)
class ReturnOp(ir.OpView):
    """``loom.return``: a return from a ``loom.func``."""

    OPERATION_NAME = "loom.return"
    _ODS_REGIONS = (0, True)
