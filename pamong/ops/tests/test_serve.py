"""bin/serve as an operator runs it: gunicorn, a worker per queue and the scheduler; a dead worker is started
again; SIGTERM or Ctrl+C stops everything it started (checked with ps 15 s later)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pamong.ops.testing import ROOT, child_env, wait_until
from pamong.testing import free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Serve:
    def __init__(self, tmp: Path, *, queues: str = "sms default") -> None:
        self.port = free_port()
        self.log = tmp / "serve.log"
        env = child_env(
            tmp,
            PY=sys.executable,
            PORT=str(self.port),
            WEB_CONCURRENCY="2",
            WORKER_QUEUES=queues,
            GRACEFUL_TIMEOUT="5",
            SWEEP_INTERVAL="3600",
        )
        with self.log.open("wb") as out:
            # A session of its own, like a terminal: Ctrl+C goes to the whole foreground process group.
            self.process = subprocess.Popen(  # noqa: S603
                [str(ROOT / "bin" / "serve")],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        expected = 2 + len(queues.split())  # gunicorn, the workers, the scheduler
        wait_until(lambda: self.output().count(" started (pid ") >= expected, timeout=60, what="every child")
        # Our gunicorn, not whatever else might answer on the port.
        listening = f"Listening at: http://127.0.0.1:{self.port} "
        wait_until(lambda: listening in self.output(), timeout=60, what="gunicorn to bind its port")
        wait_until(self.healthy, timeout=60, what="gunicorn to answer")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def descendants(self) -> dict[int, str]:
        """Every process below the supervisor (pid → command line), from ps."""
        # -ww: the whole command line; without it ps cuts lines at 80 columns when its output is not a terminal,
        # and a worker started from a long checkout path would not be found.
        rows = subprocess.run(
            ["ps", "-ww", "-eo", "pid=,ppid=,args="],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        children: dict[int, list[tuple[int, str]]] = {}
        for row in rows.splitlines():
            pid, ppid, command = row.strip().split(None, 2)
            children.setdefault(int(ppid), []).append((int(pid), command))
        found: dict[int, str] = {}
        todo = [self.process.pid]
        while todo:
            for child, command in children.get(todo.pop(), []):
                found[child] = command
                todo.append(child)
        return found

    def worker_pid(self, queue: str) -> int:
        """The worker of ``queue`` now, or 0 while there is none."""
        found = (pid for pid, args in self.descendants().items() if f"run_worker --queue-name {queue}" in args)
        return next(found, 0)


def alive(pids: set[int]) -> set[int]:
    listed = subprocess.run(["ps", "-eo", "pid=,stat="], capture_output=True, text=True, check=True).stdout  # noqa: S607
    running = {int(p) for p, stat in (line.split() for line in listed.splitlines()) if not stat.startswith("Z")}
    return pids & running


def test_serve_restarts_a_dead_worker_and_stops_everything_on_sigterm(tmp_path: Path) -> None:
    serve = Serve(tmp_path)
    try:
        started = serve.descendants()
        assert sum("gunicorn" in args for args in started.values()) == 3  # the master and two web workers
        assert sum("run_schedule" in args for args in started.values()) == 1
        assert (ROOT / "var" / "run" / f"gunicorn-{serve.port}.ctl").exists()  # its own control socket

        dead = serve.worker_pid("sms")
        assert dead > 0, started  # os.kill(0, ...) would signal the test run's own process group
        os.kill(dead, signal.SIGKILL)
        wait_until(
            lambda: "worker[sms] stopped (exit -9); starting it again" in serve.output(), timeout=10, what="the restart"
        )
        replacement = wait_until(lambda: serve.worker_pid("sms") not in (0, dead), timeout=20, what="a new worker")
        assert replacement

        everything = set(serve.descendants())
        stopped_at = time.monotonic()
        serve.process.send_signal(signal.SIGTERM)
        assert serve.process.wait(15) == 0
        print(f"\nbin/serve stopped {time.monotonic() - stopped_at:.1f} s after SIGTERM")
        time.sleep(max(0.0, 15 - (time.monotonic() - stopped_at)))  # 15 s after SIGTERM nothing it started is left
        assert alive(everything | {serve.process.pid}) == set()
        assert not serve.healthy()
        assert "serve: stopped" in serve.output()
    finally:
        if serve.process.poll() is None:
            os.killpg(serve.process.pid, signal.SIGKILL)


def test_ctrl_c_stops_everything_gracefully(tmp_path: Path) -> None:
    serve = Serve(tmp_path, queues="default")
    try:
        everything = set(serve.descendants())
        os.killpg(serve.process.pid, signal.SIGINT)  # what the terminal does on Ctrl+C
        assert serve.process.wait(15) == 0
        wait_until(lambda: not alive(everything), timeout=15, what="every child to stop")
        output = serve.output()
        assert "Interrupt: stopping" in output
        assert "Handling signal: term" in output  # gunicorn got SIGTERM (graceful), not the terminal's SIGINT
        assert "worker" in output and "stopped" in output
    finally:
        if serve.process.poll() is None:
            os.killpg(serve.process.pid, signal.SIGKILL)
