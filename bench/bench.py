#!/usr/bin/env python3
"""Benchmark driver for bench/run.sh: starts the release binary on each backend, seeds it through
the JSON API, loads endpoints with wrk (app on core 0, wrk on core 1) and prints one table."""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rendezvous")
PORT = 18080
BASE = f"http://127.0.0.1:{PORT}"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/test")


def api(method, path, body=None, token=None, base=BASE):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def wait_ready(base=BASE, path="/healthz", timeout=60, headers=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            req = urllib.request.Request(base + path, headers=headers or {})
            with urllib.request.urlopen(req, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{base} did not become ready")


def session_cookie(email, password):
    """A `Cookie:` header of a browser signed in through the HTML form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(BASE + "/login", timeout=30).read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": csrf})
    opener.open(BASE + "/login", data=form.encode(), timeout=30).read()
    return "Cookie: " + "; ".join(f"{c.name}={c.value}" for c in jar)


def postgres_reachable():
    return shutil.which("pg_isready") and subprocess.run(
        ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0


def psql(sql):
    subprocess.run(["psql", PG_ADMIN, "-q", "-c", sql], check=True, stdout=subprocess.DEVNULL)


class App:
    def __init__(self, backend, workdir, port=PORT, fresh=True):
        self.backend = backend
        self.workdir = workdir
        self.fresh = fresh
        env = dict(os.environ)
        if backend == "sqlite":
            url = f"sqlite://{workdir}/bench.db"
        else:
            if fresh:
                psql("DROP DATABASE IF EXISTS rendezvous_bench WITH (FORCE)")
                psql("CREATE DATABASE rendezvous_bench")
            url = PG_ADMIN.rsplit("/", 1)[0] + "/rendezvous_bench"
        env.update({
            "DATABASE_URL": url,
            "BIND": f"127.0.0.1:{port}",
            "BASE_URL": BASE,
            "SECRET_KEY": "bench-secret-key-bench-secret-key-0123456789",
            "OUTBOX_DIR": f"{workdir}/outbox",
            "RUST_LOG": "warn",
            "WORKERS": "1",
            # Seeding registers hundreds of accounts; password hashing cost is not what we measure.
            "ARGON2_MEMORY_KIB": "1024",
            "ARGON2_ITERATIONS": "1",
        })
        # Its log goes to a file: a pipe nobody reads would stall the app once full.
        self.log_path = os.path.join(workdir, f"app-{port}.log")
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(["taskset", "-c", "0", BINARY, "serve"], env=env,
                                         stdout=log, stderr=subprocess.STDOUT)
        wait_ready(f"http://127.0.0.1:{port}")

    def memory(self):
        """Resident memory, and how much of it is the process's own (anonymous) memory rather
        than the executable's pages, which every instance on the machine shares."""
        kib = {}
        with open(f"/proc/{self.proc.pid}/smaps_rollup") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Anonymous"):
                    kib[key] = int(rest.split()[0])
        return (f"{kib['Rss'] / 1024:.1f} MB ({kib['Anonymous'] / 1024:.1f} MB anonymous, "
                f"{(kib['Rss'] - kib['Anonymous']) / 1024:.1f} MB shared code and files)")

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.backend == "postgres" and self.fresh:
            psql("DROP DATABASE IF EXISTS rendezvous_bench WITH (FORCE)")


def register_many(n, prefix):
    def one(i):
        status, body = api("POST", "/api/v1/auth/register", {
            "email": f"{prefix}{i}@bench.example", "name": f"Member {i}",
            "password": "benchmark password"})
        assert status == 201, body
        return body["token"]
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(n)))


