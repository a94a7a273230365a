"""The module tree of a design at a glance: text, DOT and SVG, computed from the instance graph.

``ModuleTree`` prints each module once, under the first module that
instantiates it, with the instances of each child module grouped on one line
(``left, right: Node18 x2``) and how many times the module occurs in the
whole elaborated design. Everything comes from the instance graph
(``dialect/hierarchy.py``): the counts are propagated from parent to child
module in topological order, so a depth-20 binary tree (21 modules, 2^20
leaves) prints 21 lines in milliseconds and no instance path is ever
enumerated. Modules that an edit made (``Design.edit`` and friends) are
marked ``*`` in the text and filled in the picture.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from circt import ir

from ..dialect.errors import LoomError
from ..dialect.hierarchy import Hierarchy

NAMES_SHOWN = 4  # instance names listed per child line before "..."


@dataclass(frozen=True)
class ChildGroup:
    """The instances of one child module inside one parent module."""

    target: str
    names: tuple[str, ...]

    def names_text(self) -> str:
        shown = ", ".join(self.names[:NAMES_SHOWN])
        return shown if len(self.names) <= NAMES_SHOWN else f"{shown}, ... ({len(self.names)} in all)"


class ModuleTree:
    """The modules under ``top``, their child groups, instance counts, and which modules edits made."""

    def __init__(self, graph: Hierarchy, variants: Mapping[str, str] | None = None):
        self.graph = graph
        self.top = graph.top
        self.variants = dict(variants or {})
        """Module made by an edit -> the module it was copied from."""
        self.children: dict[str, list[ChildGroup]] = {}
        for name in graph.post_order():
            groups: dict[str, list[str]] = {}
            for edge in graph.edges.get(name, []):
                groups.setdefault(edge.target, []).append(edge.name)
            self.children[name] = [ChildGroup(target, tuple(names)) for target, names in groups.items()]
        self.counts = self._instance_counts()

    @property
    def modules(self) -> dict[str, ir.OpView]:
        """Every module definition of the design, by name."""
        return self.graph.modules

    def _instance_counts(self) -> dict[str, int]:
        counts = {self.top: 1}
        for name in reversed(self.graph.post_order()):
            for group in self.children.get(name, []):
                counts[group.target] = counts.get(group.target, 0) + counts[name] * len(group.names)
        return counts

    # -- text ------------------------------------------------------------------------------------

    def _label(self, name: str) -> str:
        origin = self.variants.get(name)
        if origin is None:
            return name
        return f"{name}*" if origin == name else f"{name}* (variant of {origin})"

    def lines(self) -> list[str]:
        """The tree, one line per (parent, child module) group, each module expanded once (depth first)."""
        lines = [f"{self._label(self.top)}  [1 instance]"]
        expanded = {self.top}
        # An explicit stack (no recursion limit on deep hierarchies): (module, indent prefix, next group).
        stack: list[tuple[str, str, int]] = [(self.top, "", 0)]
        while stack:
            name, prefix, index = stack.pop()
            groups = self.children.get(name, [])
            if index >= len(groups):
                continue
            stack.append((name, prefix, index + 1))
            group = groups[index]
            last = index == len(groups) - 1
            branch, extend = ("└── ", "    ") if last else ("├── ", "│   ")
            seen = group.target in expanded
            lines.append(f"{prefix}{branch}{group.names_text()}: {self._label(group.target)} x{len(group.names)}"
                         f"  [{self.counts.get(group.target, 0):,} in the design]{' (shown above)' if seen else ''}")
            if not seen:
                expanded.add(group.target)
                stack.append((group.target, prefix + extend, 0))
        return lines

    def __str__(self) -> str:
        text = self.lines()
        if self.variants:
            text.append("* made by an edit")
        return "\n".join(text)

    def summary(self) -> str:
        """``N modules, M instances``: M counts every elaborated instance below the top."""
        instances = sum(self.counts.values()) - 1
        return f"{len(self.counts)} modules, {instances:,} instances"

    # -- pictures --------------------------------------------------------------------------------

    def dot(self) -> str:
        """Graphviz DOT: a node per module (with its instance count), an edge per child group."""
        out = ["digraph hierarchy {", "  rankdir=TB;", '  node [shape=box, fontname="Helvetica"];',
               '  edge [fontname="Helvetica", fontsize=10];']
        for name in reversed(self.graph.post_order()):
            label = f"{name}\\n{self.counts.get(name, 0):,} instance(s)"
            style = ""
            if name in self.variants:
                origin = self.variants[name]
                label += "\\nedited" if origin == name else f"\\nvariant of {origin}"
                style = ", style=filled, fillcolor=lightgoldenrod1"
            out.append(f'  "{name}" [label="{label}"{style}];')
        for name in reversed(self.graph.post_order()):
            for group in self.children.get(name, []):
                out.append(f'  "{name}" -> "{group.target}" [label="{group.names_text()} (x{len(group.names)})"];')
        out.append("}")
        return "\n".join(out) + "\n"

    def write(self, out_dir: str | os.PathLike[str]) -> list[Path]:
        """Write ``<top>_hierarchy.dot`` and, with Graphviz's ``dot`` installed, ``.svg``; returns the files."""
        directory = Path(out_dir)
        directory.mkdir(parents=True, exist_ok=True)
        dot_file = directory / f"{self.top}_hierarchy.dot"
        dot_file.write_text(self.dot())
        import shutil  # only a drawing runs a tool: `loom build` prints its summary from this module
        import subprocess

        tool = shutil.which("dot")
        if tool is None:
            raise LoomError(f"wrote {dot_file}, but the SVG needs Graphviz's `dot` on PATH"
                            " (Debian package graphviz; ./run setup installs it)")
        svg_file = dot_file.with_suffix(".svg")
        done = subprocess.run([tool, "-Tsvg", "-o", str(svg_file), str(dot_file)], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise LoomError(f"dot could not draw {dot_file}: {done.stderr.strip()}")
        return [dot_file, svg_file]
