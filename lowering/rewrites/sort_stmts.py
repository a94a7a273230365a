"""``sort-stmts``: order a module's statements by kind (off by default, as in kratos).

kratos reorders a generator's top-level statements into: assignments, module
instantiations, latches, combinational blocks, sequential blocks. loom does
the same on a module body, keeping the order within each kind (a stable
sort), with declarations and pure expressions first and the statements kratos
has no kind for (``initial`` blocks, assertions, ifdefs) last:

0. variable declarations (``sv.logic``/``sv.reg``/``sv.wire``) and pure expressions;
1. continuous assignments: ``sv.assign``, ``hw.wire`` (a structural var);
2. instances: ``loom.instance``, ``hw.instance``;
3. combinational blocks: ``sv.alwayscomb``, ``sv.always`` without a clock edge;
4. sequential logic: ``sv.alwaysff``, ``sv.always`` on an edge, ``seq.firreg``/``seq.compreg``;
5. everything else; the terminator stays last.

Module bodies are graph regions (a value may be used before its definition),
so reordering never breaks the IR. ExportVerilog writes statements in body
order, which is what makes the sorting visible in the SystemVerilog.
A single walk over each module body (no pattern fits a reordering).
"""

from __future__ import annotations

from circt import ir

from ...dialect.opkinds import INSTANCES, MODULE_OUTPUTS, VARIABLES
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import CONTINUOUS_ASSIGN, is_clocked, is_pure, module_bodies

_RANKS = {
    CONTINUOUS_ASSIGN: 1, "hw.wire": 1,
    **dict.fromkeys(INSTANCES, 2),
    "sv.alwayscomb": 3,
    "sv.alwaysff": 4, "seq.firreg": 4, "seq.compreg": 4,
}


def _rank(op: ir.Operation) -> int:
    name = op.name
    if name in VARIABLES or (is_pure(op) and name != "hw.wire"):
        return 0
    if name == "sv.always":
        return 4 if is_clocked(op) else 3
    return _RANKS.get(name, 5)


@loom_pass("sort-stmts", kind=PassKind.MODULE,
           summary="Order module statements: assignments, instances, combinational, then sequential logic")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Order module statements: assignments, instances, combinational, then sequential logic."""
    del options
    with module.context:
        for _, body in module_bodies(module):
            ops = [op.operation for op in body.operations]
            if not ops or ops[-1].name not in MODULE_OUTPUTS:
                continue
            terminator = ops.pop()
            ranked = sorted(enumerate(ops), key=lambda item: (_rank(item[1]), item[0]))
            if [index for index, _ in ranked] == list(range(len(ops))):
                continue
            for _, op in ranked:
                op.move_before(terminator)
