import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MemberBody, TeamDetailDto, TeamStatus, TeamSummaryDto } from '@toso/domain/teams';
import { api, toQueryString, type Page } from './client';

export interface TeamListParams {
  unitId?: string;
  status?: TeamStatus;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface RosterResult {
  imported: number;
  valid: number;
  team: TeamDetailDto;
}

export const teamKeys = {
  all: ['teams'] as const,
  list: (params: TeamListParams) => ['teams', 'list', params] as const,
  detail: (id: string) => ['teams', 'detail', id] as const,
};

export const listTeams = (params: TeamListParams) =>
  api<Page<TeamSummaryDto>>('teams', { query: { ...params } });

export const getTeam = (id: string) => api<TeamDetailDto>(`teams/${id}`);

export const createTeam = (body: { hamletId: string; name?: string }) =>
  api<TeamDetailDto>('teams', { body });

export const renameTeam = (id: string, name: string) =>
  api<TeamDetailDto>(`teams/${id}`, { method: 'PATCH', body: { name } });

export const addMember = (teamId: string, body: MemberBody) =>
  api<TeamDetailDto>(`teams/${teamId}/members`, { body });

export const updateMember = (teamId: string, memberId: string, body: MemberBody) =>
  api<TeamDetailDto>(`teams/${teamId}/members/${memberId}`, { method: 'PUT', body });

export const leaveTeam = (teamId: string, memberId: string, leftOn: string) =>
  api<TeamDetailDto>(`teams/${teamId}/members/${memberId}/leave`, { body: { leftOn } });

export const dissolveTeam = (teamId: string, body: { dissolvedOn: string; reason: string }) =>
  api<TeamDetailDto>(`teams/${teamId}/dissolve`, { body });

export function importRoster(teamId: string, file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file);
  return api<RosterResult>(`teams/${teamId}/roster?dryRun=${dryRun ? '1' : '0'}`, {
    method: 'POST',
    form,
  });
}

export const rosterTemplateUrl = '/api/teams/roster-template.xlsx';

export const teamsExportUrl = (unitId?: string) =>
  `/api/teams/export.xlsx${toQueryString({ unitId })}`;

export function useTeamList(params: TeamListParams) {
  return useQuery({
    queryKey: teamKeys.list(params),
    queryFn: () => listTeams(params),
    placeholderData: keepPreviousData,
  });
}

export function useTeam(id: string | undefined) {
  return useQuery({
    queryKey: teamKeys.detail(id ?? ''),
    queryFn: () => getTeam(id ?? ''),
    enabled: Boolean(id),
  });
}
