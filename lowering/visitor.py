"""User passes in Python: ``IRVisitor`` and node wrappers over the loom IR (kratos's ``IRVisitor``).

A user pass is a function of the design. The usual way to write one is the
kratos way, a visitor that overrides ``visit(node)``::

    class RenameOut(IRVisitor):
        def visit(self, node):
            if isinstance(node, IRPort) and node.name == "out":
                node.name = "test"

    RenameOut().visit_root(top)

The node classes are ``IRModule``, ``IRPort``, ``IRVar``, ``IRReg``, ``IRInstance``, ``Assign``,
``Block`` and ``Stmt``, and ``IRDesign`` is the symbol table they share: the ``IR`` prefix keeps them
apart from the frontend's ``loom.Instance``, ``loom.Var`` and ``Port`` and from ``loom.Design``.
``loom.passes`` also names the nodes as kratos does (``Module``, ``Port``, ``Var``, ``Reg``,
``Instance``), the spelling the README's examples use.

``visit_root`` accepts the top ``IRModule`` node a pass receives, a
``builtin.module`` op or an ``ir.Module``. It visits every module *definition*
reachable from the root once (the IR is per module: 50,000 instances of one
generator are one definition), parent before children, and in each module the
module itself, its ports, then the ops of its body in order, descending into
procedural regions (``sv.alwaysff`` bodies, ``sv.if`` branches, ...).

The nodes are thin wrappers created on demand around MLIR operations; edits
made through them keep the IR consistent: renaming a port updates the
module's port list *and* every instance that connects it (connections are by
port name in loom), renaming a module updates every instance of it. Nodes
expose ``op`` (the ``ir.Operation``) for anything the wrappers do not cover.
The body of a module may be changed while it is visited: the visitor walks a
snapshot of each block.

User passes see loom IR (``loom.module``/``loom.instance``, see
docs/ir-conventions.md): ``verilog(..., additional_passes=...)`` and
``PassManager`` run them before the lowering. The wrappers also read lowered
``hw.module``/``hw.instance`` IR; renaming the ports of an ``hw.module`` is
refused (it would need a new module type).
"""

from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import Iterator

from circt import ir

from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.names import name_problem
from ..dialect.ops import IN, OUT, PortInfo
from ..dialect.opkinds import (ASSIGN_KIND, ASSIGNS, EXTERN_MODULES, INSTANCE_ATTRIBUTES, INSTANCES, MODULE_LIKE,
                               PROCEDURAL_BLOCKS, REGISTERS, VARIABLES, WIRES)
from ..dialect.symbols import SymbolIndex


def _string(op: ir.Operation, name: str) -> str:
    return ir.StringAttr(op.attributes[name]).value


def instance_target(op: ir.Operation) -> str:
    """The module a ``loom.instance``/``hw.instance`` instantiates."""
    return ir.FlatSymbolRefAttr(op.attributes[INSTANCE_ATTRIBUTES[op.name].target]).value


def user_attributes(op: ir.Operation) -> dict[str, str]:
    """The ``user_attributes`` of a module (generator attributes) or of a var/register op (signal
    attributes), type string -> value string."""
    if "user_attributes" not in op.attributes:
        return {}
    return string_dict(op.attributes["user_attributes"])


def string_dict(attr: ir.Attribute) -> dict[str, str]:
    """A dictionary attribute of strings as a Python dict."""
    return {named.name: ir.StringAttr(named.attr).value for named in ir.DictAttr(attr)}


def set_user_attributes(op: ir.Operation, attributes: dict[str, str]) -> None:
    if not attributes:
        if "user_attributes" in op.attributes:
            del op.attributes["user_attributes"]
        return
    op.attributes["user_attributes"] = ir.DictAttr.get({k: ir.StringAttr.get(v) for k, v in attributes.items()})


