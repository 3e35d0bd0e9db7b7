import { useQuery } from '@tanstack/react-query';
import type { ProgrammeSettings, ProgrammeSettingsDto } from '@toso/domain/teams';
import { api } from './client';

export const settingsKeys = {
  all: ['settings'] as const,
  unit: (unitId: string | undefined) => ['settings', unitId ?? ''] as const,
};

export const getSettings = (unitId?: string) =>
  api<ProgrammeSettingsDto>('settings', { query: { unitId } });

export const saveSettings = (unitId: string, body: ProgrammeSettings) =>
  api<ProgrammeSettingsDto>(`settings/${unitId}`, { method: 'PUT', body });

export function useSettings(unitId: string | undefined) {
  return useQuery({ queryKey: settingsKeys.unit(unitId), queryFn: () => getSettings(unitId) });
}
