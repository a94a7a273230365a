"""How many threads MLIR may use: kratos's ``set_num_cpus``.

MLIR parallelises per-module work itself: a nested pass pipeline such as
``hw.module(prettify-verilog)`` (and ``canonicalize``/``cse`` on each
isolated-from-above ``hw.module``) runs one module per thread, and split
ExportVerilog emits modules in parallel. Python passes (loom passes, user
passes) run on the calling thread: the GIL forbids more, as the kratos
reference notes for its Python passes.

The number of threads is a property of each ``ir.Context``; ``new_context``
calls ``configure_context`` so every context loom creates follows the
setting. The default is half of the CPUs this process may run on (at least
one), like kratos, so a compile does not starve other jobs. With one thread
multithreading is simply disabled; otherwise the context gets an
``ir.ThreadPool`` of that size. The bindings only build pools of "default
concurrency", which LLVM computes from the process's CPU affinity mask, so
the pool is created while the mask is narrowed to ``n`` CPUs and the mask is
restored right after (LLVM fixes a pool's size when it is built).
"""

from __future__ import annotations

import os
import threading

from circt import ir

from .errors import UsageError

_lock = threading.Lock()
_pools: dict[int, ir.ThreadPool] = {}  # kept alive for the whole process: contexts point at them
_num_cpus: int | None = None


def _after_fork_in_child() -> None:
    """Threads do not survive a fork: the pools made here and LLVM's global executor (``llvm::parallel``,
    which CIRCT passes such as lower-seq-to-sv use) belong to the parent, and work handed to them in a
    forked child (the fuzzers run loom in such children) would wait forever. The child runs MLIR on one thread."""
    global _lock, _num_cpus
    _lock, _num_cpus = threading.Lock(), 1


os.register_at_fork(after_in_child=_after_fork_in_child)


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def default_num_cpus() -> int:
    """Half the available CPUs, at least one (kratos's default)."""
    return max(1, available_cpus() // 2)


def set_num_cpus(num: int) -> None:
    """Use at most ``num`` threads for MLIR/CIRCT passes in contexts created from now on.

    ``num`` <= 0 restores the default (half the CPUs).
    """
    global _num_cpus
    if not isinstance(num, int) or isinstance(num, bool):
        raise UsageError(f"set_num_cpus() expects an int, got {num!r}")
    _num_cpus = None if num <= 0 else min(num, available_cpus())


def get_num_cpus() -> int:
    """The number of threads new contexts will use."""
    return _num_cpus if _num_cpus is not None else default_num_cpus()


def _pool(num: int) -> ir.ThreadPool:
    with _lock:
        pool = _pools.get(num)
        if pool is not None:
            return pool
        mask = os.sched_getaffinity(0)
        os.sched_setaffinity(0, sorted(mask)[:num])
        try:
            pool = _pools[num] = ir.ThreadPool()
        finally:
            os.sched_setaffinity(0, mask)
        return pool


def configure_context(context: ir.Context) -> None:
    """Apply the thread setting to ``context``."""
    num = get_num_cpus()
    if num <= 1 or not hasattr(os, "sched_setaffinity"):
        context.enable_multithreading(num > 1)
        return
    context.set_thread_pool(_pool(num))
    context.enable_multithreading(True)
