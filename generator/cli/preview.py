"""povgen preview and sweep: see in seconds what a scene's parameters do."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import AllowPathOpt, SetOpt, app, friendly, out
from generator.errors import OptionError

Engine = Annotated[str, typer.Option(help="workbench (fastest, no lights) or cycles (low samples).")]


def _engine(engine: str) -> str:
    if engine not in ("workbench", "cycles"):
        raise OptionError(f"--engine {engine}: expected workbench or cycles")
    return engine


def _check_sheet(width: int, height: int, samples: int, seed: int | None, out_file: Path) -> None:
    """Tile size, samples and seed in range, and the picture's folder writable, before anything renders."""
    from generator.run.options import check_count, check_seed, check_writable

    for name, value in (("--width", width), ("--height", height)):
        if not 16 <= value <= 4096:
            raise OptionError(f"{name} {value}: expected 16 to 4096")
    check_count("--samples", samples, 1)
    if seed is not None:
        check_seed(seed)
    check_writable(out_file)


@app.command()
@friendly
def preview(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")],
    n: Annotated[int, typer.Option("--n", help="Clips to plan and show.")] = 16,
    set_: SetOpt = None,
    allow_path: AllowPathOpt = None,
    seed: Annotated[int | None, typer.Option(help="Dataset seed (default: the config's).")] = None,
    frames: Annotated[int, typer.Option(help="Key frames per clip.")] = 1,
    width: Annotated[int, typer.Option(help="Tile width.")] = 240,
    height: Annotated[int, typer.Option(help="Tile height.")] = 136,
    engine: Engine = "workbench",
    samples: Annotated[int, typer.Option(help="Cycles samples (cycles engine).")] = 2,
    overlay: Annotated[bool, typer.Option(help="Draw masks and boxes (renders ids with Cycles).")] = False,
    out_file: Annotated[Path, typer.Option("--out", help="Contact sheet PNG.")] = Path("outputs/preview.png"),
    cols: Annotated[int, typer.Option(help="Tiles per row.")] = 4,
) -> None:
    """Plan N clips and render key frames of each into one captioned contact sheet."""
    from generator.preview.run import preview as run_preview

    if not 1 <= n <= 256:
        raise OptionError(f"--n {n}: expected 1..256")
    from generator.run.options import check_count

    check_count("--frames", frames, 1)
    check_count("--cols", cols, 1)
    _check_sheet(width, height, samples, seed, out_file)
    _engine(engine)
    res = run_preview(
        config,
        list(set_ or []),
        n,
        seed,
        width,
        height,
        frames,
        _engine(engine),
        samples,
        overlay,
        out_file,
        cols=cols,
    )
    out.print(f"{res['path']}: {res['tiles']} tiles in {res['seconds']:.1f} s", highlight=False)


@app.command()
@friendly
def sweep(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")],
    param: Annotated[list[str], typer.Option("--param", help="Dotted key to vary (once or twice).")],
    values: Annotated[list[str], typer.Option("--values", help="Comma-separated values, one per --param.")],
    set_: SetOpt = None,
    allow_path: AllowPathOpt = None,
    seed: Annotated[int | None, typer.Option(help="Dataset seed (default: the config's).")] = None,
    index: Annotated[int, typer.Option(help="Clip index held fixed across tiles.")] = 0,
    width: Annotated[int, typer.Option(help="Tile width.")] = 240,
    height: Annotated[int, typer.Option(help="Tile height.")] = 136,
    engine: Engine = "cycles",
    samples: Annotated[int, typer.Option(help="Cycles samples (cycles engine).")] = 4,
    out_file: Annotated[Path, typer.Option("--out", help="Grid PNG.")] = Path("outputs/sweep.png"),
) -> None:
    """One grid image varying one or two parameters, everything else held at the same seed."""
    from generator.preview.run import parse_values
    from generator.preview.run import sweep as run_sweep

    _check_sheet(width, height, samples, seed, out_file)
    _engine(engine)
    if index < 0:
        raise OptionError(f"--index {index}: must be at least 0")
    if len(param) != len(values):
        raise OptionError(f"{len(param)} --param but {len(values)} --values: give one --values per --param")
    params = [(k, parse_values(v)) for k, v in zip(param, values, strict=True)]
    res = run_sweep(
        config, list(set_ or []), params, seed, index, width, height, _engine(engine), samples, out_file
    )
    out.print(f"{res['path']}: {res['tiles']} tiles in {res['seconds']:.1f} s", highlight=False)