class IRDesign:
    """The modules of one ``builtin.module`` and an index from each module to the instances of it."""

    def __init__(self, root: ir.Operation):
        self.root = root

    @staticmethod
    def of(root: "IRDesign | Node | ir.Operation | ir.OpView | ir.Module") -> "IRDesign":
        if isinstance(root, IRDesign):
            return root
        if isinstance(root, Node):
            return root.design
        if isinstance(root, ir.Module):
            return IRDesign(root.operation)
        return IRDesign(root.operation if isinstance(root, ir.OpView) else root)

    @cached_property
    def symbols(self) -> SymbolIndex:
        return SymbolIndex(self.root)

    @cached_property
    def _users(self) -> dict[str, list[ir.Operation]]:
        users: dict[str, list[ir.Operation]] = {}
        for module in self.symbols:
            if module.operation.name in EXTERN_MODULES:
                continue
            for op in module.operation.regions[0].blocks[0].operations:
                if op.operation.name in INSTANCES:
                    users.setdefault(instance_target(op.operation), []).append(op.operation)
        return users

    def users(self, module: str) -> list[ir.Operation]:
        """Every instance op (in any module) that instantiates ``module``."""
        return self._users.get(module, [])

    def module(self, name: str) -> "IRModule":
        op = self.symbols.lookup(name)
        if op is None:
            raise PassFailedError(f"no module named '{name}' (modules: {', '.join(self.symbols.names()) or 'none'})")
        return IRModule(op.operation, self)

    def modules(self) -> list["IRModule"]:
        return [IRModule(op.operation, self) for op in self.symbols]

    def tops(self) -> list["IRModule"]:
        """Modules no other module instantiates, in IR order."""
        return [m for m in self.modules() if not self.users(m.name)]

    def _renamed(self, old: str, new: str, op: ir.OpView) -> None:
        self.symbols._by_name.pop(old, None)  # pyright: ignore[reportPrivateUsage]
        self.symbols.reserve(new, op)
        if old in self._users:
            self._users[new] = self._users.pop(old)


class Node:
    """An IR node: one MLIR operation seen by a visitor."""

    def __init__(self, op: ir.Operation | ir.OpView, design: IRDesign):
        self.op = op.operation if isinstance(op, ir.OpView) else op
        self.design = design

    @property
    def location(self) -> ir.Location:
        return self.op.location

    @property
    def source(self) -> str:
        """The user's ``file:line:col`` this node comes from (``<unknown>`` when it has none)."""
        return location_text(self.op.location)

    @property
    def op_name(self) -> str:
        return self.op.name

    @property
    def parent(self) -> "IRModule | None":
        """The module whose body holds this node."""
        op: ir.Operation | None = self.op
        while op is not None:
            parent = op.parent
            if parent is None:
                return None
            parent_op = parent.operation
            if parent_op.name in MODULE_LIKE:
                return IRModule(parent_op, self.design)
            op = parent_op
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Node) and type(other) is type(self) and other.op == self.op

    def __hash__(self) -> int:
        return hash((type(self), self.op))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {getattr(self, 'name', self.op_name)!r}>"


class UserAttributes:
    """``attributes`` / ``add_attribute`` / ``has_attribute`` of a node whose op carries ``user_attributes``:
    a module (generator attributes) or a var/register (signal attributes, ``sig.add_attribute``)."""

    op: ir.Operation

    @property
    def attributes(self) -> dict[str, str]:
        """Type string -> value string; a copy."""
        return user_attributes(self.op)

    def add_attribute(self, type_str: str, value_str: str = "") -> None:
        attributes = user_attributes(self.op)
        attributes[type_str] = value_str
        set_user_attributes(self.op, attributes)

    def has_attribute(self, type_str: str) -> bool:
        return type_str in user_attributes(self.op)