def seed_rsvp(workdir, capacity, members):
    owner = register_many(1, "owner")[0]
    status, body = api("POST", "/api/v1/groups", {
        "slug": "bench", "name": "Bench group", "timezone": "Europe/Paris", "locale": "fr"}, owner)
    assert status == 201, body
    status, meetup = api("POST", "/api/v1/groups/bench/meetups", {
        "title": "Popular meetup", "starts_at": "2099-06-01T19:00", "capacity": capacity}, owner)
    assert status == 201, meetup
    tokens = register_many(members, "m")
    path = os.path.join(workdir, "tokens.txt")
    with open(path, "w") as f:
        f.write("\n".join(tokens) + "\n")
    return {"owner": owner, "meetup": meetup["id"], "tokens": path, "member_tokens": tokens}


def parallel(fn, items, workers=8):
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


def accept_talks(owner, proposers, meetup_id, count):
    def propose(i):
        status, talk = api("POST", f"/api/v1/meetups/{meetup_id}/talks", {
            "title": f"Talk {i + 1}: a lightning talk about topic {i + 1}",
            "abstract": "What we learnt, what we would do again, and what not. " * 5,
            "duration_minutes": 10}, proposers[i % len(proposers)])
        assert status == 201, talk
        return talk["id"]
    for talk_id in parallel(propose, range(count)):
        status, body = api("PATCH", f"/api/v1/talks/{talk_id}", {"status": "accepted"}, owner)
        assert status == 200, body


def seed_dataset(seed):
    """The realistic data of issue 10: 1,000 meetups past and upcoming, one meetup with 300 going,
    100 waitlisted and 12 talks, one with 36 talks (pretalx's demo size), a 5,000-word report."""
    owner = seed["owner"]
    status, venue = api("POST", "/api/v1/groups/bench/venues", {
        "name": "Ness Pub", "address": "2 rue Saint-Dominique", "city": "Clermont-Ferrand",
        "latitude": 45.7772, "longitude": 3.087}, owner)
    assert status == 201, venue

    def meetup(i):
        year = 2015 + i // 100 if i < 500 else 2027 + (i - 500) // 100
        status, body = api("POST", "/api/v1/groups/bench/meetups", {
            "title": f"Meetup #{i}", "starts_at": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}T19:00",
            "venue_id": venue["id"], "description": "Talks, drinks and discussions. " * 10}, owner)
        assert status == 201, body
        return body["id"]
    parallel(meetup, range(998))
    status, popular = api("POST", "/api/v1/groups/bench/meetups", {
        "title": "Popular meetup with talks", "starts_at": "2098-06-01T19:00", "capacity": 300,
        "venue_id": venue["id"], "description": "The big one. " * 30}, owner)
    assert status == 201, popular
    members = seed["member_tokens"][:400]
    parallel(lambda t: api("PUT", f"/api/v1/meetups/{popular['id']}/rsvp", {"answer": "yes"}, t), members)
    accept_talks(owner, members, popular["id"], 12)
    status, conference = api("POST", "/api/v1/groups/bench/meetups", {
        "title": "Conference day", "starts_at": "2098-09-01T09:00", "ends_at": "2098-09-01T19:00",
        "venue_id": venue["id"]}, owner)
    assert status == 201, conference
    accept_talks(owner, members, conference["id"], 36)
    _, page = api("GET", f"/api/v1/meetups/{popular['id']}")
    assert page["going_count"] == 300 and page["waitlist_count"] == 100, page
    status, past = api("POST", "/api/v1/groups/bench/meetups", {
        "title": "Reported meetup", "starts_at": "2014-03-01T19:00"}, owner)
    words = " ".join(f"mot{i % 97}" for i in range(5000))
    body = "\n\n".join(words[i:i + 600] for i in range(0, len(words), 600))
    status, report = api("PUT", f"/api/v1/meetups/{past['id']}/report", {
        "title": "A long report", "body_markdown": "## Compte-rendu\n\n" + body, "published": True}, owner)
    report_path = report["url"].replace(BASE, "") if status == 200 else None
    return {"popular": popular["id"], "conference": conference["id"], "report": report_path}


