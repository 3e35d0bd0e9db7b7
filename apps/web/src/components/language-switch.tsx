import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@toso/domain/users';
import { authKeys, saveLocale, useMe } from '../api/auth';
import { applyLocale, currentLocale, markLocaleChosenBeforeLogin } from '../app/i18n';
import { notifyError } from './notify';

/** VI/EN switch: remembered on the device, and on the account once signed in. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const value = i18n.language === 'en' ? 'en' : 'vi';

  const change = (next: string) => {
    const locale: Locale = next === 'en' ? 'en' : 'vi';
    if (locale === currentLocale()) return;
    applyLocale(locale);
    if (me.data) {
      saveLocale(locale)
        .then((updated) => queryClient.setQueryData(authKeys.me, updated))
        .catch((error: unknown) => notifyError(error, t));
    } else {
      markLocaleChosenBeforeLogin();
    }
  };

  return (
    <SegmentedControl
      size="xs"
      value={value}
      onChange={change}
      aria-label={t('shell.language')}
      data={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
