import { useQuery } from '@tanstack/react-query';
import type { DecisionBody, DecisionDto, DecisionFormDto } from '@toso/domain/teams';
import { api } from './client';

/** The most a scan may weigh (the server checks it too). */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
export const SCAN_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

export const decisionKeys = {
  all: ['decisions'] as const,
  form: (teamId: string) => ['decisions', 'form', teamId] as const,
};

export const getDecisionForm = (teamId: string) => api<DecisionFormDto>(`teams/${teamId}/decision`);

export const saveDecision = (teamId: string, body: DecisionBody) =>
  api<DecisionDto>(`teams/${teamId}/decision`, { method: 'PUT', body });

export function uploadScan(decisionId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<DecisionDto>(`decisions/${decisionId}/scan`, { method: 'POST', form });
}

export const issueDecision = (decisionId: string, compositionReason?: string) =>
  api<DecisionDto>(`decisions/${decisionId}/issue`, {
    body: compositionReason ? { compositionReason } : {},
  });

export const decisionDocxUrl = (id: string) => `/api/decisions/${id}/docx`;
export const decisionScanUrl = (id: string) => `/api/decisions/${id}/scan`;
export const decisionsZipUrl = (ids: readonly string[]) =>
  `/api/decisions/zip?ids=${ids.map(encodeURIComponent).join(',')}`;

export function useDecisionForm(teamId: string, enabled = true) {
  return useQuery({
    queryKey: decisionKeys.form(teamId),
    queryFn: () => getDecisionForm(teamId),
    enabled,
  });
}
