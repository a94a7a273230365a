"""``check-function-return``: return-statement bugs in hardware functions (kratos ``check_function_return``).

Hardware functions (``@function``, frontend/hwfunction.py) stay in the IR as
``loom.func`` ops until ``inline-functions``::

    "loom.func"(%result) ({
      sv.if %c { "loom.return"(%a) : (i8) -> () } else { "loom.return"(%b) : (i8) -> () }
    }) {name = "clamp"} : (!hw.inout<i8>) -> ()

The ``%result`` operand (an ``sv.logic``) is present when the function returns
a value. This pass reports, each at the op's location (the user's Python line):

- a path through a function that returns a value and ends without ``return``
  ("missing return");
- an op after a ``return``, or after an ``sv.if`` / ``sv.case`` whose every
  path returns ("unreachable code");
- a ``return`` without a value in a function that returns one, a ``return``
  with a value in a function that returns nothing, or a value whose type is
  not the result's.

A ``loom.return`` outside a ``loom.func`` is already an error of the op's
definition (``loom.dialect.statement_ops``), reported right after parsing.

It reports every problem, then fails the pipeline, as kratos's checks do.
One walk over the design finds the functions; each function's regions are
then followed path by path.
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from ..dialect.opkinds import BRANCHES, GUARDS
from ..dialect.statement_ops import FuncOp, ReturnOp
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect, idle
from .stage import preserves_ir
from .structure import report_problems

FUNC, RETURN = FuncOp.OPERATION_NAME, ReturnOp.OPERATION_NAME
_BRANCHES = BRANCHES - GUARDS


class FunctionCheck:
    """Collects (location, message) problems of one ``loom.func``."""

    def __init__(self, func: ir.Operation, problems: list[tuple[ir.Location, str]]):
        self.func = func
        self.problems = problems
        self.name = ir.StringAttr(func.attributes["name"]).value  # FuncOp's definition: name, region, inout operand
        operands = list(func.operands)
        self.result_type: ir.Type | None = None
        if operands:
            self.result_type = hw.InOutType(operands[0].type).element_type

    def run(self) -> None:
        returns = self.region_returns(self.func.regions[0])
        if self.result_type is not None and not returns:
            self.problems.append((self.func.location, f"function '{self.name}' does not return a value on every"
                                                      " path (missing return)"))

    def region_returns(self, region: ir.Region) -> bool:
        """Whether every path through ``region`` ends in a return; reports unreachable ops on the way."""
        returns = True
        for block in region.blocks:
            returns = self.block_returns(block) and returns
        return returns

    def block_returns(self, block: ir.Block) -> bool:
        returned = False
        for op in block.operations:
            operation = op.operation
            if returned:
                self.problems.append((operation.location, f"unreachable code after return in function"
                                                          f" '{self.name}'"))
                return True
            name = operation.name
            if name == RETURN:
                self.check_return(operation)
                returned = True
            elif name in _BRANCHES:
                returned = self.branch_returns(operation)
            elif name == FUNC:
                FunctionCheck(operation, self.problems).run()  # an inlined call inside this function
            elif len(operation.regions):
                for region in operation.regions:
                    self.region_returns(region)
        return returned

    def branch_returns(self, operation: ir.Operation) -> bool:
        """An ``sv.if`` returns when both branches do (a missing else falls through); ``sv.case`` when all do."""
        regions = list(operation.regions)
        results = [self.region_returns(r) if len(r.blocks) else False for r in regions]
        if operation.name == "sv.if" and (len(regions) < 2 or not len(regions[1].blocks)
                                          or not len(regions[1].blocks[0].operations)):
            return False
        return all(results)

    def check_return(self, operation: ir.Operation) -> None:
        values = list(operation.operands)
        if self.result_type is not None and not values:
            self.problems.append((operation.location, f"'return' without a value in function '{self.name}', which"
                                                      " returns a value"))
        elif self.result_type is None and values:
            self.problems.append((operation.location, f"'return' with a value in function '{self.name}', which has"
                                                      " no result"))
        elif values and (len(values) != 1 or values[0].type != self.result_type):
            self.problems.append((operation.location, f"function '{self.name}' returns {values[0].type}, but its"
                                                      f" result is {self.result_type}"))


def _enclosing_function(operation: ir.Operation) -> ir.Operation | None:
    parent = operation.parent
    while parent is not None and parent.name != FUNC:
        parent = parent.parent
    return parent


def check(root: ir.Operation) -> list[tuple[ir.Location, str]]:
    """Every return problem in the design (outermost functions; nested ones are checked by their parent)."""
    problems: list[tuple[ir.Location, str]] = []
    for operation in collect(root, (FUNC,)):
        if _enclosing_function(operation) is None:
            FunctionCheck(operation, problems).run()
    return problems


@loom_pass("check-function-return", kind=PassKind.CHECK,
           summary="Report missing returns, unreachable code after return and value-less returns in hardware functions")
@preserves_ir
def run(module: ir.Operation, options: NoOptions) -> None:
    """Report missing returns, unreachable code after return and value-less returns in hardware functions."""
    del options
    if not idle(module, "check-function-return"):
        report_problems(check(module))
