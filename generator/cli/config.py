"""povgen config: show, validate and describe scene configs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
import yaml

from generator.cli.app import SetOpt, config_app, friendly, out


@config_app.command("show")
@friendly
def config_show(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")], set_: SetOpt = None
) -> None:
    """Print the fully merged config (defaults filled in, overrides applied) as YAML."""
    from generator.config import config_to_dict, load_config

    out.print(
        yaml.safe_dump(config_to_dict(load_config(config, set_)), sort_keys=False),
        end="",
        highlight=False,
        markup=False,
    )


@config_app.command("validate")
@friendly
def config_validate(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")], set_: SetOpt = None
) -> None:
    """Check a config; prints 'ok' or one line naming the bad field (exit 2)."""
    from generator.config import load_config

    cfg = load_config(config, set_)
    out.print(f"{config}: ok ({cfg.name})", highlight=False)


@config_app.command("schema")
@friendly
def config_schema() -> None:
    """Print the JSON Schema of scene configs."""
    from generator.config.models import SceneConfig

    print(json.dumps(SceneConfig.model_json_schema(), indent=1))
