"""Declarative op definitions: the shape every ``loom.*`` op must have, in one place.

The CIRCT wheel has no IRDL, so MLIR cannot check loom's (unregistered) ops.
Instead each op is one Python class (``LoomOp`` subclass, in ``ops.py`` and
``statement_ops.py``) whose class fields *declare* the op, the way an xDSL op
definition does:

- ``OPERANDS`` / ``RESULTS``: how many (an ``Arity``);
- ``REGIONS``: how many regions, each with exactly one block when
  ``Trait.SINGLE_BLOCK`` is set (the last one empty with ``Trait.SYMBOL_TRANSPARENT``);
- ``ATTRIBUTES``: name -> ``AttrDef`` (its ``Kind`` and whether it is required);
  attributes not declared are allowed, as MLIR allows discardable attributes;
- ``TRAITS``: facts passes and the verifier ask about (terminator, internal, ...);
- ``PARENTS`` / ``ANCESTOR``: where the op may sit;
- ``verify_``: checks that need more than the fields (yields messages).

``check_op`` reads those fields and reports every violation. It runs before
anything reads an attribute through an accessor, so accessors may assume
the kinds the table promises (a wrong kind is an error at the op, never a
``ValueError`` from deep inside a pass). ``dialect/verify.py`` calls it for
every loom op; an op whose name starts with ``loom.`` but is not in the
table is an error there too.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from circt import ir
from circt.dialects import hw
from circt.dialects._ods_common import _cext

from . import context as _context  # noqa: F401  (installs the import cache first)

PREFIX = "loom."


@_cext.register_dialect
class LoomDialect(ir.Dialect):
    DIALECT_NAMESPACE = "loom"


# -- attribute kinds -------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of attribute: a description for messages and a test."""

    description: str
    accepts: Callable[[ir.Attribute], bool]
    item: Kind | None = None
    """For arrays: the kind of each element (messages then name the first wrong one)."""

    def complaint(self, attr: ir.Attribute) -> str:
        """Why ``attr`` is not of this kind: the first wrong element of an array, else the whole value."""
        if self.item is not None and isinstance(attr, ir.ArrayAttr):
            for index, element in enumerate(attr):
                if not self.item.accepts(element):
                    return f"element {index} is not {self.item.description}: {element}"
        return f"not {attr}"


def _is(cls: type) -> Callable[[ir.Attribute], bool]:
    return lambda attr: isinstance(attr, cls)


def _array_of(item: Kind, description: str) -> Kind:
    return Kind(description, lambda attr: isinstance(attr, ir.ArrayAttr) and all(item.accepts(a) for a in attr), item)


STRING = Kind("a string", _is(ir.StringAttr))
SYMBOL = Kind("a symbol reference (@name)", _is(ir.FlatSymbolRefAttr))
INTEGER = Kind("an integer", lambda attr: isinstance(attr, (ir.IntegerAttr, ir.BoolAttr)))
BOOL = Kind("true or false", _is(ir.BoolAttr))
DICT = Kind("a dictionary", _is(ir.DictAttr))
ARRAY = Kind("an array", _is(ir.ArrayAttr))
UNIT = Kind("a unit attribute (present or absent)", _is(ir.UnitAttr))
STRINGS = _array_of(STRING, "an array of strings")
STRING_DICT = Kind("a dictionary of strings", lambda attr: isinstance(attr, ir.DictAttr)
                   and all(isinstance(named.attr, ir.StringAttr) for named in attr))
PARAM_DECLS = _array_of(Kind("a #hw.param.decl", hw.ParamDeclAttr.isinstance),
                        "an array of parameter declarations (#hw.param.decl<\"N\": i32 = 8>)")


_PORT_STRINGS = ("cond", "bundle", "bundle_field", "bundle_type", "reset")
"""Optional string entries of a port: its condition, the port bundle it belongs to, its reset declaration
(``reset = "sync"|"async"``, with ``active_low``); docs/ir-conventions.md."""


