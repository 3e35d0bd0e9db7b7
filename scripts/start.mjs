// `npm start`: builds the web app if it is missing or older than its sources, then runs the server
// (which migrates the database and seeds the demo district into an empty one).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'apps/web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function webIsStale() {
  if (!existsSync(dist)) return true;
  const built = statSync(dist).mtimeMs;
  const sources = ['apps/web/src', 'apps/web/public', 'packages/domain/src']
    .map((d) => join(root, d))
    .filter(existsSync);
  const extra = ['apps/web/index.html', 'apps/web/vite.config.ts']
    .map((f) => join(root, f))
    .filter(existsSync);
  return Math.max(...sources.map(newestMtime), ...extra.map((f) => statSync(f).mtimeMs)) > built;
}

if (!existsSync(join(root, 'node_modules'))) {
  console.error('Dependencies are missing: run `npm install` first.');
  process.exit(1);
}

if (webIsStale()) {
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '--silent', '-w', '@toso/web'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(join(root, 'node_modules/.bin/tsx'), ['apps/server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
