import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIFFICULTY_ACTIONS } from '@toso/domain/difficulties';
import { AUDIT_ENTITIES } from '@toso/domain/users';
import en from '../../locales/en.json';
import vi from '../../locales/vi.json';

/**
 * The audit page names every change in the reader's language: each entity, each action and each
 * summary field the server writes must have a Vietnamese and an English name. The actions and
 * summary keys are read from the server's `recordAudit(...)` calls, so a new one without a name
 * fails here.
 */
const features = join(import.meta.dirname, '../../../../server/src/features');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.includes('.test.') ? [path] : [];
  });
}

/** The argument text of every `recordAudit(` call (balanced parentheses). */
function auditCalls(): string[] {
  const calls: string[] = [];
  for (const file of sources(features)) {
    const text = readFileSync(file, 'utf8');
    for (
      let at = text.indexOf('recordAudit(');
      at >= 0;
      at = text.indexOf('recordAudit(', at + 1)
    ) {
      let depth = 1;
      let i = at + 'recordAudit('.length;
      for (; depth > 0 && i < text.length; i++)
        depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
      calls.push(text.slice(at, i));
    }
  }
  return calls;
}

type Group = 'entityName' | 'actionName' | 'field';
const names = (words: { audit: Record<Group, object> }, group: Group) =>
  words.audit[group] as Record<string, string>;

describe('audit names', () => {
  const calls = auditCalls();

  it('finds the server’s audit calls', () => {
    expect(calls.length).toBeGreaterThan(60);
  });

  it('names every entity in both languages', () => {
    for (const words of [vi, en]) {
      expect(AUDIT_ENTITIES.filter((e) => !names(words, 'entityName')[e])).toEqual([]);
    }
  });

  it('names every action the server writes in both languages', () => {
    const actions = new Set<string>(DIFFICULTY_ACTIONS);
    for (const call of calls)
      for (const m of call.matchAll(/action: (?:[^,\n]*\? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g)) {
        actions.add(m[1]!);
        if (m[2]) actions.add(m[2]);
      }
    // Actions passed in by type (reports' workflow, trainings' attendance).
    for (const a of ['save', 'submit', 'approve', 'amend', 'return', 'attendance']) actions.add(a);
    expect(actions.size).toBeGreaterThan(30);
    for (const words of [vi, en]) {
      expect([...actions].filter((a) => !names(words, 'actionName')[a])).toEqual([]);
    }
  });

  it('labels every summary field in both languages (ids are not shown)', () => {
    const fields = new Set<string>();
    for (const call of calls) {
      const summary = call.slice(call.indexOf('summary'));
      if (summary.length === call.length) continue;
      for (const m of summary.matchAll(/[{,]\s*([a-zA-Z_]+)\s*(?=[:,}])/g)) fields.add(m[1]!);
    }
    const shown = [...fields].filter(
      (f) => !['before', 'after'].includes(f) && !f.endsWith('Id') && f !== 'id',
    );
    expect(shown.length).toBeGreaterThan(40);
    for (const words of [vi, en]) {
      expect(shown.filter((f) => !names(words, 'field')[f])).toEqual([]);
    }
  });
});
