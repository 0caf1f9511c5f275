#!/usr/bin/env bash
# Start the Debian PostgreSQL cluster for the test suite and make a throw-away role and database.
# Prints nothing on success; `make test` passes LOA_TEST_POSTGRES_URL to pytest.
set -euo pipefail
command -v pg_lsclusters >/dev/null || { echo "postgresql is not installed" >&2; exit 1; }
ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
name=$(pg_lsclusters -h | awk 'NR==1{print $2}')
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n1); name=main
  pg_createcluster "$ver" "$name" >/dev/null
fi
pg_ctlcluster "$ver" "$name" status >/dev/null 2>&1 || pg_ctlcluster "$ver" "$name" start
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
for _ in $(seq 1 30); do as_pg "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 0.5; done
as_pg "psql -qtAc \"select 1 from pg_roles where rolname='loa'\"" | grep -q 1 ||
  as_pg "psql -qc \"create role loa login password 'loa' createdb\"" >/dev/null
as_pg "psql -qtAc \"select 1 from pg_database where datname='loa_test'\"" | grep -q 1 ||
  as_pg "createdb -O loa loa_test"
