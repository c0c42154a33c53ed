// The organiser's and the members' journeys in headless Chromium, one step at a time, each step
// asserting what the page shows and saving a screenshot to $SCREENSHOT_DIR/NN-name.png.
// Started by tests/e2e/run.sh (BASE_URL, OUTBOX_DIR, SCREENSHOT_DIR, CHROMIUM).
//
// Contexts: the organiser browses at 1280 px in French; Alice (French) and Camille (English)
// browse at 390 px, like on a phone; a fourth visitor meets the error pages. Every page checked
// has no horizontal overflow, a label on every control, one h1, no skipped heading level, and
// no axe-core violation (WCAG 2.1 A and AA rules).

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const AXE = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const OUTBOX = process.env.OUTBOX_DIR ?? 'outbox';
const SHOTS = process.env.SCREENSHOT_DIR ?? 'target/e2e';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery staple';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// ---------------------------------------------------------------------------------------------
// A tiny runner: steps run in order; a failed step stops its journey (the next journeys run).

let shot = 0;
let passed = 0;
let failed = 0;
let notRun = 0;
let skipped = 0;

/** Thrown by a step that cannot run here (e.g. a route that lives on another branch). */
class Skip extends Error {}
const failures = [];

class Journey {
  constructor(name) {
    this.name = name;
    this.stopped = false;
  }

  /** Runs `fn`, then screenshots `page` as NN-name.png (NN-name-FAILED.png when it failed). */
  async step(name, page, fn) {
    const label = `${this.name} › ${name}`;
    if (this.stopped) {
      notRun += 1;
      console.log(`  - ${label} (not run: an earlier step failed)`);
      return;
    }
    const number = String(++shot).padStart(2, '0');
    const file = `${number}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    const started = Date.now();
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof Skip)) return this.fail(label, file, page, error);
      skipped += 1;
      console.log(`  ○ ${label} SKIPPED: ${error.message}`);
      return;
    }
    try {
      if (page) await page.screenshot({ path: path.join(SHOTS, `${file}.png`), fullPage: true });
    } catch (error) {
      return this.fail(label, file, page, error);
    }
    passed += 1;
    console.log(`  ✔ ${label} (${Date.now() - started} ms) → ${file}.png`);
  }

  async fail(label, file, page, error) {
    failed += 1;
    this.stopped = true;
    failures.push({ label, error });
    console.log(`  ✘ ${label}\n${indent(error.stack ?? String(error))}`);
    if (page) {
      await page
        .screenshot({ path: path.join(SHOTS, `${file}-FAILED.png`), fullPage: true })
        .catch(() => {});
      console.log(`    page: ${page.url()} → ${file}-FAILED.png`);
    }
  }
}

const indent = (text) => text.split('\n').map((l) => `      ${l}`).join('\n');

// ---------------------------------------------------------------------------------------------
// Page helpers.

/** Clicks `locator` (a submit button or a link) and waits for the page it leads to. */
async function follow(page, locator) {
  const navigation = page.waitForNavigation({ waitUntil: 'load' });
  await locator.click();
  const response = await navigation;
  return response;
}

async function open(page, url) {
  const response = await page.goto(new URL(url, BASE).href, { waitUntil: 'load' });
  return response;
}

/** What people with a phone, a screen reader or a keyboard need from every page. */
async function checkPage(page, what) {
  const report = await page.evaluate(() => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) {
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''}>`);
      problems.push(`horizontal overflow: scrollWidth ${doc.scrollWidth} > innerWidth ${window.innerWidth} (${wide.join(' ')})`);
    }
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (['hidden', 'submit', 'button', 'reset'].includes(el.type)) continue;
      const labelled =
        (el.labels && [...el.labels].some((l) => l.textContent.trim() !== '')) ||
        (el.getAttribute('aria-label') ?? '').trim() !== '' ||
        el.hasAttribute('aria-labelledby');
      if (!labelled) problems.push(`no label: <${el.tagName.toLowerCase()} name=${el.name}>`);
      for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`aria-describedby points nowhere: #${id}`);
      }
    }
    for (const b of document.querySelectorAll('button, a[href]')) {
      const name = (b.textContent.trim() || b.getAttribute('aria-label') || '').trim();
      if (!name && !b.querySelector('img[alt]:not([alt=""])')) problems.push(`unnamed ${b.tagName.toLowerCase()}`);
    }
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    if (headings.filter((l) => l === 1).length !== 1) problems.push(`expected one h1, found ${headings.filter((l) => l === 1).length}`);
    headings.reduce((previous, level) => {
      if (level > previous + 1) problems.push(`heading level skipped: h${previous} → h${level}`);
      return level;
    }, 1);
    if (headings[0] !== 1) problems.push(`first heading is h${headings[0]}, not h1`);
    for (const el of document.querySelectorAll('[tabindex]')) {
      if (Number(el.getAttribute('tabindex')) > 0) problems.push(`positive tabindex on <${el.tagName.toLowerCase()}>`);
    }
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicates.length) problems.push(`duplicate ids: ${[...new Set(duplicates)].join(', ')}`);
    return problems;
  });
  assert.deepEqual(report, [], `${what ?? page.url()}: ${report.join('; ')}`);
  await checkAxe(page, what);
}

/** axe-core's WCAG 2.1 A/AA rules, run in the page (evaluated, so the page's CSP allows it). */
async function checkAxe(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${what ?? page.url()}:\n${violations.join('\n')}`);
}

/** The checks at both widths: a page people open on a phone and at a desk. */
async function checkBothWidths(page, what) {
  const size = page.viewportSize();
  try {
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      await checkPage(page, `${what} (${name})`);
    }
  } finally {
    await page.setViewportSize(size);
  }
}

/** The same checks on a phone: organisers also open these pages at the door. */
async function checkPhoneToo(page, what) {
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  try {
    await checkPage(page, `${what} (phone)`);
  } finally {
    await page.setViewportSize(size);
  }
}

async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function flash(page) {
  return text(page.locator('main > .flash').first());
}

/** Local wall-clock time in the group's time zone as a datetime-local value, `YYYY-MM-DDTHH:MM`. */
function localInput(date, timeZone = 'Europe/Paris') {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** « jeudi 3 décembre 2026 » as the pages write it. */
function frenchDate(date, timeZone = 'Europe/Paris') {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
  }).format(date);
}

async function register(page, { email, name, locale }) {
  await open(page, '/');
  await follow(page, page.locator('.site-nav a[href="/register"]'));
  assert.match(page.url(), /\/register$/);
  await page.fill('#email', email);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await page.selectOption('#locale', locale);
  await checkPage(page, 'register form');
  await follow(page, page.locator('main form button[type=submit]'));
  assert.match(await flash(page), new RegExp(`(Bienvenue|Welcome), ${name}`));
  assert.match(await text(page.locator('.site-nav')), new RegExp(`\\(${name}\\)`));
}

// ---------------------------------------------------------------------------------------------
// Mail: the worker writes each message to OUTBOX_DIR/<id>.eml (it polls every 2 s).

/** RFC 2047 encoded words (`=?utf-8?b?…?=`); blanks between two encoded words are dropped. */
function decodeWords(header) {
  const word = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;
  return header.replace(/(\?=)\s+(?==\?)/g, '$1').replace(word, (_, charset, enc, data) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64')
      : Buffer.from(
        data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, h) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      );
    return new TextDecoder(charset).decode(bytes);
  });
}

function header(raw, name) {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : '';
}

/** Waits (bounded) for a mail to `to` whose subject matches `subject`; returns the raw mail. */
async function findMail(to, subject, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set();
  while (Date.now() < deadline) {
    const files = (await fs.readdir(OUTBOX).catch(() => [])).filter((f) => f.endsWith('.eml'));
    for (const file of files) {
      const raw = await fs.readFile(path.join(OUTBOX, file), 'utf8');
      const s = header(raw, 'Subject');
      seen.add(`${header(raw, 'To')}: ${s}`);
      if (header(raw, 'To').includes(to) && subject.test(s)) return raw;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms; outbox:\n${[...seen].join('\n')}`);
}

/** Same, returning the subject. */
async function waitForMail(to, subject, timeoutMs = 20000) {
  return header(await findMail(to, subject, timeoutMs), 'Subject');
}

/** The readable text of a mail's parts (quoted-printable or base64). */
function mailText(raw) {
  let text = raw.replace(/=\r?\n/g, '');
  const base64 = /Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi;
  for (const m of raw.matchAll(base64)) text += Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8');
  return text;
}

/** The leaf parts of a MIME mail, decoded: [{ type, body }]. */
function mimeParts(raw) {
  const parts = [];
  const walk = (entity) => {
    const [head, ...rest] = entity.split(/\r?\n\r?\n/);
    const body = rest.join('\r\n\r\n');
    const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
    const type = (unfolded.match(/^content-type:\s*([^;\s]+)/im)?.[1] ?? 'text/plain').toLowerCase();
    const boundary = unfolded.match(/boundary="?([^";\r\n]+)"?/i)?.[1];
    if (type.startsWith('multipart/') && boundary) {
      const sections = body.split(`--${boundary}`).slice(1);
      for (const section of sections) {
        if (section.startsWith('--')) break;
        walk(section.replace(/^\r?\n/, ''));
      }
      return;
    }
    const encoding = (unfolded.match(/^content-transfer-encoding:\s*(\S+)/im)?.[1] ?? '7bit').toLowerCase();
    let bytes;
    if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    else if (encoding === 'quoted-printable') {
      bytes = Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      );
    } else bytes = Buffer.from(body, 'utf8');
    parts.push({ type, body: bytes.toString('utf8') });
  };
  walk(raw);
  return parts;
}

