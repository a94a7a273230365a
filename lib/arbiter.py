"""Arbiters: fixed-priority and round-robin, with an optional lock that holds a grant."""

from __future__ import annotations

from loom import Generator, Signal, mux

from .arguments import bits_for, check_int, fail
from .coding import lowest_one, onehot_index

_PORTS = """
    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``, ``rst``   in    1           clock, synchronous active-high reset{clock_note}
    ``req``            in    n           request lines
    ``lock``           in    1           (lock=True) keep the current grant next cycle
    ``grant``          out   n           one-hot: the requester served this cycle, 0 if none
    ``grant_index``    out   bits(n)     its number (0 when none)
    ``grant_valid``    out   1           some requester is granted
    =================  ====  ==========  ==============================================

    ``grant`` depends combinationally on ``req`` (latency 0): a request is
    granted in the cycle it is raised. At most one bit of ``grant`` is set, and
    only for a requester whose ``req`` bit is set.

    With ``lock=True``, raising ``lock`` in a cycle with a grant holds it: the
    same requester is granted in the next cycles (if it still requests; no one
    else is) until a cycle where ``lock`` is low or that requester stops
    requesting. Use it for a transfer of several beats.
"""


def _check(component: str, n: int, lock: bool) -> None:
    check_int(component, "n", n, 2)
    if not isinstance(lock, bool):
        fail(f"{component}: 'lock' must be True or False, got {lock!r}")


def _finish(gen: Generator, n: int, req: Signal, fresh: Signal, lock: bool) -> Signal:
    """Apply the lock (if any) to the ``fresh`` arbitration and drive the grant outputs; returns the grant."""
    grant = gen.var("granted", n)
    if lock:
        hold = gen.input("lock")
        locked = gen.reg("locked")
        owner = gen.reg("owner", n)
        grant.assign(mux(locked, owner & req, fresh))
        locked.assign(hold & grant.r_or())
        owner.assign(grant)
    else:
        grant.assign(fresh)
    gen.output("grant", n).assign(grant)
    gen.output("grant_index", bits_for(n)).assign(onehot_index(grant, n))
    gen.output("grant_valid").assign(grant.r_or())
    return grant


class FixedPriorityArbiter(Generator):
    __doc__ = """Grants the lowest-numbered requester: requester 0 always wins.
""" + _PORTS.format(clock_note="; only with lock=True") + """
    Arguments: ``n`` (at least 2), ``lock``. Without the lock the arbiter is
    purely combinational and has no clock or reset.
    """

    def __init__(self, n: int = 4, lock: bool = False, is_clone: bool = False):
        _check("FixedPriorityArbiter", n, lock)
        super().__init__(f"FixedPriorityArbiter{n}{'_lock' if lock else ''}", is_clone=is_clone)
        if lock:
            self.clock()
            self.reset()
        req = self.input("req", n)
        _finish(self, n, req, lowest_one(req), lock)


class RoundRobinArbiter(Generator):
    __doc__ = """Grants requesters in turn: after requester i is served, i + 1, i + 2, ... (wrapping) come first.
""" + _PORTS.format(clock_note="") + """
    After reset requester 0 has the highest priority. Fairness: a requester
    that keeps ``req`` high is granted within n cycles (with no lock held).

    Implementation: a mask register keeps the requesters above the last one
    granted; the lowest masked request wins, or the lowest request of all when
    no masked one is raised (no n-way rotation, no per-start search).

    Arguments: ``n`` (at least 2), ``lock``.
    """

    def __init__(self, n: int = 4, lock: bool = False, is_clone: bool = False):
        _check("RoundRobinArbiter", n, lock)
        super().__init__(f"RoundRobinArbiter{n}{'_lock' if lock else ''}", is_clone=is_clone)
        self.clock()
        self.reset()
        req = self.input("req", n)
        mask = self.reg("mask", n, reset_value=(1 << n) - 1)
        masked = self.var("masked", n)
        masked.assign(req & mask)
        fresh = mux(masked.r_or(), lowest_one(masked), lowest_one(req))
        grant = _finish(self, n, req, fresh, lock)
        # Requesters strictly above the one granted: ~(grant | (grant - 1)).
        mask.assign(mux(grant.r_or(), ~(grant | (grant - 1)), mask))
