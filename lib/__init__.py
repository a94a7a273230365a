"""loom.lib: the standard components every design needs, built with loom (docs/lib.md).

Every component is a ``Generator`` whose arguments are named and hashable, so
``Component.create(**arguments)`` shares one definition between all uses with
the same arguments. Each class docstring has the port table and the timing.
"""

from .skid import SkidBuffer
from .stream import Stream, buffer, connect, fire, payload_of, register
from .sync_fifo import SyncFifo

__all__ = [
    "SkidBuffer", "Stream", "SyncFifo", "buffer", "connect", "fire", "payload_of", "register",
]
