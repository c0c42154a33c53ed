#!/usr/bin/env bash
# Load benchmark: builds release, seeds data through the app's own API, loads it with wrk from
# loopback (app and load generator pinned to different cores) and prints one table.
# Usage: bench/run.sh [--peer pretalx] [--duration 10] [--connections 8] [--backends sqlite,postgres] [--scale 1,10]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
cargo build --release --quiet
exec python3 bench/bench.py "$@"
