// Parses every NAME.ics in DIR with Mozilla's ical.js (Thunderbird's parser) and compares it with
// NAME.expected.json. Usage: ICALJS_DIR=<dir where `npm install ical.js` ran> node check_icaljs.mjs DIR
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const base = path.resolve(process.env.ICALJS_DIR || process.cwd());
const require = createRequire(path.join(base, "package.json"));
const ICAL = (await import(pathToFileURL(require.resolve("ical.js")).href)).default;

function utc(date) {
  return date.toJSDate().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function check(file) {
  const text = fs.readFileSync(file, "utf8");
  const expected = JSON.parse(fs.readFileSync(file.replace(/\.ics$/, ".expected.json"), "utf8"));
  const problems = [];
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const vtz of comp.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtz);
  }
  const calname = comp.getFirstPropertyValue("x-wr-calname");
  if (expected.calname && calname !== expected.calname) problems.push(`X-WR-CALNAME ${calname}`);
  const events = new Map();
  for (const ve of comp.getAllSubcomponents("vevent")) {
    events.set(ve.getFirstPropertyValue("uid"), ve);
  }
  for (const want of expected.events) {
    const ve = events.get(want.uid);
    if (!ve) {
      problems.push(`missing event ${want.uid}`);
      continue;
    }
    const ev = new ICAL.Event(ve);
    const got = {
      summary: ev.summary,
      start_utc: utc(ev.startDate),
      end_utc: utc(ev.endDate),
      tzid: ve.getFirstProperty("dtstart").getParameter("tzid"),
      status: ve.getFirstPropertyValue("status"),
      sequence: ev.sequence,
    };
    for (const [key, value] of Object.entries(got)) {
      if (key in want && want[key] !== value) {
        problems.push(`${want.uid} ${key}: got ${JSON.stringify(value)}, want ${JSON.stringify(want[key])}`);
      }
    }
    if (want.description_contains && !(ev.description || "").includes(want.description_contains)) {
      problems.push(`${want.uid} description lacks ${want.description_contains}`);
    }
  }
  return problems;
}

const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ics")).sort();
if (files.length === 0) {
  console.log(`no .ics files in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const name of files) {
  let problems;
  try {
    problems = check(path.join(dir, name));
  } catch (e) {
    problems = [`parser error: ${e.message}`];
  }
  console.log(`${problems.length ? "FAIL" : "ok  "} ical.js ${name}`);
  for (const p of problems) console.log(`     ${p}`);
  if (problems.length) failed += 1;
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
