"""``loom``: run a generator and write its SystemVerilog.

Usage::

    loom build FILE.py:NAME   [--param K=V ...] -o DIR [--keep-parameters] [--no-locations]
    loom build pkg.module:NAME [--param K=V ...] -o DIR ...
    loom build FILE.py:NAME   [--param K=V ...] --emit=loom|hw|sv -o -|FILE
    loom examples -o DIR
    loom hierarchy FILE.py:NAME [--param K=V ...] [-o DIR]
    loom sim FILE.py:NAME --tests MODULE [--param K=V ...] [--simulator icarus|verilator] [--waves]

``build`` imports the Python file (by path) or the dotted module (as
``python -m`` would, with the working directory on ``sys.path``), takes the
attribute ``NAME`` -- a ``Generator`` subclass or a function returning a
generator -- calls it with the ``--param`` keyword arguments and writes one
``.sv`` file per module plus ``filelist.f`` into ``DIR``
(``loom.emit``). ``--param`` values are ints (``8``, ``0x10``), ``true`` /
``false``, or else strings. ``--emit`` picks what is written as one text
stream (``driver/ir_text.py``): ``loom`` the generator's loom IR (which
``loom-opt`` reads), ``hw`` the lowered IR, ``sv`` every module's
SystemVerilog in ``filelist.f`` order; ``-o -`` sends it to stdout, so a lit
RUN line can pipe it into ``filecheck`` or ``loom-opt``, and ``-o FILE``
writes it to one file. Without ``--emit`` the files go into the folder
``DIR``.

``sim`` builds the generator and runs the cocotb tests of ``MODULE`` on it
(``loom.sim.run``; ``tools/sim.py``).

``hierarchy`` prints the module tree with instance counts and writes it as
DOT and SVG (``tools/hierarchy.py``).

``examples`` builds every example in the repository's ``examples/`` folder
(each defines ``top()``) into ``DIR/<example>/``.

User errors -- a missing file or attribute or a bad ``--param`` (raised
here as ``LoomError``), any other ``LoomError``, an exception raised by the
user's own generator code -- are printed as ``file:line:col: error: message``
(or ``error: message``) and exit with status 1. Only a bug inside loom itself
shows a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

from .. import __version__
from ..dialect.errors import LoomError
from ..dialect.hierarchy import Hierarchy
from ..dialect.progress import Progress, phase
from ..dialect.srcloc import display_path, raising_location
from ..driver.backend import proof_against
from ..driver.ir_text import STAGES, Stage, ir
from ..driver.pass_manager import build_verilog_module
from ..frontend.generator import Generator
from ..lowering.export import BackendOptions
from ..lowering.module_tree import ModuleTree
from .hierarchy import add_hierarchy_command, run_hierarchy
from .sim import add_sim_command, run_sim

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"


# -- loading the generator -----------------------------------------------------


def parse_params(items: Sequence[str]) -> dict[str, Any]:
    """``["width=8", "name=x", "pipelined=true"]`` -> ``{"width": 8, "name": "x", "pipelined": True}``."""
    params: dict[str, Any] = {}
    for item in items:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key.isidentifier():
            raise LoomError(f"bad --param {item!r}: expected KEY=VALUE with KEY a Python identifier, e.g. width=8")
        if key in params:
            raise LoomError(f"--param {key} is given twice")
        params[key] = parse_value(text)
    return params


def parse_value(text: str) -> Any:
    """An int (any Python int literal), ``true``/``false``, or else the string itself."""
    try:
        return int(text, 0)
    except ValueError:
        pass
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return text


def split_target(target: str) -> tuple[str, str]:
    """``"path/to/file.py:Name"`` or ``"pkg.mod:Name"`` -> (source, name)."""
    source, sep, name = target.rpartition(":")
    if not sep or not source or not name:
        raise LoomError(f"bad target {target!r}: expected FILE.py:NAME or package.module:NAME")
    return source, name


def load_source(source: str) -> ModuleType:
    """Import a Python file by path, or a dotted module name."""
    if source.endswith(".py") or os.sep in source or "/" in source:
        return load_file(Path(source))
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        return importlib.import_module(source)
    except ModuleNotFoundError as error:
        if error.name is not None and (source == error.name or source.startswith(error.name + ".")):
            raise LoomError(f"no module named {error.name!r} (give a FILE.py path or an importable module)") from None
        raise


def load_file(path: str | os.PathLike[str]) -> ModuleType:
    """Import the Python file at ``path`` (absolute, or relative to the working directory) and return it.

    The shared way to load a design by path: ``loom build FILE.py:NAME``, the
    benchmarks and the tests all use it (the ``examples/`` folder is not an
    installed package). The module gets a private name in ``sys.modules``
    (``_loom_file_<stem>_<hash of the resolved path>``, so two files with the
    same name do not collide) and the file's folder goes on ``sys.path`` so it
    can import its neighbours, as ``python FILE.py`` would. Loading the same
    file again runs it again. Raises ``LoomError`` when ``path`` is not a file
    or not importable; exceptions raised by the file's own code propagate.
    """
    given = Path(path)
    if not given.is_file():
        raise LoomError(f"no such file: {given}")
    resolved = given.resolve()
    stem = "".join(c if c.isalnum() else "_" for c in resolved.stem)
    name = f"_loom_file_{stem}_{abs(hash(str(resolved))):x}"
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise LoomError(f"cannot import {given}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    # Registered before running, as the import system does: dataclasses and typing look the module up.
    sys.modules[name] = module
    if str(resolved.parent) not in sys.path:
        sys.path.insert(0, str(resolved.parent))
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def find_generator(module: ModuleType, name: str, source: str) -> Callable[..., Any]:
    target = getattr(module, name, None)
    if target is None:
        found = sorted(n for n, v in vars(module).items()
                       if not n.startswith("_") and (_is_generator_class(v) or inspect.isfunction(v))
                       and getattr(v, "__module__", None) == module.__name__)
        hint = f"; it defines: {', '.join(found)}" if found else ""
        raise LoomError(f"{source} has no generator {name!r}{hint}")
    if not callable(target):
        raise LoomError(f"{source}:{name} is a {type(target).__name__}, not a Generator class or a function")
    return target


def _is_generator_class(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, Generator) and value is not Generator


def instantiate(factory: Callable[..., Any], name: str, params: dict[str, Any]) -> Generator:
    """Call the class or factory with ``params``, checking the keywords against its signature first."""
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):
        signature = None
    if signature is not None:
        try:
            signature.bind(**params)
        except TypeError as error:
            accepted = [p.name for p in signature.parameters.values()
                        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "is_clone"]
            raise LoomError(f"cannot call {name}() with --param {', '.join(params) or '(none)'}: {error};"
                            f" it takes: {', '.join(accepted) or 'no parameters'}") from None
    result = factory(**params)
    if not isinstance(result, Generator):
        raise LoomError(f"{name}() returned {type(result).__name__}, not a Generator")
    return result


# -- commands ------------------------------------------------------------------


def load_generator(target: str, params: dict[str, Any]) -> Generator:
    """Import ``FILE.py:NAME`` / ``pkg.mod:NAME`` and call ``NAME(**params)``."""
    source, name = split_target(target)
    module = load_source(source)
    return instantiate(find_generator(module, name, source), name, params)


def build(target: str, params: dict[str, Any], out_dir: str, keep_parameters: bool, emit_locations: bool,
          prove: bool = False) -> list[Path]:
    """Run ``target`` with ``params`` and write its SystemVerilog into ``out_dir``; returns the .sv files.

    ``prove``: prove every module equal to its plain lowering (``driver/validate.py``).
    """
    return build_design(target, params, out_dir, keep_parameters, emit_locations, prove)[0]


def build_design(target: str, params: dict[str, Any], out_dir: str, keep_parameters: bool,
                 emit_locations: bool, prove: bool = False) -> tuple[list[Path], ModuleTree]:
    """``build``, also returning the module tree of the SystemVerilog design (for the summary)."""
    with phase("elaborate"):  # the generator's own Python runs here: usually most of the elaboration
        generator = load_generator(target, params)
    code_gen = build_verilog_module(generator, BackendOptions(keep_parameters, emit_locations))
    proof = proof_against(code_gen, None) if prove else None
    code_gen.run_passes()
    files = code_gen.emit(out_dir)
    if proof is not None:
        with phase("prove"):
            proof({path.stem: path.read_text() for path in files})
    with code_gen.module.context:
        tree = ModuleTree(Hierarchy(code_gen.module.operation, code_gen.top_name))
    return files, tree


def build_summary(tree: ModuleTree, files: list[Path], out_dir: str, progress: Progress) -> str:
    """What ``loom build`` did: modules and instances (from the instance graph), time per phase, where the files are."""
    return (f"{tree.top}: {tree.summary()}; {len(files)} .sv file(s) and filelist.f in {display_path(out_dir)}\n"
            f"time: {progress.summary()}")


def build_text(target: str, params: dict[str, Any], stage: Stage, keep_parameters: bool,
               emit_locations: bool) -> str:
    """Run ``target`` with ``params`` and return the design at ``stage`` as one text (``--emit``)."""
    return ir(load_generator(target, params), stage, locations=emit_locations, keep_parameters=keep_parameters)


def example_files(directory: Path = EXAMPLES_DIR) -> list[Path]:
    """The example scripts, in name order."""
    if not directory.is_dir():
        raise LoomError(f"no examples folder at {directory}")
    return sorted(p for p in directory.glob("*.py") if not p.name.startswith("_"))


def build_examples(out_dir: str, keep_parameters: bool, emit_locations: bool) -> dict[str, list[Path]]:
    """Build every example's ``top()`` into ``out_dir/<example>/``."""
    written: dict[str, list[Path]] = {}
    for path in example_files():
        target = f"{path}:top"
        written[path.stem] = build(target, {}, str(Path(out_dir) / path.stem), keep_parameters, emit_locations)
    return written


