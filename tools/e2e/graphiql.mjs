// Opens goalline's GraphiQL page in headless Chromium with every request to another host
// blocked, runs the opening document (the 2022 final) and checks the result pane shows
// Argentina winning the shootout 4-2. Saves a screenshot to target/artifacts/graphiql.png.
// Usage: node graphiql.mjs http://127.0.0.1:8080
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = new URL(process.argv[2] ?? process.env.GOALLINE_URL ?? '');
const screenshot = fileURLToPath(new URL('../../target/artifacts/graphiql.png', import.meta.url));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// The machine may have no network: without these Chromium waits on connections it never gets.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const profile = mkdtempSync(join(tmpdir(), 'goalline-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args,
  viewport: { width: 1400, height: 1000 },
});

const blocked = [];
const failures = [];
let socketFrames = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  // Offline, as far as the page can tell: anything not from goalline fails.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === base.host) return route.continue();
    blocked.push(url.href);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => socketFrames.push(String(payload)));
  });

  await page.goto(new URL('/', base).href, { waitUntil: 'load' });
  const run = page.locator('.graphiql-execute-button');
  await run.waitFor({ state: 'visible', timeout: 30_000 });
  await run.click();

  // What the result pane holds: CodeMirror draws only the lines in view, so read its document.
  const pane = page.locator('.graphiql-response .CodeMirror');
  await page.waitForFunction(
    () => {
      const text = document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue();
      return text && text.includes('"data"');
    },
    null,
    { timeout: 30_000 },
  );
  const shown = await pane.innerText();
  const result = JSON.parse(await pane.evaluate((element) => element.CodeMirror.getValue()));
  const final = result.data?.tournament?.final;
  const expect = (what, ok) => ok || failures.push(`expected ${what}`);
  expect('no errors', !result.errors);
  expect('"Argentina" in view', shown.includes('"Argentina"'));
  expect('Argentina as the winner', final?.winner?.name === 'Argentina');
  expect('France as the away team', final?.awayTeam?.name === 'France');
  expect('3-3 after extra time', final?.score?.extraTime?.home === 3 && final?.score?.extraTime?.away === 3);
  expect('penalties 4-2', final?.score?.penalties?.home === 4 && final?.score?.penalties?.away === 2);
  const kicks = final?.penaltyShootout?.kicks ?? [];
  expect('the shootout kick by kick, ending 4-2', kicks.length === 8 && kicks[7].homeScore === 4 && kicks[7].awayScore === 2);

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });

  // Subscriptions reach goalline over WebSocket from the page (graphql-transport-ws): goalline
  // acknowledges the connection and the subscription runs (no match is live, so no event).
  await page.locator('.graphiql-query-editor .CodeMirror').evaluate((element) =>
    element.CodeMirror.setValue('subscription { liveScores { sequence score { home away } } }'),
  );
  // GraphiQL parses the editor's text a moment after a change (debounced), and picks the
  // transport from that parse: run only once it has seen the subscription.
  await page.waitForTimeout(1000);
  socketFrames = [];
  await run.click();
  const acked = await waitFor(() => socketFrames.some((f) => f.includes('"connection_ack"')), 10_000);
  expect('a WebSocket subscription acknowledged by goalline', acked);
  const erred = socketFrames.filter((f) => f.includes('"error"'));
  expect(`no subscription error (${erred.join(' ')})`, erred.length === 0);
} catch (error) {
  failures.push(String(error?.stack ?? error));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (blocked.length) failures.push(`requests to other hosts (blocked): ${blocked.join(', ')}`);
if (failures.length) {
  console.error(`GraphiQL browser test FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`GraphiQL browser test: the final ran offline (Argentina, 4-2 on penalties), a subscription was acknowledged; screenshot ${screenshot}`);

async function waitFor(condition, timeout) {
  for (const started = Date.now(); Date.now() - started < timeout; ) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

