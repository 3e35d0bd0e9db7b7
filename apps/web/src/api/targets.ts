import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CampaignDto,
  IndicatorInput,
  PeriodKind,
  TargetGridDto,
} from '@toso/domain/campaigns';
import type { Outcome, Pillar, PlatformDto, PlatformKind } from '@toso/domain/platforms';
import type { ErrorDetail } from '@toso/domain/errors';
import { api, toQueryString } from './client';

export type WeightBy = 'working_age' | 'households';

export interface TargetCell {
  indicatorId: string;
  unitId: string;
  value: number | null;
}

export interface TargetChange {
  row: number;
  unitId: string;
  unitName: string;
  indicatorId: string;
  column: string;
  before: number | null;
  after: number | null;
}

export interface TargetImportResult {
  committed: boolean;
  changes: TargetChange[];
  errors: ErrorDetail[];
}

export const targetKeys = {
  all: ['targets'] as const,
  campaigns: ['targets', 'campaigns'] as const,
  grid: (campaignId: string, unitId: string | undefined, weightBy: WeightBy) =>
    ['targets', 'grid', campaignId, unitId ?? '', weightBy] as const,
};

export const listCampaigns = () => api<CampaignDto[]>('campaigns');

export const getTargetGrid = (campaignId: string, unitId: string | undefined, weightBy: WeightBy) =>
  api<TargetGridDto>(`campaigns/${campaignId}/targets`, { query: { unitId, weightBy } });

export const saveTargets = (campaignId: string, targets: TargetCell[]) =>
  api<{ ok: true }>(`campaigns/${campaignId}/targets`, { method: 'PUT', body: { targets } });

export const targetsExportUrl = (campaignId: string, unitId: string | undefined) =>
  `/api/campaigns/${campaignId}/targets.xlsx${toQueryString({ unitId })}`;

/** Sends the file; `commit` false only checks it and lists the changes and every error. */
export function importTargets(campaignId: string, unitId: string, file: File, commit: boolean) {
  const form = new FormData();
  form.append('file', file);
  return api<TargetImportResult>(
    `campaigns/${campaignId}/targets/import${toQueryString({ unitId, commit: commit ? '1' : '0' })}`,
    { method: 'POST', form },
  );
}

export function useCampaigns() {
  return useQuery({ queryKey: targetKeys.campaigns, queryFn: listCampaigns });
}

export function useTargetGrid(
  campaignId: string | null,
  unitId: string | undefined,
  weightBy: WeightBy,
) {
  return useQuery({
    queryKey: targetKeys.grid(campaignId ?? '', unitId, weightBy),
    queryFn: () => getTargetGrid(campaignId!, unitId, weightBy),
    enabled: Boolean(campaignId),
    placeholderData: keepPreviousData,
  });
}

// The platform catalogue and the campaigns' set-up (screens: /platforms, /campaigns).

export interface PlatformBody {
  name: string;
  pillar: Pillar;
  kind: PlatformKind;
  link: string | null;
  guideUrl: string | null;
  outcomes: Outcome[];
}

export const catalogueKeys = { platforms: ['targets', 'platforms'] as const };

export const getPlatforms = () => api<PlatformDto[]>('platforms');
export const createPlatform = (body: PlatformBody) => api<PlatformDto>('platforms', { body });
export const updatePlatform = (id: string, body: PlatformBody) =>
  api<PlatformDto>(`platforms/${id}`, { method: 'PUT', body });
export const retirePlatform = (id: string, retiredOn: string) =>
  api<PlatformDto>(`platforms/${id}/retire`, { body: { retiredOn } });

export function usePlatforms() {
  return useQuery({ queryKey: catalogueKeys.platforms, queryFn: getPlatforms });
}

export const createCampaign = (body: {
  unitId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  indicators: IndicatorInput[];
}) => api<CampaignDto>('campaigns', { body });
export const updateCampaign = (
  id: string,
  body: { name: string; startsOn: string; endsOn: string },
) => api<CampaignDto>(`campaigns/${id}`, { method: 'PUT', body });
export const addIndicator = (id: string, body: IndicatorInput) =>
  api<CampaignDto>(`campaigns/${id}/indicators`, { body });
export const removeIndicator = (id: string, indicatorId: string) =>
  api<CampaignDto>(`campaigns/${id}/indicators/${indicatorId}`, { method: 'DELETE' });

export interface PeriodDto {
  key: string;
  label: string;
  from: string;
  to: string;
}
export function usePeriods(campaignId: string, kind: PeriodKind) {
  return useQuery({
    queryKey: ['targets', 'periods', campaignId, kind],
    queryFn: () => api<PeriodDto[]>(`campaigns/${campaignId}/periods`, { query: { kind } }),
  });
}

// A platform's how-to guide as a file (PDF, PNG, JPEG or .docx, ≤ 5 MB; online only).
export const uploadPlatformGuide = (id: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<PlatformDto>(`platforms/${id}/guide-file`, { form });
};
export const removePlatformGuide = (id: string) =>
  api<PlatformDto>(`platforms/${id}/guide-file`, { method: 'DELETE' });
export const platformGuideUrl = (id: string, inline = false) =>
  `/api/platforms/${id}/guide-file${inline ? '?inline=1' : ''}`;
