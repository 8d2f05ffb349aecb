// The console's browser journey, driven by playwright-core with the machine's Chromium against a running mesh
// (integration-tests' ConsoleJourneyIT starts the mesh, seeds a user and an Environment, and runs this script).
// Each step asserts what the browser shows and saves a screenshot; a failed step exits non-zero.
//
//   BASE_URL=http://localhost:8080 USER_EMAIL=… USER_PASSWORD=… ENVIRONMENT=acme-prod SCREENSHOTS=target/shots \
//     node e2e/journey.mjs
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('BASE_URL');
const EMAIL = env('USER_EMAIL');
const PASSWORD = env('USER_PASSWORD');
const ENVIRONMENT = env('ENVIRONMENT');
const SHOTS = env('SCREENSHOTS', 'target/console-screenshots');
const INSTALL = process.env.INSTALL_BODY; // JSON of an install to start from the signed-in page, optional
const EXPECTED_RUNNING = Number(process.env.EXPECTED_RUNNING ?? '0');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(SHOTS, { recursive: true });

const results = [];
let stepNo = 0;
async function step(name, page, body) {
  stepNo += 1;
  const started = Date.now();
  const file = `${SHOTS}/${String(stepNo).padStart(2, '0')}-${name}.png`;
  try {
    const detail = await body();
    await page.screenshot({ path: file, fullPage: true });
    results.push({ step: name, ok: true, ms: Date.now() - started, ...(detail ?? {}) });
    console.log(`step ${stepNo} ${name}: ok (${Date.now() - started} ms)${detail ? ' ' + JSON.stringify(detail) : ''}`);
  } catch (e) {
    await page.screenshot({ path: file.replace('.png', '-FAILED.png'), fullPage: true }).catch(() => {});
    console.log(`step ${stepNo} ${name}: FAILED\n${e.stack ?? e}`);
    console.log(`page text:\n${(await page.locator('body').innerText().catch(() => '')).slice(0, 3000)}`);
    throw e;
  }
}

