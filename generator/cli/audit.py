"""povgen audit: probes that tell whether weapon presence can be predicted from anything but the weapon."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, friendly, out


@app.command()
@friendly
def audit(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    frames: Annotated[int, typer.Option(min=1, help="Frames per clip the image probes look at.")] = 4,
) -> None:
    """Probe for shortcuts (background, hands, held object, metadata, each axis); write DATASET/audit.json."""
    from generator.audit.run import AUDIT, audit_dataset, audit_lines

    doc = audit_dataset(dataset, frames)
    for line in audit_lines(doc):
        out.print(line, highlight=False, soft_wrap=True)
    out.print(str(Path(dataset) / AUDIT), highlight=False)