def _is_port(attr: ir.Attribute) -> bool:
    """``{name = "a", dir = "in", type = i8, cond = "..."?, bundle...?}``: what passes read of a port."""
    if not isinstance(attr, ir.DictAttr):
        return False
    for key, cls in (("name", ir.StringAttr), ("dir", ir.StringAttr), ("type", ir.TypeAttr)):
        if key not in attr or not isinstance(attr[key], cls):
            return False
    return all(key not in attr or isinstance(attr[key], ir.StringAttr) for key in _PORT_STRINGS) \
        and ("active_low" not in attr or isinstance(attr["active_low"], (ir.BoolAttr, ir.UnitAttr)))


PORTS = _array_of(Kind("a port ({name, dir, type} with string cond/bundle/reset entries)", _is_port),
                  "an array of ports ({name = \"a\", dir = \"in\", type = i8, cond = \"...\"?})")


def _is_param_value(attr: ir.Attribute) -> bool:
    """An integer (or bool), or a CIRCT parameter expression: what specialisation evaluates."""
    return isinstance(attr, (ir.IntegerAttr, ir.BoolAttr)) or str(attr).startswith("#hw.param.")


PARAM_VALUE = Kind("a parameter value (an integer or a #hw.param expression)", _is_param_value)
PARAM_VALUES = Kind("a dictionary of parameter values (integers or #hw.param expressions)",
                    lambda attr: isinstance(attr, ir.DictAttr) and all(_is_param_value(named.attr) for named in attr))


def _is_scope_level(attr: ir.Attribute) -> bool:
    """``{name = "c1", identity = {...}?}``: one level an inlined op was moved up through (``hierarchy.scope_of``)."""
    return isinstance(attr, ir.DictAttr) and "name" in attr and isinstance(attr["name"], ir.StringAttr) \
        and ("identity" not in attr or isinstance(attr["identity"], ir.DictAttr))


SCOPE = _array_of(Kind("a level ({name = \"c1\", identity = {...}?})", _is_scope_level),
                  "an array of inlined levels ({name, identity?})")


@dataclass(frozen=True)
class AttrDef:
    """A declared attribute: its kind, and whether the op must carry it."""

    kind: Kind
    required: bool = True


def required(kind: Kind) -> AttrDef:
    return AttrDef(kind, True)


def optional(kind: Kind) -> AttrDef:
    return AttrDef(kind, False)


# -- arity, traits ---------------------------------------------------------------


@dataclass(frozen=True)
class Arity:
    """How many operands or results: between ``low`` and ``high`` (None: no limit)."""

    low: int
    high: int | None

    def accepts(self, count: int) -> bool:
        return self.low <= count and (self.high is None or count <= self.high)

    def describe(self, noun: str) -> str:
        if self.high == self.low:
            return f"{self.low} {noun}{'' if self.low == 1 else 's'}"
        if self.high is None:
            return f"at least {self.low} {noun}s"
        return f"{self.low} to {self.high} {noun}s"


NONE = Arity(0, 0)
ONE = Arity(1, 1)
VARIADIC = Arity(0, None)


def exactly(count: int) -> Arity:
    return Arity(count, count)


class Trait(enum.Enum):
    """Facts about an op that passes and the verifier ask about (xDSL's op traits)."""

    TERMINATOR = "must be the last op of its block"
    SINGLE_BLOCK = "each region has exactly one block"
    SYMBOL = "defines a module-level symbol (sym_name)"
    INTERNAL = "exists only inside one pass; never valid in input"
    SYMBOL_TRANSPARENT = "ends with one extra, empty region, so that symbol references in its body reach the top level"
    """MLIR stops a symbol look-up at an unregistered op with exactly one region (it might be an unknown
    symbol table) and fails it there. The extra region lets ``sv.ifdef @SYNTHESIS``, ``sv.func.call`` and
    other symbol users inside the body resolve in the ``builtin.module`` (docs/rationale.md, "Symbols")."""

    # Members are singletons compared by identity: hash them by identity too. ``Enum.__hash__`` runs Python
    # (``hash(self._name_)``), and the verifier asks ``trait in cls.TRAITS`` four times per op it checks.
    __hash__ = object.__hash__


# -- the op base class -----------------------------------------------------------


