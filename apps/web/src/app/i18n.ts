import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@toso/domain/users';
import en from '../locales/en.json';
import vi from '../locales/vi.json';
import { setValidationLanguage } from '@toso/domain/messages';

export const LOCALE_STORAGE_KEY = 'toso.locale';

/** The language chosen on this device (before login), Vietnamese by default. */
export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY);
    return value === 'en' || value === 'vi' ? value : null;
  } catch {
    return null;
  }
}

/** Switches the interface language and remembers it on this device. */
export function applyLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // private mode: the choice simply is not remembered
  }
  document.documentElement.lang = locale;
  setValidationLanguage(locale);
  void i18n.changeLanguage(locale);
}

const CHOSEN_KEY = 'toso.locale.chosen';

/** Marks that the language was picked on the login page, so it wins over the account's. */
export function markLocaleChosenBeforeLogin(): void {
  try {
    sessionStorage.setItem(CHOSEN_KEY, '1');
  } catch {
    // ignore
  }
}

/** Returns (and forgets) whether the language was picked on the login page. */
export function takeLocaleChosenBeforeLogin(): boolean {
  try {
    const chosen = sessionStorage.getItem(CHOSEN_KEY) === '1';
    sessionStorage.removeItem(CHOSEN_KEY);
    return chosen;
  } catch {
    return false;
  }
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'vi';
}

const initial = storedLocale() ?? 'vi';
document.documentElement.lang = initial;
// Form checks share the server's zod schemas: their messages follow the interface language.
setValidationLanguage(initial);

/**
 * Each feature may keep its words in its own pair of files, locales/features/<name>.vi.json and
 * <name>.en.json, whose top-level keys are added to the shared ones (a test checks both languages
 * have the same keys).
 */
function withFeatures(base: Record<string, unknown>, lang: Locale): Record<string, unknown> {
  const files = import.meta.glob<Record<string, unknown>>('../locales/features/*.json', {
    eager: true,
    import: 'default',
  });
  const merged = { ...base };
  for (const [path, words] of Object.entries(files)) {
    if (path.endsWith(`.${lang}.json`)) Object.assign(merged, words);
  }
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: {
    vi: { translation: withFeatures(vi, 'vi') },
    en: { translation: withFeatures(en, 'en') },
  },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export { i18n };