def scale_up(backend, workdir, factor, members):
    """Grows the seeded group `factor` times in SQL (the API would take an hour): members,
    past meetups with 55 going each (about 500,000 answers at 10x), 2,000 published reports.
    Rows are copies of ones the API made, so every column holds what the app writes."""
    extra_members, extra_meetups = members * (factor - 1), 1000 * (factor - 1)
    if backend == "postgres":
        days = "m.starts_at - n * interval '1 day'"
        seq = "SELECT generate_series(1, {}) AS n"
    else:
        days = "datetime(m.starts_at, '-' || n || ' days')"
        seq = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {}) SELECT n FROM s"
    member = "(SELECT id FROM users WHERE email = 'm0@bench.example')"
    statements = [
        f"""INSERT INTO users (id, email, name, password_hash, locale, calendar_secret,
            mail_reminders, mail_notices, created_at, hide_from_lists)
            SELECT 'bu' || n, 'bu' || n || '@bench.example', 'Bench member ' || n, u.password_hash,
            u.locale, 'bench-secret-' || n, u.mail_reminders, u.mail_notices, u.created_at,
            u.hide_from_lists FROM ({seq.format(extra_members)}) seq,
            (SELECT * FROM users WHERE id = {member}) u""",
        f"""INSERT INTO memberships (group_id, user_id, role, joined_at, announcements, messages,
            proposal_notices, rsvp_notices, follow_ups)
            SELECT ms.group_id, 'bu' || n, ms.role, ms.joined_at, ms.announcements, ms.messages,
            ms.proposal_notices, ms.rsvp_notices, ms.follow_ups FROM ({seq.format(extra_members)}) seq,
            (SELECT * FROM memberships WHERE user_id = {member}) ms""",
        f"""INSERT INTO meetups (id, group_id, title, description, starts_at, ends_at, venue_id,
            online_url, capacity, rsvp_deadline, status, sequence, created_at, updated_at,
            online_url_visibility, announced_at, series_id, series_number, followed_up_at)
            SELECT 'bm' || n, m.group_id, 'Older meetup #' || n, m.description,
            {days}, {days.replace('starts_at', 'ends_at')}, m.venue_id, m.online_url,
            m.capacity, NULL, m.status, m.sequence, m.created_at, m.updated_at,
            m.online_url_visibility, m.announced_at, NULL, NULL, m.followed_up_at
            FROM ({seq.format(extra_meetups)}) seq,
            (SELECT * FROM meetups WHERE title = 'Reported meetup') m""",
        f"""INSERT INTO rsvps (meetup_id, user_id, status, guests, waitlist_seq, attended,
            created_at, updated_at, attendance_changed_at)
            SELECT 'bm' || n, 'bu' || (1 + (n * 55 + k) % {extra_members}), r.status, 0, NULL,
            r.attended, r.created_at, r.updated_at, NULL
            FROM ({seq.format(extra_meetups)}) seq, ({seq.format(55).replace('(n)', '(k)').replace('n + 1', 'k + 1').replace('n <', 'k <').replace('SELECT n FROM', 'SELECT k FROM').replace('AS n', 'AS k')}) ks,
            (SELECT * FROM rsvps WHERE status = 'going' LIMIT 1) r""",
        f"""INSERT INTO reports (id, meetup_id, group_id, slug, title, body_markdown, published,
            published_at, category, tags, authors, summary, lang, extra, date_has_time,
            created_at, updated_at)
            SELECT 'br' || n, 'bm' || n, r.group_id, 'older-report-' || n, 'Older report ' || n,
            r.body_markdown, r.published, r.published_at, r.category, r.tags, r.authors,
            r.summary, r.lang, r.extra, r.date_has_time, r.created_at, r.updated_at
            FROM ({seq.format(2000)}) seq, (SELECT * FROM reports LIMIT 1) r""",
    ]
    if backend == "postgres":
        url = PG_ADMIN.rsplit("/", 1)[0] + "/rendezvous_bench"
        for sql in statements + ["ANALYZE"]:
            subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                           stdout=subprocess.DEVNULL)
    else:
        import sqlite3
        db = sqlite3.connect(f"{workdir}/bench.db", timeout=60)
        for sql in statements + ["ANALYZE"]:
            db.execute(sql)
            db.commit()
        db.close()


