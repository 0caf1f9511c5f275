#!/usr/bin/env bash
# Debian's mosquitto package starts a system-wide broker on port 1883 with its own config.
# Loa runs its own brokers (the demo's from `make run`, each test's on a free port), so the
# system service is stopped and disabled where it is enabled. Run by `make setup`.
set -u
command -v systemctl >/dev/null 2>&1 || exit 0
[ -d /run/systemd/system ] || exit 0        # no systemd running (containers, CI): nothing started
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if systemctl is-enabled --quiet mosquitto 2>/dev/null || systemctl is-active --quiet mosquitto 2>/dev/null; then
  echo "mosquitto: stopping and disabling the system broker (Loa starts its own; docs/push.md)"
  $SUDO systemctl disable --now mosquitto >/dev/null 2>&1 || true
fi
exit 0
