#!/usr/bin/env bash
# Fuzzes the API from its own OpenAPI document (GET /api/v1/openapi.json) with schemathesis,
# against the release binary, on SQLite and on PostgreSQL, as a plain member and as an organiser.
# Fails on any 5xx, on any answer that breaks the schema the server itself publishes, on any
# crash, and when schemathesis warns that operations only answered 401 (a token that stopped
# working: the fuzzing behind it reached nothing) or, for the organiser, 403.
#
# Environment: TEST_DATABASE_URL (PostgreSQL admin URL; without it only SQLite is fuzzed unless
# REQUIRE_POSTGRES is set), RENDEZVOUS_BIN (use this binary, no build), MAX_EXAMPLES (per
# operation and phase, default 20), INSTALL_ONLY (install schemathesis, then stop).
# Reports: target/schemathesis/<backend>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/target/schemathesis"
venv="$root/target/schemathesis-venv"
version=4.32.5

if [ ! -x "$venv/bin/st" ] || ! "$venv/bin/st" --version | grep -q "$version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi
[ -z "${INSTALL_ONLY:-}" ] || exit 0

if [ -n "${RENDEZVOUS_BIN:-}" ]; then
  bin=$RENDEZVOUS_BIN
else
  cargo build --release --quiet
  bin="$root/${CARGO_TARGET_DIR:-target}/release/rendezvous"
fi

backends=(sqlite)
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  backends+=(postgres)
elif [ -n "${REQUIRE_POSTGRES:-}" ]; then
  echo "REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not" >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d)
server_pid=""
pg_database=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  if [ -n "$pg_database" ]; then
    psql "$TEST_DATABASE_URL" -q -c "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" >/dev/null
    pg_database=""
  fi
}
trap 'stop_server; rm -rf "$tmp"' EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

