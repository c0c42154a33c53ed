"""The peer of `bench/run.sh --peer pretalx`: pretalx from PyPI on SQLite, served by gunicorn with
two workers on the same core as our app, loaded by the same wrk settings."""

import os
import shutil
import signal
import subprocess
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOME = os.path.join(ROOT, "target", "bench-pretalx")
PORT = 8345
BASE = f"http://127.0.0.1:{PORT}"
HOST = f"localhost:{PORT}"
ENDPOINTS = ["/democon/schedule/nojs", "/democon/talk/", "/democon/schedule/export/schedule.ics"]


def sh(cmd, env):
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def setup():
    venv = os.path.join(HOME, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run(["python3", "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "pretalx", "Faker", "freezegun", "gunicorn"],
                       check=True)
    data = os.path.join(HOME, "data")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    config = os.path.join(HOME, "pretalx.cfg")
    with open(config, "w") as f:
        f.write(f"[database]\nbackend=sqlite3\nname={data}/db.sqlite3\n\n"
                f"[site]\nurl=http://{HOST}\ndebug=False\n\n"
                f"[filesystem]\ndata={data}\nmedia={data}/media\nstatic={data}/static\nlogs={data}/logs\n")
    env = dict(os.environ, PRETALX_CONFIG_FILE=config,
               DJANGO_SUPERUSER_EMAIL="admin@bench.example", DJANGO_SUPERUSER_PASSWORD="benchmark-password",
               PRETALX_INIT_ORGANISER_NAME="Bench", PRETALX_INIT_ORGANISER_SLUG="bench")
    for step in (["migrate"], ["init", "--noinput"], ["create_test_event", "--seed", "42"], ["rebuild"]):
        sh([python, "-m", "pretalx", *step], env)
    return venv, env


def wait_ready(timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            req = urllib.request.Request(BASE + ENDPOINTS[0], headers={"Host": HOST})
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit("pretalx did not become ready")


def run_pretalx(args, wrk):
    venv, env = setup()
    gunicorn = subprocess.Popen(
        ["taskset", "-c", "0", os.path.join(venv, "bin", "gunicorn"), "pretalx.wsgi",
         "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready()
        return [(path, wrk(BASE + path, args.duration, args.connections, headers=[f"Host: {HOST}"]))
                for path in ENDPOINTS]
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=15)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
