// `npm test`: unit tests, integration tests on SQLite and on PostgreSQL, and the browser flows.
// A tier whose tool is missing (PostgreSQL, Chromium) is skipped and said so; with CI=true, a
// skipped tier is a failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanLogs } from './lib/log-scan.mjs';
import { freePort, startThrowawayPostgres } from './lib/postgres.mjs';

const root = resolve(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
const isCI = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2);
const results = [];

function run(cmd, args, env = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

function bin(name) {
  return join(root, 'node_modules', '.bin', name);
}

function vitestCounts(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function vitestTier(name, project, env) {
  const out = join(tmp, `vitest-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
  rmSync(out, { force: true });
  const code = await run(
    bin('vitest'),
    [
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    env,
  );
  const counts = vitestCounts(out);
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts });
}

function skip(name, reason) {
  results.push({ name, passed: 0, failed: 0, skipped: 0, skippedTier: reason });
}

const wanted = (tier) => only.length === 0 || only.includes(tier);

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function e2eTier() {
  const chromium = chromiumPath();
  if (!chromium) return skip('e2e (Chromium)', 'Chromium not found (apt-get install chromium)');
  if ((await run('npm', ['run', 'build', '--silent'])) !== 0) {
    return results.push({ name: 'e2e (Chromium)', passed: 0, failed: 1, skipped: 0 });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'toso-e2e-'));
  const port = await freePort();
  const server = spawn(bin('tsx'), ['apps/server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dataDir}/toso.db`,
      TOSO_DEMO: '1',
      TOSO_LOG_LEVEL: 'warn',
      TOSO_LOGIN_RATE_LIMIT: '1000',
    },
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    if (!(await waitFor(`${base}/api/health`, 180_000))) throw new Error('server did not start');
    const out = join(tmp, 'playwright.json');
    rmSync(out, { force: true });
    const code = await run(
      bin('playwright'),
      // TOSO_E2E_ARGS narrows a run while working, e.g. "tests/trainings.spec.ts --project=phone".
      [
        'test',
        '-c',
        'e2e/playwright.config.ts',
        '--reporter=list,json',
        ...(process.env.TOSO_E2E_ARGS ?? '').split(' ').filter(Boolean),
      ],
      {
        TOSO_E2E_BASE_URL: base,
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      },
    );
    let counts = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 };
    try {
      const s = JSON.parse(readFileSync(out, 'utf8')).stats;
      counts = { passed: s.expected, failed: s.unexpected + s.flaky, skipped: s.skipped };
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
    } catch {
      /* keep the exit code's verdict */
    }
    results.push({ name: 'e2e (Chromium)', ...counts });
  } finally {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** No personal data in logs: the suite's server logs hold none of the seeded phones or ID numbers. */
function privacyTier(logDir) {
  const r = scanLogs(logDir, join(root, 'apps/server'));
  const ok = r.files > 0 && r.bytes > 10_000 && r.secrets > 5 && r.hits.length === 0;
  console.log(
    `\nPersonal data in logs: ${r.secrets} seeded numbers searched in ${r.files} log files (${Math.round(r.bytes / 1024)} KiB): ${r.hits.length} found`,
  );
  for (const h of r.hits.slice(0, 20)) console.log(`  found ${h.secret} in ${h.file}`);
  results.push({ name: 'privacy (logs)', passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

async function main() {
  mkdirSync(tmp, { recursive: true });
  const logDir = join(tmp, 'test-logs');
  rmSync(logDir, { recursive: true, force: true });
  const common = { TOSO_TEST_LOG_DIR: logDir };

  if (wanted('unit')) await vitestTier('unit', 'unit', common);
  if (wanted('sqlite'))
    await vitestTier('integration (SQLite)', 'integration', { ...common, TOSO_TEST_DB: 'sqlite' });
  if (wanted('postgres')) {
    let pg = process.env.TOSO_TEST_PG_URL
      ? { url: process.env.TOSO_TEST_PG_URL, stop: () => {} }
      : null;
    if (!pg) {
      try {
        pg = await startThrowawayPostgres();
      } catch (e) {
        console.error(String(e));
      }
    }
    if (!pg)
      skip(
        'integration (PostgreSQL)',
        'PostgreSQL server not found (apt-get install postgresql, or set TOSO_TEST_PG_URL)',
      );
    else {
      try {
        await vitestTier('integration (PostgreSQL)', 'integration', {
          ...common,
          TOSO_TEST_DB: 'postgres',
          TOSO_TEST_PG_URL: pg.url,
        });
      } finally {
        pg.stop();
      }
    }
  }
  if (wanted('sqlite') || wanted('postgres')) privacyTier(logDir);
  if (wanted('e2e')) await e2eTier();

  console.log('\nTổ Số test summary');
  for (const r of results) {
    const line = r.skippedTier
      ? `  ${r.name.padEnd(28)} SKIPPED: ${r.skippedTier}`
      : `  ${r.name.padEnd(28)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
    console.log(line);
  }
  const total = results.reduce(
    (a, r) => ({
      passed: a.passed + r.passed,
      failed: a.failed + r.failed,
      skipped: a.skipped + r.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const skippedTiers = results.filter((r) => r.skippedTier);
  if (skippedTiers.length > 0) {
    console.log(
      `\n  ${skippedTiers.length} tier(s) skipped on this machine: ${skippedTiers.map((r) => r.name).join(', ')}`,
    );
    if (isCI) console.log('  CI=true: no tier may be skipped.');
  }
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  const failed = total.failed > 0 || (isCI && skippedTiers.length > 0) || results.length === 0;
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
