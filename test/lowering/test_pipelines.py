"""The pipeline definitions (lowering/pipelines.py) are the one source every entry point reads."""

from loom.lowering.export import BackendOptions, lowering_pipeline
from loom.lowering.pipeline import LoomStep, MlirStep, Step, parse_pipeline
from loom.lowering.pipelines import PassSpec, pipeline
from loom.lowering.specialize import SpecializeOptions


def names(steps: list[Step]) -> list[str]:
    return [step.info.name if isinstance(step, LoomStep) else step.text for step in steps]


def test_backend_lowering_is_the_named_pipelines_with_the_top_as_data() -> None:
    steps = lowering_pipeline("Top; evil{x=1}", BackendOptions(keep_parameters=True))
    assert names(steps) == names(parse_pipeline("lower-to-hw-keep-parameters, cleanup"))
    specialize = next(s for s in steps if isinstance(s, LoomStep) and s.info.name == "loom-specialize-to-hw")
    assert specialize.options == SpecializeOptions(top="Top; evil{x=1}", keep_parameters=True)


def test_consecutive_circt_passes_share_one_pass_manager() -> None:
    mlir = [s for s in lowering_pipeline("Top", BackendOptions()) if isinstance(s, MlirStep)]
    assert [s.elements[:2] for s in mlir] == [["canonicalize", "cse"]]


def test_spec_text_round_trips_options() -> None:
    spec = PassSpec("loom-specialize", {"top": "T", "keep-parameters": "true"})
    assert spec.text == "loom-specialize{top=T keep-parameters=true}"
    checks = pipeline(kratos=True)[-1]
    assert (checks.name, dict(checks.options)) == ("loom-checks", {"skip": "check-non-synthesizable-content"})