// ---------------------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  chromiumSandbox: false,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const context = (viewport, locale) => browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
const organiser = await (await context(DESKTOP, 'fr-FR')).newPage();
const alice = await (await context(PHONE, 'fr-FR')).newPage();
const camille = await (await context(PHONE, 'en-GB')).newPage();
const visitorContext = await context(PHONE, 'fr-FR');
const visitor = await visitorContext.newPage();
const forgetful = await (await context(PHONE, 'fr-FR')).newPage();
for (const page of [organiser, alice, camille, visitor, forgetful]) page.setDefaultTimeout(10000);

await fs.mkdir(path.join(SHOTS, 'readme'), { recursive: true });
const now = new Date();
const DAY = 24 * 3600 * 1000;
const firstStart = new Date(now.getTime() + 5 * DAY);
const firstStartInput = `${localInput(firstStart).slice(0, 10)}T19:00`;
const MEETUP_TITLE = 'Apéro Django & mini-conférences';
const TALK_TITLE = 'Django 6 en production chez un hébergeur auvergnat';
const SUGGESTION = 'La Baraque à Frites du Jaude';
const slug = 'djangauvergne';
let meetupPath = '';
let pastPath = '';
let reportUrl = null;

console.log(`journeys against ${BASE}`);

const main = new Journey('organiser and members');

// --- The organiser sets up the group (desktop, French).
await main.step('organiser registers', organiser, async () => {
  await register(organiser, { email: 'julien@example.org', name: 'Julien', locale: 'fr' });
  assert.equal(await organiser.getAttribute('html', 'lang'), 'fr');
});

await main.step('organiser creates DjangAuvergne', organiser, async () => {
  await follow(organiser, organiser.getByRole('link', { name: 'Créer un groupe' }));
  assert.equal(await organiser.inputValue('#timezone'), 'Europe/Paris', 'time zone prefilled');
  // Canonical zones by region, no deprecated alias.
  assert.equal(await organiser.locator('#timezone optgroup[label=Europe]').count(), 1);
  assert.equal(await organiser.locator('#timezone option[value="US/Pacific"]').count(), 0);
  await organiser.fill('#slug', slug);
  await organiser.fill('#name', 'DjangAuvergne');
  await organiser.fill('#description', 'La communauté Django auvergnate.\n\nUn apéro, deux exposés, tous les mois.');
  await organiser.selectOption('#locale', 'fr');
  await organiser.fill('#links', 'Mastodon | https://piaille.fr/@djangauvergne');
  await checkPage(organiser, 'group form');
  await follow(organiser, organiser.getByRole('button', { name: 'Créer le groupe' }).or(organiser.locator('main form button[type=submit]')).first());
  assert.equal(new URL(organiser.url()).pathname, `/groups/${slug}`);
  assert.match(await flash(organiser), /Le groupe est créé/);
  await assert.doesNotReject(organiser.getByRole('heading', { level: 1, name: 'DjangAuvergne' }).waitFor());
  assert.match(await text(organiser.locator('main')), /Vous organisez ce groupe\./);
  await checkPage(organiser, 'group page');
});

await main.step('organiser adds the Ness Pub venue', organiser, async () => {
  await follow(organiser, organiser.getByRole('link', { name: 'Ajouter un lieu' }));
  await organiser.fill('#name', 'Ness Pub');
  await organiser.fill('#address', '2 rue Saint-Dominique');
  await organiser.fill('#city', 'Clermont-Ferrand');
  await organiser.fill('#latitude', '45,7772');
  await organiser.fill('#longitude', '3.087');
  await organiser.fill('#url', 'https://www.facebook.com/people/Ness-Pub-Clermont-Ferrand/100063561234567/');
  await checkPage(organiser, 'venue form');
  await follow(organiser, organiser.locator('main form button[type=submit]'));
  assert.match(await flash(organiser), /Lieu ajouté/);
  const venues = await text(organiser.locator('#organise').locator('..'));
  assert.match(venues, /Ness Pub/);
  assert.match(venues, /2 rue Saint-Dominique, Clermont-Ferrand/);
});

await main.step('organiser edits the venue', organiser, async () => {
  await follow(organiser, organiser.getByRole('link', { name: 'Modifier Ness Pub' }));
  await organiser.getByRole('heading', { level: 1, name: 'Modifier le lieu' }).waitFor();
  assert.equal(await organiser.inputValue('#address'), '2 rue Saint-Dominique');
  await checkBothWidths(organiser, 'venue edit form');
  await organiser.fill('#city', 'Clermont-Ferrand');
  await follow(organiser, organiser.getByRole('button', { name: 'Enregistrer' }));
  assert.match(await flash(organiser), /Lieu enregistré/);
});

await main.step('organiser schedules a meetup for two', organiser, async () => {
  await follow(organiser, organiser.getByRole('link', { name: 'Programmer une rencontre' }));
  await organiser.fill('#title', MEETUP_TITLE);
  await organiser.fill('#starts_at', firstStartInput);
  await organiser.selectOption('#venue_id', { label: 'Ness Pub' });
  await organiser.fill('#capacity', '2');
  await organiser.fill('#description', 'Apéro, puis deux exposés de vingt minutes.');
  await checkPage(organiser, 'meetup form');
  await checkPhoneToo(organiser, 'meetup form');
  await follow(organiser, organiser.locator('main form button[type=submit]'));
  meetupPath = new URL(organiser.url()).pathname;
  assert.match(meetupPath, new RegExp(`^/groups/${slug}/meetups/[^/]+$`));
  assert.match(await flash(organiser), /La rencontre est programmée/);
  await organiser.getByRole('heading', { level: 1, name: MEETUP_TITLE }).waitFor();
  const main = await text(organiser.locator('main'));
  assert.ok(main.includes(`${frenchDate(firstStart)}, 19:00`), `French date: ${frenchDate(firstStart)}, 19:00 in ${main}`);
  assert.match(main, /Ness Pub/);
  assert.match(await text(organiser.locator('#rsvp')), /2 places restantes sur 2/);
  await checkPage(organiser, 'meetup page');
  await checkPhoneToo(organiser, 'meetup page, organiser view');
});

// --- Members answer from their phones.
await main.step('alice registers on a phone', alice, async () => {
  await register(alice, { email: 'alice@example.org', name: 'Alice', locale: 'fr' });
  await checkPage(alice, 'home after sign-up');
});

