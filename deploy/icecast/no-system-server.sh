#!/usr/bin/env bash
# Debian's icecast2 package may start a system-wide server on port 8000 (the panel's demo
# port). Loa runs its own icecast2 (the demo's stand-in VOV1 from `make run` on 8010, each
# test's on a free loopback port), so the system service is stopped and disabled where it
# runs. Run by `make setup`.
set -u
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  if systemctl is-enabled --quiet icecast2 2>/dev/null || systemctl is-active --quiet icecast2 2>/dev/null; then
    echo "icecast2: stopping and disabling the system server (Loa starts its own; docs/relay.md)"
    $SUDO systemctl disable --now icecast2 >/dev/null 2>&1 || true
  fi
elif [ -x /etc/init.d/icecast2 ] && pgrep -f "^/usr/bin/icecast2 .*/etc/icecast2/icecast.xml" >/dev/null 2>&1; then
  $SUDO /etc/init.d/icecast2 stop >/dev/null 2>&1 || true
fi
exit 0
