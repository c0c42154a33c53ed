#!/usr/bin/env bash
# The organiser's and the members' journeys in headless Chromium (tests/e2e/journeys.mjs).
# Installs what it lacks (npm packages, Debian's chromium), builds and starts the release binary
# on a fresh SQLite database with mail written to .eml files, runs the journeys, stops the server.
# Screenshots: target/e2e/NN-name.png. Server log on failure: target/e2e/server.log.
#
# Environment: CARGO_TARGET_DIR (where the release binary is built, default target/),
# RENDEZVOUS_BIN (use this binary instead, no build), CHROMIUM (default /usr/bin/chromium),
# INSTALL_ONLY (install what it lacks, then stop: CI does it while it compiles).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
e2e=tests/e2e
out=target/e2e

# npm packages: playwright-core (it drives Debian's Chromium; it downloads no browser) and
# axe-core (the accessibility rules every checked page must pass).
if [ ! -d "$e2e/node_modules/playwright-core" ] || [ ! -d "$e2e/node_modules/axe-core" ]; then
  (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
[ -z "${INSTALL_ONLY:-}" ] || exit 0

# The release binary: cargo builds it if missing and rebuilds it if the sources changed.
if [ -n "${RENDEZVOUS_BIN:-}" ]; then
  bin=$RENDEZVOUS_BIN
else
  target_dir=${CARGO_TARGET_DIR:-target}
  case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
  bin="$target_dir/release/rendezvous"
  cargo build --release --quiet
fi
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
server_pid=""
cleanup() {
  status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$tmp/server.log" ]; then
    cp "$tmp/server.log" "$out/server.log"
    echo "server log: $out/server.log" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT INT TERM

mkdir -p "$tmp/outbox"
# Started from the temp dir, so a developer's .env in the repo is not read.
cd "$tmp"
env -u SMTP_URL -u REMINDER_OFFSETS -u BASE_URL \
  DATABASE_URL="sqlite://$tmp/rendezvous.db" \
  BIND="127.0.0.1:$port" \
  OUTBOX_DIR="$tmp/outbox" \
  SECRET_KEY="e2e-only-secret-key-0123456789abcdef" \
  WORKERS=2 \
  RUST_LOG=info,actix_web=warn \
  "$bin" serve >"$tmp/server.log" 2>&1 &
server_pid=$!
cd "$root"

# Wait for /healthz (at most 30 s), and stop early if the server died.
BASE="$base" PID="$server_pid" node -e '
  const deadline = Date.now() + 30000;
  (async () => {
    while (Date.now() < deadline) {
      try { process.kill(Number(process.env.PID), 0); } catch { console.error("the server exited"); process.exit(1); }
      try { const r = await fetch(process.env.BASE + "/healthz"); if (r.ok) return; } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    console.error("no answer from /healthz in 30 s"); process.exit(1);
  })();'
echo "server up at $base (database and outbox in $tmp)"

BASE_URL="$base" OUTBOX_DIR="$tmp/outbox" SCREENSHOT_DIR="$root/$out" CHROMIUM="$chromium" \
  node "$e2e/journeys.mjs"

# The README's screenshots are the journeys' own, refreshed by every passing run.
cp "$out"/readme/*.png docs/screenshots/
