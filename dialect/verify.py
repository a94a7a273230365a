"""Verifiers for loom ops, and the ``loom-verify`` pass that runs them.

The ops are unregistered, so MLIR's verifier cannot check them; these Python
verifiers do, reporting each problem at the op's location. Module signatures
are decoded once per module (``_Signature``), so verifying an instance costs a
few dictionary look-ups, not a re-read of the target's attributes.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import cast

from circt import ir

from . import analyses, conditions, params
from . import interface_ops as _interface_ops  # noqa: F401  (their definitions complete the op table)
from . import statement_ops as _statement_ops  # noqa: F401
from .annotate import FLAG, NO_METADATA, SIGNAL_FLAG, USER_ATTRIBUTES, AnnotateOp, verify_annotate
from .context import location_text
from .errors import VerifyError
from .instance_graph import INSTANCE_BODIES, BodyIndex, InstanceKind
from .opdef import PREFIX, AcceptedArrays, LoomOp, check_op, conforming_attributes, conforms
from .ops import (
    IN,
    OUT,
    InstanceOp,
    ModuleOp,
    OutputOp,
    ParamDecl,
    ParamValueOp,
    PortInfo,
    decode_parameters,
    decode_ports,
    decode_strings,
)
from .symbols import SYMBOL_INDEX, SymbolIndex


@dataclass(frozen=True)
class Problem:
    """One verifier finding, located at an op."""

    location: ir.Location
    message: str

    def __str__(self) -> str:
        return f"{location_text(self.location)}: error: {self.message}"


class _Interface:
    """A module's parameters and ports decoded from its (uniqued) interface attributes (``_interface_key``):
    10,000 modules with the same ports and parameters share one."""

    def __init__(self, key: tuple[ir.Attribute | None, ...]):
        self.key = key
        ports, parameters, identity, _ = key
        self.params: dict[str, ParamDecl] = {p.name: p for p in decode_parameters(parameters)}
        self.ports: list[PortInfo] = decode_ports(ports)
        self.by_name: dict[str, PortInfo] = {p.name: p for p in self.ports}
        self.identity: list[str] = decode_strings(identity)
        self.inputs = [p for p in self.ports if p.direction == IN]
        self.outputs = [p for p in self.ports if p.direction == OUT]
        self.input_types = [p.type for p in self.inputs]
        self.output_types = [p.type for p in self.outputs]
        self.port_attributes = any(key == USER_ATTRIBUTES for port in self.ports for key, _ in port.extra)
        """Whether a port carries the user's attributes (for ``loom-export-metadata``)."""


class _Signature:
    """A module's parameters and ports (its ``_Interface``), with the module, for all instances that use it."""

    def __init__(self, module: ModuleOp, name: str, interface: _Interface):
        self.module = module
        self.name = name
        self.interface = interface
        self.params = interface.params
        self.ports = interface.ports
        self.by_name = interface.by_name
        self.identity = interface.identity

    @property
    def inputs(self) -> list[PortInfo]:
        return self.interface.inputs

    @property
    def outputs(self) -> list[PortInfo]:
        return self.interface.outputs

    @cached_property
    def enclosing_key(self) -> tuple[object, ...]:
        """What checking an instance inside this module reads of it: its interface (the parameters an
        instance's values may refer to) and its ``user_attributes`` (``zero_inputs``). The interface is
        the shared ``_Interface``, hashed by identity (its key would hash four attributes each time)."""
        attrs = self.module.operation.attributes
        return self.interface, attrs["user_attributes"] if "user_attributes" in attrs else None


