"""Keep ``loom-opt`` alive when CIRCT would crash while verifying the parsed input.

MLIR verifies what it parses, and the verifiers of ``sv.localparam`` and
``hw.param.value`` dereference their enclosing ``hw.module`` without checking
that there is one (CIRCT 1.162): such an op at the top level or inside a
``loom.module`` crashes the whole process (SIGSEGV) before loom sees the IR.
The IR fuzzer found it (a line swap moved an ``sv.localparam`` out of its module).

Deciding from the text alone whether every such op sits in an ``hw.module``
would mean parsing MLIR by hand, so when the text names one of these ops at
all, it is parsed once in a forked child first. A child that dies by a signal
becomes an error naming the ops and the first place one occurs; otherwise the
real parse follows. Inputs without these ops (nearly all) pay nothing; those
with them pay one extra parse.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable

from circt import ir

from ..dialect.context import new_context

Parse = Callable[[str, str, ir.Context], object]

CRASHING_OPS = ("sv.localparam", "hw.param.value")
"""Ops whose C++ verifier crashes outside an ``hw.module``."""

_OP_TOKEN = re.compile(r'(?<![\w.#"])"?(' + "|".join(re.escape(name) for name in CRASHING_OPS) + r')\b')


_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|(//.*)')
"""A string literal (skipped whole) or a ``//`` comment (group 1)."""


def first_crashing_op(text: str) -> tuple[int, int, str] | None:
    """``(line, column)`` and name of the first op in the text (not in a comment) whose verifier may crash."""
    for number, line in enumerate(text.splitlines(), start=1):
        comment = next((m.start(1) for m in _COMMENT.finditer(line) if m.group(1)), len(line))
        match = _OP_TOKEN.search(line, 0, comment)
        if match is not None:
            return number, match.start() + 1, match.group(1)
    return None


def _parse_crashes(text: str, filename: str, parse: Parse) -> bool:
    """Whether ``parse(text, filename, context)`` kills the process (tried in a forked child)."""
    pid = os.fork()
    if pid == 0:  # the child: parse, then leave without running any of the parent's clean-up
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # LLVM's crash report is not the user's to read
        try:
            parse(text, filename, new_context())
        except BaseException:  # an ordinary parse error is the parent's to report
            pass
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) != signal.SIGINT


def crash_error(text: str, filename: str, parse: Parse) -> tuple[str, str] | None:
    """``(file:line:col, message)`` when parsing ``text`` would crash CIRCT's verifier, else None."""
    found = first_crashing_op(text)
    if found is None or not _parse_crashes(text, filename, parse):
        return None
    line, column, op = found
    return f"{filename}:{line}:{column}", (
        f"'{op}' outside an 'hw.module' crashes CIRCT's verifier ({' and '.join(CRASHING_OPS)} are only valid"
        " inside an hw.module; loom bodies use loom.localparam and loom.param_value); this is the first of them"
        " in the file")
