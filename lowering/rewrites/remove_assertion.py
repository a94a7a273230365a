"""``remove-assertion``: remove assertion statements and the logic that only feeds them.

kratos removes its assert statements (at the top level and inside blocks) and
then the blocks left empty. loom removes the assertion statements of
SystemVerilog (IEEE 1800 section 16: ``assert``, ``assume`` and ``cover``,
immediate and concurrent, as ``sv.*`` or ``verif.*`` ops) and, as the
reference asks, "transforms the logic design when necessary to keep the IR
succinct": everything that existed only to be checked goes too --

- pure expressions, wires (``hw.wire``) and registers (``seq.firreg``,
  ``seq.compreg``, including a history register that feeds itself) whose
  every reader is removed;
- procedural variables (``sv.logic``/``sv.reg``) that only assertions read,
  with every assignment to them;
- the ``if``/``case``/always blocks that held nothing but removed statements.

Logic that also drives anything else (an output, an instance, a kept
variable, a statement) stays. A single walk finds the assertions (MLIR's walk
driver, Python sees only them); the analysis then looks only at their
backward cone: assume everything in it is dead and drop, to a fixpoint,
whatever has a live reader (a greatest fixpoint, so that a register cycle
that only assertions observe is removed too).
"""

from __future__ import annotations

from circt import ir

from ...dialect.opkinds import ASSERTIONS, ASSIGNS, REGISTERS, VARIABLES, WIRES
from ..pass_kinds import PassKind
from ..pass_options import NoOptions
from ..registry import loom_pass
from .common import collect, defining_op, erase_dead_pure_ops, erase_ops, is_pure
from .remove_unused_stmts import run as remove_unused_stmts


class _Cone:
    """The backward cone of the assertions and which of it only they use."""

    def __init__(self, assertions: list[ir.Operation]):
        self.assertions = assertions
        self.ops: list[ir.Operation] = []
        self._seen: set[int] = set()
        self.writes: dict[int, list[ir.Operation]] = {}
        for assertion in assertions:
            self._visit_operands(assertion)

    @staticmethod
    def _key(op: ir.Operation) -> int:
        return hash(op)

    def _visit_operands(self, op: ir.Operation) -> None:
        stack = [value for value in op.operands]
        while stack:
            producer = defining_op(stack.pop())
            if producer is None or self._key(producer) in self._seen:
                continue
            if not (is_pure(producer) or producer.name in REGISTERS or producer.name in WIRES or producer.name in VARIABLES):
                continue
            self._seen.add(self._key(producer))
            self.ops.append(producer)
            stack.extend(producer.operands)
            if producer.name in VARIABLES:
                writes = [use.owner.operation for use in producer.results[0].uses
                          if use.owner.operation.name in ASSIGNS and use.operand_number == 0]
                self.writes[self._key(producer)] = writes
                for write in writes:
                    stack.append(write.operands[1])

    def dead(self) -> list[ir.Operation]:
        """The cone ops nothing but the assertions (and other dead ops) reads."""
        dead = {self._key(op) for op in self.ops}
        removed = {self._key(op) for op in self.assertions}
        changed = True
        while changed:
            changed = False
            for op in self.ops:
                key = self._key(op)
                if key in dead and not self._only_dead_readers(op, dead, removed):
                    dead.discard(key)
                    changed = True
        return [op for op in self.ops if self._key(op) in dead]

    def _only_dead_readers(self, op: ir.Operation, dead: set[int], removed: set[int]) -> bool:
        for result in op.results:
            for use in result.uses:
                user = use.owner.operation
                key = self._key(user)
                if key in dead or key in removed:
                    continue
                if user.name in ASSIGNS:
                    target = defining_op(user.operands[0])
                    if target is not None and self._key(target) in dead:
                        continue  # a write to a var that goes (or this var's own write)
                return False
        return True


@loom_pass("remove-assertion", kind=PassKind.MODULE,
           summary="Remove assert/assume/cover statements and the logic that only feeds them")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Remove assert/assume/cover statements and the logic that only feeds them."""
    del options
    with module.context:
        assertions = collect(module, sorted(ASSERTIONS))
        if not assertions:
            return
        # Unused reads (the frontend may leave some) would count as readers that keep a variable.
        erase_dead_pure_ops(module)
        cone = _Cone(assertions)
        dead = cone.dead()
        for assertion in assertions:
            assertion.erase()
        for op in dead:
            for write in cone.writes.get(hash(op), []):
                write.erase()
        erase_ops(dead)
        # As kratos does after removing assertions: drop the statements left empty, then the
        # conditions that only guarded them.
        remove_unused_stmts(module, NoOptions())
        erase_dead_pure_ops(module)
