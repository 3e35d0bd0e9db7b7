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

export interface ProgrammeSettingsTable {
  unit_id: string;
  settings: string;
  updated_at: string;
  updated_by: string | null;
}

export interface TeamsTable {
  id: string;
  hamlet_id: string;
  unit_path: string;
  name: string;
  name_folded: string;
  status: string;
  proposed_on: string | null;
  established_on: string | null;
  dissolved_on: string | null;
  composition_reason: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  id: string;
  team_id: string;
  full_name: string;
  full_name_folded: string;
  sex: string | null;
  birth_year: number | null;
  phone: string | null;
  affiliation: string;
  position: string;
  digital_skills: string;
  role: string;
  joined_on: string | null;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface FilesTable {
  id: string;
  unit_path: string;
  purpose: string;
  mime: string;
  size: number;
  sha256: string;
  original_name: string;
  data: Buffer;
  created_at: string;
  created_by: string | null;
}

export interface DecisionsTable {
  id: string;
  team_id: string;
  commune_id: string;
  unit_path: string;
  year: number;
  number: number;
  symbol: string;
  decided_on: string;
  signer_name: string;
  sign_authority: string;
  legal_grounds: string;
  proposer: string;
  duties: string;
  recipients: string;
  status: string;
  scan_file_id: string | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChatGroupsTable {
  id: string;
  unit_id: string;
  unit_path: string;
  platform: string;
  name: string;
  invite_link: string | null;
  admins: string;
  households_total: number | null;
  households_joined: number;
  joined_updated_on: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface ChatGroupCountsTable {
  id: string;
  chat_group_id: string;
  recorded_on: string;
  households_joined: number;
  recorded_by: string | null;
  created_at: string;
}

export interface HouseholdsTable {
  id: string;
  hamlet_id: string;
  unit_path: string;
  address: string;
  address_folded: string;
  head_name: string;
  head_name_folded: string;
  phone: string | null;
  notes: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface ResidentsTable {
  id: string;
  household_id: string;
  hamlet_id: string;
  unit_path: string;
  full_name: string;
  full_name_folded: string;
  sex: string | null;
  birth_year: number | null;
  relation: string;
  phone: string | null;
  national_id_hash: string | null;
  national_id_last4: string | null;
  ethnicity: string | null;
  notes: string;
  status: string;
  merged_into_id: string | null;
  erased_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface HouseholdMovesTable {
  id: string;
  household_id: string;
  from_hamlet_id: string;
  to_hamlet_id: string;
  moved_on: string;
  created_by: string | null;
  created_at: string;
}

export interface ResidentMovesTable {
  id: string;
  resident_id: string;
  from_household_id: string;
  to_household_id: string;
  moved_on: string;
  created_by: string | null;
  created_at: string;
}

export interface ConsentsTable {
  id: string;
  resident_id: string;
  status: string;
  recorded_on: string;
  notice_version: string;
  collected_by: string | null;
  created_at: string;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface DataRequestsTable {
  id: string;
  resident_id: string;
  unit_path: string;
  kind: string;
  received_on: string;
  due_on: string;
  status: string;
  details: string;
  response: string;
  handled_on: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlatformsTable {
  id: string;
  code: string;
  name: string;
  pillar: string;
  kind: string;
  link: string | null;
  guide_url: string | null;
  outcomes: string;
  retired_on: string | null;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface SupportRecordsTable {
  id: string;
  resident_id: string;
  hamlet_id: string;
  unit_path: string;
  platform_id: string;
  outcome: string;
  supported_on: string;
  note: string;
  recorded_by: string | null;
  voids_id: string | null;
  voided_by: string | null;
  received_at: string;
}

export interface SupportCountsTable {
  unit_id: string;
  platform_id: string;
  outcome: string;
  month: string;
  count: number;
}

/** The same counts per day, for periods that do not fall on whole months (weeks). */
export interface SupportCountsDailyTable {
  unit_id: string;
  platform_id: string;
  outcome: string;
  day: string;
  count: number;
}

export interface CampaignsTable {
  id: string;
  unit_id: string;
  unit_path: string;
  name: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  updated_at: string;
}

export interface IndicatorsTable {
  id: string;
  campaign_id: string;
  platform_id: string;
  outcome: string;
  sort: number;
}

export interface TargetsTable {
  indicator_id: string;
  unit_id: string;
  unit_path: string;
  value: number;
  updated_at: string;
  updated_by: string | null;
}

export interface Database {
  units: UnitsTable;
  unit_successors: UnitSuccessorsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  programme_settings: ProgrammeSettingsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  files: FilesTable;
  decisions: DecisionsTable;
  chat_groups: ChatGroupsTable;
  chat_group_counts: ChatGroupCountsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  household_moves: HouseholdMovesTable;
  resident_moves: ResidentMovesTable;
  consents: ConsentsTable;
  app_secrets: AppSecretsTable;
  data_requests: DataRequestsTable;
  platforms: PlatformsTable;
  support_records: SupportRecordsTable;
  support_counts: SupportCountsTable;
  support_counts_daily: SupportCountsDailyTable;
  campaigns: CampaignsTable;
  indicators: IndicatorsTable;
  targets: TargetsTable;
}
