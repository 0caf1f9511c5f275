#!/usr/bin/env bash
# Start the JACK server the timing tests run on: Debian's jackd2 on its dummy driver (paced by
# the system clock like a sound card), 48 kHz, period 256. Named (default "loa-test") so that
# processes that merely import sounddevice elsewhere on the machine do not join it.
# Realtime (-R) when this user may use SCHED_FIFO, else --no-realtime. Returns once jack_lsp
# answers; does nothing if the server already runs. `make test` exports
# LOA_TEST_JACK_SERVER (the name) and LOA_REQUIRE_JACK=1 to pytest.
set -euo pipefail
name="${LOA_TEST_JACK_SERVER:-loa-test}"
command -v jackd >/dev/null && command -v jack_lsp >/dev/null ||
  { echo "jackd is not installed: apt-get install jackd2" >&2; exit 1; }
export JACK_NO_AUDIO_RESERVATION=1
answers() { JACK_DEFAULT_SERVER="$name" jack_lsp 2>/dev/null | grep -q '^system:playback_1$'; }
answers && exit 0
log="${TMPDIR:-/tmp}/jackd-$name.log"
modes="--no-realtime"
chrt -f 10 true 2>/dev/null && modes="-R --no-realtime"
for rt in $modes; do
  nohup jackd -n "$name" "$rt" -d dummy -r 48000 -p 256 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    answers && exit 0
    kill -0 "$pid" 2>/dev/null || break   # it gave up (e.g. -R refused): try the next mode
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
done
echo "jackd $name did not start; see $log" >&2
exit 1
