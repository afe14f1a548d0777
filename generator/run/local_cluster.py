"""A Ray cluster of several nodes on this machine, on loopback addresses only (tests, benchmarks, trying out
``--executor ray`` before a real cluster).

Ray rewrites ``127.0.0.1`` to the machine's network address, so the head listens on 127.0.0.2 and node k on
127.0.0.(2 + k): every byte stays on the loopback interface. Each cluster has its own temporary folder, and
stopping it ends only its own processes (``ray stop`` would end every Ray on the machine).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from generator.errors import PovgenError

HEAD_IP = "127.0.0.2"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HEAD_IP, 0))
        return s.getsockname()[1]


def _ray_cli() -> str:
    exe = Path(sys.executable).with_name("ray")
    return str(exe) if exe.exists() else "ray"


class LocalCluster:
    """``with LocalCluster(nodes=2, cpus=1) as c:`` runs a head and ``nodes - 1`` worker nodes; ``c.address``."""

    def __init__(self, nodes: int = 2, cpus: int = 1):
        if nodes < 1 or cpus < 1:
            raise PovgenError(f"local cluster: nodes and cpus must be >= 1 (got {nodes}, {cpus})")
        self.nodes, self.cpus = nodes, cpus
        self.temp = Path(tempfile.mkdtemp(prefix="povray-", dir="/tmp"))  # short: unix socket paths are short
        self.port = _free_port()
        self.address = f"{HEAD_IP}:{self.port}"
        self.env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}

    def _start(self, args: list[str]) -> None:
        res = subprocess.run(
            [_ray_cli(), "start", *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        if res.returncode != 0:
            self.stop()
            tail = (res.stderr or res.stdout).strip().splitlines()[-1:] or ["no output"]
            raise PovgenError(f"local cluster: ray start failed: {tail[0]}")

    def start(self) -> LocalCluster:
        common = [f"--num-cpus={self.cpus}", "--num-gpus=0", "--disable-usage-stats"]
        self._start(
            [
                "--head",
                f"--node-ip-address={HEAD_IP}",
                f"--port={self.port}",
                "--include-dashboard=false",
                f"--temp-dir={self.temp}",
                *common,
            ]
        )
        for k in range(1, self.nodes):
            self._start([f"--address={self.address}", f"--node-ip-address=127.0.0.{2 + k}", *common])
        return self

    def processes(self) -> list[psutil.Process]:
        """This cluster's processes (their command lines name its temporary folder)."""
        mine = []
        for p in psutil.process_iter(["cmdline"]):
            try:
                if any(str(self.temp) in a for a in p.info["cmdline"] or []):
                    mine.append(p)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return mine

    def raylet(self, node_ip: str) -> psutil.Process:
        """The raylet of the node listening on ``node_ip`` (to kill a node in a test)."""
        for p in self.processes():
            cmd = " ".join(p.info["cmdline"] or [])
            if "raylet" in p.info["cmdline"][0] and f"--node_ip_address={node_ip}" in cmd:
                return p
        raise PovgenError(f"local cluster: no raylet on {node_ip}")

    def stop(self) -> None:
        """End this cluster's processes (gently, then by force) and remove its folder."""
        procs = self.processes()
        for p in procs:
            try:
                p.send_signal(signal.SIGTERM)
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(procs, timeout=10)
        for p in alive:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.2)
        shutil.rmtree(self.temp, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
