import type { Executor } from '../../db/db';
import type { Reminder, ReminderSource } from '../notifications/reminders';
import { listOverdue } from './difficulties.repository';

/**
 * Overdue difficulties: the assignee, or else the officers of the level it waits at, get one
 * reminder per due time (escalating or reopening sets a new due time, hence a new reminder).
 */
export const difficultyReminders: ReminderSource = {
  name: 'difficulties',
  async collect(db: Executor, now: Date): Promise<Reminder[]> {
    const overdue = await listOverdue(db, now.toISOString());
    return overdue.map((d) => ({
      ...(d.assignee_id ? { userIds: [d.assignee_id] } : { unitId: d.handler_unit_id }),
      kind: 'difficulty_overdue',
      entity: 'difficulty',
      entityId: d.id,
      link: `/difficulties/${d.id}`,
      params: { title: d.title, dueAt: d.due_at },
      dedupeKey: `difficulty_overdue:${d.id}:${d.due_at}`,
    }));
  },
};
