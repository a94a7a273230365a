"""``Lfsr``: a maximal-length linear-feedback shift register, taps from a table."""

from __future__ import annotations

from loom import Generator, concat

from .arguments import check_int, fail

TAPS: dict[int, tuple[int, ...]] = {
    2: (2, 1), 3: (3, 2), 4: (4, 3), 5: (5, 3), 6: (6, 5), 7: (7, 6), 8: (8, 6, 5, 4), 9: (9, 5),
    10: (10, 7), 11: (11, 9), 12: (12, 6, 4, 1), 13: (13, 4, 3, 1), 14: (14, 5, 3, 1), 15: (15, 14),
    16: (16, 15, 13, 4), 17: (17, 14), 18: (18, 11), 19: (19, 6, 2, 1), 20: (20, 17), 21: (21, 19),
    22: (22, 21), 23: (23, 18), 24: (24, 23, 22, 17), 25: (25, 22), 26: (26, 6, 2, 1), 27: (27, 5, 2, 1),
    28: (28, 25), 29: (29, 27), 30: (30, 6, 4, 1), 31: (31, 28), 32: (32, 22, 2, 1),
}
"""Width -> tap positions (1 = least significant bit) that give the maximal period ``2**width - 1``.

With taps t1..tk the new bit is the XOR of state bits t1 - 1, ..., tk - 1, so
the bit sequence obeys ``a[k] = a[k - t1] ^ ... ^ a[k - tk]``; its characteristic
polynomial ``x**w + x**(w - t1) + ... + 1`` is primitive for every entry
(test/lib checks this by computing the multiplicative order of x).
"""


class Lfsr(Generator):
    """A Fibonacci LFSR that steps through all ``2**width - 1`` non-zero states.

    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``, ``rst``   in    1           clock, synchronous active-high reset (to ``seed``)
    ``en``             in    1           step at this edge
    ``state``          out   width       the register; its bit 0 is the newest bit
    =================  ====  ==========  ==============================================

    Each step shifts the state left by one and puts the XOR of the tap bits
    (``TAPS[width]``) into bit 0. Timing: one step per enabled cycle; the
    period is ``2**width - 1`` (the all-zero state is never reached).

    Arguments: ``width`` (a key of ``TAPS``: 2 to 32), ``seed`` (the non-zero reset state, default 1).
    """

    def __init__(self, width: int = 16, seed: int = 1, is_clone: bool = False):
        if width not in TAPS or isinstance(width, bool):
            fail(f"Lfsr: no taps for width {width!r}; widths with maximal-length taps: {min(TAPS)} to {max(TAPS)}")
        check_int("Lfsr", "seed", seed, 1, (1 << width) - 1)
        super().__init__(f"Lfsr{width}" + (f"_seed{seed:x}" if seed != 1 else ""), is_clone=is_clone)
        self.clock()
        self.reset()
        en = self.input("en")
        state = self.reg("value", width, reset_value=seed, enable=en)
        taps = TAPS[width]
        feedback = state[taps[0] - 1]
        for tap in taps[1:]:
            feedback = feedback ^ state[tap - 1]
        state.assign(concat(state[width - 2:0], feedback))
        self.output("state", width).assign(state)
