// Searches the whole suite's server logs for the phone numbers and national ID numbers that the
// tests seed (taken from the test sources themselves), in every way they are written.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.test\.ts$|\/test\/.*\.ts$/.test(p)) out.push(p);
  }
  return out;
}

/** Seeded personal numbers: Vietnamese phones (any spacing, +84) and 9/12-digit ID numbers. */
export function seededSecrets(sourceDir) {
  const found = new Set();
  for (const file of walk(sourceDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\+84|0)[\d .]{8,14}\d/g)) {
      const digits = m[0].replace(/\D/g, '').replace(/^84/, '0');
      if (/^0[35789]\d{8}$/.test(digits)) found.add(digits);
    }
    for (const m of text.matchAll(/['"](\d{12}|\d{9})['"]/g)) found.add(m[1]);
  }
  return [...found];
}

/** Returns { files, bytes, secrets, hits[] } for the logs under `logDir`. */
export function scanLogs(logDir, sourceDir) {
  const secrets = seededSecrets(sourceDir);
  const files = existsSync(logDir) ? readdirSync(logDir).map((f) => join(logDir, f)) : [];
  let bytes = 0;
  const hits = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    bytes += statSync(f).size;
    // Fastify's timings ("responseTime":0.5809120000012626) and pino's epoch "time" are numbers
    // of our own, not personal data: with their dots removed they could contain a seeded phone.
    const digitsOnly = text.replace(/"(?:responseTime|time)":[\d.e+-]+/g, '').replace(/[\s.]/g, '');
    for (const s of secrets) {
      if (digitsOnly.includes(s) || digitsOnly.includes(`+84${s.slice(1)}`))
        hits.push({ file: f, secret: `${s.slice(0, 3)}…${s.slice(-2)}` });
    }
  }
  return { files: files.length, bytes, secrets: secrets.length, hits };
}