# -- command line --------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"error: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="loom", description="Run loom generators and write SystemVerilog.")
    parser.add_argument("--version", action="version", version=f"loom {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build_cmd = commands.add_parser("build", help="run one generator and write its .sv files",
                                    description="Run one generator and write one .sv file per module plus filelist.f.")
    build_cmd.add_argument("target", metavar="FILE_OR_MODULE:GENERATOR",
                           help="e.g. examples/counter.py:Counter or mypkg.cores:Top")
    build_cmd.add_argument("--param", "-P", action="append", default=[], metavar="K=V",
                           help="keyword argument for the generator (int, true/false or string); repeatable")
    build_cmd.add_argument("--quiet", "-q", action="store_true",
                           help="no progress display and no summary, only the written files")
    build_cmd.add_argument("--emit", choices=STAGES,
                           help="write one text stream: the loom IR, the lowered hw IR or all SystemVerilog;"
                                " -o - sends it to stdout, -o FILE to a file")
    build_cmd.add_argument("--prove", action="store_true",
                           help="prove with yosys that every module equals a lowering without the optimising"
                                " passes; on a difference, name the module and the pass")
    _add_output_options(build_cmd)

    examples_cmd = commands.add_parser("examples", help="build every example into DIR/<example>/",
                                       description=f"Build every example in {EXAMPLES_DIR} into DIR/<example>/.")
    _add_output_options(examples_cmd)
    add_sim_command(commands)
    add_hierarchy_command(commands)
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="output directory (with --emit: a file, or - for stdout)")
    parser.add_argument("--keep-parameters", action="store_true",
                        help="keep SystemVerilog parameters instead of one module per parameter value")
    parser.add_argument("--no-locations", action="store_true",
                        help="omit the '// file.py:line:col' comments")