class LoomOp(ir.OpView):
    """Base of every loom op class; the class fields are the op's definition (see the module docstring)."""

    __slots__ = ()  # a class that declares slots of its own then keeps no dictionary per view (``InstanceOp``)

    OPERATION_NAME: ClassVar[str]
    _ODS_REGIONS: ClassVar[tuple[int, bool]] = (0, True)
    OPERANDS: ClassVar[Arity] = NONE
    RESULTS: ClassVar[Arity] = NONE
    REGIONS: ClassVar[int] = 0
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {}
    TRAITS: ClassVar[frozenset[Trait]] = frozenset()
    PARENTS: ClassVar[tuple[str, ...]] = ()
    """Op names the op may sit in directly (empty: anywhere)."""
    ANCESTOR: ClassVar[str | None] = None
    """An op name the op must be nested in, at any depth."""
    OWNER: ClassVar[str] = ""
    """For ``Trait.INTERNAL`` ops: the pass that creates and removes them."""

    def verify_(self) -> Iterator[str]:
        """Checks beyond the declared fields; runs only when those hold. Yields messages."""
        return iter(())


TABLE: dict[str, type[LoomOp]] = {}
"""Every loom op: name -> class. ``define`` fills it."""


def define(cls: type[LoomOp]) -> type[LoomOp]:
    """Class decorator: register the op's OpView with MLIR's bindings and enter it into ``TABLE``."""
    name = cls.OPERATION_NAME
    if name in TABLE:
        raise ValueError(f"loom op '{name}' is defined twice")
    cls._ODS_REGIONS = (cls.REGIONS, True)
    TABLE[name] = _cext.register_operation(LoomDialect)(cls)
    _DEFINITIONS[name] = _Definition.of(cls)
    return cls


def has_trait(name: str, trait: Trait) -> bool:
    """Whether the loom op ``name`` has ``trait`` (False for ops not in the table)."""
    cls = TABLE.get(name)
    return cls is not None and trait in cls.TRAITS


# -- checking one op against its definition ---------------------------------------


def unknown_op_message(name: str) -> str:
    """The error for a ``loom.*`` name that is not in the table, with the nearest names."""
    import difflib  # an unknown op only: kept out of `import loom` (docs/architecture.md, "Start-up")

    close = difflib.get_close_matches(name, TABLE, n=1, cutoff=0.75)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown loom operation '{name}'{hint} (the loom ops are listed in docs/ir-conventions.md)"


AcceptedArrays = set[tuple[str, ir.Attribute]]
"""Array attributes already found of their kind, as (kind description, attribute): MLIR attributes are
uniqued, so 10,000 modules with the same ports hold one ports attribute, and a verifier walking them all
checks its elements once. A verifier owns the set; it lives no longer than the IR it was filled from."""


def check_attributes(name: str, attributes: ir.OpAttributeMap, declared: Mapping[str, AttrDef],
                     accepted: AcceptedArrays | None = None) -> Iterator[str]:
    """Missing required attributes and declared attributes of the wrong kind."""
    for key, definition in declared.items():
        if key not in attributes:
            if definition.required:
                yield f"'{name}' requires attribute '{key}' ({definition.kind.description})"
            continue
        attr = attributes[key]
        kind = definition.kind
        if accepted is None or kind.item is None:
            if not kind.accepts(attr):
                yield f"'{name}' attribute '{key}' must be {kind.description}, {kind.complaint(attr)}"
            continue
        seen = (kind.description, attr)
        if seen in accepted:
            continue
        if kind.accepts(attr):
            accepted.add(seen)
        else:
            yield f"'{name}' attribute '{key}' must be {kind.description}, {kind.complaint(attr)}"


def _structure(cls: type[LoomOp], operation: ir.Operation) -> Iterator[str]:
    name = cls.OPERATION_NAME
    if Trait.INTERNAL in cls.TRAITS:
        yield f"'{name}' exists only inside the '{cls.OWNER}' pass and cannot appear in input"
        return
    for arity, count, noun in ((cls.OPERANDS, len(operation.operands), "operand"),
                               (cls.RESULTS, len(operation.results), "result")):
        if not arity.accepts(count):
            yield f"'{name}' takes {arity.describe(noun)}, not {count}"
    regions = list(operation.regions)
    transparent = Trait.SYMBOL_TRANSPARENT in cls.TRAITS
    if len(regions) != cls.REGIONS:
        plural = '' if cls.REGIONS == 1 else 's'
        hint = " (its body and an empty region after it: `}, {})`; docs/ir-conventions.md)" if transparent else ""
        yield f"'{name}' has {cls.REGIONS} region{plural}{hint}, not {len(regions)}"
        return
    if transparent:
        *regions, extra = regions
        if len(extra.blocks):
            yield f"'{name}' must have an empty last region (it only lets symbol references reach the top level)"
    if Trait.SINGLE_BLOCK in cls.TRAITS and any(len(region.blocks) != 1 for region in regions):
        where = 'its body' if transparent else 'its region' if len(regions) == 1 else 'each region'
        yield f"'{name}' must have one block in {where}"


