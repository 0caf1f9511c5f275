"""A stand-in higher-level station on loopback: Debian's icecast2 fed by ffmpeg from a test tone,
and an HLS variant served over HTTP. Used by the relay tests, `bench.relay` and `make run`'s
demo channel "VOV1 (mô phỏng)".

    with IcecastServer() as ice:                 # a free loopback port, its own config and logs
        src = ice.feed("vov1")                   # ffmpeg: sine tone → mp3 → icecast://…/vov1
        url = ice.url("vov1")                    # http://127.0.0.1:PORT/vov1
        src.kill(); src = ice.feed("vov1")       # faults: source killed, restarted
        src.pause(); src.resume()                # a stall (SIGSTOP / SIGCONT)

    with HlsStation() as hls:                    # ffmpeg → live HLS playlist + segments, served
        hls.url                                  # http://127.0.0.1:PORT/live.m3u8
        hls.stop_segments()                      # the playlist stops growing

icecast2 refuses to run as root: as root the config carries `<changeowner>` to the package's
`icecast2` user and its log folder belongs to that user; as anyone else it runs as that user.

    python -m hardware.relay_station --port 8010 --mount vov1   # the demo's station, until ^C
"""

from __future__ import annotations

import contextlib
import http.server
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.sax.saxutils import escape

ICECAST = "icecast2"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def icecast_available() -> bool:
    return shutil.which(ICECAST) is not None and shutil.which("ffmpeg") is not None


class ToneSource:
    """One ffmpeg process sending a sine tone to a mount, paced in real time (`-re`)."""

    def __init__(self, cmd: list[str]) -> None:
        self.cmd = cmd
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)

    def pause(self) -> None:
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.proc.send_signal(signal.SIGCONT)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None


