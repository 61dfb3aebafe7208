#!/usr/bin/env bash
# Serves Gongkai the way `make run` promises: migrate, demo, worker, gunicorn. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}
mkdir -p var
"$BIN/gongkai" migrate --noinput -v0
"$BIN/gongkai" collectstatic --noinput -v0
"$BIN/gongkai" demo load
"$BIN/gongkai" worker &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
echo "Gongkai 正在 http://127.0.0.1:${PORT}/ 提供服务（工作人员入口 http://127.0.0.1:${PORT}/office/），按 Ctrl-C 停止。"
# --limit-request-line 0: gunicorn's own limit (4094 bytes) answers an English "Request Line is too
# large"; without it a long address reaches Django, which answers in Chinese (414 above
# GONGKAI_MAX_QUERY_STRING, see gongkai/web/middleware.py). A reverse proxy in front caps the line.
"$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --preload \
  --limit-request-line 0 --access-logfile - --error-logfile - --log-level warning
