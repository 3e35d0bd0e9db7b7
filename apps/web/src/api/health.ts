import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Health {
  status: string;
  database: string;
  version: string;
}

export const healthKeys = { health: ['health'] as const };

export function useHealth() {
  return useQuery({ queryKey: healthKeys.health, queryFn: () => api<Health>('health') });
}
