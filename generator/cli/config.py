"""povgen config: show, validate and describe scene configs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

from generator.cli.app import AllowPathOpt, SetOpt, config_app, friendly, out


@config_app.command("show")
@friendly
def config_show(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")],
    set_: SetOpt = None,
    allow_path: AllowPathOpt = None,
) -> None:
    """Print the fully merged config (defaults filled in, overrides applied) as YAML."""
    from generator.config import config_to_dict, load_config

    text = yaml.safe_dump(config_to_dict(load_config(config, set_)), sort_keys=False, width=10**6)
    sys.stdout.write(text)  # plain text, never wrapped to the terminal, so a pipe or file gets valid YAML


@config_app.command("validate")
@friendly
def config_validate(
    configs: Annotated[list[Path], typer.Argument(help="Scene config YAML files (one or many).")],
    set_: SetOpt = None,
    allow_path: AllowPathOpt = None,
) -> None:
    """Check configs; prints 'ok' per file or one line per bad file naming the field (exit 2 if any is bad)."""
    from generator.cli.app import err, one_line
    from generator.config import load_config
    from generator.errors import PovgenError

    worst = 0
    for config in configs:
        try:
            cfg = load_config(config, set_)
        except PovgenError as exc:
            message, code = one_line(exc)
            err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
            worst = max(worst, code)
            continue
        out.print(f"{config}: ok ({cfg.name})", highlight=False, soft_wrap=True)
    if worst:
        raise typer.Exit(worst)


@config_app.command("schema")
@friendly
def config_schema() -> None:
    """Print the JSON Schema of scene configs."""
    from generator.config.models import SceneConfig

    print(json.dumps(SceneConfig.model_json_schema(), indent=1))


@config_app.command("explain")
@friendly
def config_explain(
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. camera.fov_deg, or a section.")],
) -> None:
    """Say what a config key means: type, default, allowed range, example."""
    from generator.config.reference import explain

    out.print(explain(key), highlight=False, markup=False)


@config_app.command("new")
@friendly
def config_new(
    source: Annotated[
        str, typer.Option("--from", help="A shipped scene name (e.g. demo) or a scene file.")
    ] = "demo",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write here instead of printing.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter scene file, every key explained, from a shipped scene."""
    from generator.config import config_to_dict, load_config
    from generator.config.reference import commented_yaml
    from generator.config.scenes import scene_path
    from generator.errors import ConfigError

    try:
        path = scene_path(source)
    except ConfigError as exc:
        raise ConfigError(f"--from {exc}") from None
    text = commented_yaml(config_to_dict(load_config(path)), str(path))
    if out_file is None:
        print(text, end="")
        return
    if out_file.exists() and not force:
        raise ConfigError(f"{out_file}: exists; use --force to overwrite")
    out_file.write_text(text, encoding="utf-8")
    out.print(f"wrote {out_file}", highlight=False)