class Verifier:
    """Checks every loom op under a ``builtin.module``; collects problems instead of stopping at the first."""

    def __init__(self, root: ir.Operation):
        self.root = root
        self._top = analyses.top_level_ops(root)
        """The top-level ops, listed once for the symbol index and the walk (or by a pass before, in this run)."""
        self.symbols = SymbolIndex(root, self._top)
        self.problems: list[Problem] = []
        self._signatures: dict[str, _Signature] = {}
        self._interfaces: dict[tuple[ir.Attribute | None, ...], _Interface] = {}
        self._valid_shapes: dict[tuple[object, ...], list[InstanceOp] | None] = {}
        """Instance shapes found valid (``_shape_key``, and identity-reduced ones), each with the ``BodyIndex``
        group its instances go to, if it has one."""
        self._usable: dict[str, bool] = {}
        self._identity_readers: dict[str, bool] = {}
        self._identity_free: dict[ir.Attribute, tuple[str, ...] | None] = {}
        self._accepted: AcceptedArrays = set()
        self._sound_interfaces: set[tuple[ir.Attribute | None, ...]] = set()
        """``_interface_key`` of the modules whose parameters and ports were found sound."""
        self._valid_interface_shapes: set[tuple[object, ...]] = set()
        """Valid instance shapes with the target module replaced by its interface (``_interface_shape``)."""
        self._edges: dict[str, set[str]] = {}
        """Module name -> the modules its valid instance shapes instantiate (for ``_check_cycles``)."""
        self._bodies: dict[str, BodyIndex] = {}
        """Each ``loom.module``'s body indexed as the walk checks it (left for loom-specialize: ``INSTANCE_BODIES``)."""
        self._targets: dict[ir.Attribute, tuple[str, _Interface | None] | None] = {}
        """``_target`` of each (uniqued) ``module`` attribute."""
        self._arguments: dict[tuple[ir.Value, ...], tuple[tuple[ir.Value, ...], tuple[ir.Type, ...]]] = {}
        """Instance operands that are all body arguments: one tuple of them, and their types, for every
        instance with the same operands (50,000 instances reading ``clk``, ``rst`` and ``a``: one)."""
        self._metadata_free = True
        """No module seen so far has anything for ``loom-export-metadata`` (``NO_METADATA``)."""

    def signature(self, module: ModuleOp, name: str | None = None,
                  key: tuple[ir.Attribute | None, ...] | None = None) -> _Signature:
        """``module``'s signature; ``name`` and ``key`` (its ``_interface_key``), when the caller has read
        them, spare reading its attributes again (a walk over 10,000 modules would read each several times)."""
        name = module.sym_name if name is None else name
        sig = self._signatures.get(name)
        if sig is None:
            sig = self._signatures[name] = self._own_signature(module, name, key)
        return sig

    def _own_signature(self, module: ModuleOp, name: str, key: tuple[ir.Attribute | None, ...] | None) -> _Signature:
        """``module``'s signature from its own attributes (a redefinition's differs from its name's)."""
        key = _interface_key(module.operation.attributes) if key is None else key
        interface = self._interfaces.get(key)
        if interface is None:
            interface = self._interfaces[key] = _Interface(key)
        return _Signature(module, name, interface)

    def error(self, op: ir.OpView | ir.Operation, message: str) -> None:
        self.problems.append(Problem(op.location, message))

    def run(self) -> list[Problem]:
        for first, second in self.symbols.duplicates:
            name = ir.StringAttr(second.operation.attributes["sym_name"]).value
            self.error(second, f"redefinition of module '{name}'"
                               f" (first defined at {location_text(first.location)})")
        self._walk(self._top, (), None)
        self._check_cycles()
        if not self.problems:  # every loom.module is at the top, conforms, and was seen by _visit_module
            analyses.remember(self.root, INSTANCE_BODIES, self._bodies)
            analyses.remember(self.root, SYMBOL_INDEX, self.symbols)
            if self._metadata_free:
                analyses.remember(self.root, NO_METADATA, True)
        return self.problems

    def _check_cycles(self) -> None:
        """A module must not contain itself through instances (lowering would emit recursive modules).

        The edges come from the instance shapes found valid (``_edges``: one per parent and target), so
        this costs a walk over distinct (module, target) pairs, never over instances.
        """
        edges = self._edges
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for root in sorted(edges):
            if state.get(root):
                continue
            path, stack = [root], [iter(sorted(edges[root]))]
            state[root] = 1
            while stack:
                child = next(stack[-1], None)
                if child is None:
                    state[path.pop()] = 2
                    stack.pop()
                elif child not in edges:  # a leaf: on no cycle
                    continue
                elif state.get(child) == 1:
                    cycle = path[path.index(child):] + [child]
                    module = self.symbols.lookup(child)
                    self.error(module if module is not None else self.root,
                               f"module '{child}' contains itself through instances: {' -> '.join(cycle)}")
                    state[child] = 2
                elif not state.get(child):
                    state[child] = 1
                    path.append(child)
                    stack.append(iter(sorted(edges[child])))

    def _walk(self, operations: Sequence[ir.OpView], ancestors: tuple[str, ...], sig: _Signature | None,
              body: BodyIndex | None = None) -> ir.OpView | None:
        """Check every loom op of a block (its ``operations``) and below: first against its definition, then its
        meaning.

        ``body`` (a module's body block): index its ops as ``instance_graph.index_body`` does, from the
        attributes the checks read anyway. Returns the block's last op (None: the block is empty)."""
        last = len(operations) - 1
        op = None
        for index, op in enumerate(operations):
            role = _ROLES.get(type(op))
            if role is None:
                role = _ROLES[type(op)] = _role(type(op))
            if ancestors:
                if role is _Role.INSTANCE and sig is not None:  # most ops of a large flat module: asked first
                    self.verify_instance(op, sig, ancestors[-1], body)  # type: ignore[arg-type]  # its role says so
                    continue
                if role is _Role.LEAF:
                    continue
                if role is _Role.NAMED:
                    operation = op.operation
                    role = _NAME_ROLES[operation.name]
                    if role is _Role.HAS_REGIONS:
                        if len(operation.regions):
                            self._walk_regions(operation, ancestors, sig)
                        continue
                if role is _Role.HAS_REGIONS:
                    operation = op.operation
                    if len(operation.regions):
                        self._walk_regions(operation, ancestors, sig)
                    continue
                if role is _Role.TERMINATOR:  # loom.output: nothing to index, nothing to check but its definition
                    operation = op.operation
                    if conforms(OutputOp, operation, ancestors, index == last, self._accepted):
                        continue
                    problems = check_op(op, ancestors, index == last, self._accepted)
                    if problems:
                        self.problems.extend(Problem(operation.location, message) for message in problems)
                        self._walk_regions(operation, ancestors, None)
                    continue
            operation = op.operation
            if not ancestors:
                if isinstance(op, ModuleOp) and self._visit_module(op, operation, index == last):
                    continue
                if len(operation.results):
                    # A body may use values from outside it (loom.module is not isolated from above), so
                    # a value defined between modules would be shared by every later module.
                    self.error(op, f"'{operation.name}' defines a value outside any module; only definitions"
                                   " (modules, interfaces, declarations) may appear at the top level")
                    continue
            name = operation.name
            if body is not None:
                if isinstance(op, ParamValueOp):
                    body.param_values.append(op)
                elif name == "hw.instance":
                    body.add_hw_instance(operation)
            if isinstance(op, LoomOp) or name.startswith(PREFIX):
                problems = check_op(op, ancestors, index == last, self._accepted)
                if problems:
                    self.problems.extend(Problem(operation.location, message) for message in problems)
                if not problems and isinstance(op, ModuleOp):
                    module_sig = self.signature(op)
                    sound = self.verify_module(op, module_sig)
                    if not ancestors:
                        self._usable.setdefault(module_sig.name, sound)
                    continue
                if not problems and isinstance(op, ParamValueOp) and sig is not None:
                    self.verify_param_value(op, sig)
                elif isinstance(op, AnnotateOp) and sig is not None:  # reads the module only
                    self.problems.extend(Problem(loc, message) for loc, message in verify_annotate(op, sig.module))
                if problems:  # still check the ops inside against their definitions, without a signature
                    self._walk_regions(operation, ancestors, None)
                    continue
                if isinstance(op, LoomOp) and op.REGIONS == 0:
                    continue  # it conforms, so it has the regions its definition declares: none
            if len(operation.regions):
                self._walk_regions(operation, ancestors, sig)
        return op

    def _visit_module(self, module: ModuleOp, operation: ir.Operation, last: bool) -> bool:
        """Check a top-level ``loom.module`` that conforms to its definition, from the attributes that check
        read; False (nothing done) when it does not conform (``_walk`` then reports it as any op)."""
        attrs = conforming_attributes(operation, (), last, self._accepted)
        if attrs is None:
            return False
        name = cast("ir.StringAttr", attrs["sym_name"]).value  # conforming: a string
        get = attrs.get
        key = (get("ports"), get("parameters"), get("identity_parameters"), get("kept_parameters"))  # _interface_key
        sig = self._signatures.get(name)
        if sig is None:
            sig = self._signatures[name] = self._own_signature(module, name, key)
        elif sig.interface.key != key:  # a redefinition (reported as one): its body is checked by its own ports
            sig = self._own_signature(module, name, key)
        if self._metadata_free and (FLAG in attrs or SIGNAL_FLAG in attrs or sig.interface.port_attributes):
            self._metadata_free = False
        sound = self.verify_module(module, sig, key)
        self._usable.setdefault(name, sound)  # as usable_target would find: its instances need not check it again
        return True

    def _walk_regions(self, operation: ir.Operation, ancestors: tuple[str, ...], sig: _Signature | None) -> None:
        if len(operation.regions):
            inner = ancestors + (operation.name,)
            for region in operation.regions:
                for child in region.blocks:
                    self._walk(child.operations, inner, sig)

    # -- loom.module ------------------------------------------------------

    def verify_module(self, module: ModuleOp, sig: _Signature | None = None,
                      key: tuple[ir.Attribute | None, ...] | None = None) -> bool:
        """A module whose definition (``check_op``) holds: its ports, body arguments, terminator, body ops.
        ``key``: its ``_interface_key``, when the caller has read it (``sig`` is its name's signature, which
        is another module's when two share a name).

        Returns whether its parameters and ports are sound, which is what its instances are checked
        against: the walk remembers it, so 10,000 distinct modules are not checked twice each.
        """
        sig = sig or self.signature(module)
        key = _interface_key(module.operation.attributes) if key is None else key
        if key not in self._sound_interfaces and not self._check_parameters_and_ports(module, sig, key):
            return False
        block = module.operation.regions[0].blocks[0]
        if block.arguments.types != sig.interface.input_types:
            self._check_block_arguments(module, sig, block)
        mark = len(self.problems)
        body = self._bodies[sig.name] = BodyIndex()
        last = self._walk(block.operations, _IN_MODULE, sig, body)
        # the terminator is checked before the body's ops (its problems come first), from the op the walk ended at
        problems = self._output_problems(module, sig, last)
        if problems:
            self.problems[mark:mark] = problems
        return True
    # -- loom.param_value --------------------------------------------------

    def verify_param_value(self, op: ParamValueOp, sig: _Signature) -> None:
        unknown = sorted(params.referenced_parameters(str(op.value)) - sig.params.keys())
        if unknown:
            known = ", ".join(sig.params) or "none"
            self.error(op, f"'loom.param_value' refers to '{unknown[0]}', which is not a parameter of"
                           f" '@{sig.module.sym_name}' (parameters: {known})")

    def _check_parameters_and_ports(self, module: ModuleOp, sig: _Signature,
                                    interface: tuple[ir.Attribute | None, ...]) -> bool:
        """Whether the parameters and ports of ``module`` (whose ``_interface_key`` is ``interface``, not found
        sound yet) are sound; reports what is not."""
        problems = self._signature_problems(module, sig)
        for message in problems:
            self.error(module, message)
        if not problems:
            self._sound_interfaces.add(interface)
        return not problems

    def usable_target(self, module: ModuleOp, name: str | None = None) -> bool:
        """Whether instances can be checked against ``module`` (named ``name``, when the caller knows it): its
        definition and signature are sound (otherwise the module itself is reported, and its instances are not
        checked against it)."""
        name = module.sym_name if name is None else name
        ok = self._usable.get(name)
        if ok is None:
            ok = self._usable[name] = not check_op(module, (), True, self._accepted) and \
                (_interface_key(module.operation.attributes) in self._sound_interfaces or
                 not self._signature_problems(module, self.signature(module, name)))
        return ok

    @staticmethod
    def _signature_problems(module: ModuleOp, sig: _Signature) -> list[str]:
        problems: list[str] = []
        attrs = module.operation.attributes  # the module's own (``sig`` may be an earlier module's of its name)
        if len(sig.params) != len(module.parameters):
            problems.append("duplicate parameter name")
        for name in decode_strings(attrs["kept_parameters"] if "kept_parameters" in attrs else None):
            if name not in sig.params:
                problems.append(f"kept parameter '{name}' is not a declared parameter of '@{sig.module.sym_name}'")
        for name in sig.identity:
            if name not in sig.params:
                problems.append(f"identity parameter '{name}' is not a declared parameter of"
                                f" '@{sig.module.sym_name}'")
        if len(sig.by_name) != len(sig.ports):
            port_names = [p.name for p in sig.ports]
            duplicate = next(n for n in port_names if port_names.count(n) > 1)
            problems.append(f"port '{duplicate}' is declared more than once")
        for port in sig.ports:
            if port.direction not in (IN, OUT):
                problems.append(f"port '{port.name}' has direction '{port.direction}'; expected 'in' or 'out'")
            unknown = sorted(params.referenced_parameters(str(port.type)) - sig.params.keys())
            if unknown:
                problems.append(f"type of port '{port.name}' refers to unknown parameter '{unknown[0]}'")
            if port.condition is None:
                continue
            try:
                names = conditions.referenced_names(conditions.parse_condition(port.condition))
            except conditions.ConditionSyntaxError as exc:
                problems.append(f"port '{port.name}': {exc}")
                continue
            unknown = sorted(names - sig.params.keys())
            if unknown:
                problems.append(f"condition of port '{port.name}' refers to unknown parameter '{unknown[0]}'")
        return problems

    def _check_block_arguments(self, module: ModuleOp, sig: _Signature, block: ir.Block) -> None:
        """Report how the body's arguments differ from the input ports (their types do not match)."""
        arguments = block.arguments
        if len(arguments) != len(sig.inputs):
            self.error(module, f"body has {len(arguments)} arguments but the module has {len(sig.inputs)} input ports")
            return
        for argument, port in zip(arguments, sig.inputs, strict=True):
            if argument.type != port.type:
                self.error(module, f"body argument for input '{port.name}' has type {argument.type},"
                                   f" but the port has type {port.type}")

    @staticmethod
    def _output_problems(module: ModuleOp, sig: _Signature, last: ir.OpView | None) -> list[Problem]:
        """What is wrong with the body's terminator ``last``: it must be a ``loom.output`` of the output ports."""
        if not isinstance(last, OutputOp):
            return [Problem(module.location, "body must end with 'loom.output'")]
        operands = last.operation.operands
        types = [operands[index].type for index in range(len(operands))]  # indexed: iterating asks twice
        outputs = sig.outputs
        if types == sig.interface.output_types:
            return []
        if len(types) != len(outputs):
            return [Problem(last.location, f"'loom.output' yields {len(types)} values but the module has"
                                           f" {len(outputs)} output ports")]
        return [Problem(last.location, f"output '{port.name}' has type {port.type} but is driven with {type_}")
                for type_, port in zip(types, outputs, strict=True) if type_ != port.type]

    # -- loom.instance -----------------------------------------------------

    def verify_instance(self, inst: InstanceOp, parent: _Signature, container: str,
                        body: BodyIndex | None = None) -> None:
        """Check an instance against its definition and its target, once per distinct shape; ``body``: put it
        in its kind's group there (``BodyIndex.add_instance``).

        A valid shape keeps the group its instances went to: the instances after the second of a shape go
        straight into it (50,000 instances of 4 shapes: 8 kinds looked up, not 50,000). A shape is kept from
        the second instance of its target on: the first instance of a target has a shape of its own (10,000
        instances of 10,000 distinct modules: keeping 10,000 shapes no instance asks for again cost a twentieth
        of the verifier), and a later one of the same shape is checked again, cheaply (``_interface_shape``)."""
        shape = self._shape_key(inst, parent, container)
        required: tuple[ir.Attribute, ...] | None = shape[3]  # type: ignore[assignment]  # _shape_key's layout
        reduced = None if shape[_IDENTITY_SLOT] is None else self._without_identity_values(shape)
        if reduced is not None and (group := self._valid_shapes.get(reduced, _UNSEEN)) is not _UNSEEN:
            # valid whatever its identity values (a mesh's tiles): the reduced shape stands for it, and so
            # does its group (``BodyIndex.mixed``): no kind of its own
            if group is not None:
                group.append(inst)
                return
            keep = False
        else:
            group = self._valid_shapes.get(shape, _UNSEEN)
            if group is not None and group is not _UNSEEN:
                group.append(inst)  # the shape holds its parent module's name: the same body
                return
            seen = group is None or (required is not None and required[0] in self._targets)
            keep = (group is None or self._check_new_shape(inst, shape, reduced, parent, container)) and seen
        kind: InstanceKind | None = None if required is None else (  # type: ignore[assignment]
            required[0], shape[4], shape[_IDENTITY_SLOT], required[1], required[2])
        if body is not None and kind is not None and not self.problems:  # with problems it is not kept
            group = body.add_instance(inst, kind, self._target(kind[0])[0])  # type: ignore[index]  # valid: a name
            if keep:
                self._valid_shapes[shape] = group
            if reduced is not None and reduced in self._valid_shapes:
                self._valid_shapes[reduced] = group
                body.add_mixed(kind)
        elif keep:
            self._valid_shapes[shape] = None

    def _check_new_shape(self, inst: InstanceOp, shape: tuple[object, ...], reduced: tuple[object, ...] | None,
                         parent: _Signature, container: str) -> bool:
        """Check an instance of a shape not yet found valid (``reduced``: its identity-reduced shape, not valid
        either); whether to remember ``shape`` as valid (False: the instance is invalid)."""
        required: tuple[ir.Attribute, ...] | None = shape[3]  # type: ignore[assignment]  # _shape_key's layout
        target = None if required is None else self._target(required[0])
        by_interface = None if target is None or target[1] is None else \
            self._interface_shape(reduced if reduced is not None else shape, parent, target[1])
        if by_interface is not None and by_interface in self._valid_interface_shapes:
            self._add_edge(parent, target[0])  # type: ignore[index]  # an interface: a target
            if reduced is not None:  # the interface shape was made from it: valid too
                self._valid_shapes[reduced] = None
            return True
        problems_before = len(self.problems)
        messages = check_op(inst, (container,), False, self._accepted)
        if messages:
            self.problems.extend(Problem(inst.location, message) for message in messages)
            return False
        self._verify_instance_shape(inst, parent)
        if len(self.problems) != problems_before:
            return False
        self._add_edge(parent, target[0])  # type: ignore[index]  # valid: its module is named
        if reduced is not None:
            self._valid_shapes[reduced] = None
        if by_interface is not None:
            self._valid_interface_shapes.add(by_interface)
        return True

    def _add_edge(self, parent: _Signature, target: str) -> None:
        """Record the edge from ``parent`` to ``target``, the target of a valid instance shape (``_edges``)."""
        edges = self._edges.get(parent.name)
        if edges is None:
            edges = self._edges[parent.name] = set()
        edges.add(target)

    def _target(self, module_attr: ir.Attribute) -> tuple[str, _Interface | None] | None:
        """The name an instance's ``module`` attribute refers to and, when that is a sound ``loom.module``, its
        interface (None: the attribute is malformed; no interface: the full check runs and reports). Found once
        per (uniqued) attribute: at 10,000 distinct modules, each instance's target is asked once, not three times."""
        known = self._targets.get(module_attr, _UNSEEN_TARGET)
        if known is not _UNSEEN_TARGET:
            return known  # type: ignore[return-value]  # not the marker
        if not isinstance(module_attr, ir.FlatSymbolRefAttr):
            self._targets[module_attr] = None  # check_op reports it at the op
            return None
        name = module_attr.value
        target = self.symbols.loom_module(name)
        interface = self.signature(target, name).interface if target is not None and \
            self.usable_target(target, name) else None
        found = self._targets[module_attr] = (name, interface)
        return found

    def _interface_shape(self, shape: tuple[object, ...], parent: _Signature,
                         interface: _Interface) -> tuple[object, ...]:
        """The shape key with the target module replaced by its ``interface`` (the target is a sound
        ``loom.module``), and the enclosing module by what of it an instance's check reads (its parameters,
        and whether it may leave inputs open).

        An instance's validity depends on its target only through the target's parameters and ports (once
        the target is known to be a usable module): 10,000 instances of 10,000 distinct modules with the
        same ports are checked once, as 10,000 instances of one module are, and so are the two instances
        of the level below in each level of a tree. The interface stands for itself (it is the one for
        its key, hashed by identity).
        """
        required: tuple[ir.Attribute, ...] = shape[3]  # type: ignore[assignment]  # a valid target: it is there
        return parent.enclosing_key, shape[1], shape[2], (interface, required[1], required[2]), *shape[4:]

    def _without_identity_values(self, shape: tuple[object, ...]) -> tuple[object, ...] | None:
        """The shape key with the identity parameters' integer values left out, when they cannot matter.

        Identity values name an instance (a mesh's ``X``/``Y``) and make every instance's key distinct.
        When they are integers and no port of the target reads an identity parameter (in a condition or
        a type), an instance's validity does not depend on them: the check reads an integer value only to
        evaluate a condition or a port type (whatever its integer type), and reads nothing else of it. The
        key then keeps only the identity parameters given. None when that does not hold (the full key is used).
        """
        required, identity = shape[3], shape[_IDENTITY_SLOT]
        if identity is None or required is None:
            return None
        module_attr = required[0]  # type: ignore[index]
        try:
            names = self._identity_free[module_attr]
        except KeyError:
            names = self._identity_free[module_attr] = self._identity_names(module_attr)
        given = None if names is None else _integer_entries(identity, names)
        if given is None:
            return None
        # the names where a full key has the attribute (or None): no full key equals a reduced one
        return shape[:_IDENTITY_SLOT] + (given,) + shape[_IDENTITY_SLOT + 1:]

    def _identity_names(self, module_attr: ir.Attribute) -> tuple[str, ...] | None:
        """The identity parameters of the module ``module_attr`` names, when its instances are valid whatever
        their integer identity values; None otherwise (asked once per uniqued ``module`` attribute, not once
        per instance: a mesh's tiles share one)."""
        if not isinstance(module_attr, ir.FlatSymbolRefAttr):
            return None  # a malformed `module`: the full check reports it at the op
        target = self.symbols.loom_module(module_attr.value)
        # an unsound target is reported by the full check (reading its ports here would raise)
        if target is None or not self.usable_target(target):
            return None
        sig = self.signature(target)
        return None if self._reads_identity(sig) else tuple(sig.identity)

    def _reads_identity(self, sig: _Signature) -> bool:
        """Whether a port condition or port type of ``sig``'s module names one of its identity parameters."""
        known = self._identity_readers.get(sig.name)
        if known is None:
            identity = set(sig.identity)
            known = any(
                (p.condition is not None and conditions.referenced_names(conditions.parse_condition(p.condition))
                 & identity) or params.referenced_parameters(str(p.type)) & identity for p in sig.ports)
            self._identity_readers[sig.name] = known
        return known

    def _shape_key(self, inst: InstanceOp, parent: _Signature, container: str) -> tuple[object, ...]:
        """Everything an instance's validity depends on except its name and SSA values.

        MLIR attributes and types are uniqued, so equal keys mean equal
        instances; a design with 50,000 instances of 4 shapes checks 4. The
        instance name is left out: only its kind matters, and that is part of the key.
        Operands that are all arguments of the body are read once per distinct tuple of them
        (``_arguments``), and left on the view for lowering (``InstanceOp.verified_name``).
        """
        operation = inst.operation
        attrs = operation.attributes
        # every attribute read costs about half a microsecond; at 50,000 instances, read each once (``get``: one
        # call, where ``in`` and a subscript are two)
        get = attrs.get
        module, inputs, outputs, name = get("module"), get("input_names"), get("output_names"), get("instance_name")
        required = None if module is None or inputs is None or outputs is None or name is None else \
            (module, inputs, outputs, name)  # None: check_op reports the missing attribute
        parameters = get("parameters")
        identity = get("identity")
        if required is not None and len(attrs) == 4 + (parameters is not None) + (identity is not None):
            others: tuple[object, ...] = ()  # no scope or path_name: nothing else to look up
        else:
            others = tuple(attrs[key] if key in attrs else None for key in _OTHER_INSTANCE_ATTRIBUTES)
        name_ok = required is not None and isinstance(name, ir.StringAttr)
        operands = operation.operands
        values = tuple([operands[index] for index in range(len(operands))])  # indexed: iterating asks twice
        arguments: tuple[ir.Value, ...] | None = None
        for value in values:
            if type(value) is not ir.BlockArgument:
                types = tuple([value.type for value in values])
                break
        else:
            known = self._arguments.get(values)
            if known is None:
                known = self._arguments[values] = (values, tuple([value.type for value in values]))
            arguments, types = known
        if isinstance(name, ir.StringAttr) and not others:
            inst.verified_name, inst.verified_arguments = name, arguments
        else:
            inst.verified_name = None
        return (parent.name, container, name_ok, required[:3] if required is not None else None, parameters,
                identity, others, types, tuple(operation.results.types))

    def _verify_instance_shape(self, inst: InstanceOp, parent: _Signature) -> None:
        target = self.symbols.loom_module(inst.module_name)
        if target is None:
            what = "is not a 'loom.module'" if inst.module_name in self.symbols else "does not exist"
            self.error(inst, f"instance '{inst.instance_name}' refers to module '@{inst.module_name}', which {what}")
            return
        if not self.usable_target(target):
            return
        sig = self.signature(target)
        values = self._instance_parameters(inst, sig, parent)
        if values is None:
            return
        concrete = {k: v for k, v in values.items() if isinstance(v, int)}
        self._check_connections(inst, sig, values, concrete, list(inst.operation.operands),
                                inst.input_names, sig.inputs, "input")
        self._check_connections(inst, sig, values, concrete, list(inst.operation.results),
                                inst.output_names, sig.outputs, "output")

    def _instance_parameters(self, inst: InstanceOp, sig: _Signature,
                             parent: _Signature) -> dict[str, int | str] | None:
        """Parameter values of the instance: ints where known, else their text."""
        values: dict[str, int | str] = {}
        identity = inst.identity
        for key in identity:
            if key not in sig.identity:
                known = ", ".join(sig.identity) or "none"
                self.error(inst, f"instance '{inst.instance_name}': '{key}' is not an identity parameter of"
                                 f" '@{sig.module.sym_name}' (identity parameters: {known})")
                return None
        given = {**identity, **inst.parameters}
        for key, attr in given.items():
            if key not in sig.params:
                known = ", ".join(sig.params) or "none"
                self.error(inst, f"instance '{inst.instance_name}': module '@{sig.module.sym_name}' has no parameter"
                                 f" '{key}' (parameters: {known})")
                return None
            unknown = sorted(params.referenced_parameters(str(attr)) - parent.params.keys())
            if unknown:
                self.error(inst, f"instance '{inst.instance_name}': parameter '{key}' refers to '{unknown[0]}',"
                                 f" which is not a parameter of '@{parent.module.sym_name}'")
                return None
            value = params.int_value(attr)
            values[key] = value if value is not None else params.value_text(attr)
        for decl in sig.params.values():
            if decl.name in values:
                continue
            if decl.default is None:
                self.error(inst, f"instance '{inst.instance_name}' must set parameter '{decl.name}'"
                                 f" of '@{sig.module.sym_name}', which has no default")
                return None
            value = params.int_value(decl.default)
            values[decl.name] = value if value is not None else params.value_text(decl.default)
        return values

    def _check_connections(self, inst: InstanceOp, sig: _Signature, values: dict[str, int | str],
                           concrete: dict[str, int], connected: list[ir.Value], names: list[str],
                           ports: list[PortInfo], kind: str) -> None:
        label = f"instance '{inst.instance_name}' of '@{sig.module.sym_name}'"
        if len(names) != len(connected):
            self.error(inst, f"{label}: {len(names)} {kind} names for {len(connected)} {kind} values")
            return
        by_name = {p.name: p for p in ports}
        seen: set[str] = set()
        for port_name, value in zip(names, connected, strict=True):
            port = by_name.get(port_name)
            if port is None:
                other = "an input" if kind == "output" and port_name in sig.by_name else \
                    "an output" if kind == "input" and port_name in sig.by_name else "no"
                self.error(inst, f"{label} has {other} port named '{port_name}'" if other == "no" else
                           f"{label}: '{port_name}' is {other} port, not an {kind}")
                continue
            if port_name in seen:
                self.error(inst, f"{label}: {kind} port '{port_name}' is connected more than once")
                continue
            seen.add(port_name)
            if not self._condition_holds(port, concrete, default=True):
                self.error(inst, f"{label}: port '{port_name}' does not exist here: its condition"
                                 f" '{port.condition}' is false for {self._describe(port.condition, concrete)}")
                continue
            expected = self._expected_type(port, values)
            if expected is not None and expected != str(value.type):
                self.error(inst, f"{label}: {kind} '{port_name}' has type {expected} after parameter"
                                 f" substitution, but is connected to a value of type {value.type}")
        if kind == "input" and not self._zero_inputs(inst):
            for port in ports:
                if port.name not in seen and self._condition_holds(port, concrete, default=False):
                    self.error(inst, f"{label}: input port '{port.name}' is not connected")

    @staticmethod
    def _zero_inputs(inst: InstanceOp) -> bool:
        """Whether the instance sits in a generator marked ``zero_inputs``, which may leave inputs open
        (zero-generator-inputs ties them to 0)."""
        parent = inst.operation.parent
        return parent is not None and "user_attributes" in parent.attributes and \
            "zero_inputs" in ir.DictAttr(parent.attributes["user_attributes"])

    @staticmethod
    def _condition_holds(port: PortInfo, concrete: dict[str, int], default: bool) -> bool:
        """Whether the port exists; ``default`` when that depends on unresolved parameters."""
        if port.condition is None:
            return True
        node = conditions.parse_condition(port.condition)
        if not conditions.referenced_names(node) <= concrete.keys():
            return default
        return bool(conditions.evaluate(node, concrete))

    @staticmethod
    def _describe(condition: str | None, concrete: dict[str, int]) -> str:
        names = sorted(conditions.referenced_names(conditions.parse_condition(condition or "0")))
        return ", ".join(f"{n} = {concrete[n]}" for n in names) or "all parameter values"

    def _expected_type(self, port: PortInfo, values: dict[str, int | str]) -> str | None:
        """The port's type with the instance's parameter values substituted (None: not decidable)."""
        text = str(port.type)
        if not params.is_parametric(text):
            return text
        return _substituted_type_text(text, tuple(sorted((k, str(v)) for k, v in values.items())))