class IRModule(UserAttributes, Node):
    """A module definition (``loom.module``, or ``hw.module`` after lowering): kratos's Generator."""

    @property
    def name(self) -> str:
        return _string(self.op, "sym_name")

    @name.setter
    def name(self, new: str) -> None:
        """Rename the module and every instance of it."""
        old = self.name
        if new == old:
            return
        if new in self.design.symbols:
            raise PassFailedError(f"cannot rename module '{old}' to '{new}': that name is taken", self.source)
        self.op.attributes["sym_name"] = ir.StringAttr.get(new)
        ref = ir.FlatSymbolRefAttr.get(new)
        for inst in self.design.users(old):
            inst.attributes[INSTANCE_ATTRIBUTES[inst.name].target] = ref
        self.design._renamed(old, new, self.op.opview)  # pyright: ignore[reportPrivateUsage]

    @property
    def is_loom(self) -> bool:
        return self.op.name == "loom.module"

    @property
    def body(self) -> ir.Block | None:
        if self.op.name in EXTERN_MODULES:
            return None
        return self.op.regions[0].blocks[0]

    @property
    def ports(self) -> list["IRPort"]:
        if self.is_loom:
            return [IRPort(self, index) for index in range(len(ir.ArrayAttr(self.op.attributes["ports"])))]
        names = _hw_port_names(self.op)
        return [IRPort(self, index) for index in range(len(names))]

    def port(self, name: str) -> "IRPort":
        for port in self.ports:
            if port.name == name:
                return port
        raise PassFailedError(f"module '{self.name}' has no port '{name}'", self.source)


    def statements(self) -> list["Node"]:
        """The ops directly in the body, as nodes (terminator included)."""
        body = self.body
        return [] if body is None else [node_for(op.operation, self.design) for op in body.operations]

    @property
    def instances(self) -> list["IRInstance"]:
        return [n for n in self.statements() if isinstance(n, IRInstance)]

    @property
    def vars(self) -> list["IRVar"]:
        return [n for n in self.statements() if isinstance(n, IRVar)]

    @property
    def child_modules(self) -> list["IRModule"]:
        """The distinct modules this one instantiates, in order of first use."""
        names = dict.fromkeys(inst.module_name for inst in self.instances)
        return [self.design.module(name) for name in names if name in self.design.symbols]

    @property
    def instantiated_by(self) -> list["IRInstance"]:
        return [IRInstance(op, self.design) for op in self.design.users(self.name)]


def _hw_port_names(op: ir.Operation) -> list[str]:
    from circt.dialects import hw

    module_type = hw.ModuleType(ir.TypeAttr(op.attributes["module_type"]).value)
    return list(module_type.input_names) + list(module_type.output_names)


class IRPort(Node):
    """A port of a module (``index`` in the module's port list)."""

    def __init__(self, module: IRModule, index: int):
        super().__init__(module.op, module.design)
        self.module = module
        self.index = index

    def _info(self) -> PortInfo:
        if self.module.is_loom:
            return PortInfo.from_attr(ir.ArrayAttr(self.op.attributes["ports"])[self.index])
        from circt.dialects import hw

        module_type = hw.ModuleType(ir.TypeAttr(self.op.attributes["module_type"]).value)
        inputs = list(module_type.input_names)
        if self.index < len(inputs):
            return PortInfo(inputs[self.index], IN, module_type.input_types[self.index])
        out = self.index - len(inputs)
        return PortInfo(module_type.output_names[out], OUT, module_type.output_types[out])

    @property
    def name(self) -> str:
        return self._info().name

    @name.setter
    def name(self, new: str) -> None:
        """Rename the port in the module and in every instance that connects it."""
        rename_port(self.module, self.name, new)

    @property
    def direction(self) -> str:
        return self._info().direction

    @property
    def type(self) -> ir.Type:
        return self._info().type

    @property
    def width(self) -> int | None:
        """The bit width of an integer port (None for a parametric width or a clock)."""
        return _width(self.type)

    @property
    def condition(self) -> str | None:
        return self._info().condition

    @property
    def attributes(self) -> dict[str, str]:
        """The port's attributes (``port.add_attribute`` in the generator), type string -> value string; a copy.

        Only a ``loom.module``'s port entries carry them ({} after the lowering to hw)."""
        if not self.module.is_loom:
            return {}
        extra = dict(self._info().extra)
        return string_dict(extra["user_attributes"]) if "user_attributes" in extra else {}

    @property
    def parent(self) -> IRModule:
        return self.module

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IRPort) and other.op == self.op and other.index == self.index

    def __hash__(self) -> int:
        return hash((IRPort, self.op, self.index))


