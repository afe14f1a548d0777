"""Inspection overlays and the HTML report, made from a real tiny render and checked against its pixels."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import cv2
import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from generator.cli import app
from generator.dataset.video import probe
from generator.report.draw import auto_scale, color_of
from generator.report.inspect import inspect_clip


def labels_of(clip):
    return json.loads((clip / "labels.json").read_text())


@pytest.mark.render
def test_inspect_writes_overlay_video_gif_and_tints_the_masks(tiny_dataset, tmp_path):
    clip = tiny_dataset / "clips" / "000000"
    labels = labels_of(clip)
    mp4, gif, png = inspect_clip(clip, tmp_path)
    n, fps, w, h = probe(mp4)
    scale = auto_scale(labels["width"])
    assert n == labels["num_frames"] and abs(fps - labels["fps"]) < 1e-6
    assert w == labels["width"] * scale and h > labels["height"] * scale  # the shake plot sits below
    with Image.open(gif) as im:
        assert im.n_frames == labels["num_frames"]
    # the middle frame: inside each mask (away from its edges and box lines) the pixel is tinted
    fl = labels["frames"][labels["num_frames"] // 2]
    raw = cv2.cvtColor(cv2.imread(str(clip / fl["image"])), cv2.COLOR_BGR2RGB).astype(float)
    mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
    top = np.asarray(Image.open(png).convert("RGB"))[: labels["height"] * scale : scale, ::scale].astype(
        float
    )
    checked = 0
    for a in fl["annotations"]:
        inner = cv2.erode((mask == a["instance_id"]).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        if inner.sum() < 10:  # tiny masks (wide lenses) lie under other instances' names
            continue
        want = 0.55 * raw[inner] + 0.45 * np.array(color_of(a["instance_id"]))
        assert np.median(np.abs(top[inner] - want)) <= 2
        checked += 1
    outside = mask == 0
    assert np.median(np.abs(top[outside] - raw[outside])) <= 1  # the background is left alone
    assert checked >= 1


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.src, self.h2 = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.src.append(dict(attrs)["src"])
        self.h2 += tag == "h2"


@pytest.mark.render
def test_report_html_references_plots_that_exist(tiny_dataset, tmp_path):
    res = CliRunner().invoke(app, ["report", str(tiny_dataset), "--out", str(tmp_path / "report")])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "report" / "index.html").read_text()
    parser = Images()
    parser.feed(page)
    assert parser.h2 - 1 == len(parser.src) == 11  # plus the shortcut audit's section (no picture)
    assert "povgen audit" in page  # not run yet: the section says how
    assert "onset_devices.png" in parser.src
    for src in parser.src:
        assert "/" not in src  # beside index.html: viewable offline and movable
        img = cv2.imread(str(tmp_path / "report" / src))
        assert img is not None and img.shape[0] > 100 and img.std() > 5  # a real picture, not blank
    assert "contact_sheet.jpg" in parser.src
    sheet = cv2.imread(str(tmp_path / "report" / "contact_sheet.jpg"))
    assert sheet.shape[1] == 6 * 240
    assert ">4</td>" in page  # the clip count in the summary table


def test_inspect_cli_names_a_bad_folder(tmp_path):
    res = CliRunner().invoke(app, ["inspect", str(tmp_path)])
    assert res.exit_code == 1 and "labels.json: missing" in res.output