def _placement(cls: type[LoomOp], ancestors: Sequence[str], last: bool) -> Iterator[str]:
    name = cls.OPERATION_NAME
    parent = ancestors[-1] if ancestors else "builtin.module"
    if cls.PARENTS and parent not in cls.PARENTS:
        where = " or ".join(f"'{p}'" for p in cls.PARENTS)
        yield f"'{name}' must be inside a {where}" if parent == "builtin.module" else \
            f"'{name}' must be directly inside a {where}, not in '{parent}'"
    if cls.ANCESTOR is not None and cls.ANCESTOR not in ancestors:
        yield f"'{name}' must be inside a '{cls.ANCESTOR}'"
    if Trait.TERMINATOR in cls.TRAITS and not last:
        yield f"'{name}' must be the last op of its block (it is a terminator)"


_ANY_COUNT = (0, sys.maxsize)
"""``_Definition``'s bounds of an arity that accepts any count (``VARIADIC``): the count is not even read."""


@dataclass(frozen=True)
class _Definition:
    """An op class's fields as ``conforming_attributes`` tests them: flattened once, at ``define``, so the
    common case (the op conforms) costs a few comparisons and no generator, trait look-up or message."""

    internal: bool
    operands: tuple[int, int]
    results: tuple[int, int]
    """(low, high) of the arities, ``high`` without limit as ``sys.maxsize``."""
    regions: int
    transparent: bool
    single_block: bool
    attributes: tuple[tuple[str, bool, Kind], ...]
    """(name, required, kind) of the declared attributes, the required ones first."""
    parents: tuple[str, ...]
    ancestor: str | None
    terminator: bool
    verifies: bool
    """Whether the class has a ``verify_`` of its own (otherwise the op view is not even asked for)."""

    @classmethod
    def of(cls, op: type[LoomOp]) -> _Definition:
        def bounds(arity: Arity) -> tuple[int, int]:
            if arity.high is None:
                return _ANY_COUNT if arity.low == 0 else (arity.low, sys.maxsize)
            return arity.low, arity.high
        return cls(Trait.INTERNAL in op.TRAITS, bounds(op.OPERANDS), bounds(op.RESULTS), op.REGIONS,
                   Trait.SYMBOL_TRANSPARENT in op.TRAITS, Trait.SINGLE_BLOCK in op.TRAITS,
                   tuple(sorted(((key, d.required, d.kind) for key, d in op.ATTRIBUTES.items()),
                                key=lambda entry: not entry[1])), op.PARENTS, op.ANCESTOR,
                   Trait.TERMINATOR in op.TRAITS, op.verify_ is not LoomOp.verify_)


_DEFINITIONS: dict[str, _Definition] = {}


def conforming_attributes(operation: ir.Operation, ancestors: Sequence[str], last: bool,
                          accepted: AcceptedArrays | None = None) -> dict[str, ir.Attribute] | None:
    """The declared attributes ``operation`` (a loom op in ``TABLE``) carries, when it conforms to its
    definition in everything ``check_op`` checks but ``verify_``; None when it does not (or is not in the
    table): ``check_op`` then finds out why.

    Callers that go on to read the attributes (the verifier reads a module's interface) take them from
    here instead of asking the bindings again.
    """
    spec = _DEFINITIONS.get(operation.name)
    return None if spec is None else _conforming(spec, operation, ancestors, last, accepted)


