"""User passes from the shell: ``loom.register_pass`` (forms, options, diagnostics, errors) and the plugins
``loom-opt`` loads (``--load-pass-plugin``, the ``loom.passes`` entry-point group)."""

from __future__ import annotations

import io
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
from circt import ir

import loom
from loom import LoomError, PassFailedError
from loom.dialect import new_context, remarks
from loom.lowering.diagnostics import CheckFailedError
from loom.lowering.pipeline import run_pipeline
from loom.lowering.registry import BUILTIN_PASSES
from loom.passes import error, note, option, remark, warning
from loom.tools import plugins
from loom.tools.opt import LoomOptMain, plugin_arguments

HERE = Path(__file__).resolve().parent

_IR = """\
"loom.module"() ({
^bb0(%a: i8, %b: i16):
  %0 = comb.add %a, %a : i8
  %1 = comb.mul %b, %b : i16
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8},
    {name = "b", dir = "in", type = i16}, {name = "o", dir = "out", type = i8}]} : () -> ()
"""


@pytest.fixture
def cleanup() -> Iterator[list[str]]:
    """Pass names a test registers; unregistered afterwards (the registry is global)."""
    names: list[str] = []
    yield names
    for name in names:
        if name in BUILTIN_PASSES:
            BUILTIN_PASSES.unregister(name)


def _run(pipeline: str) -> ir.Operation:
    context = new_context()
    with context:
        module = ir.Module.parse(_IR)
        run_pipeline(module.operation, pipeline)
    return module.operation


@dataclass(frozen=True)
class LimitOptions:
    limit: int = option(8, help="widest value allowed")


def _ops(module: ir.Operation, name: str) -> list[ir.Operation]:
    body = module.regions[0].blocks[0].operations[0].regions[0].blocks[0]
    return [op.operation for op in body.operations if op.operation.name == name]


def test_decorated_pass_gets_typed_options_and_reports_every_error(cleanup: list[str]) -> None:
    seen: list[LimitOptions] = []

    @loom.register_pass("test-limit", options=LimitOptions)
    def limit_pass(module: ir.Operation, options: LimitOptions) -> None:
        """Report values wider than `limit`."""
        seen.append(options)
        for name in ("comb.add", "comb.mul"):
            for op in _ops(module, name):
                width = ir.IntegerType(op.results[0].type).width
                if width > options.limit:
                    error(op, f"{width} bits > {options.limit}").note(op.operands[0], "from here")
                else:
                    remark(op, "fits")

    cleanup.append("test-limit")
    info = BUILTIN_PASSES.lookup("test-limit")
    assert info is not None and info.summary == "Report values wider than `limit`." and info.options == ("limit",)
    _run("test-limit{limit=16}")
    with pytest.raises(CheckFailedError) as caught:
        _run("test-limit{limit=4}")
    assert seen == [LimitOptions(16), LimitOptions(4)]
    messages = [(d.severity, d.message, d.location) for d in caught.value.diagnostics]
    assert messages == [("error", "8 bits > 4", "-:3:8"), ("error", "16 bits > 4", "-:4:8")]
    assert [n.message for n in caught.value.diagnostics[0].notes] == ["from here"]


def test_bare_decorator_names_the_pass_after_the_function(cleanup: list[str]) -> None:
    @loom.register_pass
    def count_things(module: ir.Operation, options: object) -> None:
        warning(module, f"options are {options!r}")

    cleanup.append("count-things")
    with pytest.warns(loom.lowering.diagnostics.LoomWarning, match=r"options are NoOptions\(\)"):
        _run("count_things")
    with pytest.raises(loom.ParseError, match=r"pass 'count-things' has no option 'x' \(options: none\)"):
        _run("count-things{x=1}")


def test_function_form_with_option_names_gets_the_text(cleanup: list[str]) -> None:
    got: list[dict[str, str]] = []
    loom.register_pass("test-raw", lambda module, options: got.append(options), options=("tag",))
    cleanup.append("test-raw")
    _run("test-raw{tag=x}")
    assert got == [{"tag": "x"}]


def test_a_standalone_note_is_delivered_as_a_diagnostic(cleanup: list[str]) -> None:
    @loom.register_pass("test-note")
    def noting(module: ir.Operation, options: object) -> None:
        note(_ops(module, "comb.add")[0], "looked at this")

    cleanup.append("test-note")
    with remarks.collect() as collected:
        _run("test-note")
    assert [str(r) for r in collected] == ["-:3:8: note: looked at this"]
    _run("test-note")  # nobody listening: dropped, no warning


