import { describe, expect, it } from 'vitest';
import {
  attendanceSummary,
  coverageByGroup,
  matchAttendee,
  parsePresentCell,
  sumContributions,
  trainingBody,
} from './trainings';

describe('coverageByGroup', () => {
  it('counts active members and those trained, per group', () => {
    const out = coverageByGroup(
      [
        { id: 'a', group: 't1', left: false },
        { id: 'b', group: 't1', left: false },
        { id: 'c', group: 't1', left: false },
        { id: 'd', group: 't2', left: false },
      ],
      ['a', 'd'],
    );
    expect(out.get('t1')).toEqual({ active: 3, trained: 1, share: 1 / 3 });
    expect(out.get('t2')).toEqual({ active: 1, trained: 1, share: 1 });
  });

  it('does not count members who left, even when trained', () => {
    const out = coverageByGroup(
      [
        { id: 'a', group: 't1', left: true },
        { id: 'b', group: 't1', left: false },
      ],
      ['a'],
    );
    expect(out.get('t1')).toEqual({ active: 1, trained: 0, share: 0 });
  });

  it('counts a member trained twice once', () => {
    const out = coverageByGroup(
      [
        { id: 'a', group: 't1', left: false },
        { id: 'a', group: 't1', left: false },
        { id: 'b', group: 't1', left: false },
      ],
      ['a', 'a', 'a'],
    );
    expect(out.get('t1')).toEqual({ active: 2, trained: 1, share: 0.5 });
  });

  it('gives a team without members 0 of 0 and no share (not 0 %, not 100 %)', () => {
    const out = coverageByGroup([{ id: 'a', group: 't1', left: true }], ['a'], ['t1', 't2']);
    expect(out.get('t1')).toEqual({ active: 0, trained: 0, share: null });
    expect(out.get('t2')).toEqual({ active: 0, trained: 0, share: null });
  });

  it('ignores trained ids of people who are not members of any group', () => {
    const out = coverageByGroup([{ id: 'a', group: 'g', left: false }], ['zzz']);
    expect(out.get('g')).toEqual({ active: 1, trained: 0, share: 0 });
  });
});

describe('attendance', () => {
  it('sums invited and present', () => {
    expect(attendanceSummary([{ present: true }, { present: false }, { present: true }])).toEqual({
      invited: 3,
      present: 2,
      rate: 2 / 3,
    });
    expect(attendanceSummary([])).toEqual({ invited: 0, present: 0, rate: null });
  });

  it('reads the present cell', () => {
    expect(parsePresentCell('x')).toBe(true);
    expect(parsePresentCell(' X ')).toBe(true);
    expect(parsePresentCell('Có')).toBe(true);
    expect(parsePresentCell('')).toBe(false);
    expect(parsePresentCell('vắng')).toBe(false);
    expect(parsePresentCell('maybe')).toBeNull();
  });

  it('matches attendees by phone, then by name and hamlet', () => {
    const c = [
      { id: '1', nameFolded: 'nguyen van an', hamletFolded: 'xom lang moi', phone: '0912345678' },
      { id: '2', nameFolded: 'nguyen van an', hamletFolded: 'xom dong tam', phone: null },
      { id: '3', nameFolded: 'le thi hoa', hamletFolded: 'xom dong tam', phone: null },
    ];
    expect(matchAttendee(c, { nameFolded: 'x', hamletFolded: '', phone: '0912345678' })).toEqual({
      id: '1',
    });
    expect(
      matchAttendee(c, { nameFolded: 'nguyen van an', hamletFolded: '', phone: null }),
    ).toEqual({ error: 'ambiguous' });
    expect(
      matchAttendee(c, { nameFolded: 'nguyen van an', hamletFolded: 'dong tam', phone: null }),
    ).toEqual({ id: '2' });
    expect(matchAttendee(c, { nameFolded: 'le thi hoa', hamletFolded: '', phone: null })).toEqual({
      id: '3',
    });
    expect(matchAttendee(c, { nameFolded: 'tran b', hamletFolded: '', phone: null })).toEqual({
      error: 'not_found',
    });
  });
});

describe('trainingBody', () => {
  const base = {
    title: 'Tập huấn VNeID',
    unitId: '0190c3a4-0000-7000-8000-000000000001',
    organiserKind: 'district',
    topics: ['policy:plan_174'],
    heldOn: '2026-11-20',
    startTime: '08:00',
  };
  it('needs a place in person and a link online', () => {
    expect(trainingBody.safeParse({ ...base, mode: 'in_person' }).success).toBe(false);
    expect(
      trainingBody.safeParse({ ...base, mode: 'in_person', place: 'Hội trường' }).success,
    ).toBe(true);
    expect(trainingBody.safeParse({ ...base, mode: 'online' }).success).toBe(false);
    expect(
      trainingBody.safeParse({ ...base, mode: 'online', link: 'https://meet.example.vn/x' })
        .success,
    ).toBe(true);
  });
  it('refuses unknown topics', () => {
    const r = trainingBody.safeParse({ ...base, mode: 'in_person', place: 'X', topics: ['foo'] });
    expect(r.success).toBe(false);
  });
});

describe('sumContributions', () => {
  it('sums per commune, trainings counted once each', () => {
    const rows = sumContributions(
      [
        { id: 'c1', name: 'Xã A' },
        { id: 'c2', name: 'Xã B' },
      ],
      [
        { communeId: 'c1', kind: 'materials', quantity: 100 },
        { communeId: 'c1', kind: 'staff_days', quantity: 3 },
        { communeId: 'c1', kind: 'staff_days', quantity: 2 },
        { communeId: 'c2', kind: 'support_points', quantity: 1 },
      ],
      [
        { communeId: 'c1', trainingId: 't1', present: 1 },
        { communeId: 'c1', trainingId: 't1', present: 0 },
        { communeId: 'c1', trainingId: 't2', present: 1 },
      ],
    );
    expect(rows).toEqual([
      {
        communeId: 'c1',
        communeName: 'Xã A',
        trainings: 2,
        attendees: 2,
        materials: 100,
        staffDays: 5,
        supportPoints: 0,
      },
      {
        communeId: 'c2',
        communeName: 'Xã B',
        trainings: 0,
        attendees: 0,
        materials: 0,
        staffDays: 0,
        supportPoints: 1,
      },
    ]);
  });
});
