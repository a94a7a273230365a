"""Verifiers for loom ops, and the ``loom-verify`` pass that runs them.

The ops are unregistered, so MLIR's verifier cannot check them; these Python
verifiers do, reporting each problem at the op's location. Module signatures
are decoded once per module (``_Signature``), so verifying an instance costs a
few dictionary look-ups, not a re-read of the target's attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import cast

from circt import ir

from . import analyses, conditions, params
from . import interface_ops as _interface_ops  # noqa: F401  (their definitions complete the op table)
from . import statement_ops as _statement_ops  # noqa: F401
from .annotate import AnnotateOp, verify_annotate
from .context import location_text
from .errors import VerifyError
from .instance_graph import INSTANCE_BODIES, BodyIndex, InstanceKind
from .opdef import PREFIX, AcceptedArrays, LoomOp, check_op
from .ops import IN, OUT, InstanceOp, ModuleOp, OutputOp, ParamDecl, ParamValueOp, PortInfo
from .symbols import SymbolIndex


@dataclass(frozen=True)
class Problem:
    """One verifier finding, located at an op."""

    location: ir.Location
    message: str

    def __str__(self) -> str:
        return f"{location_text(self.location)}: error: {self.message}"


class _Signature:
    """A module's parameters and ports, decoded once for all instances that use it."""

    def __init__(self, module: ModuleOp, name: str):
        self.module = module
        self.name = name
        self.params: dict[str, ParamDecl] = {p.name: p for p in module.parameters}
        self.ports: list[PortInfo] = module.ports
        self.by_name: dict[str, PortInfo] = {p.name: p for p in self.ports}
        self.identity: list[str] = module.identity_parameters

    @cached_property
    def inputs(self) -> list[PortInfo]:
        return [p for p in self.ports if p.direction == IN]

    @cached_property
    def outputs(self) -> list[PortInfo]:
        return [p for p in self.ports if p.direction == OUT]

    @cached_property
    def type_text(self) -> dict[str, str]:
        return {p.name: str(p.type) for p in self.ports}

    @cached_property
    def enclosing_key(self) -> tuple[object, ...]:
        """What checking an instance inside this module reads of it: its interface (the parameters an
        instance's values may refer to) and its ``user_attributes`` (``zero_inputs``)."""
        attrs = self.module.operation.attributes
        return _interface_key(self.module), attrs["user_attributes"] if "user_attributes" in attrs else None