def run(args: argparse.Namespace) -> None:
    if args.command == "sim":
        run_sim(args)
        return
    if args.command == "hierarchy":
        run_hierarchy(args)
        return
    locations = not args.no_locations
    if args.command == "build" and args.emit is not None:
        text = build_text(args.target, parse_params(args.param), args.emit, args.keep_parameters, locations)
        if args.output == "-":
            sys.stdout.write(text)
        else:
            try:
                Path(args.output).write_text(text, encoding="utf-8")
            except OSError as error:
                raise LoomError(f"cannot write '{args.output}': {error.strerror}") from None
            print(display_path(args.output))
        return
    if args.command == "build":
        params = parse_params(args.param)
        progress = Progress(show=False if args.quiet else None)
        with progress.active(), warnings.catch_warnings(record=True) as caught:
            if args.prove:
                from ..driver.validate import ProofWarning  # --prove only: kept out of the build's start-up

                warnings.simplefilter("always", ProofWarning)
            files, tree = build_design(args.target, params, args.output, args.keep_parameters, locations,
                                       args.prove)
        for path in files:
            print(display_path(str(path)))
        for warning in caught:
            print(f"warning: {warning.message}", file=sys.stderr)
        if args.prove:
            unproven = sum(1 for w in caught if issubclass(w.category, ProofWarning))
            print(f"proof incomplete: {unproven} module(s) not proven (see the warnings)" if unproven
                  else "proved: every module equals its plain lowering (yosys)", file=sys.stderr)
        if not args.quiet:
            print(build_summary(tree, files, args.output, progress))
        return
    for name, paths in build_examples(args.output, args.keep_parameters, locations).items():
        directory = display_path(str(Path(args.output) / name))
        print(f"{name}: {len(paths)} module(s) in {directory}/ (filelist.f lists them)")
        for path in paths:
            print(f"  {display_path(str(path))}")


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        run(args)
    except BrokenPipeError:  # `loom examples -o out | head`
        sys.stderr.close()
        return 1
    except LoomError as error:
        text = str(error)
        print(text if error.location else f"error: {text}", file=sys.stderr)
        return 1
    except SyntaxError as error:
        where = f"{display_path(error.filename or '?')}:{error.lineno or 0}:{error.offset or 0}"
        print(f"{where}: error: {error.msg}", file=sys.stderr)
        return 1
    except Exception as error:
        location = raising_location(error)
        if location is None:
            raise
        print(f"{location}: error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
