"""The rule every user-given name follows, and "did you mean" hints for misspelt ones.

A name the user gives (module, port, var, register, instance, parameter,
enum/struct/field/bundle name, ...) ends up three times in text that other
tools parse: loom's own IR (a string attribute, re-parsed by ``loom-opt``), a
pass pipeline option, and the SystemVerilog. So a name must be something all
three carry unchanged:

- ASCII letters, digits and ``_``, not starting with a digit
  (``[A-Za-z_][A-Za-z0-9_]*``): a SystemVerilog simple identifier without ``$``.
  Non-ASCII letters pass Python's ``str.isidentifier`` but are not SystemVerilog
  identifiers (ExportVerilog would rename them, e.g. ``ö`` -> ``_C3B6``).
- for names that are part of an interface (module, port, parameter, struct,
  field, enum and enum value, bundle names): not a SystemVerilog reserved
  keyword (``module``, ``type``, ``class``, ...). ExportVerilog renames a
  keyword (``type`` -> ``type_0``), so a port the user named would not exist
  under that name. Internal names (var, register, instance, memory, FSM) may be
  keywords: the renaming (``buf`` -> ``buf_0``) changes no interface, but the frontend warns
  (``KeywordNameWarning`` at the user's line, ``keyword_rename``) because the name in the
  SystemVerilog is not the one the user wrote.

Python keywords that are not SystemVerilog keywords (``in``, ``from``,
``def``, ...) are legal names: they cannot be written as ``gen.ports.in`` but
work as ``gen.ports["in"]`` and ``add_child(..., **{"in": x})``.

Names are checked once, where the user gives them (``check_name`` returns the
problem; the frontend raises it at the user's line). docs/pitfalls.md states
the rule for users.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TypeGuard

from .errors import ElaborationError, UnknownAttributeError

NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

SYSTEMVERILOG_KEYWORDS = frozenset("""
accept_on alias always always_comb always_ff always_latch and assert assign assume automatic before begin bind
bins binsof bit break buf bufif0 bufif1 byte case casex casez cell chandle checker class clocking cmos config
const constraint context continue cover covergroup coverpoint cross deassign default defparam design disable
dist do edge else end endcase endchecker endclass endclocking endconfig endfunction endgenerate endgroup
endinterface endmodule endpackage endprimitive endprogram endproperty endspecify endsequence endtable endtask
enum event eventually expect export extends extern final first_match for force foreach forever fork forkjoin
function generate genvar global highz0 highz1 if iff ifnone ignore_bins illegal_bins implements implies import
incdir include initial inout input inside instance int integer interconnect interface intersect join join_any
join_none large let liblist library local localparam logic longint macromodule matches medium modport module
nand negedge nettype new nexttime nmos nor noshowcancelled not notif0 notif1 null or output package packed
parameter pmos posedge primitive priority program property protected pull0 pull1 pulldown pullup
pulsestyle_ondetect pulsestyle_onevent pure rand randc randcase randsequence rcmos real realtime ref reg
reject_on release repeat restrict return rnmos rpmos rtran rtranif0 rtranif1 s_always s_eventually s_nexttime
s_until s_until_with scalared sequence shortint shortreal showcancelled signed small soft solve specify
specparam static string strong strong0 strong1 struct super supply0 supply1 sync_accept_on sync_reject_on
table tagged task this throughout time timeprecision timeunit tran tranif0 tranif1 tri tri0 tri1 triand trior
trireg type typedef union unique unique0 unsigned until until_with untyped use uwire var vectored virtual void
wait wait_order wand weak weak0 weak1 while wildcard wire with within wor xnor xor
""".split())
"""IEEE 1800-2017 reserved keywords (Annex B)."""


def name_problem(name: object, interface: bool = True) -> str | None:
    """Why ``name`` cannot be a hardware name, or None when it can (see the module docstring);
    ``interface=False`` for internal names, which may be SystemVerilog keywords."""
    if not isinstance(name, str):
        return f"it is a {type(name).__name__}, not a string"
    if _plain(name, interface):
        return None  # the rule, tested without the cache: 50,000 instances have 50,000 names
    return _string_problem(name, interface)


def _plain(name: object, interface: bool) -> TypeGuard[str]:
    """The rule for the names nearly every design uses: an ASCII Python identifier (not a keyword, for an
    interface name). Anything else goes to ``_string_problem`` for the verdict and the reason."""
    return (type(name) is str and name.isascii() and name.isidentifier()
            and not (interface and name in SYSTEMVERILOG_KEYWORDS))


@functools.lru_cache(maxsize=4096)
def _string_problem(name: str, interface: bool) -> str | None:
    """Memoised: a generator loop that makes 50,000 instances gives the same few names again and again."""
    if not name:
        return "it is empty"
    if NAME_PATTERN.fullmatch(name) is None:
        bad = next((c for c in name if not (c.isascii() and (c.isalnum() or c == "_"))), None)
        if bad is not None:
            return (f"{bad!r} is not allowed (names use ASCII letters, digits and '_', as SystemVerilog"
                    " identifiers do)")
        return "it starts with a digit"
    if interface and name in SYSTEMVERILOG_KEYWORDS:
        return f"'{name}' is a SystemVerilog keyword (ExportVerilog would rename it to '{name}_0')"
    return None


def keyword_rename(name: str, what: str) -> str | None:
    """The warning for an internal name that is a SystemVerilog keyword (legal, but ExportVerilog renames
    it), or None. Interface names never get here: ``name_problem`` refuses keywords for them."""
    if name not in SYSTEMVERILOG_KEYWORDS:
        return None
    return (f"{what} name '{name}' is a SystemVerilog keyword: the SystemVerilog will call it '{name}_0'"
            " (ExportVerilog renames keywords); choose another name to keep yours")


def check_name(name: object, what: str, interface: bool = True) -> str | None:
    """The full message for a bad ``what`` name (``port name 'a b' is not a valid identifier: ...``), or None."""
    problem = name_problem(name, interface)
    if problem is None:
        return None
    return f"{what} {name!r} is not a valid identifier: {problem}"


def require_name(name: object, what: str, location: object, interface: bool = True) -> str:
    """``name`` when it is valid, else an ElaborationError at ``location`` (the user's line)."""
    if _plain(name, interface):
        return name  # every port, register and instance name comes here: the common case in one call
    message = check_name(name, what, interface)
    if message is not None:
        raise ElaborationError(message, str(location))
    return name  # type: ignore[return-value]


def did_you_mean(name: str, *groups: Iterable[str]) -> str:
    """``" (did you mean 'assign'?)"`` for the closest candidate, or ``""`` when none is close (difflib).

    ``groups`` are tried in order (a struct's fields before a signal's methods).
    """
    import difflib  # a misspelt name only: kept out of `import loom` (docs/architecture.md, "Start-up")

    for candidates in groups:
        close = difflib.get_close_matches(name, [c for c in candidates if not c.startswith("_")], n=1)
        if close:
            return f" (did you mean '{close[0]}'?)"
    return ""


def unknown_attribute(what: str, name: str, candidates: Iterable[str], location: object) -> UnknownAttributeError:
    """The error for ``obj.name`` when ``obj`` (described by ``what``) has no such attribute."""
    return UnknownAttributeError(f"{what} has no attribute '{name}'{did_you_mean(name, candidates)}", str(location))