def sql_count(backend, workdir, sql):
    if backend == "postgres":
        url = PG_ADMIN.rsplit("/", 1)[0] + "/rendezvous_bench"
        out = subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True)
        return int(out.stdout.strip() or 0)
    import sqlite3
    db = sqlite3.connect(f"{workdir}/bench.db", timeout=60)
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def drain_mail(backend, workdir, timeout=300):
    """Waits until the mail worker has nothing left: announcements of the meetups a row created
    would otherwise be delivered, by the same process, during the next rows."""
    if os.environ.get("MAIL_WORKER", "true").strip().lower() == "false":
        return
    # Reminders and follow-ups wait in the outbox for their day: only what is due counts.
    now = "(now() AT TIME ZONE 'UTC')" if backend == "postgres" else "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    deadline = time.time() + timeout
    while time.time() < deadline:
        left = sql_count(backend, workdir,
                         f"SELECT (SELECT COUNT(*) FROM outbox WHERE status = 'pending' "
                         f"AND next_attempt_at <= {now}) "
                         "+ (SELECT COUNT(*) FROM mail_fanouts WHERE done_at IS NULL)")
        if left == 0:
            return
        time.sleep(0.5)
    print(f"{backend}: mail still queued after {timeout} s", file=sys.stderr)


def create_meetup_latency(seed, samples=30):
    """POST a meetup `samples` times in a row: the request's own cost, whatever the group size."""
    took, created = [], []
    for i in range(samples):
        start = time.perf_counter()
        status, body = api("POST", "/api/v1/groups/bench/meetups", {
            "title": f"Created under load {i}", "starts_at": "2031-03-05T19:00"}, seed["owner"])
        took.append((time.perf_counter() - start) * 1000)
        assert status == 201, body
        created.append(body["id"])
    # Deleted again, untimed: each announced every member (10,000 at 10x), and the worker
    # delivering 300,000 letters would be measured with every row that follows instead.
    for meetup_id in created:
        status, body = api("DELETE", f"/api/v1/meetups/{meetup_id}", None, seed["owner"])
        assert status == 204, body
    took.sort()
    return took[len(took) // 2], took[-1]


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_latency(text, pct):
    m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def wrk(url, duration, connections, script=None, env=None, headers=()):
    cmd = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    out = subprocess.run(cmd, env={**os.environ, **(env or {})}, capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": parse_latency(out, 50),
        "p99": parse_latency(out, 99),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "raw": out,
    }


def endpoints(seed, data):
    """(row, path, headers): anonymous visitors first (cached pages), then a member going to the
    popular meetup, whose pages are rendered for them on every request."""
    popular, conference = data["popular"], data["conference"]
    list_ = [
        ("GET /assets/style.css (ceiling)", "/assets/style.css", ()),
        ("GET /healthz", "/healthz", ()),
        ("meetup page (300 going, 12 talks)", f"/groups/bench/meetups/{popular}", ()),
        ("meetup page (36 talks)", f"/groups/bench/meetups/{conference}", ()),
        ("group page (1,000 meetups)", "/groups/bench", ()),
        ("group calendar.ics (1,000 meetups)", "/groups/bench/calendar.ics", ()),
        ("meetup .ics (36 talks)", f"/meetups/{conference}.ics", ()),
        ("GET /api/v1/meetups/{id}", f"/api/v1/meetups/{popular}", ()),
        ("GET /api/v1/groups/{slug}/meetups", "/api/v1/groups/bench/meetups", ()),
    ]
    if data["report"]:
        list_.append(("report page (5,000 words)", data["report"], ()))
    member = (session_cookie("m0@bench.example", "benchmark password"),)
    token = (f"Authorization: Bearer {seed['member_tokens'][0]}",)
    list_ += [
        ("meetup page, signed-in member", f"/groups/bench/meetups/{popular}", member),
        ("group page, signed-in member", "/groups/bench", member),
        ("GET /api/v1/meetups/{id}, member token", f"/api/v1/meetups/{popular}", token),
    ]
    return list_


def cross_instance_delay(backend, workdir, seed, rows, samples=200):
    """How long an anonymous visitor of a second instance may read a page older than a write
    made through the first: from the write's answer to the first read that shows it."""
    other_port = PORT + 1
    other = App(backend, workdir, port=other_port, fresh=False)
    try:
        status, m = api("POST", "/api/v1/groups/bench/meetups",
                        {"title": "delay 0", "starts_at": "2031-01-05T19:00"}, seed["owner"])
        assert status == 201, (status, m)
        page = f"http://127.0.0.1:{other_port}/groups/bench/meetups/{m['id']}"
        delays = []
        for i in range(1, samples + 1):
            urllib.request.urlopen(page, timeout=10).read()  # cached at the second instance
            title = f"delay {i}"
            api("PATCH", f"/api/v1/meetups/{m['id']}", {"title": title}, seed["owner"])
            written = time.perf_counter()
            while title not in urllib.request.urlopen(page, timeout=10).read().decode():
                pass
            delays.append((time.perf_counter() - written) * 1000)
        delays.sort()
        p50, p99 = delays[len(delays) // 2], delays[int(len(delays) * 0.99) - 1]
        rows.append((backend, "write seen by another instance", None, None,
                     f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {delays[-1]:.2f} ms "
                     f"({samples} writes; anonymous cached page)"))
    finally:
        other.stop()


def run_backend(backend, args, rows):
    workdir = tempfile.mkdtemp(prefix=f"rendezvous-bench-{backend}-")
    app = App(backend, workdir)
    try:
        seed = seed_rsvp(workdir, args.capacity, args.members)
        data = seed_dataset(seed)
        scales = [int(f) for f in args.scale.split(",")]
        for i, factor in enumerate(scales):
            if factor > 1:
                scale_up(backend, workdir, factor // (scales[i - 1] if i else 1), args.members)
                label = f"{backend} {factor}x"
            else:
                label = backend if len(scales) == 1 else f"{backend} 1x"
            load_rows(label, backend, app, seed, data, args, rows)
        cross_instance_delay(backend, workdir, seed, rows)
        return data
    except Exception as e:
        # What the app logged last says why (its log is removed with the work folder).
        with open(app.log_path, errors="replace") as log:
            last = [line.strip() for line in log if "ERROR" in line or "WARN" in line][-3:]
        raise RuntimeError(f"{e!r}; the app's last warnings: {last}") from e
    finally:
        app.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def load_rows(label, backend, app, seed, data, args, rows):
    drain_mail(backend, app.workdir)
    ceiling = None
    wrk(BASE + "/assets/style.css", 2, args.connections)  # warm-up, not reported
    for name, path, headers in endpoints(seed, data):
        r = wrk(BASE + path, args.duration, args.connections, headers=headers)
        ceiling = ceiling or r["rps"]
        note = f"{r['non2xx']} non-2xx" if r["non2xx"] else ""
        rows.append((label, name, r, r["rps"] / ceiling, note))
    # While the load runs, sample the seats taken: they must never exceed capacity.
    peak, stop = [0], threading.Event()

    def watch():
        while not stop.is_set():
            _, m = api("GET", f"/api/v1/meetups/{seed['meetup']}")
            peak[0] = max(peak[0], m["going_count"])
            stop.wait(0.2)
    watcher = threading.Thread(target=watch)
    watcher.start()
    r = wrk(BASE + "/", args.duration, args.connections,
            script=os.path.join(ROOT, "bench", "rsvp.lua"),
            env={"BENCH_TOKENS": seed["tokens"], "BENCH_MEETUP": seed["meetup"]})
    stop.set()
    watcher.join()
    # Then everyone answers yes once more: the meetup must end exactly full, never above.
    parallel(lambda t: api("PUT", f"/api/v1/meetups/{seed['meetup']}/rsvp", {"answer": "yes"}, t),
             seed["member_tokens"])
    status = re.search(r"RSVP_STATUS (.*)", r["raw"])
    _, meetup = api("GET", f"/api/v1/meetups/{seed['meetup']}")
    note = (f"{status.group(1) if status else ''}; peak seats during load {peak[0]}; "
            f"after all say yes: going {meetup['going_count']}/{meetup['capacity']}, "
            f"waitlist {meetup['waitlist_count']}")
    rows.append((label, "PUT rsvp (writes)", r, r["rps"] / ceiling, note))
    _, group = api("GET", "/api/v1/groups/bench")
    p50, worst = create_meetup_latency(seed)
    rows.append((label, "POST meetup (announced)", None, None,
                 f"p50 {p50:.1f} ms, max {worst:.1f} ms over 30, "
                 f"{group.get('members_count', '?')} members"))
    # Once idle the app gives freed memory back (`web::idle_trim`): measured after 3 quiet seconds.
    time.sleep(3)
    rows.append((label, "resident memory after load", None, None, app.memory()))
    drain_mail(backend, app.workdir)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--capacity", type=int, default=300)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--peer", choices=["pretalx"], default=None)
    parser.add_argument("--scale", default="1",
                        help="data sizes, e.g. 1,10: the seeded group, then grown 10 times in SQL")
    args = parser.parse_args()

    rows = []
    for backend in args.backends.split(","):
        if backend == "postgres" and not postgres_reachable():
            print("PostgreSQL is not reachable on 127.0.0.1:5432: skipped", file=sys.stderr)
            continue
        try:
            run_backend(backend, args, rows)
        except Exception as e:  # the rows measured so far are still worth printing
            rows.append((backend, "run stopped", None, None, repr(e)))
    peer_rows = []
    if args.peer == "pretalx":
        sys.path.insert(0, os.path.join(ROOT, "bench"))
        from pretalx_peer import run_pretalx
        peer_rows = run_pretalx(args, wrk)

    print()
    print(f"{'backend':12} {'endpoint':38} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'/ceiling':>8}  notes")
    for backend, name, r, ratio, note in rows:
        if r is None:
            print(f"{backend:12} {name:38} {'':>10} {'':>8} {'':>8} {'':>8}  {note}")
        else:
            print(f"{backend:12} {name:38} {r['rps']:>10.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
                  f"{ratio:>8.3f}  {note}")
    if peer_rows:
        for name, r in peer_rows:
            note = f"{r['non2xx']} non-2xx" if r["non2xx"] else ""
            print(f"{'pretalx':9} {name:38} {r['rps']:>10.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
                  f"{'':>8}  {note}")
        ours = {(b, n): r for b, n, r, _, _ in rows if r}
        peer = dict(peer_rows)
        print()
        print("ours / pretalx (req/s), same machine, same load:")
        pairs = [("meetup page (36 talks)", "/democon/schedule/nojs"),
                 ("meetup page (36 talks)", "/democon/talk/"),
                 ("meetup .ics (36 talks)", "/democon/schedule/export/schedule.ics")]
        for backend in dict.fromkeys(b for b, *_ in rows):
            for mine, theirs in pairs:
                if (backend, mine) in ours and theirs in peer and peer[theirs]["rps"]:
                    ratio = ours[(backend, mine)]["rps"] / peer[theirs]["rps"]
                    print(f"  {backend:9} {mine:30} vs {theirs:40} {ratio:8.1f}x")


if __name__ == "__main__":
    main()