for backend in "${backends[@]}"; do
  case $backend in
    sqlite) database_url="sqlite://$tmp/schemathesis.db" ;;
    postgres)
      pg_database="rdv_schemathesis_$$"
      psql "$TEST_DATABASE_URL" -q -c "CREATE DATABASE \"$pg_database\"" >/dev/null
      database_url="${TEST_DATABASE_URL%/*}/$pg_database"
      ;;
  esac
  port=$(free_port)
  base="http://127.0.0.1:$port"
  mkdir -p "$tmp/outbox-$backend" "$out/$backend"
  # Started from the temp dir, so a developer's .env in the repo is not read.
  (cd "$tmp" && exec env -u SMTP_URL -u BASE_URL -u REMINDER_OFFSETS \
    DATABASE_URL="$database_url" BIND="127.0.0.1:$port" OUTBOX_DIR="$tmp/outbox-$backend" \
    SECRET_KEY="schemathesis-only-secret-key-0123456789" WORKERS=2 RUST_LOG=warn \
    "$bin" serve >"$out/$backend/server.log" 2>&1) &
  server_pid=$!
  for _ in $(seq 1 150); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited" >&2; cat "$out/$backend/server.log" >&2; exit 1; }
    sleep 0.2
  done

  # An organiser with a group, a venue, a meetup, a talk and a venue suggestion, and a plain
  # member with an RSVP, a talk and a suggestion of their own, so that the pinned passes reach
  # real rows (the first pass fuzzes the path parameters too).
  api() { # TOKEN METHOD PATH [JSON] -> the answer's body
    curl -fs -X "$2" "$base$3" -H "authorization: Bearer $1" \
      -H 'content-type: application/json' ${4:+-d "$4"}
  }
  field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
  register() { # EMAIL -> a token
    curl -fs "$base/api/v1/auth/register" -H 'content-type: application/json' \
      -d "{\"email\":\"$1\",\"name\":\"Fuzz\",\"password\":\"correct horse battery\"}" |
      field '["token"]'
  }
  login() { # EMAIL -> another token of that account
    curl -fs "$base/api/v1/auth/login" -H 'content-type: application/json' \
      -d "{\"email\":\"$1\",\"password\":\"correct horse battery\"}" | field '["token"]'
  }
  organiser=$(register fuzz@example.org)
  organiser_id=$(api "$organiser" GET /api/v1/me | field '["id"]')
  api "$organiser" POST /api/v1/groups '{"slug":"fuzz","name":"Fuzz","timezone":"Europe/Paris","locale":"en"}' >/dev/null
  venue_id=$(api "$organiser" POST /api/v1/groups/fuzz/venues '{"name":"Ness Pub","address":"2 rue Saint-Dominique"}' | field '["id"]')
  meetup_id=$(api "$organiser" POST /api/v1/groups/fuzz/meetups '{"title":"Fuzzed","starts_at":"2031-01-15T19:00","capacity":3}' | field '["id"]')
  api "$organiser" PUT "/api/v1/meetups/$meetup_id/rsvp" '{"answer":"yes"}' >/dev/null
  organiser_talk=$(api "$organiser" POST "/api/v1/meetups/$meetup_id/talks" '{"title":"Fuzzing","abstract":"How","duration_minutes":20}' | field '["id"]')
  organiser_suggestion=$(api "$organiser" POST /api/v1/groups/fuzz/venue-suggestions '{"name":"Le Bistrot","address":"1 place de Jaude"}' | field '["id"]')
  member=$(register member@example.org)
  member_id=$(api "$member" GET /api/v1/me | field '["id"]')
  api "$member" POST /api/v1/groups/fuzz/members >/dev/null
  api "$member" PUT "/api/v1/meetups/$meetup_id/rsvp" '{"answer":"yes"}' >/dev/null
  member_talk=$(api "$member" POST "/api/v1/meetups/$meetup_id/talks" '{"title":"Fuzzed too","abstract":"Why","duration_minutes":10}' | field '["id"]')
  member_suggestion=$(api "$member" POST /api/v1/groups/fuzz/venue-suggestions '{"name":"La Baraque","address":"3 rue Blatin"}' | field '["id"]')

  # Each pass runs as one person. The two operations that end tokens get tokens of their own,
  # all made now, before the fuzzer's wrong passwords can pause this account's sign-in: signing
  # out ends a second token of the pass's account, and signing out everywhere ends every token
  # of its account, so it runs as an account of its own. Whatever else answers only 401 means the
  # pass's token stopped working, and fails the run; so does 403 for the organiser, who may do
  # everything there. (The operations that check a password answer 401 for a wrong one.)
  passes=(member-pinned organiser-fuzzed organiser-pinned)
  for pass in "${passes[@]}"; do
    case $pass in
      member-*) email=member@example.org user_id=$member_id talk_id=$member_talk suggestion_id=$member_suggestion ;;
      organiser-*) email=fuzz@example.org user_id=$organiser_id talk_id=$organiser_talk suggestion_id=$organiser_suggestion ;;
    esac
    logout_token=$(login "$email")
    leaver_token=$(register "leaver-$pass@example.org")
    {
      echo "[[operations]]"
      echo "include-name = \"POST /api/v1/auth/logout\""
      echo "headers = { Authorization = \"Bearer $logout_token\" }"
      echo "[[operations]]"
      echo "include-name = \"DELETE /api/v1/me/sessions\""
      echo "headers = { Authorization = \"Bearer $leaver_token\" }"
      echo "[[operations]]"
      echo "include-name = [\"DELETE /api/v1/me\", \"POST /api/v1/me/password\", \"POST /api/v1/me/email\"]"
      echo "warnings = false"
      if [ "$pass" = organiser-fuzzed ]; then continue; fi
      cat <<TOML
[[operations]]
include-path-regex = "^/api/v1/groups/"
parameters = { "path.slug" = "fuzz", "path.user_id" = "$user_id" }
[[operations]]
include-path-regex = "^/api/v1/meetups/"
parameters = { "path.id" = "$meetup_id", "path.user_id" = "$user_id" }
[[operations]]
include-path-regex = "^/api/v1/venues/"
parameters = { "path.id" = "$venue_id" }
[[operations]]
include-path-regex = "^/api/v1/talks/"
parameters = { "path.id" = "$talk_id" }
[[operations]]
include-path-regex = "^/api/v1/venue-suggestions/"
parameters = { "path.id" = "$suggestion_id" }
TOML
    } >"$tmp/$pass.toml"
  done

  for pass in "${passes[@]}"; do
    case $pass in
      member-*) token=$member ;;
      organiser-*) token=$organiser ;;
    esac
    echo "schemathesis on $backend, $pass ($base)"
    log="$out/$backend/$pass.log"
    # Run from the temp dir: schemathesis keeps a cache in the working directory.
    (cd "$tmp" && "$venv/bin/st" --config-file "$tmp/$pass.toml" run "$base/api/v1/openapi.json" \
      --checks not_a_server_error,response_schema_conformance,content_type_conformance \
      --header "Authorization: Bearer $token" \
      --max-examples "${MAX_EXAMPLES:-20}" \
      --generation-deterministic \
      --request-timeout 10 \
      --workers 2 \
      --report junit --report-dir "$out/$backend/$pass" \
      --no-color) | tee "$log"
    # schemathesis only warns: "Authentication failed", then one list per status.
    if grep -q "^401 Unauthorized (" "$log" ||
      { [ "${pass%%-*}" = organiser ] && grep -q "^403 Forbidden (" "$log"; }; then
      echo "schemathesis on $backend, $pass: operations answered only 401/403 (see above)" >&2
      exit 1
    fi
  done
  if grep -qi "panicked" "$out/$backend/server.log"; then
    echo "the server panicked on $backend: $out/$backend/server.log" >&2
    exit 1
  fi
  stop_server
done
echo "schemathesis: no failure on ${backends[*]}"
