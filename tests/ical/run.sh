#!/usr/bin/env bash
# Checks the feeds written by the integration tests (target/ical-conformance) with the parsers
# real calendar apps use: Python's icalendar and Mozilla's ical.js. Installs both if needed
# (only that with INSTALL_ONLY set).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=target/ical-conformance
tools=target/ical-tools
mkdir -p "$tools"
if [ ! -x "$tools/venv/bin/python" ]; then
  python3 -m venv "$tools/venv"
fi
"$tools/venv/bin/pip" install --quiet --disable-pip-version-check icalendar
if [ ! -d "$tools/node/node_modules/ical.js" ]; then
  mkdir -p "$tools/node"
  (cd "$tools/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund ical.js)
fi
[ -z "${INSTALL_ONLY:-}" ] || exit 0
"$tools/venv/bin/python" tests/ical/check_icalendar.py "$dir"
ICALJS_DIR="$tools/node" node tests/ical/check_icaljs.mjs "$dir"