await main.step('alice says yes with a guest', alice, async () => {
  await open(alice, '/');
  await follow(alice, alice.getByRole('link', { name: MEETUP_TITLE }).first());
  assert.equal(new URL(alice.url()).pathname, meetupPath);
  await checkPage(alice, 'meetup page (phone)');
  await alice.selectOption('#guests', '1');
  await follow(alice, alice.locator('#rsvp form.stack').getByRole('button', { name: 'Oui, je viens' }));
  assert.match(await flash(alice), /C'est noté : vous participez/);
  assert.equal(await text(alice.locator('#own-rsvp')), 'Vous participez avec 1 invité.');
  assert.match(await text(alice.locator('#rsvp')), /Complet/);
  assert.match(await text(alice.locator('#attendees')), /Alice \+1/);
  await checkPage(alice, 'meetup page after RSVP (phone)');
});

await main.step('camille lands on the waitlist', camille, async () => {
  await register(camille, { email: 'camille@example.org', name: 'Camille', locale: 'en' });
  await open(camille, meetupPath);
  assert.equal(await camille.getAttribute('html', 'lang'), 'en', 'her browser asks for English');
  // A full meetup says what its button does.
  await follow(camille, camille.locator('#rsvp form.stack').getByRole('button', { name: 'Join the waitlist' }));
  assert.match(await flash(camille), /The meetup is full: you are on the waitlist, position 1\./);
  assert.match(await text(camille.locator('#own-rsvp')), /^You are on the waitlist, position 1\. When a seat frees up, it is taken for you automatically/);
  assert.match(await text(camille.locator('#waitlist')), /Camille/);
  await checkPage(camille, 'meetup page, waitlisted (phone)');
});

await main.step('alice cancels', alice, async () => {
  await open(alice, meetupPath);
  await follow(alice, alice.getByRole('button', { name: 'Non, je ne viens pas' }));
  assert.match(await flash(alice), /vous ne venez pas/);
  assert.equal(await text(alice.locator('#own-rsvp')), 'Vous avez indiqué ne pas venir.');
});

await main.step('camille is promoted and mailed', camille, async () => {
  await open(camille, meetupPath);
  assert.equal(await text(camille.locator('#own-rsvp')), 'You are going.');
  assert.match(await text(camille.locator('#attendees')), /Camille/);
  assert.equal(await camille.locator('#waitlist').count(), 0, 'the waitlist is empty');
  const subject = await waitForMail('camille@example.org', /A seat opened up|Une place s'est libérée/);
  assert.ok(subject.includes(MEETUP_TITLE), subject);
  console.log(`    mail: “${subject}”`);
});

await main.step('camille proposes a talk', camille, async () => {
  await follow(camille, camille.locator('#programme').getByRole('link', { name: 'Propose a talk' }));
  await camille.fill('#title', TALK_TITLE);
  await camille.fill('#abstract', 'Déployer Django sur un petit hébergeur local : Gunicorn, PostgreSQL et sauvegardes.');
  await camille.fill('#duration_minutes', '20');
  await checkPage(camille, 'talk form (phone)');
  await follow(camille, camille.locator('main form button[type=submit]'));
  assert.match(await flash(camille), /Thank you! Your proposal was sent to the organisers\./);
  const programme = await text(camille.locator('#programme'));
  assert.match(programme, new RegExp(`${TALK_TITLE}.*Proposed`));
  await checkPage(camille, 'meetup page with a proposal (phone)');
});

await main.step('camille edits her proposal', camille, async () => {
  await follow(camille, camille.locator('#programme').getByRole('link', { name: 'Edit' }));
  await camille.getByRole('heading', { level: 1, name: 'Edit my proposal' }).waitFor();
  assert.equal(await camille.inputValue('#title'), TALK_TITLE);
  await checkBothWidths(camille, 'proposal edit form');
  await camille.fill('#duration_minutes', '25');
  await follow(camille, camille.getByRole('button', { name: 'Save' }));
  assert.match(await flash(camille), /Proposal changed/);
});

await main.step('organiser accepts the talk', organiser, async () => {
  await open(organiser, meetupPath);
  await follow(organiser, organiser.getByRole('link', { name: 'Examiner les propositions' }));
  const item = organiser.locator('#review > li', { hasText: TALK_TITLE });
  assert.match(await text(item), /Proposé/);
  await checkPage(organiser, 'review screen');
  await checkPhoneToo(organiser, 'review screen');
  await follow(organiser, item.getByRole('button', { name: 'Accepter' }));
  assert.match(await flash(organiser), /Décision enregistrée/);
  assert.match(await text(organiser.locator('#review > li', { hasText: TALK_TITLE })), /Accepté/);
  await open(organiser, meetupPath);
  assert.match(await text(organiser.locator('#programme')), new RegExp(`19:00 ?${TALK_TITLE}`));
});

await main.step('camille suggests a venue and votes', camille, async () => {
  await open(camille, `/groups/${slug}`);
  await follow(camille, camille.getByRole('link', { name: 'Suggest a venue' }));
  await camille.fill('#name', SUGGESTION);
  await camille.fill('#address', 'Place de Jaude, Clermont-Ferrand');
  await camille.fill('#note', 'Big tables, a projector, and it is next to the tram.');
  await checkPage(camille, 'venue suggestion form (phone)');
  await follow(camille, camille.locator('main form button[type=submit]'));
  const item = camille.locator('#venue-suggestions li', { hasText: SUGGESTION });
  assert.match(await text(item), /0 votes/);
  await follow(camille, item.getByRole('button', { name: 'Vote for this place' }));
  const after = camille.locator('#venue-suggestions li', { hasText: SUGGESTION });
  assert.match(await text(after), /1 vote(?!s)/);
  await after.getByRole('button', { name: 'Remove my vote' }).waitFor();
  await checkPage(camille, 'group page with a suggestion (phone)');
});

await main.step('alice votes for the venue', alice, async () => {
  await open(alice, `/groups/${slug}`);
  const item = alice.locator('#venue-suggestions li', { hasText: SUGGESTION });
  await follow(alice, item.getByRole('button', { name: 'Voter pour ce lieu' }));
  assert.match(await text(alice.locator('#venue-suggestions li', { hasText: SUGGESTION })), /2 votes/);
  await checkPage(alice, 'group page (phone)');
});

const POOL_TALK = 'Wagtail, un CMS pour les associations';

await main.step('alice proposes a talk to the pool and votes for it', alice, async () => {
  await open(alice, `/groups/${slug}`);
  await follow(alice, alice.getByRole('link', { name: "Vivier d'exposés" }));
  await checkBothWidths(alice, 'talk pool with the programme');
  await follow(alice, alice.getByRole('link', { name: 'Proposer un exposé' }));
  await alice.fill('#title', POOL_TALK);
  await alice.fill('#abstract', 'Un site pour une association en une soirée, sans développeur.');
  await alice.fill('#duration_minutes', '20');
  await follow(alice, alice.locator('main form button[type=submit]'));
  assert.match(await flash(alice), /Merci/);
  const item = alice.locator('#pool > li', { hasText: POOL_TALK });
  assert.match(await text(item), /0 vote/);
  await follow(alice, item.getByRole('button', { name: new RegExp(`^\\+1, voter pour «.${POOL_TALK}.»$`) }));
  assert.match(await text(alice.locator('#pool > li', { hasText: POOL_TALK })), /1 vote(?!s)/);
  await checkBothWidths(alice, 'talk pool');
});

await main.step('camille adds her slides', camille, async () => {
  await open(camille, meetupPath);
  await follow(camille, camille.locator('#programme').getByRole('link', { name: `Materials of "${TALK_TITLE}"` }));
  await camille.getByRole('heading', { level: 1, name: /Materials/ }).waitFor();
  await checkBothWidths(camille, 'materials form');
  await camille.selectOption('#kind_0', 'slides');
  await camille.fill('#url_0', 'javascript:alert(1)');
  await follow(camille, camille.getByRole('button', { name: 'Save the materials' }));
  assert.equal(await camille.inputValue('#url_0'), 'javascript:alert(1)', 'the form is kept');
  await checkPage(camille, 'materials form with an error (phone)');
  await camille.fill('#url_0', 'https://slides.example.org/django-6.pdf');
  await follow(camille, camille.getByRole('button', { name: 'Save the materials' }));
  assert.match(await flash(camille), /Materials saved/);
  const slides = camille.locator('#programme a.material', { hasText: 'Slides' });
  assert.equal(await slides.getAttribute('href'), 'https://slides.example.org/django-6.pdf');
});

await main.step('organiser schedules the pool talk', organiser, async () => {
  await open(organiser, `/groups/${slug}/talks`);
  const item = organiser.locator('#pool > li', { hasText: POOL_TALK });
  await checkPage(organiser, 'talk pool (organiser)');
  await checkPhoneToo(organiser, 'talk pool (organiser)');
  // Each meetup is named with its date, so that a series' occurrences are told apart.
  const option = item.locator('option', { hasText: MEETUP_TITLE });
  assert.match(await text(option), new RegExp(`^${MEETUP_TITLE} — \\S+ \\d+ \\S+ \\d{4}$`));
  await item.getByLabel('Mettre au programme de').selectOption(await option.getAttribute('value'));
  await follow(organiser, item.getByRole('button', { name: 'Programmer' }));
  assert.match(await flash(organiser), /L'exposé est au programme/);
  assert.match(await text(organiser.locator('#programme')), new RegExp(POOL_TALK));
  await checkPage(organiser, 'meetup page with the pool talk');
});

await main.step('camille copies her calendar link', camille, async () => {
  await follow(camille, camille.locator('.site-nav').getByRole('link', { name: /My account/ }));
  const shown = await camille.inputValue('#calendar-url');
  const subscribe = await camille.getByRole('link', { name: 'Subscribe' }).getAttribute('href');
  assert.match(subscribe, /^webcal:\/\/.+\.ics$/, subscribe);
  assert.match(shown, /^(https?|webcal):\/\/.+\/calendar\/[^/]+\.ics$/, shown);
  assert.equal(subscribe.replace(/^webcal:/, ''), shown.replace(/^(https?|webcal):/, ''), 'the same address');
  // The webcal link's http(s) form: the test server speaks plain http on 127.0.0.1.
  const fetchable = subscribe.replace(/^webcal:/, new URL(BASE).protocol);
  const response = await camille.context().request.get(fetchable);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /^text\/calendar/);
  const body = await response.text();
  assert.match(body, /BEGIN:VCALENDAR/);
  assert.ok(body.replace(/\r\n[ \t]/g, '').includes(MEETUP_TITLE), 'her meetup is in her feed');
  await checkPage(camille, 'account page (phone)');
});

// --- The organiser writes to the people coming, then to the whole group.
await main.step('organiser writes to participants', organiser, async () => {
  await open(organiser, meetupPath);
  await follow(organiser, organiser.getByRole('link', { name: 'Écrire aux participants' }));
  await organiser.getByRole('heading', { level: 1, name: 'Écrire aux participants' }).waitFor();
  await checkBothWidths(organiser, 'write to participants');
  await follow(organiser, organiser.getByRole('button', { name: 'Prévisualiser' }));
  assert.equal(await organiser.locator('.flash.bad li').count(), 2, 'subject and body are missing');
  await organiser.selectOption('#audience', 'going');
  await organiser.fill('#subject', 'Salle du fond');
  await organiser.fill('#body', 'Nous serons dans la salle du fond.\nPlan : https://example.org/plan');
  await follow(organiser, organiser.getByRole('button', { name: 'Prévisualiser' }));
  assert.match(await text(organiser.locator('main')), /Ce message partira à 1 membre/);
  await checkBothWidths(organiser, 'message preview');
  await follow(organiser, organiser.getByRole('button', { name: 'Envoyer' }));
  assert.match(await flash(organiser), /Message envoyé à 1 membre/);
  assert.match(await text(organiser.locator('#sent-title + ul')), /Salle du fond/);
  const mail = mailText(await findMail('camille@example.org', /Salle du fond/));
  assert.match(mail, /salle du fond/);
});

await main.step('organiser writes to members', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Écrire aux membres' }));
  await checkBothWidths(organiser, 'write to members');
  await organiser.fill('#subject', 'Assemblée générale');
  await organiser.fill('#body', 'Rendez-vous jeudi pour élire le bureau.');
  await follow(organiser, organiser.getByRole('button', { name: 'Prévisualiser' }));
  await follow(organiser, organiser.getByRole('button', { name: 'Envoyer' }));
  assert.match(await flash(organiser), /Message envoyé/);
  await findMail('alice@example.org', /Assemblée générale/);
});

await main.step('organiser invites people and one follows the mail', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Inviter des personnes' }));
  await organiser.fill('#emails', 'pas-une-adresse');
  await organiser.selectOption('#meetup_id', '');
  await follow(organiser, organiser.getByRole('button', { name: 'Envoyer les invitations' }));
  await checkBothWidths(organiser, 'invitations (results)');
  await organiser.fill('#emails', 'invitee@example.org, alice@example.org');
  await follow(organiser, organiser.getByRole('button', { name: 'Envoyer les invitations' }));
  assert.match(await text(organiser.locator('#results-title + [role=status] ul')), /invitee@example\.org — invitée/);
  const mail = mailText(await findMail('invitee@example.org', /invit|DjangAuvergne/i));
  const link = mail.match(/https?:\/\/[^\s]+\/invitations\/[0-9a-f.-]+/)[0];
  const visitor = await browser.newPage({ viewport: PHONE });
  try {
    await open(visitor, new URL(link).pathname);
    await checkBothWidths(visitor, 'invitation landing (signed out)');
    await open(visitor, new URL(mail.match(/https?:\/\/[^\s]+\/unsubscribe\/invitations\/[0-9a-f.]+/)[0]).pathname);
    await checkPage(visitor, 'invitation opt-out');
  } finally {
    await visitor.close();
  }
});

