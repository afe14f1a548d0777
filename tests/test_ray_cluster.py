"""Ray tasks are sized from the cluster's nodes, impossible requests fail at once, and a node that dies in the
middle of a run on a local multi-node cluster (loopback only) loses no clip and duplicates none."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import render_tiny

from generator.dataset.manifest import read_jsonl
from generator.dataset.validate import validate_dataset
from generator.errors import PovgenError
from generator.run.ray_executor import size_tasks

ONE_CPU = {"CPU": 1.0, "memory": 1e9}
FOUR_CPU = {"CPU": 4.0, "memory": 1e9}


def test_tasks_fit_the_smallest_node_not_the_driver():
    assert size_tasks([ONE_CPU, ONE_CPU], wanted_threads=16, cpus_per_task=0, gpus=0) == 1
    assert size_tasks([ONE_CPU, FOUR_CPU], wanted_threads=2, cpus_per_task=0, gpus=0) == 1
    assert size_tasks([FOUR_CPU, FOUR_CPU], wanted_threads=2, cpus_per_task=0, gpus=0) == 2
    assert (
        size_tasks([ONE_CPU, FOUR_CPU], wanted_threads=2, cpus_per_task=3, gpus=0) == 3
    )  # fits the big node


def test_requests_no_node_can_satisfy_are_one_line_errors():
    with pytest.raises(PovgenError, match=r"--cpus-per-task 8: no Ray node has 8 CPUs \(largest: 4\)"):
        size_tasks([ONE_CPU, FOUR_CPU], wanted_threads=2, cpus_per_task=8, gpus=0)
    with pytest.raises(PovgenError, match="no Ray node has 1 GPU"):
        size_tasks([FOUR_CPU], wanted_threads=2, cpus_per_task=0, gpus=1.0)
    with pytest.raises(PovgenError, match="no node with a CPU"):
        size_tasks([{"memory": 1e9}], wanted_threads=2, cpus_per_task=0, gpus=0)
    assert size_tasks([{"CPU": 8.0, "GPU": 1.0}], wanted_threads=8, cpus_per_task=0, gpus=1.0) == 1


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("ray")
    from generator.run.local_cluster import LocalCluster

    with LocalCluster(nodes=2, cpus=1) as c:
        yield c


@pytest.mark.render
def test_impossible_request_fails_within_seconds_on_a_real_cluster(cluster, tmp_path):
    t0 = time.monotonic()
    with pytest.raises(PovgenError, match="--cpus-per-task 2: no Ray node has 2 CPUs"):
        render_tiny(tmp_path / "ds", clips=2, executor="ray", ray_address=cluster.address, cpus_per_task=2)
    assert time.monotonic() - t0 < 60


@pytest.mark.render
def test_killing_a_node_mid_run_loses_and_duplicates_no_clip(cluster, tmp_path):
    out = tmp_path / "ds"
    killed: list[int] = []

    def kill_second_node_after_first_clip():
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            manifest = out / "manifest.jsonl"
            if manifest.exists() and manifest.read_text().strip():
                raylet = cluster.raylet("127.0.0.3")
                raylet.kill()
                killed.append(raylet.pid)
                return
            time.sleep(0.2)

    watcher = threading.Thread(target=kill_second_node_after_first_clip, daemon=True)
    watcher.start()
    report = render_tiny(out, clips=6, executor="ray", ray_address=cluster.address, retries=3)
    watcher.join(timeout=5)
    assert killed, "the second node was never killed"
    assert report.rendered == 6 and report.failed == 0
    ids = [r["clip_id"] for r in read_jsonl(out / "manifest.jsonl")]
    assert sorted(ids) == [f"{i:06d}" for i in range(6)]  # every clip once: none lost, none twice
    assert sorted(p.name for p in (out / "clips").iterdir()) == sorted(ids)  # no half-written leftovers
    assert validate_dataset(out).ok
