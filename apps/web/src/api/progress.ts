import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CampaignDto } from '@toso/domain/campaigns';
import type { Outcome } from '@toso/domain/platforms';
import type { CampaignProgressDto } from '@toso/domain/progress';
import { api, type Page } from './client';

/** A support record as listed behind a figure (names are initials above the commune). */
export interface RecordBehindDto {
  id: string;
  residentId: string;
  residentName: string;
  hamletName: string;
  platformId: string;
  platformName: string;
  outcome: Outcome;
  supportedOn: string;
  note: string;
  voidsId: string | null;
  voidedBy: string | null;
  recordedByName: string | null;
}

export interface RecordsQuery {
  unitId: string;
  platformId: string;
  outcome: Outcome;
  from: string;
  to: string;
  includeVoided: boolean;
  page: number;
}

export const progressKeys = {
  all: ['progress'] as const,
  campaigns: ['progress', 'campaigns'] as const,
  board: (campaignId: string, unitId: string, from: string, to: string) =>
    ['progress', 'board', campaignId, unitId, from, to] as const,
  records: (q: RecordsQuery) => ['progress', 'records', q] as const,
};

export const listCampaigns = () => api<CampaignDto[]>('campaigns');

export const getCampaignProgress = (
  campaignId: string,
  query: { unitId?: string; from?: string; to?: string },
) => api<CampaignProgressDto>(`campaigns/${campaignId}/progress`, { query });

export const listRecordsBehind = (q: RecordsQuery, pageSize = 25) =>
  api<Page<RecordBehindDto>>('supports', {
    query: {
      unitId: q.unitId,
      platformId: q.platformId,
      outcome: q.outcome,
      from: q.from,
      to: q.to,
      includeVoided: q.includeVoided ? '1' : undefined,
      page: q.page,
      pageSize,
    },
  });

export function useCampaigns() {
  return useQuery({ queryKey: progressKeys.campaigns, queryFn: listCampaigns });
}

export function useCampaignProgress(
  campaignId: string | undefined,
  query: { unitId?: string; from?: string; to?: string },
) {
  return useQuery({
    queryKey: progressKeys.board(
      campaignId ?? '',
      query.unitId ?? '',
      query.from ?? '',
      query.to ?? '',
    ),
    queryFn: () => getCampaignProgress(campaignId ?? '', query),
    enabled: Boolean(campaignId),
    placeholderData: keepPreviousData,
    // Progress is live: refresh when the officer comes back to the tab, and every minute.
    refetchInterval: 60_000,
  });
}

export function useRecordsBehind(q: RecordsQuery) {
  return useQuery({
    queryKey: progressKeys.records(q),
    queryFn: () => listRecordsBehind(q),
    placeholderData: keepPreviousData,
  });
}