def conforms(cls: type[LoomOp], operation: ir.Operation, ancestors: Sequence[str], last: bool,
             accepted: AcceptedArrays | None = None) -> bool:
    """Whether ``operation``, whose view class is ``cls`` (so its name is known), conforms to its definition
    and needs no ``verify_``: ``check_op`` has nothing to say then. A walk that knows the class is spared
    reading the op's name and looking it up (10,000 modules: 10,000 terminators)."""
    spec = _DEFINITIONS[cls.OPERATION_NAME]
    return not spec.verifies and _conforming(spec, operation, ancestors, last, accepted) is not None


def _conforming(spec: _Definition, operation: ir.Operation, ancestors: Sequence[str], last: bool,
                accepted: AcceptedArrays | None) -> dict[str, ir.Attribute] | None:
    if spec.internal:
        return None
    if spec.operands is not _ANY_COUNT:  # any count: nothing to ask
        low, high = spec.operands
        if not low <= len(operation.operands) <= high:
            return None
    if spec.results is not _ANY_COUNT:
        low, high = spec.results
        if not low <= len(operation.results) <= high:
            return None
    regions = operation.regions
    count = len(regions)
    if count != spec.regions:
        return None
    if spec.transparent:
        count -= 1
        if len(regions[count].blocks):
            return None
    if spec.single_block:
        for index in range(count):
            if len(regions[index].blocks) != 1:
                return None
    parent = ancestors[-1] if ancestors else "builtin.module"
    if (spec.parents and parent not in spec.parents) or (spec.ancestor is not None and spec.ancestor not in ancestors) \
            or (spec.terminator and not last):
        return None
    # an op that declares no attribute (loom.output) conforms whatever it carries: its attributes are not read
    return _conforming_values(operation.attributes, spec.attributes, accepted) if spec.attributes else {}


def _conforming_values(attributes: ir.OpAttributeMap, declared: tuple[tuple[str, bool, Kind], ...],
                       accepted: AcceptedArrays | None) -> dict[str, ir.Attribute] | None:
    """The declared attributes present, when each is of its kind and every required one is there."""
    found: dict[str, ir.Attribute] = {}
    unread = len(attributes)
    get = attributes.get  # one call per attribute (``in`` and a subscript are two)
    for key, needed, kind in declared:
        if not unread and not needed:
            break  # every attribute the op has is read, and the declared ones left are optional
        attr = get(key)
        if attr is None:
            if needed:
                return None
            continue
        found[key] = attr
        unread -= 1
        if accepted is None or kind.item is None:
            if not kind.accepts(attr):
                return None
            continue
        seen = (kind.description, attr)
        if seen not in accepted:
            if not kind.accepts(attr):
                return None
            accepted.add(seen)
    return found


def check_op(op: ir.OpView | ir.Operation, ancestors: Sequence[str], last: bool,
             accepted: AcceptedArrays | None = None) -> list[str]:
    """Every way ``op`` (a ``loom.*`` op) breaks its definition; empty when it conforms.

    ``ancestors`` are the names of the ops enclosing it, outermost first (not
    the ``builtin.module``); ``last`` says whether it ends its block. The
    caller walks the IR and knows both, which saves a parent look-up per op.
    ``accepted``, when given, remembers array attributes found sound (see ``AcceptedArrays``).
    The messages come from ``definition_problems`` only for an op that ``conforming_attributes`` rejects.
    """
    operation = op.operation
    name = operation.name
    cls = TABLE.get(name)
    if cls is None:
        return [unknown_op_message(name)]
    spec = _DEFINITIONS[name]
    if _conforming(spec, operation, ancestors, last, accepted) is None:
        problems = definition_problems(cls, operation, ancestors, last, accepted)
        if problems:
            return problems
    elif not spec.verifies:
        return []
    view = operation.opview
    return list(view.verify_()) if isinstance(view, LoomOp) else []


def definition_problems(cls: type[LoomOp], operation: ir.Operation, ancestors: Sequence[str], last: bool,
                        accepted: AcceptedArrays | None = None) -> list[str]:
    """How ``operation`` breaks the fields of its class ``cls`` (all but ``verify_``), as messages: what
    ``conforming_attributes`` tests, said in words."""
    problems = list(_structure(cls, operation))
    if problems:
        return problems
    problems += check_attributes(cls.OPERATION_NAME, operation.attributes, cls.ATTRIBUTES, accepted)
    problems += _placement(cls, ancestors, last)
    return problems
