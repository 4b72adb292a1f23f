#!/usr/bin/env bash
# Memory of each gunicorn worker after 500 public searches (half by ZIP, half by
# lat/lon spread over the contiguous US): VmRSS, PSS and private pages from /proc.
# Production settings, 2 sync workers, no snapshot refresher, throttle lifted.
# A measurement, not a test. Needs a migrated database with the sample data:
#   DATABASE_URL=sqlite:////tmp/bench.sqlite3 bench/worker_memory.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-8613}
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-long-enough-for-django-checks}
export SECURE_SSL_REDIRECT=0 SNAPSHOT_REFRESHER=0 WEB_CONCURRENCY=2 PORT
export PUBLIC_THROTTLE_RATE=1000000/min
unset DEBUG
.venv/bin/gunicorn -c gunicorn.conf.py directory.wsgi --access-logfile /dev/null \
    >/dev/null 2>&1 &
MASTER=$!
trap 'kill $MASTER 2>/dev/null; wait $MASTER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    sleep 1
done
.venv/bin/python - "$PORT" <<'PY'
import random
import sys
import time
import urllib.request

port = sys.argv[1]
rng = random.Random(13)
zips = ["78701", "10001", "60601", "94103", "98101", "33101", "80202", "02108", "99501"]
statuses: dict[int, int] = {}
started = time.perf_counter()
for i in range(500):
    if i % 2:
        query = f"zip={rng.choice(zips)}&limit=10"
    else:
        query = f"lat={rng.uniform(25, 49):.4f}&lon={rng.uniform(-124, -67):.4f}&limit=10"
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/shelters/?{query}") as answer:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
print("statuses", statuses, f"in {time.perf_counter() - started:.1f} s")
PY
for pid in $(pgrep -P "$MASTER"); do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
    private=$(awk '/^Private_(Clean|Dirty):/ {sum += $2} END {print sum}' "/proc/$pid/smaps_rollup")
    echo "worker $pid: VmRSS ${rss} kB, PSS ${pss} kB, private ${private} kB"
done
