#!/usr/bin/env bash
# Run a command (the demo panel) beside a Mosquitto broker on loopback, for `make run`:
#   deploy/mosquitto/with-demo-broker.sh .venv/bin/loa demo --data-dir data ...
# The broker listens on 127.0.0.1:$LOA_MQTT_PORT (1883, or a free port when 1883 is taken),
# keeps its sessions in $LOA_DATA_DIR/mosquitto, and stops when the command ends. The command
# gets LOA_MQTT_URL, so the panel publishes emergency notices and the demo unit subscribes.
# Without mosquitto installed the command runs alone (units then find emergencies by polling).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
if [ ! -x "$bin" ]; then
  echo "mosquitto chưa cài: chạy không có đẩy tin / not installed: running without push" >&2
  exec "$@"
fi
dir="$(realpath -m "${LOA_DATA_DIR:-data}")/mosquitto"
mkdir -p "$dir"
port="${LOA_MQTT_PORT:-1883}"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_busy "$port"; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
fi
sed -e "s|@PORT@|$port|" -e "s|@DIR@|$dir|" "$here/demo.conf" > "$dir/mosquitto.conf"
[ "$(id -u)" = 0 ] && echo "user root" >> "$dir/mosquitto.conf"   # else it would switch to 'mosquitto'
"$bin" -c "$dir/mosquitto.conf" &
broker=$!
trap 'kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true' EXIT
for _ in $(seq 100); do port_busy "$port" && break; sleep 0.1; done
port_busy "$port" || { echo "mosquitto did not start: see $dir/mosquitto.log" >&2; exit 1; }
echo "MQTT: mosquitto trên / on 127.0.0.1:$port (nhật ký / log: $dir/mosquitto.log)"
export LOA_MQTT_URL="mqtt://127.0.0.1:$port"
"$@"
