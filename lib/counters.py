"""Counters and timers."""

from __future__ import annotations

from loom import Generator, mux

from .arguments import check_int


class Counter(Generator):
    """Counts enabled cycles from 0 up to ``maximum``, then wraps to 0.

    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``, ``rst``   in    1           clock, synchronous active-high reset (count 0)
    ``en``             in    1           count this cycle
    ``clear``          in    1           back to 0 at this edge (wins over ``en``)
    ``count``          out   width       the count (a register)
    ``wrap``           out   1           ``en`` while ``count == maximum``: it wraps at this edge
    =================  ====  ==========  ==============================================

    Timing: ``count`` changes at the edge after the cycle ``en`` or ``clear`` is
    seen; ``wrap`` is combinational from ``en`` (use it to enable a next
    counter: chained counters count as one wider counter).

    Arguments: ``width`` (at least 1), ``maximum`` (default ``2**width - 1``).
    """

    def __init__(self, width: int = 8, maximum: int | None = None, is_clone: bool = False):
        check_int("Counter", "width", width, 1)
        top = (1 << width) - 1
        maximum = top if maximum is None else check_int("Counter", "maximum", maximum, 1, top)
        super().__init__(f"Counter{width}" + (f"_max{maximum}" if maximum != top else ""), is_clone=is_clone)
        self.clock()
        self.reset()
        en, clear = self.input("en"), self.input("clear")
        count = self.reg("value", width)
        at_max = self.var("at_max")
        at_max.assign(count == maximum)
        step = count + 1 if maximum == top else mux(at_max, 0, count + 1)
        count.assign(mux(clear, 0, mux(en, step, count)))
        self.output("count", width).assign(count)
        self.output("wrap").assign(en & at_max)


class Timer(Generator):
    """A one-shot down-counter: ``expired`` pulses ``duration`` cycles after ``start``.

    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``, ``rst``   in    1           clock, synchronous active-high reset (idle)
    ``start``          in    1           (re)load ``duration`` at this edge
    ``duration``       in    width       cycles until ``expired``; 0 never expires
    ``busy``           out   1           counting (a register comparison)
    ``expired``        out   1           high for one cycle, ``duration`` cycles after the start cycle
    =================  ====  ==========  ==============================================

    Timing: with ``start`` high in cycle s, ``busy`` is high in cycles s + 1 ..
    s + duration and ``expired`` in cycle s + duration. ``start`` while busy
    restarts the count.

    Arguments: ``width`` (at least 1).
    """

    def __init__(self, width: int = 8, is_clone: bool = False):
        check_int("Timer", "width", width, 1)
        super().__init__(f"Timer{width}", is_clone=is_clone)
        self.clock()
        self.reset()
        start, duration = self.input("start"), self.input("duration", width)
        remaining = self.reg("remaining", width)
        busy = self.var("counting")
        busy.assign(remaining.r_or())
        remaining.assign(mux(start, duration, mux(busy, remaining - 1, remaining)))
        self.output("busy").assign(busy)
        self.output("expired").assign(remaining == 1)
