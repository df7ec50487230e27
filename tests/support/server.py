"""Run a NiceGUI script as a server process on a free port: for the browser tests and the benchmark."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from customer_pad.config import PROJECT_DIR


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def server_environment(extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without pytest's variables (NiceGUI would not serve under them) or a shared
    Redis, with the project importable, plus `extra`."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith('PYTEST_') and name != 'NICEGUI_REDIS_URL'}
    env['PYTHONPATH'] = os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get('PYTHONPATH')]))
    env.update(extra)
    return env


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    """Poll `url` until it answers 200; fail with the server's log if it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f'the server exited early:\n{log.read_text()}')
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError(f'the server did not answer within {seconds} s:\n{log.read_text()}')


@contextmanager
def run_server(script: Path, folder: Path, environment: dict[str, str], ready_url: str, log: Path,
               seconds: float = 120) -> Iterator[tuple[subprocess.Popen, float]]:
    """`script` as a server until the block ends, once `ready_url` answers; yields the process and the seconds
    it took from start to that answer."""
    with log.open('w') as output:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(script)], cwd=folder, env=server_environment(environment),
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_serving(ready_url, process, log, seconds)
        yield process, time.perf_counter() - started
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