class IcecastServer:
    """icecast2 on 127.0.0.1:`port` (a free one by default) with a generated config."""

    def __init__(
        self, port: int | None = None, *, password: str = "loa-relay", source_timeout: int = 30
    ) -> None:
        self.port = port or free_port()
        self.password = password
        self.source_timeout = source_timeout
        self._dir: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._sources: list[ToneSource] = []

    def url(self, mount: str) -> str:
        return f"http://127.0.0.1:{self.port}/{mount}"

    def _config(self, folder: Path, log_dir: Path, as_root: bool) -> str:
        pw = escape(self.password)
        owner = (
            "<changeowner><user>icecast2</user><group>icecast</group></changeowner>"
            if as_root
            else ""
        )
        return f"""<icecast>
  <location>loopback</location>
  <admin>loa@localhost</admin>
  <limits>
    <clients>50</clients><sources>8</sources><queue-size>524288</queue-size>
    <client-timeout>30</client-timeout><header-timeout>15</header-timeout>
    <source-timeout>{int(self.source_timeout)}</source-timeout>
    <burst-on-connect>1</burst-on-connect><burst-size>16384</burst-size>
  </limits>
  <authentication>
    <source-password>{pw}</source-password><relay-password>{pw}</relay-password>
    <admin-user>admin</admin-user><admin-password>{pw}</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{self.port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>0</fileserve>
  <paths>
    <basedir>{escape(str(folder))}</basedir>
    <logdir>{escape(str(log_dir))}</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
  <logging>
    <accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel>
  </logging>
  <security><chroot>0</chroot>{owner}</security>
</icecast>
"""

    def start(self) -> IcecastServer:
        if not icecast_available():
            raise RuntimeError("icecast2 and ffmpeg are needed (apt-get install icecast2 ffmpeg)")
        self._dir = Path(tempfile.mkdtemp(prefix="loa-icecast-"))
        log_dir = self._dir / "log"
        log_dir.mkdir()
        as_root = os.geteuid() == 0
        if as_root:
            pw = pwd.getpwnam("icecast2")
            os.chmod(self._dir, 0o755)
            os.chown(log_dir, pw.pw_uid, pw.pw_gid)
        conf = self._dir / "icecast.xml"
        conf.write_text(self._config(self._dir, log_dir, as_root), encoding="utf-8")
        os.chmod(conf, 0o644)
        self._proc = subprocess.Popen(
            [ICECAST, "-c", str(conf)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            _wait_port(self.port, 10.0, self._proc)
        except BaseException:
            self.stop()
            raise
        return self

    def feed(
        self,
        mount: str,
        *,
        freq: float = 440.0,
        volume_db: float = 0.0,
        codec: str = "mp3",
        content_type: str | None = None,
        wait: bool = True,
    ) -> ToneSource:
        """Start a tone source on `mount` (mp3 by default; "ogg" for Vorbis, "aac" for ADTS)."""
        enc = {
            "mp3": ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"],
            "ogg": ["-c:a", "libvorbis", "-b:a", "64k", "-f", "ogg"],
            "aac": ["-c:a", "aac", "-b:a", "64k", "-f", "adts"],
        }[codec]
        ctype = (
            content_type
            or {"mp3": "audio/mpeg", "ogg": "application/ogg", "aac": "audio/aac"}[codec]
        )
        cmd = [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-loglevel",
            "error",
            "-re",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={freq}:sample_rate=44100",
            "-af",
            f"volume={volume_db}dB",
            "-ac",
            "1",
            *enc[:-2],
            "-content_type",
            ctype,
            *enc[-2:],
            f"icecast://source:{self.password}@127.0.0.1:{self.port}/{mount}",
        ]
        src = ToneSource(cmd)
        self._sources.append(src)
        if wait:
            self.wait_mount(mount)
        return src

    def wait_mount(self, mount: str, timeout: float = 10.0) -> None:
        """Until the mount answers 200 (the source is connected)."""
        import http.client

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", f"/{mount}")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise TimeoutError(f"mount /{mount} did not come up")

    def stop(self) -> None:
        for s in self._sources:
            s.kill()
        self._sources.clear()
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> IcecastServer:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class _HlsHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the stdlib's own class attribute)
        ".m3u8": "application/vnd.apple.mpegurl",
        ".ts": "video/mp2t",
        ".aac": "audio/aac",
        "": "application/octet-stream",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


class HlsStation:
    """ffmpeg writing a live HLS stream (tone, AAC in MPEG-TS, 1 s segments) to a folder that a
    loopback HTTP server serves; `stop_segments()` ends ffmpeg so the playlist stops growing."""

    def __init__(self, *, segment_s: float = 1.0, freq: float = 660.0) -> None:
        self.segment_s = segment_s
        self.freq = freq
        self._dir: Path | None = None
        self._ffmpeg: ToneSource | None = None
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/live.m3u8"

    def start(self) -> HlsStation:
        self._dir = Path(tempfile.mkdtemp(prefix="loa-hls-"))
        folder = str(self._dir)

        class Handler(_HlsHandler):
            def __init__(self, *a: Any, **kw: Any) -> None:
                super().__init__(*a, directory=folder, **kw)

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self._httpd.server_address[1])
        threading.Thread(target=self._httpd.serve_forever, name="hls-http", daemon=True).start()
        self._ffmpeg = ToneSource(
            [
                "ffmpeg",
                "-hide_banner",
                "-nostats",
                "-loglevel",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency={self.freq}:sample_rate=44100",
                "-af",
                "volume=0dB",
                "-ac",
                "1",
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                "-f",
                "hls",
                "-hls_time",
                str(self.segment_s),
                "-hls_list_size",
                "6",
                "-hls_flags",
                "delete_segments+omit_endlist",
                "-hls_segment_filename",
                str(self._dir / "seg%05d.ts"),
                str(self._dir / "live.m3u8"),
            ]
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            pl = self._dir / "live.m3u8"
            if pl.exists() and pl.read_text().count(".ts") >= 2:
                return self
            time.sleep(0.1)
        self.stop()
        raise TimeoutError("the HLS playlist did not appear")

    def stop_segments(self) -> None:
        if self._ffmpeg is not None:
            self._ffmpeg.kill()

    def stop(self) -> None:
        self.stop_segments()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> HlsStation:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Run the demo station until interrupted (make run)."""
    import argparse

    p = argparse.ArgumentParser(description="A loopback icecast2 playing a test tone (demo)")
    p.add_argument("--port", type=int, default=8010)
    p.add_argument("--mount", default="vov1")
    args = p.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with IcecastServer(args.port) as ice:
        src = ice.feed(args.mount)
        print(f"VOV1 (mô phỏng): {ice.url(args.mount)}", flush=True)
        try:
            while not stop.wait(2.0):
                if not src.alive:  # keep the demo's channel on air
                    src = ice.feed(args.mount)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
