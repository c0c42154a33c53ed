#!/usr/bin/env python3
"""Parses every NAME.ics in DIR with Python's `icalendar` and compares it with NAME.expected.json.

Usage: python3 check_icalendar.py DIR        (pip install icalendar)
"""
import datetime
import json
import pathlib
import sys

from icalendar import Calendar


def utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def check(ics_path):
    raw = ics_path.read_bytes()
    problems = []
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            problems.append(f"line {n} has {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {n} has a bare line break")
    expected = json.loads(ics_path.with_suffix(".expected.json").read_text())
    cal = Calendar.from_ical(raw)
    if expected.get("calname") and str(cal.get("X-WR-CALNAME")) != expected["calname"]:
        problems.append(f"X-WR-CALNAME {cal.get('X-WR-CALNAME')!r}")
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for want in expected["events"]:
        ev = events.get(want["uid"])
        if ev is None:
            problems.append(f"missing event {want['uid']}")
            continue
        got = {
            "summary": str(ev["SUMMARY"]),
            "start_utc": utc(ev.decoded("DTSTART")),
            "end_utc": utc(ev.decoded("DTEND")),
            "tzid": ev["DTSTART"].params.get("TZID"),
            "status": str(ev.get("STATUS")),
            "sequence": int(ev.get("SEQUENCE", 0)),
        }
        for key, value in got.items():
            if key in want and want[key] != value:
                problems.append(f"{want['uid']} {key}: got {value!r}, want {want[key]!r}")
        needle = want.get("description_contains")
        if needle and needle not in str(ev.get("DESCRIPTION", "")):
            problems.append(f"{want['uid']} description lacks {needle!r}")
    return problems


def main():
    directory = pathlib.Path(sys.argv[1])
    files = sorted(directory.glob("*.ics"))
    if not files:
        print(f"no .ics files in {directory}")
        sys.exit(1)
    failed = 0
    for path in files:
        try:
            problems = check(path)
        except Exception as e:  # a parser exception is a failure of that feed
            problems = [f"parser error: {e}"]
        print(f"{'ok  ' if not problems else 'FAIL'} icalendar {path.name}")
        for p in problems:
            print(f"     {p}")
        failed += bool(problems)
    print(f"{len(files) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