def test_a_bug_in_a_user_pass_is_reported_at_its_line(cleanup: list[str]) -> None:
    @loom.register_pass("test-buggy")
    def buggy(module: ir.Operation, options: object) -> None:
        module.walk(lambda op: {}["missing"])  # noqa: B023 -- raises inside an MLIR callback

    cleanup.append("test-buggy")
    with pytest.raises(PassFailedError) as caught:
        _run("test-buggy")
    line = buggy.__code__.co_firstlineno + 2  # the decorator's line, then the def, then the walk
    assert caught.value.message == "pass 'test-buggy' raised KeyError: 'missing'"
    assert caught.value.location is not None and caught.value.location.endswith(f"test_pass_plugins.py:{line}:1")


def test_diagnostics_outside_a_pass_are_an_error() -> None:
    with pytest.raises(LoomError, match=r"loom.passes.error\(\) reports a problem of the running pass"):
        error(None, "nowhere")


def test_a_name_registered_twice_is_an_error_at_the_second(cleanup: list[str]) -> None:
    @loom.register_pass("test-twice")
    def first(module: ir.Operation, options: object) -> None:
        del module, options

    cleanup.append("test-twice")
    with pytest.raises(LoomError) as caught:
        @loom.register_pass("test_twice")
        def second(module: ir.Operation, options: object) -> None:
            del module, options
    assert caught.value.message.startswith("pass 'test-twice' is registered twice (first registered at ")
    assert caught.value.location is not None and caught.value.location.endswith(
        f":{first.__code__.co_firstlineno + 6}:1")
    with pytest.raises(LoomError, match=r"pass 'loom-verify' is registered twice \(a built-in pass\)"):
        loom.register_pass("loom-verify", first)


@pytest.mark.parametrize(("name", "fn", "message"), [
    ("Check_Widths", lambda m, o: None, "pass name 'Check_Widths' is not kebab-case"),
    ("test-arity", lambda m: None, r"pass 'test-arity': <lambda>\(m\) must take \(module, options\)"),
])
def test_bad_registrations(name: str, fn: object, message: str) -> None:
    with pytest.raises((LoomError, TypeError), match=message):
        loom.register_pass(name, fn)  # type: ignore[call-overload]
    assert name.replace("_", "-").lower() not in BUILTIN_PASSES


# -- loom-opt ----------------------------------------------------------------------------------------


def _opt(args: list[str], text: str = _IR) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        status = LoomOptMain(args, stdin=io.StringIO(text), stdout=stdout, stderr=stderr).run()
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    return status, stdout.getvalue(), stderr.getvalue()


def test_plugin_arguments_are_found_before_parsing() -> None:
    assert plugin_arguments(["-load-pass-plugin=a.py", "x.mlir", "--load-pass-plugin", "b.c", "--",
                             "--load-pass-plugin=c"]) == ["a.py", "b.c"]


def test_loading_the_same_plugin_file_twice_is_harmless(cleanup: list[str]) -> None:
    plugin = str(HERE / "Inputs" / "plugin_passes.py")
    cleanup += ["test-max-width", "test-rename-ports"]
    status, stdout, stderr = _opt([f"--load-pass-plugin={plugin}", "--load-pass-plugin", plugin,
                                   "--test-max-width=limit=16"])
    assert (status, stderr) == (0, "") and '"loom.module"' in stdout


def _install(folder: Path, monkeypatch: pytest.MonkeyPatch, package: str, entry_point: str) -> None:
    """An installed distribution ``package`` with one ``loom.passes`` entry point, as pip leaves it."""
    info = folder / f"{package.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[loom.passes]\n{entry_point}\n")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(plugins, "_loaded_installed", False)


def test_installed_packages_offer_passes_through_the_entry_point_group(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cleanup: list[str]) -> None:
    package = tmp_path / "acme_passes"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent("""\
        import loom

        def register():
            @loom.register_pass("acme-nothing")
            def nothing(module, options):
                '''Does nothing, from an installed package.'''
        """))
    _install(tmp_path, monkeypatch, "acme-passes", "acme = acme_passes:register")
    cleanup.append("acme-nothing")
    status, stdout, _ = _opt(["--list-passes"])
    assert status == 0
    assert any(line.split()[:1] == ["acme-nothing"] and "from an installed package" in line
               for line in stdout.splitlines())
    monkeypatch.delitem(sys.modules, "acme_passes")


def test_a_broken_installed_plugin_names_its_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path, monkeypatch, "broken", "broken = no_such_module_here")
    status, _, stderr = _opt(["--list-passes"])
    assert status == 1
    assert stderr.startswith("loom-opt: error: cannot load pass plugin 'no_such_module_here' (entry point 'broken'"
                             " of broken): ModuleNotFoundError: No module named 'no_such_module_here'")