class Verifier:
    """Checks every loom op under a ``builtin.module``; collects problems instead of stopping at the first."""

    def __init__(self, root: ir.Operation):
        self.root = root
        self.symbols = SymbolIndex(root)
        self.problems: list[Problem] = []
        self._signatures: dict[str, _Signature] = {}
        self._valid_shapes: set[tuple[object, ...]] = set()
        self._usable: dict[str, bool] = {}
        self._identity_readers: dict[str, bool] = {}
        self._identity_free: dict[ir.Attribute, bool] = {}
        self._accepted: AcceptedArrays = set()
        self._sound_interfaces: set[tuple[ir.Attribute | None, ...]] = set()
        """``_interface_key`` of the modules whose parameters and ports were found sound."""
        self._valid_interface_shapes: set[tuple[object, ...]] = set()
        """Valid instance shapes with the target module replaced by its interface (``_interface_shape``)."""
        self._bodies: dict[str, BodyIndex] = {}
        """Each ``loom.module``'s body indexed as the walk checks it (left for loom-specialize: ``INSTANCE_BODIES``)."""
        self._target_names: dict[ir.Attribute, str] = {}

    def signature(self, module: ModuleOp, name: str | None = None) -> _Signature:
        """``module``'s signature; ``name``, when the caller has read it, is its ``sym_name`` (each read of an
        attribute costs about a microsecond, and a walk over 10,000 modules would read it several times)."""
        name = module.sym_name if name is None else name
        sig = self._signatures.get(name)
        if sig is None:
            sig = self._signatures[name] = _Signature(module, name)
        return sig

    def error(self, op: ir.OpView | ir.Operation, message: str) -> None:
        self.problems.append(Problem(op.location, message))

    def run(self) -> list[Problem]:
        for first, second in self.symbols.duplicates:
            name = ir.StringAttr(second.operation.attributes["sym_name"]).value
            self.error(second, f"redefinition of module '{name}'"
                               f" (first defined at {location_text(first.location)})")
        self._walk(self.root.regions[0].blocks[0], (), None)
        self._check_cycles()
        if not self.problems:
            analyses.remember(self.root, INSTANCE_BODIES, self._bodies)
        return self.problems

    def _check_cycles(self) -> None:
        """A module must not contain itself through instances (lowering would emit recursive modules).

        The edges come from the instance shapes found valid (one per parent and target), so this
        costs a walk over distinct (module, target) pairs, never over instances.
        """
        edges: dict[str, set[str]] = {}
        for shape in self._valid_shapes:
            targets = cast(list[ir.Attribute], shape[3])
            edges.setdefault(str(shape[0]), set()).add(ir.FlatSymbolRefAttr(targets[0]).value)
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for root in sorted(edges):
            if state.get(root):
                continue
            path, stack = [root], [iter(sorted(edges.get(root, ())))]
            state[root] = 1
            while stack:
                child = next(stack[-1], None)
                if child is None:
                    state[path.pop()] = 2
                    stack.pop()
                elif state.get(child) == 1:
                    cycle = path[path.index(child):] + [child]
                    module = self.symbols.lookup(child)
                    self.error(module if module is not None else self.root,
                               f"module '{child}' contains itself through instances: {' -> '.join(cycle)}")
                    state[child] = 2
                elif not state.get(child):
                    state[child] = 1
                    path.append(child)
                    stack.append(iter(sorted(edges.get(child, ()))))

    def _walk(self, block: ir.Block, ancestors: tuple[str, ...], sig: _Signature | None,
              body: BodyIndex | None = None) -> None:
        """Check every loom op in ``block`` and below: first against its definition, then its meaning.

        ``body`` (a module's body block): index its ops as ``instance_graph.index_body`` does, from the
        attributes the checks read anyway."""
        operations = block.operations
        count = len(operations)
        for index, op in enumerate(operations):
            if isinstance(op, InstanceOp) and sig is not None:
                kind = self.verify_instance(op, sig, ancestors[-1])
                if body is not None and kind is not None and not self.problems:  # with problems it is not kept
                    body.add_instance(op, kind, self._target_names)
                continue
            operation = op.operation
            name = operation.name
            if body is not None:
                if isinstance(op, ParamValueOp):
                    body.param_values.append(op)
                elif name == "hw.instance":
                    body.add_hw_instance(operation)
            if isinstance(op, LoomOp) or name.startswith(PREFIX):
                problems = check_op(op, ancestors, index == count - 1, self._accepted)
                self.problems.extend(Problem(operation.location, message) for message in problems)
                if not problems and isinstance(op, ModuleOp):
                    module_sig = self.signature(op)
                    sound = self.verify_module(op, module_sig)
                    if not ancestors:  # as usable_target would find: instances of it need not check it again
                        self._usable.setdefault(module_sig.name, sound)
                    continue
                if not problems and isinstance(op, ParamValueOp) and sig is not None:
                    self.verify_param_value(op, sig)
                elif isinstance(op, AnnotateOp) and sig is not None:  # reads the module only
                    self.problems.extend(Problem(loc, message) for loc, message in verify_annotate(op, sig.module))
                if problems:  # still check the ops inside against their definitions, without a signature
                    self._walk_regions(operation, ancestors, None)
                    continue
            self._walk_regions(operation, ancestors, sig)

    def _walk_regions(self, operation: ir.Operation, ancestors: tuple[str, ...], sig: _Signature | None) -> None:
        if len(operation.regions):
            inner = ancestors + (operation.name,)
            for region in operation.regions:
                for child in region.blocks:
                    self._walk(child, inner, sig)

    # -- loom.module ------------------------------------------------------

    def verify_module(self, module: ModuleOp, sig: _Signature | None = None) -> bool:
        """A module whose definition (``check_op``) holds: its ports, body arguments, terminator, body ops.

        Returns whether its parameters and ports are sound, which is what its instances are checked
        against: the walk remembers it, so 10,000 distinct modules are not checked twice each.
        """
        sig = sig or self.signature(module)
        if not self._check_parameters_and_ports(module, sig):
            return False
        self._check_block_arguments(module, sig)
        self._check_output(module, sig)
        body = self._bodies[sig.name] = BodyIndex()
        self._walk(module.body, (ModuleOp.OPERATION_NAME,), sig, body)
        return True

    # -- loom.param_value --------------------------------------------------

    def verify_param_value(self, op: ParamValueOp, sig: _Signature) -> None:
        unknown = sorted(params.referenced_parameters(str(op.value)) - sig.params.keys())
        if unknown:
            known = ", ".join(sig.params) or "none"
            self.error(op, f"'loom.param_value' refers to '{unknown[0]}', which is not a parameter of"
                           f" '@{sig.module.sym_name}' (parameters: {known})")

    def _check_parameters_and_ports(self, module: ModuleOp, sig: _Signature) -> bool:
        interface = _interface_key(module)
        if interface in self._sound_interfaces:
            return True
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
                (_interface_key(module) in self._sound_interfaces or
                 not self._signature_problems(module, self.signature(module, name)))
        return ok

    @staticmethod
    def _signature_problems(module: ModuleOp, sig: _Signature) -> list[str]:
        problems: list[str] = []
        if len(sig.params) != len(module.parameters):
            problems.append("duplicate parameter name")
        for name in _string_list(module.operation.attributes, "kept_parameters"):
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

    def _check_block_arguments(self, module: ModuleOp, sig: _Signature) -> None:
        arguments = list(module.body.arguments)
        if len(arguments) != len(sig.inputs):
            self.error(module, f"body has {len(arguments)} arguments but the module has {len(sig.inputs)} input ports")
            return
        for argument, port in zip(arguments, sig.inputs, strict=True):
            if argument.type != port.type:
                self.error(module, f"body argument for input '{port.name}' has type {argument.type},"
                                   f" but the port has type {port.type}")

    def _check_output(self, module: ModuleOp, sig: _Signature) -> None:
        operations = module.body.operations
        last = operations[len(operations) - 1] if len(operations) else None
        if not isinstance(last, OutputOp):
            self.error(module, "body must end with 'loom.output'")
            return
        values = list(last.operation.operands)
        if len(values) != len(sig.outputs):
            self.error(last, f"'loom.output' yields {len(values)} values but the module has"
                             f" {len(sig.outputs)} output ports")
            return
        for value, port in zip(values, sig.outputs, strict=True):
            if value.type != port.type:
                self.error(last, f"output '{port.name}' has type {port.type} but is driven with {value.type}")

    # -- loom.instance -----------------------------------------------------

    def verify_instance(self, inst: InstanceOp, parent: _Signature, container: str) -> InstanceKind | None:
        """Check an instance against its definition and its target, once per distinct shape.

        Returns its kind (``instance_graph.InstanceKind``, read for the check); None when its
        attributes are malformed (a problem is reported then)."""
        shape = self._shape_key(inst, parent, container)
        required: tuple[ir.Attribute, ...] | None = shape[3]  # type: ignore[assignment]
        kind: InstanceKind | None = None if required is None else (  # type: ignore[assignment]
            required[0], shape[4], shape[_IDENTITY_SLOT], required[1], required[2])
        reduced = self._without_identity_values(shape)
        if reduced is not None and reduced in self._valid_shapes:
            return kind
        if shape in self._valid_shapes:
            return kind
        by_interface = self._interface_shape(reduced if reduced is not None else shape, parent)
        if by_interface is not None and by_interface in self._valid_interface_shapes:
            self._valid_shapes.add(shape)  # the cycle check reads the targets from the valid shapes
            return kind
        problems_before = len(self.problems)
        messages = check_op(inst, (container,), False, self._accepted)
        if messages:
            self.problems.extend(Problem(inst.location, message) for message in messages)
            return kind
        self._verify_instance_shape(inst, parent)
        if len(self.problems) == problems_before:
            self._valid_shapes.add(shape)
            if reduced is not None:
                self._valid_shapes.add(reduced)
            if by_interface is not None:
                self._valid_interface_shapes.add(by_interface)
        return kind

    def _interface_shape(self, shape: tuple[object, ...], parent: _Signature) -> tuple[object, ...] | None:
        """The shape key with the target module replaced by its interface, and the enclosing module by what
        of it an instance's check reads (its parameters, and whether it may leave inputs open), when the
        target is a sound ``loom.module`` (None otherwise: the full check runs and reports).

        An instance's validity depends on its target only through the target's parameters and ports (once
        the target is known to be a usable module): 10,000 instances of 10,000 distinct modules with the
        same ports are checked once, as 10,000 instances of one module are, and so are the two instances
        of the level below in each level of a tree.
        """
        required = cast("tuple[ir.Attribute, ...] | None", shape[3])
        if required is None or not isinstance(module_attr := required[0], ir.FlatSymbolRefAttr):
            return None
        target_name = module_attr.value
        target = self.symbols.loom_module(target_name)
        if target is None or not self.usable_target(target, target_name):
            return None
        return (parent.enclosing_key, *shape[1:3], (_interface_key(target), *required[1:]), *shape[4:])

    def _without_identity_values(self, shape: tuple[object, ...]) -> tuple[object, ...] | None:
        """The shape key with the identity parameters' integer values left out, when they cannot matter.

        Identity values name an instance (a mesh's ``X``/``Y``) and make every instance's key distinct.
        When they are plain integers and no port of the target reads an identity parameter (in a
        condition or a type), an instance's validity does not depend on them: the key keeps only their
        names and types. None when that does not hold (the full key is used).
        """
        required, identity = shape[3], shape[_IDENTITY_SLOT]
        if identity is None or required is None:
            return None
        module_attr = required[0]  # type: ignore[index]
        reducible = self._identity_free.get(module_attr)
        if reducible is None:
            reducible = self._identity_free[module_attr] = self._ignores_identity_values(module_attr)
        if not reducible:
            return None
        entries = _integer_entries(str(identity))
        if entries is None:
            return None
        return (*shape[:_IDENTITY_SLOT], ("identity values", entries), *shape[_IDENTITY_SLOT + 1:])

    def _ignores_identity_values(self, module_attr: ir.Attribute) -> bool:
        """Whether instances of the module ``module_attr`` names are valid whatever their integer identity
        values (asked once per uniqued ``module`` attribute, not once per instance: a mesh's tiles share one)."""
        if not isinstance(module_attr, ir.FlatSymbolRefAttr):
            return False  # a malformed `module`: the full check reports it at the op
        target = self.symbols.loom_module(module_attr.value)
        return target is not None and not self._reads_identity(self.signature(target))

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

    @staticmethod
    def _shape_key(inst: InstanceOp, parent: _Signature, container: str) -> tuple[object, ...]:
        """Everything an instance's validity depends on except its name and SSA values.

        MLIR attributes and types are uniqued, so equal keys mean equal
        instances; a design with 50,000 instances of 4 shapes checks 4. The
        instance name is left out: only its kind matters, and that is part of the key.
        """
        operation = inst.operation
        attrs = operation.attributes
        try:  # every attribute read costs about a microsecond; at 50,000 instances, read each once
            required = (attrs["module"], attrs["input_names"], attrs["output_names"], attrs["instance_name"])
        except KeyError:  # check_op reports the missing attribute; raising is slow, but only malformed IR gets here
            required = None
        parameters = attrs["parameters"] if "parameters" in attrs else None
        identity = attrs["identity"] if "identity" in attrs else None
        if required is not None and len(attrs) == 4 + (parameters is not None) + (identity is not None):
            others: tuple[object, ...] = ()  # no scope or path_name: nothing else to look up
        else:
            others = tuple(attrs[key] if key in attrs else None for key in _OTHER_INSTANCE_ATTRIBUTES)
        name_ok = required is not None and isinstance(required[3], ir.StringAttr)
        return (parent.name, container, name_ok, required[:3] if required is not None else None, parameters,
                identity, others, tuple(value.type for value in operation.operands), tuple(operation.results.types))

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