// --- After the meetup: check-in, a past meetup, the report.
await main.step('organiser checks in attendees', organiser, async () => {
  await open(organiser, meetupPath);
  await follow(organiser, organiser.getByRole('link', { name: 'Pointer les présents' }));
  await organiser.getByRole('heading', { level: 1, name: /Pointage des présents/ }).waitFor();
  await checkPage(organiser, 'check-in page');
  await checkPhoneToo(organiser, 'check-in page');
  // Five days ahead: the list, the door code and its QR code, but no ticking yet.
  assert.match(await text(organiser.locator('main')), /Le pointage ouvre 2 heures avant le début\./);
  assert.match(await text(organiser.locator('#door-code')), /^[A-Z2-9]{6}$/);
  await organiser.locator('figure.qr svg').waitFor();
  await organiser.fill('#q', 'cam');
  await follow(organiser, organiser.locator('form.door-search').getByRole('button', { name: 'Chercher' }));
  assert.match(await text(organiser.locator('main .door-list')), /Camille/);
  assert.doesNotMatch(await text(organiser.locator('main .door-list')), /Alice/, 'the filter keeps Camille only');
  await open(organiser, `${meetupPath}/sign-in-sheet`);
  await organiser.locator('figure.qr svg').waitFor();
});

await main.step('organiser records a past meetup', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Programmer une rencontre' }));
  await organiser.fill('#title', 'Apéro de rentrée');
  await organiser.fill('#starts_at', localInput(new Date(now.getTime() - 2 * 3600 * 1000)));
  await organiser.fill('#ends_at', localInput(new Date(now.getTime() - 10 * 60 * 1000)));
  await organiser.selectOption('#venue_id', { label: 'Ness Pub' });
  await follow(organiser, organiser.locator('main form button[type=submit]'));
  // A start in the past asks first: this one is recorded for its report.
  await organiser.locator('#confirm-past input').check();
  await follow(organiser, organiser.locator('main form button[type=submit]'));
  pastPath = new URL(organiser.url()).pathname;
  assert.match(await flash(organiser), /La rencontre est programmée/);
  assert.match(await text(organiser.locator('#rsvp')), /Les inscriptions sont closes\./);
  await open(organiser, `${pastPath}/checkin`);
  assert.match(await text(organiser.locator('main')), /Personne pour l'instant\./, 'nobody could RSVP');
  // At the door on a phone: someone came without an RSVP.
  const size = organiser.viewportSize();
  await organiser.setViewportSize(PHONE);
  try {
    await organiser.fill('#name', 'Dominique');
    await follow(organiser, organiser.locator('form[action$="/walk-ins"]').getByRole('button', { name: 'Ajouter' }));
    assert.match(await flash(organiser), /Dominique est sur la liste, sans inscription\./);
    assert.match(await text(organiser.locator('#walk-ins')), /Dominique sans inscription/);
    await checkPage(organiser, 'check-in page with a walk-in (phone)');
  } finally {
    await organiser.setViewportSize(size);
  }
});

await main.step('organiser publishes the report', organiser, async () => {
  const editor = `${pastPath}/report`;
  const response = await open(organiser, editor);
  if (response.status() === 404) {
    throw new Skip(`${editor} answers 404 (the report editor is not on this branch yet)`);
  }
  assert.equal(response.status(), 200, `${editor} answers ${response.status()}`);
  await checkPage(organiser, 'report editor');
  // The heading names the meetup, with a way back to it.
  assert.match(await text(organiser.locator('h1')), /^Compte-rendu de /);
  assert.equal(await organiser.locator(`main a[href="${pastPath}"]`).count(), 1);
  const form = organiser.locator('main form').filter({ has: organiser.locator('textarea') }).first();
  const title = form.locator('input[name=title]');
  if (await title.count()) await title.fill('Compte-rendu : apéro de rentrée');
  await form.locator('textarea').first().fill('Merci au **Ness Pub** !\n\nTrente personnes, deux exposés et beaucoup de questions.');
  const publish = form.locator('input[type=checkbox][name*=publish], input[type=radio][name*=publish][value=true]');
  if (await publish.count()) await publish.first().check();
  const preview = form.locator('button[name=preview]');
  if (await preview.count()) {
    await follow(organiser, preview.first());
    assert.match(await text(organiser.locator('main')), /Trente personnes, deux exposés/, 'the preview shows the text');
    assert.match(await organiser.locator('main textarea').first().inputValue(), /Trente personnes/, 'the text is kept');
    await checkBothWidths(organiser, 'report editor with its preview');
  }
  const buttons = organiser.locator('main form button:not([name=preview])').filter({ hasText: /Publier|Publish|Enregistrer|Save/ });
  await follow(organiser, buttons.first());
  const link = organiser.locator(`a[href*="/groups/${slug}/reports/"]:not([href$=".md"])`).first();
  if (!new URL(organiser.url()).pathname.startsWith(`/groups/${slug}/reports/`)) {
    if (!(await link.count())) await open(organiser, pastPath);
    await follow(organiser, organiser.locator(`a[href*="/groups/${slug}/reports/"]:not([href$=".md"])`).first());
  }
  reportUrl = new URL(organiser.url()).pathname;
  const anonymous = await (await context(PHONE, 'fr-FR')).newPage();
  const page = await open(anonymous, reportUrl);
  assert.equal(page.status(), 200, 'the published report is public');
  assert.match(await text(anonymous.locator('main')), /Trente personnes, deux exposés/);
  await checkPage(anonymous, 'public report page (phone)');
  await anonymous.context().close();
  await open(organiser, reportUrl);
  await checkPage(organiser, 'public report page');
});

await main.step('organiser imports Pelican reports', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Importer des comptes rendus' }));
  await checkBothWidths(organiser, 'report import form');
  const broken = path.join(SHOTS, 'casse.md');
  await fs.writeFile(broken, 'Title: Sans date\nDate: 15 octobre 2012\n\nCorps.');
  await organiser.setInputFiles('#files', ['src/reports/testdata/premier-meetup.md', broken]);
  await follow(organiser, organiser.getByRole('button', { name: 'Importer' }));
  const results = await text(organiser.locator('#import-results + ul'));
  assert.match(results, /premier-meetup\.md — Importé Compte-Rendu du premier Meetup DjangAuvergne/);
  assert.match(results, /casse\.md — Refusé date\s?: line 2/);
  await checkBothWidths(organiser, 'report import results');
});

await main.step('organiser opens a ban confirmation and the bans page', organiser, async () => {
  await open(organiser, `/groups/${slug}/members`);
  await follow(organiser, organiser.getByRole('link', { name: /^Bannir/ }).first());
  await organiser.getByRole('heading', { level: 1, name: /Bannir/ }).waitFor();
  await checkBothWidths(organiser, 'ban confirmation');
  await follow(organiser, organiser.getByRole('link', { name: 'Retour aux membres' }));
  await follow(organiser, organiser.getByRole('link', { name: 'Bannissements' }));
  await checkBothWidths(organiser, 'bans page');
});

await main.step('organiser reads the audit log', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Journal des actions' }));
  await organiser.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor();
  await checkBothWidths(organiser, 'audit log');
});

await main.step('organiser reads the show rate', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Taux de présence' }));
  await organiser.getByRole('heading', { level: 1, name: 'Taux de présence' }).waitFor();
  // The meetups of the last twelve months, counted: the table, its chart and the CSV.
  assert.match(await text(organiser.locator('main table.figures')), /Apéro de rentrée/);
  await organiser.locator('figure.stats-chart svg').waitFor();
  assert.equal(await organiser.locator('main a[href*="/stats.csv?"]').count(), 1);
  await checkBothWidths(organiser, 'show-rate page');
});

await main.step('organiser opens the webhooks page and its form errors', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Webhooks' }).first());
  await organiser.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
  await checkBothWidths(organiser, 'webhooks page');
  await organiser.fill('#url', 'http://127.0.0.1/hook');
  await follow(organiser, organiser.getByRole('button', { name: 'Ajouter le webhook' }));
  await organiser.locator('#url-error').waitFor();
  await checkBothWidths(organiser, 'webhooks form refused');
});

