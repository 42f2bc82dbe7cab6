#!/usr/bin/env bash
# alembic check (models = migrations) and upgrade → downgrade → upgrade on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

roundtrip() {
  local url=$1
  echo "== migrations on ${url%%://*}"
  DATABASE_URL=$url $BIN/alembic upgrade head
  DATABASE_URL=$url $BIN/alembic check
  DATABASE_URL=$url $BIN/alembic downgrade base
  DATABASE_URL=$url $BIN/alembic upgrade head
}

roundtrip "sqlite+aiosqlite:///$tmp/check.db"

admin=${TEST_DATABASE_URL:-postgresql+asyncpg://postgres@127.0.0.1:5432/postgres}
psql_url=${admin/postgresql+asyncpg:/postgresql:}
if psql "$psql_url" -Atc 'select 1' >/dev/null 2>&1; then
  db="motcua_migrations_$$"
  psql "$psql_url" -qc "CREATE DATABASE $db"
  trap 'psql "$psql_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$tmp"' EXIT
  roundtrip "${admin%/*}/$db"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $admin (CI=true: required)"; exit 1
else
  echo "SKIPPED: PostgreSQL is not reachable at $admin: migrations checked on SQLite only"
fi