_INTEGER_ENTRY = r"([A-Za-z_][\w$]*) = -?\d+ : (i\d+)"
_INTEGER_DICT = re.compile(rf"\{{{_INTEGER_ENTRY}(?:, {_INTEGER_ENTRY})*\}}")
_ENTRY = re.compile(_INTEGER_ENTRY)


def _integer_entries(text: str) -> tuple[tuple[str, str], ...] | None:
    """The (name, type) pairs of a printed dictionary attribute whose values are all plain integers
    (``{X = 3 : i16, Y = 0 : i16}``); None for any other form.

    Read from the printed text with one match of the whole and one scan for the pairs: at a mesh's
    16,384 instances, printing each identity attribute once costs a fifth of walking its entries
    through the bindings.
    """
    if _INTEGER_DICT.fullmatch(text) is None:
        return None
    return tuple(_ENTRY.findall(text))


_OTHER_INSTANCE_ATTRIBUTES = tuple(key for key in InstanceOp.ATTRIBUTES
                                   if key not in ("instance_name", "module", "input_names", "output_names",
                                                  "parameters", "identity"))
_IDENTITY_SLOT = 5
"""Where ``_shape_key`` puts the identity attribute."""


def _interface_key(module: ModuleOp) -> tuple[ir.Attribute | None, ...]:
    """The (uniqued) attributes a module's parameters and ports are decoded and checked from."""
    attrs = module.operation.attributes
    return tuple(attrs[name] if name in attrs else None for name in _INTERFACE_ATTRIBUTES)


_INTERFACE_ATTRIBUTES = ("ports", "parameters", "identity_parameters", "kept_parameters")


def _string_list(attrs: ir.OpAttributeMap, name: str) -> list[str]:
    if name not in attrs:
        return []
    return [ir.StringAttr(item).value for item in ir.ArrayAttr(attrs[name])]


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