await main.step('organiser uploads a banner and names a sponsor', organiser, async () => {
  await open(organiser, `/groups/${slug}/edit`);
  await organiser.setInputFiles('#banner', 'assets/card.png');
  await follow(organiser, organiser.getByRole('button', { name: 'Envoyer la bannière' }));
  assert.match(await flash(organiser), /Bannière enregistrée/);
  await organiser.locator('#banner-settings img.banner').waitFor();
  await checkBothWidths(organiser, 'group settings with a banner');
  await follow(organiser, organiser.getByRole('link', { name: 'Gérer les sponsors et hôtes du groupe' }));
  await organiser.getByRole('heading', { level: 1, name: 'Sponsors et hôtes' }).waitFor();
  await organiser.fill('#name', 'Ness Pub');
  await organiser.fill('#url', 'https://example.org/ness');
  await follow(organiser, organiser.getByRole('button', { name: 'Ajouter le sponsor' }));
  assert.match(await flash(organiser), /Sponsor ajouté/);
  await checkBothWidths(organiser, 'sponsors page');
  await open(organiser, meetupPath);
  await follow(organiser, organiser.getByRole('link', { name: 'Hôtes et sponsors' }).first());
  await organiser.locator('select[name^="role-"]').first().selectOption('venue');
  await checkBothWidths(organiser, 'meetup sponsors form');
  await follow(organiser, organiser.locator('main form#sponsors button[type=submit]'));
  assert.match(await text(organiser.locator('section#sponsors')), /Ness Pub/);
  const image = await organiser.locator('meta[property="og:image"]').getAttribute('content');
  assert.match(image, /\/banner\?v=/);
  await checkBothWidths(organiser, 'meetup page with its host');
});

await main.step('organiser asks an RSVP question', organiser, async () => {
  await open(organiser, `${meetupPath}/questions`);
  await organiser.getByRole('heading', { level: 1 }).first().waitFor();
  await organiser.fill('#label-0', 'Nom sur votre pièce d\'identité');
  await organiser.check('#share-0');
  await follow(organiser, organiser.getByRole('button', { name: 'Enregistrer les questions' }));
  // Saved: back on the questions page, where the host link is made.
  assert.match(await flash(organiser), /Questions enregistrées/);
  assert.equal(new URL(organiser.url()).pathname, `${meetupPath}/questions`);
  await checkBothWidths(organiser, 'RSVP questions page');
});

let hostUrl = '';
await main.step('organiser makes a host link', organiser, async () => {
  await open(organiser, `${meetupPath}/questions`);
  await follow(organiser, organiser.getByRole('button', { name: 'Créer un lien pour l\'hôte' }));
  hostUrl = await organiser.locator('#host-link-url').inputValue();
  assert.match(hostUrl, /\/host\/[0-9a-f]+$/);
  await checkBothWidths(organiser, 'RSVP questions page with a new host link');
});

await main.step('a host opens the host list without an account', visitor, async () => {
  await open(visitor, new URL(hostUrl).pathname);
  await visitor.getByRole('heading', { level: 1 }).first().waitFor();
  // Names and the answers shared with the host.
  assert.match(await text(visitor.locator('#host-list thead')), /Nom sur votre pièce d.identité/);
  await checkBothWidths(visitor, 'host list');
});

await main.step('the sign-in sheet has a column per question', organiser, async () => {
  await open(organiser, `${meetupPath}/sign-in-sheet`);
  assert.match(await text(organiser.locator('#sign-in-sheet thead')), /Nom sur votre pièce d.identité/);
  await checkBothWidths(organiser, 'sign-in sheet with the answers');
});

await main.step('organiser opens the co-hosting invitations page', organiser, async () => {
  await open(organiser, `/groups/${slug}/cohosts`);
  await organiser.getByRole('heading', { level: 1, name: 'Co-organisation' }).waitFor();
  await checkBothWidths(organiser, 'co-hosting page');
});

await main.step('organiser opens the co-hosting form of a meetup', organiser, async () => {
  await open(organiser, meetupPath);
  await follow(organiser, organiser.locator('#organisation').getByRole('link', { name: 'Co-organisation' }));
  await organiser.getByRole('heading', { level: 1, name: /^Co-organisation/ }).waitFor();
  await checkBothWidths(organiser, 'meetup co-hosting form');
  // No group chosen: the form comes back with the reason beside the field.
  await follow(organiser, organiser.getByRole('button', { name: 'Envoyer l’invitation' }));
  await organiser.locator('#group_slug-error').waitFor();
  await checkBothWidths(organiser, 'meetup co-hosting form refused');
});

await main.step('anyone explores meetups and groups, and the embeddable list', organiser, async () => {
  for (const url of ['/explore', '/explore?q=django', '/groups', `/groups/${slug}/embed`]) {
    const response = await open(organiser, url);
    assert.equal(response.status(), 200, url);
    await checkBothWidths(organiser, url);
  }
  const embed = await open(organiser, `/groups/${slug}/embed`);
  assert.match(embed.headers()['content-security-policy'], /frame-ancestors \*/);
  await open(organiser, `/groups/${slug}`);
});

await main.step('the other organiser pages pass the same checks', organiser, async () => {
  const pages = [
    `/groups/${slug}/edit`, `${meetupPath}/edit`, `${meetupPath}/cancel`, `${meetupPath}/delete`,
    `${meetupPath}/checkin`, `${meetupPath}/sign-in-sheet`, `${meetupPath}/messages`,
    `/groups/${slug}/messages`, `/groups/${slug}/members`, `/groups/${slug}/bans`, `/groups/${slug}/audit`,
    `/groups/${slug}/stats`,
    `/groups/${slug}/reports/import`,
    `/groups/${slug}/webhooks`, '/explore', '/groups',
    `/groups/${slug}/venues/new`, '/account', '/logout',
  ];
  // Each in both languages, at both widths.
  for (const lang of ['fr', 'en']) {
    for (const url of pages) {
      const response = await open(organiser, `${url}?lang=${lang}`);
      assert.equal(response.status(), 200, url);
      assert.equal(await organiser.getAttribute('html', 'lang'), lang, url);
      await checkPage(organiser, `${url} (${lang})`);
      await checkPhoneToo(organiser, `${url} (${lang})`);
    }
  }
  await open(organiser, `/groups/${slug}?lang=fr`);
});

await main.step('readme screenshots', organiser, async () => {
  const readme = async (name, url) => {
    await open(organiser, url);
    await organiser.screenshot({ path: path.join(SHOTS, 'readme', `${name}.png`) });
  };
  await readme('group', `/groups/${slug}`);
  await readme('meetup', meetupPath);
  if (reportUrl) await readme('report', reportUrl);
  else await readme('account', '/account');
  await open(organiser, `/groups/${slug}`);
});

await main.step('a meetup typed in the past asks first', organiser, async () => {
  await open(organiser, `/groups/${slug}/meetups/new`);
  await organiser.fill('#title', 'Apéro de l’an dernier');
  await organiser.fill('#starts_at', `${localInput(new Date(now.getTime() - 365 * DAY)).slice(0, 10)}T19:00`);
  await follow(organiser, organiser.locator('main form button[type=submit]'));
  assert.match(await text(organiser.locator('#starts_at-error')), /Cette date est passée/);
  await organiser.locator('#confirm-past input').waitFor();
  await checkBothWidths(organiser, 'past start question');
  // Not confirmed: nothing is made, and the journey goes on.
});

