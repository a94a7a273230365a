"""``realize-fsm``: realize finite state machines into more basic primitives (kratos ``realize_fsm``).

The realization is ``fsm_realization.py``; this module registers the pass, which every lowering runs, and
imports it only when the design has a ``loom.fsm`` op: most designs have none, and the realization's
classes would be a millisecond of every first build (docs/architecture.md, "Start-up").
"""

from __future__ import annotations

from circt import ir

from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import idle


@loom_pass("realize-fsm", kind=PassKind.MODULE,
           summary="Realize finite state machine into more basic primitives (state register, always_ff,"
                   " always_comb case)")
def run(module: ir.Operation, options: NoOptions) -> bool:
    """Realize finite state machine into more basic primitives (state register, always_ff, always_comb case).
    Returns False when the design has no FSM (the IR is untouched: analyses of it stay valid)."""
    del options
    if idle(module, "realize-fsm"):
        return False
    from .fsm_realization import realize_all  # a design with an FSM only (see above)

    return realize_all(module)