def _width(type_: ir.Type) -> int | None:
    if ir.IntegerType.isinstance(type_):
        return ir.IntegerType(type_).width
    return None


def rename_port(module: IRModule, old: str, new: str) -> None:
    """Rename port ``old`` of a ``loom.module`` to ``new``, in the module and in every instance of it."""
    if old == new:
        return
    if not module.is_loom:
        raise PassFailedError(f"cannot rename port '{old}' of '{module.name}': it is already lowered to hw;"
                              " run the pass before the lowering", module.source)
    if name_problem(new) is not None:
        raise PassFailedError(f"cannot rename port '{old}' of '{module.name}' to {new!r}: {name_problem(new)}",
                              module.source)
    ports = [PortInfo.from_attr(a) for a in ir.ArrayAttr(module.op.attributes["ports"])]
    if any(p.name == new for p in ports):
        raise PassFailedError(f"cannot rename port '{old}' of '{module.name}' to '{new}': the module already has"
                              f" a port '{new}'", module.source)
    found = [i for i, p in enumerate(ports) if p.name == old]
    if not found:
        raise PassFailedError(f"module '{module.name}' has no port '{old}'", module.source)
    port = ports[found[0]]
    ports[found[0]] = dataclasses.replace(port, name=new)  # keeps the port's other entries
    module.op.attributes["ports"] = ir.ArrayAttr.get([p.to_attr() for p in ports])
    key = "input_names" if port.direction == IN else "output_names"
    for inst in module.design.users(module.name):
        if inst.name != "loom.instance":
            continue
        names = [ir.StringAttr(a).value for a in ir.ArrayAttr(inst.attributes[key])]
        if old in names:
            inst.attributes[key] = ir.ArrayAttr.get([ir.StringAttr.get(new if n == old else n) for n in names])


class IRVar(UserAttributes, Node):
    """A named variable: ``hw.wire`` (kratos var), ``sv.logic``/``sv.reg`` (procedurally assigned)."""

    @property
    def name(self) -> str:
        return _string(self.op, "name") if "name" in self.op.attributes else ""

    @name.setter
    def name(self, new: str) -> None:
        """Rename the variable (and its inner symbol, which keeps it in the SystemVerilog)."""
        problem = name_problem(new, interface=False)
        if problem is not None:
            raise PassFailedError(f"cannot rename '{self.name}' to {new!r}: {problem}", self.source)
        self.op.attributes["name"] = ir.StringAttr.get(new)
        if "inner_sym" in self.op.attributes:
            self.op.attributes["inner_sym"] = ir.Attribute.parse(f"#hw<innerSym@{new}>")

    @property
    def type(self) -> ir.Type:
        type_ = self.op.results[0].type
        text = str(type_)
        if text.startswith("!hw.inout<"):
            return ir.Type.parse(text[len("!hw.inout<"):-1])
        return type_

    @property
    def width(self) -> int | None:
        return _width(self.type)

    @property
    def value(self) -> ir.Value:
        return self.op.results[0]


class IRReg(IRVar):
    """A register (``seq.firreg``/``seq.compreg``)."""


class IRInstance(Node):
    """An instance of a module (``loom.instance`` or ``hw.instance``)."""

    @property
    def name(self) -> str:
        return _string(self.op, INSTANCE_ATTRIBUTES[self.op.name].name)

    @name.setter
    def name(self, new: str) -> None:
        problem = name_problem(new, interface=False)
        if problem is not None:
            raise PassFailedError(f"cannot rename instance '{self.name}' to {new!r}: {problem}", self.source)
        self.op.attributes[INSTANCE_ATTRIBUTES[self.op.name].name] = ir.StringAttr.get(new)

    @property
    def module_name(self) -> str:
        return instance_target(self.op)

    @property
    def target(self) -> IRModule:
        """The module this instance instantiates (kratos: the child generator)."""
        return self.design.module(self.module_name)

    def _names(self, key: str) -> list[str]:
        return [ir.StringAttr(a).value for a in ir.ArrayAttr(self.op.attributes[key])]

    @property
    def inputs(self) -> dict[str, ir.Value]:
        """Connected input port name -> the value driving it."""
        return dict(zip(self._names(INSTANCE_ATTRIBUTES[self.op.name].inputs), self.op.operands))

    @property
    def outputs(self) -> dict[str, ir.Value]:
        """Output port name -> the instance result carrying it."""
        return dict(zip(self._names(INSTANCE_ATTRIBUTES[self.op.name].outputs), self.op.results))