await main.step('organiser starts a monthly series and skips a date', organiser, async () => {
  await open(organiser, `/groups/${slug}/meetups/new`);
  await organiser.fill('#title', 'Apéro mensuel #{n}');
  await organiser.fill('#starts_at', `${localInput(new Date(now.getTime() + 40 * DAY)).slice(0, 10)}T19:00`);
  await organiser.selectOption('#repeat', 'monthly_nth');
  await follow(organiser, organiser.locator('main form button[type=submit]'));
  assert.match(new URL(organiser.url()).pathname, new RegExp(`^/groups/${slug}/series/[^/]+$`));
  assert.match(await flash(organiser), /Série créée/);
  const main = await text(organiser.locator('main'));
  assert.match(main, /du mois à 19:00/);
  assert.match(main, /Apéro mensuel #1/);
  await checkBothWidths(organiser, 'series page');
  // Skipping asks first, saying who will be told.
  await follow(organiser, organiser.getByRole('link', { name: 'Sauter cette date' }).first());
  assert.match(await text(organiser.locator('h1')), /Sauter cette date/);
  assert.match(await text(organiser.locator('#told')), /La série continue/);
  await checkBothWidths(organiser, 'series skip confirmation');
  await follow(organiser, organiser.getByRole('button', { name: 'Oui, sauter cette date' }));
  assert.match(await flash(organiser), /Date sautée/);
  assert.match(await text(organiser.locator('main')), /Apéro mensuel #4/);
});

await main.step('organiser edits the series in the browser', organiser, async () => {
  await follow(organiser, organiser.getByRole('link', { name: 'Modifier la série' }));
  assert.match(await text(organiser.locator('h1')), /Modifier la série/);
  assert.match(await text(organiser.locator('#preview-title')), /Dates concernées/);
  await checkBothWidths(organiser, 'series edit form');
  await organiser.fill('#start_time', '19:30');
  await follow(organiser, organiser.getByRole('button', { name: 'Enregistrer la série' }));
  assert.match(await flash(organiser), /Série enregistrée/);
  assert.match(await text(organiser.locator('main')), /19:30/);
  const seriesPath = new URL(organiser.url()).pathname;
  // Ending the series asks first too; the journey goes on with it running.
  await open(organiser, `${seriesPath}/end`);
  assert.match(await text(organiser.locator('#told')), /Aucune nouvelle rencontre/);
  await checkBothWidths(organiser, 'series end confirmation');
  // One date of the series, edited on its own, says so and links the series' form.
  await open(organiser, seriesPath);
  const second = organiser.locator('main ul.list a', { hasText: 'Apéro mensuel #2' }).first();
  await open(organiser, `${await second.getAttribute('href')}/edit`);
  assert.match(await text(organiser.locator('#only-this-date')), /Seule cette date change/);
  await checkBothWidths(organiser, 'occurrence edit form');
});

await main.step('organiser moves the pool talk to the series', organiser, async () => {
  await open(organiser, `/groups/${slug}/talks`);
  const item = organiser.locator('#pool > li', { hasText: POOL_TALK });
  const second = item.locator('option', { hasText: 'Apéro mensuel #2 — ' });
  await item.getByLabel('Déplacer vers').selectOption(await second.getAttribute('value'));
  await follow(organiser, item.getByRole('button', { name: 'Déplacer' }));
  assert.match(await flash(organiser), /L'exposé est au programme/);
  assert.match(await text(organiser.locator('h1')), /Apéro mensuel #2/);
  assert.match(await text(organiser.locator('#programme')), new RegExp(POOL_TALK));
  const subject = await waitForMail('alice@example.org', /Votre exposé change de date/);
  assert.ok(subject.includes(POOL_TALK), subject);
});

// --- A code of conduct, and a problem reported to the organisers.
await main.step('organiser sets a code of conduct', organiser, async () => {
  await open(organiser, `/groups/${slug}/edit`);
  await organiser.fill('#code_of_conduct_url', 'https://djangoproject.com/conduct/');
  await organiser.fill('#incident_contact', 'conduite@example.org');
  await checkBothWidths(organiser, 'group form with a code of conduct');
  await follow(organiser, organiser.getByRole('button', { name: 'Enregistrer', exact: true }));
  assert.match(await flash(organiser), /Modifications enregistrées/);
  const block = await text(organiser.locator('#code-of-conduct'));
  assert.match(block, /Code de conduite/);
  assert.match(block, /Signaler un incident : conduite@example\.org/);
  await checkBothWidths(organiser, 'group page with a code of conduct');
});

await main.step('alice reports a problem to the organisers', alice, async () => {
  await open(alice, meetupPath);
  assert.match(await text(alice.locator('#code-of-conduct')), /Lire le code de conduite/);
  await follow(alice, alice.locator('#report-problem'));
  await alice.getByRole('heading', { level: 1, name: 'Signaler un problème aux organisateurs' }).waitFor();
  await checkBothWidths(alice, 'report form');
  await follow(alice, alice.getByRole('button', { name: 'Envoyer aux organisateurs' }));
  await alice.locator('#error-summary').waitFor();
  await checkPage(alice, 'report form with an error (phone)');
  await alice.fill('#text', "Quelqu'un a coupé la parole aux oratrices toute la soirée.");
  await follow(alice, alice.getByRole('button', { name: 'Envoyer aux organisateurs' }));
  assert.equal(new URL(alice.url()).pathname, meetupPath);
  assert.match(await flash(alice), /Votre signalement a été envoyé aux organisateurs/);
  await checkPage(alice, 'meetup page with a code of conduct (phone)');
  const subject = await waitForMail('julien@example.org', /Problème signalé/);
  assert.ok(subject.includes(MEETUP_TITLE), subject);
  console.log(`    mail: “${subject}”`);
});

await main.step('organiser reads the reported problems', organiser, async () => {
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.getByRole('link', { name: 'Problèmes signalés' }));
  await organiser.getByRole('heading', { level: 1, name: 'Problèmes signalés' }).waitFor();
  const list = await text(organiser.locator('#incident-reports'));
  assert.match(list, /coupé la parole aux oratrices/);
  assert.match(list, /alice@example\.org/);
  await checkBothWidths(organiser, 'reported problems');
});

// --- A poll on the next meetup's date, answered in the grid with no JavaScript.
await main.step('alice answers a poll on the next date', alice, async () => {
  const login = await fetch(new URL('/api/v1/auth/login', BASE), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'julien@example.org', password: PASSWORD }),
  }).then((r) => r.json());
  const day = (n) => `${localInput(new Date(now.getTime() + n * DAY)).slice(0, 10)}T19:00`;
  const created = await fetch(new URL(`/api/v1/groups/${slug}/polls`, BASE), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
    body: JSON.stringify({ title: 'Apéro de printemps', date_options: [day(40), day(47), day(54)] }),
  });
  assert.equal(created.status, 201, await created.text());
  await open(alice, `/groups/${slug}`);
  await follow(alice, alice.locator('#polls').getByRole('link', { name: 'Apéro de printemps' }));
  await alice.getByRole('heading', { level: 1, name: 'Apéro de printemps' }).waitFor();
  await checkBothWidths(alice, 'poll page');
  // By keyboard: focus the first answer of the first date, arrow to the next one, space.
  const first = alice.locator('fieldset.poll-answers').first();
  await first.locator('input[value=yes]').focus();
  await alice.keyboard.press('Space');
  await alice.locator('fieldset.poll-answers').nth(1).locator('input[value=if_need_be]').check();
  await follow(alice, alice.getByRole('button', { name: 'Enregistrer mes réponses' }));
  assert.match(await flash(alice), /Vos réponses sont enregistrées/);
  assert.ok(await first.locator('input[value=yes]').isChecked());
  assert.match(await text(alice.locator('main')), /Un membre a répondu/);
  await checkBothWidths(alice, 'poll page after answering');
});

// --- A poll opened and closed with the organisers' forms, no API.
await main.step('organiser opens a poll from the form and closes it', organiser, async () => {
  const day = (n) => `${localInput(new Date(now.getTime() + n * DAY)).slice(0, 10)}T19:00`;
  await open(organiser, `/groups/${slug}`);
  await follow(organiser, organiser.locator('#new-poll'));
  await organiser.getByRole('heading', { level: 1, name: 'Ouvrir un sondage' }).waitFor();
  await checkBothWidths(organiser, 'new poll form');
  await organiser.fill('#title', "Apéro d'été");
  await organiser.getByLabel('Date 1', { exact: true }).fill(day(70));
  await organiser.getByLabel('Date 2', { exact: true }).fill(day(77));
  await follow(organiser, organiser.getByRole('button', { name: 'Ouvrir le sondage' }));
  assert.match(await flash(organiser), /Le sondage est ouvert/);
  await organiser.getByRole('heading', { level: 1, name: "Apéro d'été" }).waitFor();
  await organiser.getByRole('heading', { level: 2, name: 'Clore le sondage' }).waitFor();
  await checkBothWidths(organiser, 'poll page with the close form');
  await organiser.fill('#capacity', '20');
  await follow(organiser, organiser.getByRole('button', { name: 'Clore et créer la rencontre' }));
  assert.match(await flash(organiser), /Le sondage est clos/);
  await organiser.getByRole('heading', { level: 1, name: "Apéro d'été" }).waitFor();
});

// --- Errors as a person meets them (phone, French).
const errors = new Journey('errors');

await errors.step('keyboard order on the sign-up form', visitor, async () => {
  await open(visitor, '/register');
  const order = [];
  for (let i = 0; i < 12; i += 1) {
    await visitor.keyboard.press('Tab');
    order.push(await visitor.evaluate(() => {
      const el = document.activeElement;
      return el.id || el.getAttribute('href') || el.textContent.trim();
    }));
  }
  assert.equal(order[0], '#main', 'the first Tab reaches the skip link');
  const fields = order.filter((id) => ['email', 'name', 'password', 'locale'].includes(id));
  assert.deepEqual(fields, ['email', 'name', 'password', 'locale'], `focus order: ${order.join(' → ')}`);
});

await errors.step('sign-in with a wrong password', visitor, async () => {
  await open(visitor, '/login');
  await checkPage(visitor, 'login form (phone)');
  await visitor.fill('#email', 'alice@example.org');
  await visitor.fill('#password', 'not her password');
  const response = await follow(visitor, visitor.locator('main form button[type=submit]'));
  assert.equal(response.status(), 401);
  assert.match(await text(visitor.getByRole('alert')), /Le formulaire contient des erreurs/);
  assert.equal(await visitor.inputValue('#email'), 'alice@example.org', 'the e-mail is kept');
  assert.equal(await visitor.inputValue('#password'), '', 'the password is not sent back');
  assert.match(await visitor.getAttribute('#email', 'aria-describedby'), /\bemail-error\b/);
  await checkPage(visitor, 'login form with an error (phone)');
});

await errors.step('a missing field keeps what was typed', visitor, async () => {
  await open(visitor, '/register');
  await visitor.fill('#email', 'dominique@example.org');
  await visitor.fill('#password', PASSWORD);
  const response = await follow(visitor, visitor.locator('main form button[type=submit]'));
  assert.equal(response.status(), 422);
  assert.match(await text(visitor.getByRole('alert')), /Le formulaire contient des erreurs/);
  const error = await text(visitor.locator('#name-error'));
  assert.match(error, /Le nom doit faire entre 1 et 100 caractères/);
  assert.equal(await visitor.getAttribute('#name', 'aria-invalid'), 'true');
  assert.match(await visitor.getAttribute('#name', 'aria-describedby'), /\bname-error\b/);
  assert.equal(await visitor.inputValue('#email'), 'dominique@example.org', 'the e-mail is kept');
  await visitor.locator('[role=alert] a[href="#name"]').click();
  assert.equal(await visitor.evaluate(() => document.activeElement.id), 'name', 'the summary link focuses the field');
  await checkPage(visitor, 'register form with an error (phone)');
});

await errors.step('fixing the field signs her up', visitor, async () => {
  await visitor.fill('#name', 'Dominique');
  await visitor.fill('#password', PASSWORD);
  await follow(visitor, visitor.locator('main form button[type=submit]'));
  assert.match(await flash(visitor), /Bienvenue, Dominique/);
});

await errors.step('a talk without a title', visitor, async () => {
  await open(visitor, `${meetupPath}/talks/new`);
  await visitor.fill('#abstract', 'Un résumé écrit avec soin.');
  await visitor.fill('#duration_minutes', '30');
  const response = await follow(visitor, visitor.locator('main form button[type=submit]'));
  assert.equal(response.status(), 422);
  assert.ok((await text(visitor.locator('#title-error'))).length > 0, 'a message next to the title');
  assert.match(await visitor.getAttribute('#title', 'aria-describedby'), /\btitle-error\b/);
  assert.equal(await visitor.inputValue('#abstract'), 'Un résumé écrit avec soin.');
  assert.equal(await visitor.inputValue('#duration_minutes'), '30');
  await checkPage(visitor, 'talk form with an error (phone)');
});

