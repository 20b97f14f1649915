#!/usr/bin/env bash
# Serve Thi đua with its background worker; stopping the server (Ctrl+C) stops the worker too.
#   scripts/serve.sh dev    Django's development server (DEBUG on), used by `make demo`
#   scripts/serve.sh prod   granian with several workers, DEBUG off, WhiteNoise static files
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
MODE=${1:-dev}
PORT=${PORT:-8000}
HOST=${HOST:-127.0.0.1}
# Links in e-mails (account invitations) point at the address actually served.
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://$HOST:$PORT}

"$BIN/python" manage.py db_worker &
WORKER=$!
# Periodic jobs (reminders, digests, scheduled publishing); each slot is enqueued once even when
# several schedulers run, so every host may start one.
"$BIN/python" manage.py scheduler --verbosity 0 &
SCHEDULER=$!
trap 'kill $WORKER $SCHEDULER 2>/dev/null || true' EXIT INT TERM

echo "Thi đua: http://$HOST:$PORT/  (trang quản trị / back office: http://$HOST:$PORT/admin/)"
if [ "$MODE" = prod ]; then
  "$BIN/python" manage.py migrate --no-input
  "$BIN/python" manage.py collectstatic --no-input --verbosity 0
  "$BIN/granian" --interface wsgi --host "$HOST" --port "$PORT" \
    --workers "${WEB_WORKERS:-2}" thidua.wsgi:application
else
  "$BIN/python" manage.py runserver "$HOST:$PORT"
fi