/** axe-core in the page: no serious or critical violation. */
async function accessible(page, what) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`),
    [],
    `accessibility of ${what}`,
  );
  return result.violations.length;
}

const cards = (page) => page.locator('[data-testid=blueprint-card]');
const appCards = (page) => page.locator('[data-testid=application-card]');

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  let total = 0;
  await step('marketplace', page, async () => {
    const t0 = Date.now();
    await page.goto(`${BASE}/`);
    await cards(page).first().waitFor();
    const firstCardMs = Date.now() - t0;
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), load: Math.round(nav.loadEventEnd) };
    });
    total = await cards(page).count();
    assert.ok(total >= 20, `the starter catalog's Blueprints are shown (${total})`);
    await page.locator('[data-blueprint=bp-bundle-pharmacy]').waitFor();
    await page.locator('[data-blueprint=bp-wordpress]').waitFor();
    return { cards: total, firstCardMs, ...timing, axeViolations: await accessible(page, 'the marketplace') };
  });

  await step('search', page, async () => {
    await page.getByLabel('Search the marketplace').fill('pharmacy');
    await page.waitForFunction((all) => {
      const n = document.querySelectorAll('[data-testid=blueprint-card]').length;
      return n > 0 && n < all;
    }, total);
    const shown = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-blueprint')));
    assert.ok(shown.includes('bp-bundle-pharmacy'), `the pharmacy bundle matches "pharmacy": ${shown}`);
    assert.ok(!shown.includes('bp-jitsi'), `Jitsi does not match "pharmacy": ${shown}`);
    assert.match(page.url(), /[?&]q=pharmacy/);
    return { shown };
  });

  await step('bundles-category', page, async () => {
    await page.getByLabel('Search the marketplace').fill('');
    await page.getByRole('button', { name: /^Bundles \(\d+\)$/ }).click();
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('[data-testid=blueprint-card]')];
      return all.length > 0 && all.every((e) => e.getAttribute('data-blueprint').startsWith('bp-bundle-'));
    });
    return { bundles: await cards(page).count() };
  });

  await step('blueprint-detail', page, async () => {
    await page.locator('[data-blueprint=bp-bundle-pharmacy]').click();
    await page.getByRole('heading', { level: 1, name: 'Pharmacy bundle' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/blueprints/bp-bundle-pharmacy');
    const deps = await page.getByTestId('dependencies').innerText();
    for (const d of ['bp-erpnext', 'bp-woocommerce', 'bp-postgres']) assert.ok(deps.includes(d), `${d} in ${deps}`);
    await page.getByRole('heading', { name: 'Versions' }).waitFor();
    // A reload of a client-side route is answered by the gateway with the app.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Pharmacy bundle' }).waitFor();
    return { axeViolations: await accessible(page, 'the Blueprint detail') };
  });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phonePage = await phone.newPage();
  await step('phone-width', phonePage, async () => {
    await phonePage.goto(`${BASE}/`);
    await cards(phonePage).first().waitFor();
    const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling at phone width (${overflow}px too wide)`);
    await phonePage.getByLabel('Search the marketplace').fill('chat');
    await phonePage.waitForFunction(() => document.querySelectorAll('[data-testid=blueprint-card]').length < 10);
    return {};
  });
  await phone.close();

  await step('sign-in', page, async () => {
    await page.goto(`${BASE}/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('input[name=username]').fill(EMAIL);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit], input[type=submit]').first().click();
    await page.waitForURL((url) => url.pathname === `/console/environments/${ENVIRONMENT}`);
    await page.getByRole('heading', { level: 1, name: `Environment: ${ENVIRONMENT}` }).waitFor();
    await page.getByTestId('signed-in-as').waitFor();
    return { url: page.url() };
  });

  await step('environment-view', page, async () => {
    await page.getByTestId('live-indicator').filter({ hasText: 'Live' }).waitFor();
    await appCards(page).first().waitFor();
    // The seeded Applications reach Running (the simulated runtime reports it a few seconds after the install).
    await page.waitForFunction(
      () => {
        const all = [...document.querySelectorAll('[data-testid=application-card]')];
        return all.length > 0 && all.every((c) => c.getAttribute('data-status') === 'Running');
      },
      undefined,
      { timeout: 30_000 },
    );
    const names = await appCards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-application')));
    const groups = await page.getByTestId('status-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    assert.ok(groups.includes('Running'), `a Running group: ${groups}`);
    const card = appCards(page).first();
    const text = await card.innerText();
    assert.match(text, /@/, 'the card names its Blueprint@version');
    return { applications: names, groups, axeViolations: await accessible(page, 'the Environment view') };
  });

  if (INSTALL) {
    await step('install-goes-running-live', page, async () => {
      // Marks this document: a reload or navigation would lose it.
      await page.evaluate(() => {
        window.__sameDocument = true;
      });
      const before = await appCards(page).count();
      const answer = await page.evaluate(
        async ({ environment, body }) => {
          const csrf = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.slice(11);
          const r = await fetch(`/api/v1/provisioning/environments/${environment}/applications`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Accept: 'application/json',
              'X-XSRF-TOKEN': decodeURIComponent(csrf ?? ''),
              'Idempotency-Key': crypto.randomUUID(),
            },
            body,
          });
          return { status: r.status, body: await r.text() };
        },
        { environment: ENVIRONMENT, body: INSTALL },
      );
      assert.equal(answer.status, 201, `the install through the console's session: ${answer.body}`);
      // New cards arrive over the stream, then every card reaches Running, in this same document.
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=application-card]').length > n, before, {
        timeout: 30_000,
      });
      const sawNotRunning = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid=application-card]')].some((c) => c.getAttribute('data-status') !== 'Running'),
      );
      await page.waitForFunction(
        (expected) => {
          const all = [...document.querySelectorAll('[data-testid=application-card]')];
          return all.length >= expected && all.every((c) => c.getAttribute('data-status') === 'Running');
        },
        EXPECTED_RUNNING,
        { timeout: 60_000 },
      );
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload happened');
      return { cards: await appCards(page).count(), sawNotRunning };
    });
  }
} catch (e) {
  exitCode = 1;
} finally {
  await browser.close();
}
console.log(`journey: ${JSON.stringify(results)}`);
console.log(`${results.filter((r) => r.ok).length} steps passed, ${exitCode} failed`);
process.exit(exitCode);
