import type { Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  level: string;
  kind: string;
  code: string | null;
  name: string;
  name_folded: string;
  path: string;
  valid_from: string | null;
  valid_to: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface UnitSuccessorsTable {
  unit_id: string;
  successor_id: string;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  full_name: string;
  full_name_folded: string;
  role: string;
  unit_id: string | null;
  locale: string;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  unit_id: string | null;
  unit_path: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  summary: string;
  request_id: string | null;
}

export interface Database {
  units: UnitsTable;
  unit_successors: UnitSuccessorsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}
