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
  /** The how-to guide as a file (`files`, purpose `platform_guide`), besides or instead of a link. */
  guide_file_id: string | null;
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
  /** 'platform_outcome' | 'chat_coverage' | 'working_age_share' (IndicatorKind in the domain). */
  kind: Generated<string>;
  /** Set for 'platform_outcome' only. */
  platform_id: string | null;
  outcome: string | null;
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

export interface MaterialsTable {
  id: string;
  unit_id: string | null;
  unit_path: string;
  kind: string;
  title: string;
  description: string;
  text_folded: string;
  language: string;
  source: string;
  platform_id: string | null;
  topic: string;
  url: string | null;
  file_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GuideCardsTable {
  platform_id: string;
  /** JSON arrays of strings. */
  steps: string;
  needs: string;
  problems: string;
  updated_at: string;
  updated_by: string | null;
}

export interface PracticesTable {
  id: string;
  unit_id: string;
  unit_path: string;
  title: string;
  body: string;
  text_folded: string;
  status: string;
  featured: number;
  published_at: string | null;
  author_id: string;
  created_at: string;
  updated_at: string;
}

export interface PracticeFiguresTable {
  id: string;
  practice_id: string;
  label: string;
  platform_id: string;
  unit_id: string;
  outcome: string | null;
  from_month: string;
  to_month: string;
  sort: number;
}

export interface PracticePhotosTable {
  practice_id: string;
  file_id: string;
  sort: number;
}

export interface PracticeCommentsTable {
  id: string;
  practice_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

export interface ReportRequestsTable {
  id: string;
  unit_id: string;
  unit_path: string;
  title: string;
  period_from: string;
  period_to: string;
  due_on: string;
  created_by: string | null;
  created_at: string;
}

export interface ReportRequestUnitsTable {
  request_id: string;
  unit_id: string;
  unit_path: string;
}

export interface ReportsTable {
  id: string;
  unit_id: string;
  unit_path: string;
  level: string;
  period_key: string;
  period_from: string;
  period_to: string;
  request_id: string | null;
  version: number;
  amends_id: string | null;
  superseded_by: string | null;
  status: string;
  sections: string;
  figures: string | null;
  due_on: string;
  first_submitted_at: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  return_comment: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportActionsTable {
  id: string;
  report_id: string;
  action: string;
  comment: string | null;
  user_id: string | null;
  user_name: string;
  at: string;
}

export interface ReportSettingsTable {
  unit_id: string;
  due_days: number;
  updated_at: string;
  updated_by: string | null;
}

export interface DifficultiesTable {
  id: string;
  unit_id: string;
  unit_path: string;
  report_id: string | null;
  category: string;
  urgency: string;
  title: string;
  description: string;
  search_folded: string;
  status: string;
  handler_unit_id: string;
  assignee_id: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  raised_by: string | null;
  raised_at: string;
  due_at: string;
  reopen_count: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface DifficultyEventsTable {
  id: string;
  difficulty_id: string;
  at: string;
  action: string;
  user_id: string | null;
  from_unit_id: string | null;
  to_unit_id: string | null;
  assignee_id: string | null;
  note: string | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  params: string;
  link: string;
  entity: string;
  entity_id: string;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

export interface PartnersTable {
  id: string;
  unit_id: string;
  unit_path: string;
  name: string;
  name_folded: string;
  kind: string;
  notes: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface PartnerContactsTable {
  id: string;
  partner_id: string;
  full_name: string;
  role: string;
  phone: string;
  sort: number;
}

export interface PartnerCommunesTable {
  partner_id: string;
  commune_id: string;
}

export interface PartnerUsersTable {
  user_id: string;
  partner_id: string;
}

export interface PartnerContributionsTable {
  id: string;
  partner_id: string;
  commune_id: string;
  unit_path: string;
  kind: string;
  quantity: number;
  description: string;
  /** foldText(description), for accent-free search (20261128T120000). */
  description_folded: string;
  contributed_on: string;
  created_by: string | null;
  created_at: string;
}

export interface TrainingsTable {
  id: string;
  unit_id: string;
  unit_path: string;
  title: string;
  title_folded: string;
  organiser_kind: string;
  partner_id: string | null;
  mode: string;
  place: string;
  link: string | null;
  held_on: string;
  start_time: string;
  trainer: string;
  notes: string;
  is_demo: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingTopicsTable {
  training_id: string;
  topic: string;
}

export interface TrainingInvitationsTable {
  id: string;
  training_id: string;
  member_id: string;
  team_id: string;
  unit_path: string;
  present: number;
  marked_at: string | null;
  marked_by: string | null;
}

export interface MemberCoursesTable {
  id: string;
  member_id: string;
  unit_path: string;
  course: string;
  completed_on: string;
  certificate_file_id: string | null;
  created_by: string | null;
  created_at: string;
}

/**
 * The 70% KPI kept as changes per unit and month (features/dashboard/kpi-counts.ts): the KPI of a
 * month is the sum of its unit's rows up to that month; `month` '0000-00' holds for every month.
 */
export interface KpiMonthChangesTable {
  unit_id: string;
  month: string;
  working_age: number;
  able: number;
  unknown_age: number;
  unknown_age_able: number;
}

/** Coverage kept per unit (a hamlet and every unit above it) for the dashboard. */
export interface UnitCoverageCountsTable {
  unit_id: string;
  households: number;
  hamlets_with_team: number;
  households_joined: number;
}

export interface CampaignPhasesTable {
  id: string;
  campaign_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  sort: number;
  created_at: string;
  updated_at: string;
}

export interface EvaluationWeightsTable {
  unit_id: string;
  unit_path: string;
  targets: number;
  timeliness: number;
  kpi: number;
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
  materials: MaterialsTable;
  guide_cards: GuideCardsTable;
  practices: PracticesTable;
  practice_figures: PracticeFiguresTable;
  practice_photos: PracticePhotosTable;
  practice_comments: PracticeCommentsTable;
  report_requests: ReportRequestsTable;
  report_request_units: ReportRequestUnitsTable;
  reports: ReportsTable;
  report_actions: ReportActionsTable;
  report_settings: ReportSettingsTable;
  difficulties: DifficultiesTable;
  difficulty_events: DifficultyEventsTable;
  notifications: NotificationsTable;
  partners: PartnersTable;
  partner_contacts: PartnerContactsTable;
  partner_communes: PartnerCommunesTable;
  partner_users: PartnerUsersTable;
  partner_contributions: PartnerContributionsTable;
  trainings: TrainingsTable;
  training_topics: TrainingTopicsTable;
  training_invitations: TrainingInvitationsTable;
  member_courses: MemberCoursesTable;
  kpi_month_changes: KpiMonthChangesTable;
  unit_coverage_counts: UnitCoverageCountsTable;
  campaign_phases: CampaignPhasesTable;
  evaluation_weights: EvaluationWeightsTable;
}
