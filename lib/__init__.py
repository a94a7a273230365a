"""loom.lib: the standard components every design needs, built with loom (docs/lib.md).

Every component is a ``Generator`` whose arguments are named and hashable, so
``Component.create(**arguments)`` shares one definition between all uses with
the same arguments. Each class docstring has the port table and the timing.
"""

from .arbiter import FixedPriorityArbiter, RoundRobinArbiter
from .async_fifo import AsyncFifo
from .cdc import Handshake, PulseSynchronizer, Synchronizer
from .coding import BinaryToOneHot, OneHotToBinary, PriorityEncoder
from .counters import Counter, Timer
from .lfsr import TAPS as LFSR_TAPS
from .lfsr import Lfsr
from .ram import SimpleDualPortRam, SinglePortRam
from .skid import SkidBuffer
from .stream import Stream, buffer, connect, fire, payload_of, register
from .sync_fifo import SyncFifo

__all__ = [
    "AsyncFifo", "Handshake", "PulseSynchronizer", "Synchronizer", "BinaryToOneHot", "Counter", "FixedPriorityArbiter",
    "LFSR_TAPS", "Lfsr", "OneHotToBinary", "PriorityEncoder",
    "RoundRobinArbiter", "SimpleDualPortRam", "SinglePortRam", "SkidBuffer", "Stream", "SyncFifo", "Timer",
    "buffer", "connect", "fire", "payload_of", "register",
]
