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
"$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --preload \
  --access-logfile - --error-logfile - --log-level warning
