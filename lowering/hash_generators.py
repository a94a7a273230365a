"""``hash-generators``: a structural hash for every ``loom.module`` (kratos ``hash_generators``).

Each module gets ``structural_hash = "<16 hex digits>"``: a digest of its
*canonical form*, which is the module printed in MLIR's generic form without
locations, with

- its own names removed (``sym_name``, ``generator``, ``structural_hash``),
- SSA values and blocks renumbered in order of appearance (string literals
  are left alone), so the frontend's value names do not matter, and
- every ``loom.instance``'s ``module = @Callee`` replaced by the callee's
  hash, computed first (callees before callers).

So two modules hash alike when they are the same hardware under different
names, and operand order counts (``a - b`` and ``b - a`` differ).

A hash is only an index. ``structural_classes`` pairs each hash with an
exact equality check (the canonical texts are compared whole, and a
caller's text names its callees by their exact equivalence class, not by
their hash), so a hash collision can never make two different modules
equal; ``uniquify-generators`` merges modules only through it. The digest
is SHA-256 of the text, independent of ``PYTHONHASHSEED``.

Why sequential: printing a module (C++) holds the GIL, and it dominates the
time (see ``bench/hash_generators.py`` for the measured split), so a thread
pool does not make hashing faster on the 2-core machine; see that script.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from circt import ir

from ..dialect.errors import PassFailedError
from ..dialect.ops import ModuleOp
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass

HASH_ATTR = "structural_hash"
GENERATOR_ATTR = "generator"
_NAME_ATTRS = ("sym_name", GENERATOR_ATTR, HASH_ATTR)

_STRING = r'"(?:[^"\\]|\\.)*"'
_SSA_OR_STRING = re.compile(rf'{_STRING}|%[A-Za-z0-9_$.\-]+|\^bb\d+')
_CALLEE = re.compile(rf'{_STRING}|\bmodule = @({_STRING}|[A-Za-z0-9_$.\-]+)')
_ESCAPE = re.compile(r"\\([0-9A-Fa-f]{2})")

Digest = Callable[[str], str]


def sha256_digest(text: str) -> str:
    """The default digest: the first 16 hex digits of SHA-256 (stable across runs and machines)."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class ModuleClass:
    """A module's structural hash and its exact equivalence class (modules of one class are equal)."""

    name: str
    op: ModuleOp
    digest: str
    text: str
    """The canonical form with callees named by their class: equal texts mean equal modules."""
    cls: int


def _renumber(text: str) -> str:
    """Rename SSA values and blocks in order of first appearance; string literals stay as they are."""
    names: dict[str, str] = {}
    counts = {"%": 0, "^": 0}

    def rename(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] == '"':
            return token
        new = names.get(token)
        if new is None:
            kind = token[0]
            new = names[token] = f"{'%v' if kind == '%' else '^bb'}{counts[kind]}"
            counts[kind] += 1
        return new

    return _SSA_OR_STRING.sub(rename, text)


@contextmanager
def _names_removed(modules: list[ModuleOp]) -> Iterator[None]:
    """Take the modules' own naming attributes off while printing, then put them back.

    Attribute dictionaries are sorted, so the ops are left exactly as they were.
    """
    saved: list[tuple[ir.OpAttributeMap, str, ir.Attribute]] = []
    for op in modules:
        attributes = op.operation.attributes
        for name in _NAME_ATTRS:
            if name in attributes:
                saved.append((attributes, name, attributes[name]))
                del attributes[name]
    try:
        yield
    finally:
        for attributes, name, value in saved:
            attributes[name] = value


def _print_without_names(op: ModuleOp) -> str:
    """One module in generic form, without locations and its own names, for the cost of that module alone.

    Printing the module in place would number the values of the whole
    enclosing design (see ``print_modules``), so a copy is printed inside a
    scratch ``builtin.module`` of its own and dropped.
    """
    scratch = ir.Module.create(op.location)
    copy = ModuleOp(op.operation.clone(ip=ir.InsertionPoint(scratch.body)))
    with _names_removed([copy]):
        return copy.operation.get_asm(print_generic_op_form=True, enable_debug_info=False, assume_verified=True)


