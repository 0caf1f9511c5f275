#!/usr/bin/env bash
# Run a command (the demo) beside a stand-in higher-level station, for `make run`:
#   deploy/icecast/with-demo-station.sh .venv/bin/loa demo ...
# "VOV1 (mô phỏng)": icecast2 on 127.0.0.1:8010 playing an ffmpeg test tone at /vov1, the URL
# of the demo's relay channel. It stops when the command ends. Without icecast2, or with 8010
# taken, the command runs alone (the demo's relay windows then play their fallback item).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
py="$here/.venv/bin/python"
port="${LOA_DEMO_RELAY_PORT:-8010}"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! command -v icecast2 >/dev/null 2>&1 || ! command -v ffmpeg >/dev/null 2>&1; then
  echo "icecast2 chưa cài: chạy không có kênh tiếp sóng mô phỏng / not installed: no demo relay" >&2
  exec "$@"
fi
if port_busy "$port"; then
  echo "cổng $port đang bận: chạy không có kênh tiếp sóng mô phỏng / port busy: no demo relay" >&2
  exec "$@"
fi
"$py" -m hardware.relay_station --port "$port" --mount vov1 &
station=$!
trap 'kill "$station" 2>/dev/null; wait "$station" 2>/dev/null || true' EXIT
for _ in $(seq 150); do port_busy "$port" && break; sleep 0.1; done
echo "Tiếp sóng: VOV1 (mô phỏng) trên / on http://127.0.0.1:$port/vov1"
"$@"
