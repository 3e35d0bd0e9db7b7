import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

function keys(value: unknown, prefix = ''): string[] {
  // Plural forms: English has `x_one`/`x_other`, Vietnamese (no plural) only `x`.
  if (value === null || typeof value !== 'object')
    return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

function load(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** Both languages, merged the way the app merges them (base file plus every feature file). */
function merged(lang: 'vi' | 'en'): { words: Record<string, unknown>; clashes: string[] } {
  const words = load(join(here, `${lang}.json`));
  const clashes: string[] = [];
  const dir = join(here, 'features');
  for (const file of readdirSync(dir).filter((f) => f.endsWith(`.${lang}.json`))) {
    for (const [k, v] of Object.entries(load(join(dir, file)))) {
      if (k in words) clashes.push(`${file}: ${k}`);
      words[k] = v;
    }
  }
  return { words, clashes };
}

describe('interface words', () => {
  it('Vietnamese and English have exactly the same keys', () => {
    const vi = new Set(keys(merged('vi').words));
    const en = new Set(keys(merged('en').words));
    expect(vi.size).toBeGreaterThan(100);
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  it('no feature file overrides a key another file already has', () => {
    expect(merged('vi').clashes).toEqual([]);
    expect(merged('en').clashes).toEqual([]);
  });

  it('every Vietnamese text is in NFC with no empty strings', () => {
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(merged('vi').words);
    expect(texts.filter((t) => t.trim() === '')).toEqual([]);
    expect(texts.filter((t) => t !== t.normalize('NFC'))).toEqual([]);
  });
});
