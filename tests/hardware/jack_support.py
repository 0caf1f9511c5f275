"""A JACK server for tests: Debian's jackd2 on its dummy driver (paced by the system clock).

    with JackServer() as server:          # a private server, unique name: killing it is safe
        env = server.env()                # JACK_DEFAULT_SERVER=<name> for a child process
        server.kill(); server.start()     # the fault tests

`make test` installs jackd2 and sets LOA_REQUIRE_JACK=1: then a missing jackd (or JACK-Client)
fails the test with a readable message instead of skipping it. It also starts a shared server
(deploy/dev/start-jackd.sh) and names it in LOA_TEST_JACK_SERVER; `shared_or_private()` uses it.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import time

import pytest

RATE = 48000
PERIOD = 256
_counter = itertools.count()


def require_jack() -> None:
    """Fail (under make test) or skip (elsewhere) when jackd or the jack package is missing."""
    missing = []
    if shutil.which("jackd") is None or shutil.which("jack_lsp") is None:
        missing.append("jackd and jack_lsp (Debian package jackd2)")
    try:
        import jack  # noqa: F401
    except ImportError:
        missing.append("the Python package JACK-Client (pip install -e '.[dev]')")
    if not missing:
        return
    msg = "JACK tests need " + " and ".join(missing)
    if os.environ.get("LOA_REQUIRE_JACK") == "1":
        pytest.fail(msg + " — `make test` installs both; LOA_REQUIRE_JACK=1 forbids skipping")
    pytest.skip(msg)


def realtime_allowed() -> bool:
    """May this user run jackd -R (SCHED_FIFO)? Tried, not guessed."""
    try:
        res = subprocess.run(["chrt", "-f", "10", "true"], capture_output=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return res.returncode == 0


class JackServer:
    """One jackd process with a unique name (or an already running one with `name`)."""

    def __init__(
        self,
        name: str | None = None,
        *,
        realtime: bool | None = None,
        period: int = PERIOD,
        owned: bool = True,
    ) -> None:
        self.name = name or f"loa-test-{os.getpid()}-{next(_counter)}"
        self.realtime = realtime_allowed() if realtime is None else realtime
        self.period = period
        self.owned = owned
        self.proc: subprocess.Popen | None = None

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "JACK_DEFAULT_SERVER": self.name,
            "JACK_NO_AUDIO_RESERVATION": "1",
            **extra,
        }

    def answers(self) -> bool:
        try:
            res = subprocess.run(["jack_lsp"], env=self.env(), capture_output=True, timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return res.returncode == 0 and b"system:playback_1" in res.stdout

    def start(self, timeout: float = 10.0) -> JackServer:
        if not self.owned:
            if not self.answers():
                raise RuntimeError(f"the shared JACK server {self.name!r} does not answer")
            return self
        rt = ["-R"] if self.realtime else ["--no-realtime"]
        self.proc = subprocess.Popen(
            ["jackd", "-n", self.name, *rt, "-d", "dummy", "-r", str(RATE), "-p", str(self.period)],
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jackd {self.name} exited with {self.proc.returncode}")
            if self.answers():
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"jackd {self.name} did not answer within {timeout:.0f} s")

    def kill(self) -> None:
        """SIGKILL: the server vanishes as in a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def __enter__(self) -> JackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def shared_or_private() -> JackServer:
    """The server `make test` started (LOA_TEST_JACK_SERVER), else a private one."""
    name = os.environ.get("LOA_TEST_JACK_SERVER")
    if name:
        shared = JackServer(name, owned=False)
        if shared.answers():
            return shared
        if os.environ.get("LOA_REQUIRE_JACK") == "1":
            pytest.fail(
                f"LOA_TEST_JACK_SERVER={name} does not answer: deploy/dev/start-jackd.sh "
                "should have started it"
            )
    return JackServer()