class Assign(Node):
    """An assignment: ``sv.assign`` (continuous), ``sv.bpassign`` (blocking), ``sv.passign``
    (non-blocking) or ``loom.assign`` (kind not known yet)."""

    KINDS = {name: kind or "undefined" for name, kind in ASSIGN_KIND.items()}

    @property
    def kind(self) -> str:
        return self.KINDS[self.op.name]

    @property
    def target(self) -> ir.Value:
        return self.op.operands[0]

    @property
    def value(self) -> ir.Value:
        return self.op.operands[1]


class Block(Node):
    """A procedural block: ``sv.alwayscomb``, ``sv.alwaysff``, ``sv.always`` or ``sv.initial``."""

    @property
    def is_sequential(self) -> bool:
        return self.op.name in ("sv.alwaysff", "sv.always")


class Stmt(Node):
    """Any other op (expressions, ``sv.if``, ``sv.case``, constants, ...): ``op_name`` tells which."""


_WRAPPER_BY_OP_NAME: dict[str, type[Node]] = {
    name: wrapper
    for names, wrapper in ((INSTANCES, IRInstance), (VARIABLES | WIRES, IRVar), (REGISTERS, IRReg), (ASSIGNS, Assign),
                           (PROCEDURAL_BLOCKS, Block), (MODULE_LIKE, IRModule))
    for name in names
}


def node_for(op: ir.Operation, design: IRDesign) -> Node:
    """The wrapper class that fits ``op`` (``Stmt`` for anything without a more specific one)."""
    return _WRAPPER_BY_OP_NAME.get(op.name, Stmt)(op, design)


class IRVisitor:
    """Base class of user passes: override ``visit(node)``, call ``visit_root(root)``.

    ``visit_generators(root)`` visits only the ``IRModule`` nodes, which is all
    most structural passes need and much cheaper on large designs.
    """

    def visit(self, node: Node) -> None:
        """Called once per node; the default does nothing."""

    def visit_root(self, root: "IRModule | IRDesign | ir.Operation | ir.OpView | ir.Module") -> None:
        """Visit every module reachable from ``root`` (all modules for a whole design), and their contents."""
        for module in self._modules(root):
            self.visit(module)
            for port in module.ports:
                self.visit(port)
            body = module.body
            if body is not None:
                self._visit_block(body, module.design)

    def visit_generators(self, root: "IRModule | IRDesign | ir.Operation | ir.OpView | ir.Module") -> None:
        for module in self._modules(root):
            self.visit(module)

    def _visit_block(self, block: ir.Block, design: IRDesign) -> None:
        for op in list(block.operations):
            operation = op.operation
            self.visit(node_for(operation, design))
            for region in operation.regions:
                for inner in region.blocks:
                    self._visit_block(inner, design)

    @staticmethod
    def _modules(root: "IRModule | IRDesign | ir.Operation | ir.OpView | ir.Module") -> Iterator[IRModule]:
        """Module definitions reachable from ``root``, each once, parents before children."""
        design = IRDesign.of(root)
        starts = [root] if isinstance(root, IRModule) else design.tops() or design.modules()
        seen: set[str] = set()
        stack = list(reversed(starts))
        while stack:
            module = stack.pop()
            name = module.name
            if name in seen:
                continue
            seen.add(name)
            yield module
            stack.extend(reversed([child for child in module.child_modules if child.name not in seen]))