await errors.step('a tampered form token', visitor, async () => {
  await open(visitor, `/groups/${slug}/venue-suggestions/new`);
  await visitor.fill('#name', 'Le Lieu Fantôme');
  await visitor.fill('#address', '1 rue Nulle Part');
  await visitor.locator('main form input[name=csrf_token]').evaluate((input) => { input.value = 'stale'; });
  const response = await follow(visitor, visitor.locator('main form button[type=submit]'));
  assert.equal(response.status(), 403);
  await visitor.getByRole('heading', { level: 1, name: 'Formulaire expiré' }).waitFor();
  assert.match(await text(visitor.locator('main')), /rien n'a été enregistré/);
  await checkPage(visitor, 'form expired page (phone)');
  const saved = await visitor.context().request.get(`${BASE}/api/v1/groups/${slug}/venue-suggestions`);
  assert.equal(saved.status(), 200);
  const names = (await saved.json()).suggestions.map((x) => x.name);
  assert.ok(!names.includes('Le Lieu Fantôme'), `nothing saved: ${names.join(', ')}`);
});

await errors.step('a form left open after the session ended', visitor, async () => {
  await open(visitor, `${meetupPath}/talks/new`);
  await visitor.fill('#title', 'Un exposé oublié');
  await visitor.fill('#abstract', 'Écrit avant que les cookies ne soient effacés.');
  await visitorContext.clearCookies();
  const response = await follow(visitor, visitor.locator('main form button[type=submit]'));
  assert.equal(response.status(), 403);
  await visitor.getByRole('heading', { level: 1, name: 'Formulaire expiré' }).waitFor();
  assert.match(await text(visitor.locator('main')), /Un exposé oublié/, 'what was typed is kept');
  // Labelled as the form labels it, not by the field's name.
  const kept = await text(visitor.locator('main dl.kept'));
  assert.match(kept, /Titre/);
  assert.doesNotMatch(kept, /\btitle\b|\babstract\b/);
  await visitor.getByRole('button', { name: 'Envoyer à nouveau' }).waitFor();
  await checkBothWidths(visitor, 'form expired, with what was typed');
});

// --- A forgotten password (phone and desktop, French): Alice, who signed up above.
const reset = new Journey('forgotten password');
let resetLink = '';

await reset.step('alice asks for a reset link', forgetful, async () => {
  await open(forgetful, '/login');
  await follow(forgetful, forgetful.getByRole('link', { name: 'Mot de passe oublié\u202f?' }));
  assert.match(forgetful.url(), /\/password-reset$/);
  await checkBothWidths(forgetful, 'password reset request');
  await forgetful.fill('#email', 'alice@example.org');
  await follow(forgetful, forgetful.locator('main form button[type=submit]'));
  assert.match(await text(forgetful.locator('main')), /Si un compte utilise cette adresse/);
  await checkBothWidths(forgetful, 'reset link sent');
});

await reset.step('alice chooses a new password from the mail', forgetful, async () => {
  const mail = mailText(await findMail('alice@example.org', /nouveau mot de passe/i));
  const match = mail.match(/https?:\/\/[^\s"<>]+\/password-reset\/[0-9a-f]{64}/);
  assert.ok(match, `a link in the mail:\n${mail}`);
  resetLink = match[0];
  await open(forgetful, resetLink);
  await forgetful.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
  await checkBothWidths(forgetful, 'choose a new password');
  await forgetful.fill('#password', 'un tout nouveau mot de passe');
  await follow(forgetful, forgetful.locator('main form button[type=submit]'));
  assert.match(await flash(forgetful), /nouveau mot de passe est enregistré/);
  assert.match(await text(forgetful.locator('.site-nav')), /\(Alice\)/);
});

await reset.step('the link works once', forgetful, async () => {
  const response = await open(forgetful, resetLink);
  assert.equal(response.status(), 410);
  await forgetful.getByRole('heading', { level: 1, name: 'Lien expiré' }).waitFor();
  await checkBothWidths(forgetful, 'expired reset link');
});

await reset.step('alice changes her settings', forgetful, async () => {
  await open(forgetful, '/account');
  await checkBothWidths(forgetful, 'account page');
  assert.match(await text(forgetful.locator('main')), /DjangAuvergne/);
  await forgetful.fill('#name', 'Alice M.');
  await follow(forgetful, forgetful.getByRole('button', { name: 'Enregistrer le profil' }));
  assert.match(await flash(forgetful), /Profil enregistré/);
  assert.match(await text(forgetful.locator('.site-nav')), /\(Alice M\.\)/);
  // A form low on the page says it saved next to itself, where she is.
  await follow(forgetful, forgetful.getByRole('button', { name: 'Enregistrer pour DjangAuvergne' }));
  assert.equal(new URL(forgetful.url()).hash, `#mail-${slug}`);
  assert.match(await text(forgetful.locator(`#mail-${slug} .flash`)), /Préférences enregistrées pour DjangAuvergne/);
  await checkBothWidths(forgetful, 'account page, group mail saved');
});

await reset.step('alice moves to a new address', forgetful, async () => {
  await open(forgetful, '/account');
  await forgetful.fill('#email', 'alice.m@example.org');
  await forgetful.fill('#email_password', 'un tout nouveau mot de passe');
  await follow(forgetful, forgetful.getByRole('button', { name: "Changer d'adresse" }));
  assert.match(await flash(forgetful), /Un lien de confirmation est parti vers alice\.m@example\.org/);
  const mail = mailText(await findMail('alice.m@example.org', /Confirmer votre nouvelle adresse/));
  const match = mail.match(/https?:\/\/[^\s"<>]+\/email-change\/[0-9a-f]{64}/);
  assert.ok(match, `a link in the mail:\n${mail}`);
  await open(forgetful, match[0]);
  await forgetful.getByRole('heading', { level: 1, name: 'Confirmer la nouvelle adresse' }).waitFor();
  await checkBothWidths(forgetful, 'confirm a new address');
  await follow(forgetful, forgetful.getByRole('button', { name: 'Confirmer' }));
  assert.match(await flash(forgetful), /Votre adresse est maintenant alice\.m@example\.org/);
});

await reset.step('alice deletes her account', forgetful, async () => {
  await open(forgetful, '/account');
  await follow(forgetful, forgetful.getByRole('link', { name: 'Supprimer mon compte' }));
  await forgetful.getByRole('heading', { level: 1, name: 'Supprimer votre compte\u202f?' }).waitFor();
  await checkBothWidths(forgetful, 'delete account confirmation');
  await forgetful.fill('#password', 'un tout nouveau mot de passe');
  await follow(forgetful, forgetful.getByRole('button', { name: 'Oui, supprimer mon compte' }));
  assert.match(await flash(forgetful), /Votre compte est supprimé/);
  assert.match(await text(forgetful.locator('.site-nav')), /Se connecter/);
});

// --- A one-click answer from a mail (phone, English): Camille releases her seat.
const links = new Journey('one-click answers');

await links.step('camille opens "release my seat" from her mail', camille, async () => {
  const mail = mailText(await findMail('camille@example.org', /A seat opened up/));
  const match = mail.match(/https?:\/\/[^\s"<>]+\/r\/[A-Za-z0-9.-]+/);
  assert.ok(match, `a release link in the mail:\n${mail}`);
  await open(camille, match[0]);
  await camille.getByRole('heading', { level: 1, name: MEETUP_TITLE }).waitFor();
  await checkBothWidths(camille, 'one-click answer, before confirming');
  await follow(camille, camille.getByRole('button', { name: 'Release my seat' }));
  assert.match(await text(camille.locator('#answer-outcome')), /Thank you for releasing your seat/);
  await checkBothWidths(camille, 'one-click answer, done');
});

// --- A long meetup on a phone: the answer stays within the first screen.
const phone = new Journey('phone layout');

await phone.step('the RSVP button is on the first screen of a 390×844 phone', camille, async () => {
  const api = async (method, url, body, token) => {
    const response = await fetch(new URL(url, BASE), {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json().catch(() => ({}));
    assert.ok(response.ok, `${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const { token } = await api('POST', '/api/v1/auth/login', { email: 'julien@example.org', password: PASSWORD });
  const description = Array.from({ length: 12 }, (_, i) => `Paragraphe ${i + 1} : ${'des nouvelles de Django, de Python et de la communauté auvergnate. '.repeat(4)}`).join('\n\n');
  const meetup = await api('POST', `/api/v1/groups/${slug}/meetups`, {
    title: 'Soirée marathon : douze exposés', starts_at: `${localInput(new Date(now.getTime() + 9 * DAY)).slice(0, 10)}T18:00`,
    description, announce: false, capacity: 80,
  }, token);
  for (let i = 1; i <= 12; i += 1) {
    const talk = await api('POST', `/api/v1/meetups/${meetup.id}/talks`, { title: `Exposé éclair n° ${i} sur Django`, abstract: 'Cinq minutes, pas une de plus.', duration_minutes: 5 }, token);
    await api('PATCH', `/api/v1/talks/${talk.id}`, { status: 'accepted' }, token);
  }
  await camille.setViewportSize({ width: 390, height: 844 });
  try {
    await open(camille, `/groups/${slug}/meetups/${meetup.id}`);
    const bottom = async (page) => {
      const box = await page.locator('#rsvp-bar').locator('button, a.button').first().boundingBox();
      return box && box.y + box.height;
    };
    assert.equal(await camille.locator('#rsvp-bar button').textContent(), "Yes, I'm going");
    const ends = await bottom(camille);
    assert.ok(ends && ends <= 844, `a member not going: the button ends at ${ends} px`);
    assert.equal(await camille.locator('#programme li').count(), 12);
    await checkPage(camille, 'long meetup page (390 px)');
    // Going (one tap on the bar), as an organiser, and as a visitor: still on the first screen.
    await follow(camille, camille.locator('#rsvp-bar button'));
    assert.match(await text(camille.locator('#rsvp-bar')), /You're going/);
    const going = await bottom(camille);
    assert.ok(going && going <= 844, `a member going: the bar's button ends at ${going} px`);
    const others = await (await context({ width: 390, height: 844 }, 'fr-FR')).newPage();
    await open(others, `/groups/${slug}/meetups/${meetup.id}`);
    const anonymous = await bottom(others);
    assert.ok(anonymous && anonymous <= 844, `a visitor: the bar's button ends at ${anonymous} px`);
    await follow(others, others.locator('#rsvp-bar a.button'));
    assert.ok(await others.locator('#guest-rsvp').isVisible(), 'the bar leads to the answer without an account');
    await others.goto(new URL('/login', BASE).href);
    await others.fill('#email', 'julien@example.org');
    await others.fill('#password', PASSWORD);
    await follow(others, others.locator('main form button[type=submit]'));
    await open(others, `/groups/${slug}/meetups/${meetup.id}`);
    const organising = await bottom(others);
    assert.ok(organising && organising <= 844, `an organiser: the bar's button ends at ${organising} px`);
    await checkPage(others, 'long meetup page, organiser (390 px)');
  } finally {
    await camille.setViewportSize(PHONE);
  }
});

// --- Newcomers from a shared link (phone, French): "I'm going" and "Join the group" lead through
// sign-up and back, with the answer recorded in the same pass.
const newcomers = new Journey('newcomers');
const nora = await (await context(PHONE, 'fr-FR')).newPage();
const yann = await (await context(PHONE, 'fr-FR')).newPage();
const zoe = await (await context(PHONE, 'fr-FR')).newPage();
for (const page of [nora, yann, zoe]) page.setDefaultTimeout(10000);
let newcomerMeetupPath;

await newcomers.step('nora follows "I\'m going" to the sign-up form', nora, async () => {
  const login = await fetch(new URL('/api/v1/auth/login', BASE), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'julien@example.org', password: PASSWORD }),
  }).then((r) => r.json());
  const meetup = await fetch(new URL(`/api/v1/groups/${slug}/meetups`, BASE), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
    body: JSON.stringify({
      title: 'Apéro des nouveaux', starts_at: `${localInput(new Date(now.getTime() + 12 * DAY)).slice(0, 10)}T19:00`,
      announce: false, capacity: 30,
    }),
  }).then((r) => r.json());
  newcomerMeetupPath = `/groups/${slug}/meetups/${meetup.id}`;
  await open(nora, newcomerMeetupPath);
  await checkPage(nora, 'meetup page, signed out (phone)');
  await follow(nora, nora.locator('#rsvp-going'));
  assert.equal(new URL(nora.url()).pathname, '/register');
  assert.match(await text(nora.locator('#sign-in-intent')), /Oui, je viens/);
  const signIn = await nora.getByRole('link', { name: /Déjà un compte/ }).getAttribute('href');
  assert.ok(signIn.startsWith('/login?next='), `the sign-in link keeps next: ${signIn}`);
  await checkBothWidths(nora, 'sign-up form with an answer to record');
});

await newcomers.step('zoé answers with her name and address, follows the mail, is going', zoe, async () => {
  await open(zoe, newcomerMeetupPath);
  const button = zoe.locator('#guest-rsvp-submit');
  await zoe.fill('#name', 'Zoé Durand');
  await zoe.fill('#email', 'zoe@example.org');
  await follow(zoe, button);
  assert.equal(new URL(zoe.url()).pathname, newcomerMeetupPath);
  assert.match(await flash(zoe), /Presque fini/);
  await checkBothWidths(zoe, 'meetup page, answer without an account sent');
  const mail = mailText(await findMail('zoe@example.org', /Confirmez votre réponse/));
  const match = mail.match(/https?:\/\/[^\s"<>]+\/guest-rsvp\/[0-9a-f]{64}/);
  assert.ok(match, `a confirmation link in the mail:\n${mail}`);
  await open(zoe, match[0]);
  await zoe.getByRole('heading', { level: 1, name: 'Apéro des nouveaux' }).waitFor();
  await checkBothWidths(zoe, 'confirm an answer without an account');
  await follow(zoe, zoe.getByRole('button', { name: 'Oui, je viens' }));
  assert.match(await text(zoe.locator('#answer-outcome')), /vous participez/);
  await checkPage(zoe, 'answer without an account confirmed (phone)');
});

await newcomers.step('nora signs up and is back on the meetup, going', nora, async () => {
  await nora.fill('#email', 'nora@example.org');
  await nora.fill('#name', 'Nora');
  await nora.fill('#password', PASSWORD);
  await follow(nora, nora.locator('main form button[type=submit]'));
  assert.equal(new URL(nora.url()).pathname, newcomerMeetupPath);
  assert.match(await flash(nora), /Bienvenue, Nora ! C'est noté : vous participez/);
  assert.equal(await text(nora.locator('#own-rsvp')), 'Vous participez.');
  await checkPage(nora, 'meetup page after sign-up (phone)');
});

await newcomers.step('yann joins the group from its page through sign-up', yann, async () => {
  await open(yann, `/groups/${slug}`);
  await follow(yann, yann.locator('#join-group'));
  assert.match(await text(yann.locator('#sign-in-intent')), /rejoignez le groupe/);
  await yann.fill('#email', 'yann@example.org');
  await yann.fill('#name', 'Yann');
  await yann.fill('#password', PASSWORD);
  await follow(yann, yann.locator('main form button[type=submit]'));
  assert.equal(new URL(yann.url()).pathname, `/groups/${slug}`);
  assert.match(await flash(yann), /Bienvenue dans le groupe/);
  await checkBothWidths(yann, 'group page after joining');
});

await newcomers.step('nora sees her answer and the seats left on the group page', nora, async () => {
  await open(nora, newcomerMeetupPath);
  assert.match(await nora.getAttribute('meta[property="og:title"]', 'content'), /^Apéro des nouveaux · /);
  const image = await nora.getAttribute('meta[property="og:image"]', 'content');
  const served = await fetch(new URL(new URL(image).pathname + new URL(image).search, BASE));
  // The group's banner since the organiser uploaded one (re-encoded as JPEG), else the PNG card.
  assert.match(served.headers.get('content-type') ?? '', /^image\/(png|jpeg)$/, `the preview image ${image} is served`);
  await open(nora, `/groups/${slug}`);
  const item = nora.locator('section[aria-labelledby="upcoming"] li', { hasText: 'Apéro des nouveaux' });
  assert.match(await text(item), /Vous participez/);
  assert.match(await text(item), /28 places restantes/); // Nora and Zoé
  await checkBothWidths(nora, 'group page with seats left and my answer');
});

await newcomers.step('a mistyped group address suggests the group', nora, async () => {
  const response = await open(nora, `/groups/${slug.slice(0, -1)}`);
  assert.equal(response.status(), 404);
  assert.match(await text(nora.locator('#did-you-mean')), /Vouliez-vous dire DjangAuvergne \?/);
  await checkBothWidths(nora, 'group not found, with a suggestion');
  await follow(nora, nora.locator('#did-you-mean a'));
  assert.equal(new URL(nora.url()).pathname, `/groups/${slug}`);
});

// --- Every mail sent in these journeys, its HTML part drawn as a reader's client would.
const mails = new Journey('mails');

await mails.step('every mail kind renders', null, async () => {
  const dir = path.join(SHOTS, 'mails');
  await fs.mkdir(dir, { recursive: true });
  const files = (await fs.readdir(OUTBOX)).filter((f) => f.endsWith('.eml')).sort();
  assert.ok(files.length >= 10, `mails in the outbox: ${files.length}`);
  const reader = await (await context({ width: 640, height: 800 }, 'fr-FR')).newPage();
  const drawn = new Set();
  for (const file of files) {
    const raw = await fs.readFile(path.join(OUTBOX, file), 'utf8');
    const subject = header(raw, 'Subject');
    const parts = mimeParts(raw);
    const html = parts.find((p) => p.type === 'text/html');
    const plain = parts.find((p) => p.type === 'text/plain');
    assert.ok(html && plain, `${subject}: a text and an HTML part`);
    // The same kind of mail to several people is drawn once.
    const kind = subject.replace(/[:：].*$/, '').replace(/\[.*?\].*/, 'message').trim();
    if (drawn.has(kind)) continue;
    drawn.add(kind);
    assert.match(html.body, /<a [^>]*href="[^"]+"[^>]*style="[^"]*background/, `${subject}: one call to action`);
    assert.match(plain.body, /Vous recevez cet e-mail|You get this e-mail/, `${subject}: why it came`);
    if (/(Quand|When)\s?\u202f?:/.test(plain.body)) assert.match(plain.body, / – /, `${subject}: the end time`);
    await reader.setContent(html.body, { waitUntil: 'load' });
    const name = `${String(drawn.size).padStart(2, '0')}-${kind.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    await reader.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }
  await reader.context().close();
  console.log(`    ${drawn.size} kinds of mail drawn in ${dir}`);
});

await browser.close();

console.log('');
for (const { label, error } of failures) console.log(`FAILED ${label}: ${error.message.split('\n')[0]}`);
if (notRun) console.log(`${notRun} ${notRun === 1 ? "step" : "steps"} not run after a failure`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && notRun === 0 ? 0 : 1);