@lru_cache(maxsize=4096)
def _substituted_type_text(text: str, values: tuple[tuple[str, str], ...]) -> str | None:
    try:
        return str(ir.Type.parse(params.substitute_text(text, dict(values))))
    except ir.MLIRError:
        return None


def _integer_entries(identity: object, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """Which of ``names`` the dictionary ``identity`` sets, when it sets nothing else and every value is an
    integer (``{X = 3 : i16, Y = 0 : i16}``); None for any other form.

    Read by name, two binding calls per entry: at a mesh's 16,384 instances, walking the dictionary's
    entries, or printing it and matching the text, costs two to four times as much.
    """
    if not isinstance(identity, ir.DictAttr):
        return None
    count = len(identity)
    given = names if count == len(names) else tuple(name for name in names if name in identity)
    if len(given) != count:
        return None
    try:
        for name in given:
            if type(identity[name]) is not ir.IntegerAttr:
                return None
    except KeyError:  # as many keys as ``names``, but not the same ones
        return None
    return given


_OTHER_INSTANCE_ATTRIBUTES = tuple(key for key in InstanceOp.ATTRIBUTES
                                   if key not in ("instance_name", "module", "input_names", "output_names",
                                                  "parameters", "identity"))
_IDENTITY_SLOT = 5
"""Where ``_shape_key`` puts the identity attribute."""


_UNSEEN: list[InstanceOp] = []
"""``Verifier._valid_shapes.get`` of a shape not found valid (yet)."""
_UNSEEN_TARGET = object()
"""``Verifier._targets.get`` of a ``module`` attribute not looked up yet."""

class _Role(enum.IntEnum):
    """What the walk does with an op of a view class (``_role``) inside a module."""

    OTHER = 0
    """A loom op, an unregistered one, or ``hw.instance`` (a body's index records it): looked at."""
    HAS_REGIONS = 1
    """A registered non-loom op that may have regions: only looked into."""
    LEAF = 2
    """A registered non-loom op whose definition has no regions: passed over."""
    INSTANCE = 3
    """``loom.instance``: checked once per distinct shape (``verify_instance``)."""
    TERMINATOR = 4
    """``loom.output``: checked against its definition only (``verify_module`` reads its operands)."""
    NAMED = 5
    """The generic ``ir.OpView``: an unregistered op, or a registered one whose dialect's Python module is not
    loaded (``import_cache``: ``comb``, ``seq``, ``sv`` ops, most ops of a design); its name says
    (``_NAME_ROLES``)."""


_IN_MODULE = (ModuleOp.OPERATION_NAME,)
"""The ancestors of the ops of a top-level module's body."""

_ROLES: dict[type, _Role] = {}
"""Op view class -> its ``_role`` (a class stands for one registered op name, so it is asked once)."""


class _NameRoles(dict[str, _Role]):
    """Op name -> its role, for ops of the generic view class: a ``loom.*`` op or ``hw.instance`` is looked at
    (``OTHER``), any other op only looked into (``HAS_REGIONS``: its regions, if it has any)."""

    def __missing__(self, name: str) -> _Role:
        role = self[name] = _Role.OTHER if name.startswith(PREFIX) or name == "hw.instance" else _Role.HAS_REGIONS
        return role


_NAME_ROLES = _NameRoles()


def _role(cls: type) -> _Role:
    """How the walk treats ops of view class ``cls``: an op's view class is the generic ``ir.OpView`` unless
    its name is registered, and then it is that name's class, whose ``_ODS_REGIONS`` is its definition's
    region count (``(0, True)``: none). MLIR's verifier holds every registered op to its definition, and a
    pipeline verifies before it ends (an op given regions its definition does not have is an error there)."""
    if cls is InstanceOp:
        return _Role.INSTANCE
    if cls is OutputOp:
        return _Role.TERMINATOR
    if cls is ir.OpView:
        return _Role.NAMED
    if issubclass(cls, LoomOp):
        return _Role.OTHER
    name = getattr(cls, "OPERATION_NAME", None)
    if not isinstance(name, str) or name.startswith(PREFIX) or name == "hw.instance":
        return _Role.OTHER
    return _Role.LEAF if getattr(cls, "_ODS_REGIONS", None) == (0, True) else _Role.HAS_REGIONS


def _interface_key(attrs: ir.OpAttributeMap) -> tuple[ir.Attribute | None, ...]:
    """The (uniqued) attributes a module's parameters and ports are decoded and checked from."""
    return tuple(attrs[name] if name in attrs else None for name in _INTERFACE_ATTRIBUTES)


_INTERFACE_ATTRIBUTES = ("ports", "parameters", "identity_parameters", "kept_parameters")


def verify(root: ir.Operation) -> list[Problem]:
    """All problems with the loom ops under ``root`` (a ``builtin.module``)."""
    return Verifier(root).run()


def verify_or_raise(root: ir.Operation) -> None:
    """Raise a VerifyError naming the first problem (and counting the rest)."""
    problems = verify(root)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise VerifyError(first.message + more, location_text(first.location))