def print_modules(root: ir.Operation) -> dict[str, str]:
    """Every ``loom.module`` in ``root`` as ``_print_without_names`` prints it, for the cost of one print.

    The whole design is printed once and cut at its top-level ops: printing
    one nested module makes MLIR number the values of the entire enclosing
    ``builtin.module`` (a ``loom.module`` is unregistered, so not isolated
    from above), which makes printing module by module quadratic (measured:
    42 s for 2,000 modules, against about a second at once).
    """
    modules = [op for op in root.regions[0].blocks[0].operations if isinstance(op, ModuleOp)]
    with _names_removed(modules):
        text = root.get_asm(print_generic_op_form=True, enable_debug_info=False, assume_verified=True)
    lines = text.split("\n")
    # A top-level op starts at two spaces of indentation with its (quoted, generic) name or its results;
    # its block labels share that indentation, its body is deeper, its closing line is "  })".
    starts = [i for i, line in enumerate(lines) if line[:2] == "  " and line[2:3] in ('"', "%")]
    ends = starts[1:] + [max(i for i, line in enumerate(lines) if line.startswith("})"))]
    chunks = ["\n".join(line[2:] for line in lines[start:end]) for start, end in zip(starts, ends)]
    loom_chunks = [chunk for chunk in chunks if chunk.startswith('"loom.module"')]
    if len(loom_chunks) != len(modules):
        raise PassFailedError(f"hash-generators: cannot split the printed design into its {len(modules)} modules")
    return {op.sym_name: chunk for op, chunk in zip(modules, loom_chunks)}


def canonical_texts(root: ir.Operation) -> dict[str, str]:
    """``canonical_text`` of every ``loom.module`` in ``root``, printing the design once."""
    return {name: _renumber(text) for name, text in print_modules(root).items()}


def canonical_text(op: ModuleOp) -> str:
    """The canonical form with callees still named by their module: equal texts, equal modules.

    Shared with ``structural.py`` (edits and merges compare modules whose
    children are already merged, so callee names are exact there). Each call
    costs a copy and a print of this module; for all modules at once ``canonical_texts`` is cheaper still.
    """
    return _renumber(_print_without_names(op))


def _symbol(raw: str) -> str:
    """A printed symbol name as the string its ``sym_name`` holds (``@"a\\22b"`` -> ``a"b``)."""
    if raw.startswith('"'):
        return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw[1:-1])
    return raw


def canonical_parts(text: str) -> list[str]:
    """A printed module's canonical text split at callee references: text, callee, text, ..., text."""
    text = _renumber(text)
    parts: list[str] = []
    last = 0
    for match in _CALLEE.finditer(text):
        if match.group(1) is None:
            continue  # a string literal
        parts.append(text[last:match.start(1) - 1])
        parts.append(_symbol(match.group(1)))
        last = match.end(1)
    parts.append(text[last:])
    return parts


def _post_order(printed: dict[str, list[str]]) -> list[str]:
    """Module names, callees before callers (IR order otherwise); a cycle is an error."""
    order: list[str] = []
    state: dict[str, int] = {}
    for root in printed:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 1)]
        state[root] = 1
        while stack:
            name, index = stack.pop()
            parts = printed[name]
            if index < len(parts):
                stack.append((name, index + 2))
                callee = parts[index]
                mark = state.get(callee)
                if mark == 1:
                    raise PassFailedError(f"hash-generators: modules instantiate each other in a cycle through"
                                          f" '{callee}'")
                if mark is None and callee in printed:
                    state[callee] = 1
                    stack.append((callee, 1))
            else:
                state[name] = 2
                order.append(name)
    return order


def structural_classes(root: ir.Operation, digest: Digest | None = None) -> dict[str, ModuleClass]:
    """Hash and equivalence class of every ``loom.module`` directly in ``root``, keyed by name.

    Modules in the same class are structurally equal (exact check); equal
    hashes alone prove nothing. ``digest`` is replaceable for testing forced
    collisions (default: ``sha256_digest``, looked up at each call).
    """
    digest = digest or sha256_digest
    ops = {op.sym_name: op for op in root.regions[0].blocks[0].operations if isinstance(op, ModuleOp)}
    printed = {name: canonical_parts(text) for name, text in print_modules(root).items()}
    classes: dict[str, ModuleClass] = {}
    by_digest: dict[str, list[ModuleClass]] = {}
    count = 0
    for name in _post_order(printed):
        parts = printed[name]
        hashed, exact = [parts[0]], [parts[0]]
        for index in range(1, len(parts), 2):
            callee = classes.get(parts[index])
            hashed.append(f"#{callee.digest}" if callee else f"@{parts[index]}")
            exact.append(f"#class{callee.cls}" if callee else f"@{parts[index]}")
            hashed.append(parts[index + 1])
            exact.append(parts[index + 1])
        value = digest("".join(hashed))
        text = "".join(exact)
        same = next((c for c in by_digest.get(value, ()) if c.text == text), None)
        if same is None:
            cls = count
            count += 1
        else:
            cls = same.cls
        entry = classes[name] = ModuleClass(name, ops[name], value, text, cls)
        by_digest.setdefault(value, []).append(entry)
    return classes


@loom_pass("hash-generators", kind=PassKind.DESIGN,
           summary="Annotate every loom.module with structural_hash, a digest of its structure (names excluded)")
def run(module: ir.Operation, options: NoOptions) -> None:
    """Annotate every loom.module with ``structural_hash`` (a digest of its structure, names excluded)."""
    del options
    for entry in structural_classes(module).values():
        entry.op.operation.attributes[HASH_ATTR] = ir.StringAttr.get(entry.digest)
