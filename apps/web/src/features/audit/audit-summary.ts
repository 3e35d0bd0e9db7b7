import type { TFunction } from 'i18next';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field keys may come camelCased or as stored (full_name, is_active). */
function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function formatValue(key: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—';
  if (key === 'role' && typeof value === 'string')
    return t(`role.${value}`, { defaultValue: value });
  if (key === 'platform' && typeof value === 'string')
    return t(`platform.${value}`, { defaultValue: value });
  if (key === 'kind' && typeof value === 'string')
    return t(`kind.${value}`, { defaultValue: value });
  if (
    typeof value === 'boolean' ||
    ((key === 'isActive' || key === 'passwordChanged') && typeof value === 'number')
  ) {
    return value ? t('common.yes') : t('common.no');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.length > 5) return t('audit.items', { count: value.length });
    return value.map((item) => listItem(key, item, t)).join(', ');
  }
  // Counts by name: a unit import's records carried, by table ("Người dân: 120, Hộ gia đình: 40").
  if (isObject(value))
    return Object.entries(value)
      .map(([k, v]) => {
        const name = key === 'carried' ? t(`audit.table.${k}`, { defaultValue: k }) : k;
        return `${name}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`;
      })
      .join(', ');
  return String(value);
}

/** One item of a list: a changed field by its label, a record by its name, else its text. */
function listItem(key: string, item: unknown, t: TFunction): string {
  if (key === 'fields' && typeof item === 'string') {
    const field = camel(item);
    return t(`audit.field.${field}`, { defaultValue: field });
  }
  if (isObject(item)) {
    const name = item.fullName ?? item.name ?? item.title;
    return typeof name === 'string' ? name : JSON.stringify(item);
  }
  return String(item);
}

/** Bare ids (parentId, unitId) mean nothing to a reader: they are left out. */
function isIdField(raw: string, value: unknown): boolean {
  const key = camel(raw);
  return key.endsWith('Id') && (value === null || (typeof value === 'string' && value.length > 12));
}

/** "Tên: Xóm A → Xóm B; Vai trò: Thành viên tổ" from an audit summary {before, after}. */
export function formatAuditSummary(summary: unknown, t: TFunction): string {
  if (!isObject(summary)) return summary === null || summary === undefined ? '' : String(summary);
  const before = isObject(summary.before) ? summary.before : {};
  const after = isObject(summary.after) ? summary.after : {};
  const keys = Object.keys(after).length > 0 ? Object.keys(after) : Object.keys(before);
  return keys
    .filter((raw) => !isIdField(raw, after[raw] ?? before[raw]))
    .map((raw) => {
      const key = camel(raw);
      const label = t(`audit.field.${key}`, { defaultValue: key });
      const previous = Object.entries(before).find(([k]) => camel(k) === key)?.[1];
      const next = formatValue(
        key,
        after[raw] ?? (Object.keys(after).length ? undefined : before[raw]),
        t,
      );
      return previous !== undefined && Object.keys(after).length > 0
        ? `${label}: ${formatValue(key, previous, t)} → ${next}`
        : `${label}: ${next}`;
    })
    .join('; ');
}
