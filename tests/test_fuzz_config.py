"""Malformed configs generated at random never produce a traceback: a ConfigError (one line) or a config."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from generator.cli import app
from generator.config.load import apply_overrides, load_config, validate_config
from generator.config.models import SceneConfig
from generator.errors import ConfigError, PovgenError


def _keys(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


SECTIONS = {
    name: _keys(f.annotation)
    for name, f in SceneConfig.model_fields.items()
    if isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel)
}
TAGS = ["const", "uniform", "normal", "loguniform", "randint", "choice", "weights", "unknown"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["off", "fast", "cycles", "eevee", "gpu", "1e309", "-0", "nan"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(TAGS), st.text(max_size=6)), inner, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def raw_configs(draw):
    """Mostly real section and key names with random values, plus random junk keys and sections."""
    data = {}
    for section in draw(st.lists(st.sampled_from([*SECTIONS, "junk"]), max_size=4, unique=True)):
        keys = SECTIONS.get(section, ["x"])
        names = draw(st.lists(st.sampled_from([*keys, "bogus"]), max_size=4, unique=True))
        data[section] = draw(st.one_of(st.dictionaries(st.sampled_from(names or ["x"]), values), values))
    for top in draw(st.lists(st.sampled_from(["name", "clips", "seed", "schema_version", "zz"]), max_size=3)):
        data[top] = draw(values)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_configs())
def test_random_configs_validate_or_fail_with_one_line(data):
    try:
        cfg = validate_config(data, "fuzz.yaml")
    except ConfigError as exc:
        msg = str(exc)
        assert msg.startswith("fuzz.yaml: ") and "\n" not in msg
    else:
        assert isinstance(cfg, SceneConfig)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=3))
def test_random_overrides_never_raise_anything_else(overrides):
    try:
        validate_config(apply_overrides({}, overrides))
    except ConfigError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(raw_configs().map(lambda d: yaml.safe_dump(d, allow_unicode=True)), st.text(max_size=80)))
def test_random_files_through_load_and_cli_give_no_traceback(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "scene.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_config(path)
        ok = True
    except PovgenError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        ok = False
    res = CliRunner().invoke(app, ["config", "validate", str(path)])
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    assert (res.exit_code == 0) == ok, res.output
