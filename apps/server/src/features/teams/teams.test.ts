import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { TINY_PDF, TINY_PNG, uploadFile } from '../../../test/upload';
import { todayInVietnam } from '../../lib/ids';
import { keptCoverage, recountCoverage } from '../dashboard/coverage-counts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let officerA: string;
let officerB: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  officerA = await login(t.app, 'commune_officer.a');
  officerB = await login(t.app, 'commune_officer.b');
});
afterAll(async () => t.close());

const call = caller(() => t.app);

const SIX = [
  {
    fullName: 'Đặng Văn Hùng',
    sex: 'male',
    birthYear: 1975,
    phone: '0912 345 601',
    affiliation: 'hamlet_head',
    position: 'Trưởng xóm',
    role: 'leader',
  },
  {
    fullName: 'Lưu Thị Mai',
    sex: 'female',
    birthYear: 1995,
    phone: '+84 912 345 602',
    affiliation: 'youth_union',
    position: 'Bí thư Chi đoàn',
    role: 'deputy',
  },
  {
    fullName: 'Hoàng Thị Lan',
    sex: 'female',
    birthYear: 1980,
    phone: '091.234.5603',
    affiliation: 'women_union',
    position: 'Chi hội trưởng phụ nữ',
    role: 'member',
  },
  {
    fullName: 'Nguyễn Văn Đức',
    sex: 'male',
    birthYear: 1990,
    phone: '0912345604',
    affiliation: 'police',
    position: 'Công an viên',
    role: 'member',
  },
  {
    fullName: 'Trần Văn Nam',
    sex: 'male',
    birthYear: 2000,
    phone: null,
    affiliation: 'volunteer',
    position: '',
    role: 'member',
  },
  {
    fullName: 'Lý Thị Hoa',
    sex: 'female',
    birthYear: 1998,
    phone: '0912345606',
    affiliation: 'teacher',
    position: 'Giáo viên',
    role: 'member',
  },
].map((m) => ({ digitalSkills: '', joinedOn: '2022-05-10', ...m }));

describe('a hamlet from no team to an established team', () => {
  let teamId: string;
  let decisionId: string;

  it('proposes a team with a default name', async () => {
    const res = await call('POST', '/api/teams', officerA, { hamletId: world.hamletA.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Tổ công nghệ số cộng đồng xóm Làng Mới',
      status: 'proposed',
      memberCount: 0,
    });
    expect(res.json().composition.isComplete).toBe(false);
    teamId = res.json().id;
  });

  it('adds six members with normalised phones, and the composition becomes complete', async () => {
    let body;
    for (const m of SIX) {
      const res = await call('POST', `/api/teams/${teamId}/members`, officerA, m);
      expect(res.statusCode, res.body).toBe(200);
      body = res.json();
    }
    expect(body.memberCount).toBe(6);
    expect(body.composition).toEqual({ isComplete: true, size: 6, issues: [] });
    expect(body.members.map((m: { phone: string }) => m.phone)).toContain('0912345602');
    expect(body.members[0].role).toBe('leader');
  });

  it('refuses a bad phone number at its field', async () => {
    const res = await call('POST', `/api/teams/${teamId}/members`, officerA, {
      ...SIX[4],
      phone: '12345',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.phone');
  });

  it('proposes decision number 01 of the year, prefilled from the settings', async () => {
    const res = await call('GET', `/api/teams/${teamId}/decision`, officerA);
    expect(res.statusCode).toBe(200);
    expect(res.json().decision).toBeNull();
    expect(res.json().proposal).toMatchObject({ number: 1, signAuthority: 'chairman' });
    expect(res.json().proposal.legalGrounds.length).toBeGreaterThan(2);
  });

  it('saves the draft and downloads it as a .docx naming every member', async () => {
    const res = await call('PUT', `/api/teams/${teamId}/decision`, officerA, {
      number: 5,
      decidedOn: '2022-05-20',
      signerName: 'Nguyễn Văn Bình',
      signAuthority: 'vice_chairman',
      legalGrounds: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015'],
      proposer: 'Theo đề nghị của công chức Văn hóa - Xã hội xã',
      duties: ['Tuyên truyền về chuyển đổi số'],
      recipients: ['Như Điều 3'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      formattedNumber: '05/QĐ-UBND',
      status: 'draft',
      hasScan: false,
    });
    decisionId = res.json().id;
    const doc = await call('GET', `/api/decisions/${decisionId}/docx`, officerA);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.headers['content-disposition']).toContain('.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(doc.rawPayload))['word/document.xml']);
    for (const m of SIX) expect(xml).toContain(m.fullName);
    expect(xml).toContain('05/QĐ-UBND');
    expect(xml).toContain('KT. CHỦ TỊCH');
  });

  it('enforces the number’s uniqueness per commune and year', async () => {
    const other = (
      await call('POST', '/api/teams', officerA, { hamletId: world.hamletA2.id })
    ).json();
    const dup = await call('PUT', `/api/teams/${other.id}/decision`, officerA, {
      number: 5,
      decidedOn: '2022-06-01',
      signerName: 'A B',
      signAuthority: 'chairman',
      legalGrounds: ['Căn cứ X'],
      proposer: 'Theo đề nghị',
      duties: ['Nhiệm vụ'],
      recipients: [],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0]).toMatchObject({ path: 'body.number' });
    expect(dup.json().details[0].message).toContain('06');
    const nextYear = await call('PUT', `/api/teams/${other.id}/decision`, officerA, {
      number: 5,
      decidedOn: '2023-01-05',
      signerName: 'A B',
      signAuthority: 'chairman',
      legalGrounds: ['Căn cứ X'],
      proposer: 'Theo đề nghị',
      duties: ['Nhiệm vụ'],
      recipients: [],
    });
    expect(nextYear.statusCode).toBe(200);
    const zip = await call(
      'GET',
      `/api/decisions/zip?ids=${decisionId},${nextYear.json().id}`,
      officerA,
    );
    expect(zip.statusCode).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(zip.rawPayload)))).toHaveLength(2);
  });

  it('refuses a scan of the wrong type (by content, not name) or too large', async () => {
    const fake = await uploadFile(
      t.app,
      `/api/decisions/${decisionId}/scan`,
      officerA,
      Buffer.from('MZ not a pdf at all'),
      'scan.pdf',
    );
    expect(fake.statusCode).toBe(415);
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024 + 10)]);
    const tooLarge = await uploadFile(
      t.app,
      `/api/decisions/${decisionId}/scan`,
      officerA,
      big,
      'big.pdf',
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('payload_too_large');
  });

  it('will not issue without the signed scan', async () => {
    const res = await call('POST', `/api/decisions/${decisionId}/issue`, officerA, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('scan');
  });

  it('takes a PDF scan, issues the decision and establishes the team', async () => {
    const up = await uploadFile(
      t.app,
      `/api/decisions/${decisionId}/scan`,
      officerA,
      TINY_PDF,
      'quyet-dinh.jpg',
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ hasScan: true, scanMime: 'application/pdf' });
    const scan = await call('GET', `/api/decisions/${decisionId}/scan`, officerA);
    expect(scan.rawPayload.equals(TINY_PDF)).toBe(true);
    const issued = await call('POST', `/api/decisions/${decisionId}/issue`, officerA, {});
    expect(issued.statusCode, issued.body).toBe(200);
    const team = (await call('GET', `/api/teams/${teamId}`, officerA)).json();
    expect(team).toMatchObject({ status: 'established', establishedOn: '2022-05-20' });
    expect(team.decision).toMatchObject({ status: 'issued', number: '05/QĐ-UBND' });
    // The hamlet now counts among the hamlets with a team in the kept coverage counts.
    const kept = await keptCoverage(t.db);
    expect(kept).toEqual(await recountCoverage(t.db));
    expect(kept.get(world.communeA.id)?.hamletsWithTeam).toBe(1);
    expect(kept.get(world.hamletA.id)?.hamletsWithTeam).toBe(1);
  });

  it('shows the district’s board at once', async () => {
    const district = await login(t.app, 'district_officer');
    const board = (await call('GET', `/api/coverage?unitId=${world.district.id}`, district)).json();
    const a = board.communes.find((c: { communeId: string }) => c.communeId === world.communeA.id);
    expect(a).toMatchObject({
      hamlets: 2,
      established: 1,
      awaiting: 1,
      none: 0,
      establishedLate: 0,
    });
    const b = board.communes.find((c: { communeId: string }) => c.communeId === world.communeB.id);
    expect(b).toMatchObject({ hamlets: 1, established: 0, none: 1, isLate: true });
    expect(board.deadline).toBe('2022-05-31');
    expect(board.daysLeft).toBeLessThan(0);
    expect(board.communes[0].isLate).toBe(true);
    const xlsx = await call('GET', `/api/coverage.xlsx?unitId=${world.district.id}`, district);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Chi tiết']);
    expect(wb.worksheets[0].rowCount).toBe(3);
  });

  it('keeps a member who leaves in the history, and flags a person active in two teams', async () => {
    const team = (await call('GET', `/api/teams/${teamId}`, officerA)).json();
    const nam = team.members.find((m: { fullName: string }) => m.fullName === 'Trần Văn Nam');
    const left = await call('POST', `/api/teams/${teamId}/members/${nam.id}/leave`, officerA, {
      leftOn: '2022-09-01',
    });
    expect(left.json().members).toHaveLength(5);
    expect(left.json().formerMembers.map((m: { fullName: string }) => m.fullName)).toEqual([
      'Trần Văn Nam',
    ]);
    expect(left.json().composition).toMatchObject({ size: 5, isComplete: true });
    const other = (await call('GET', `/api/teams?unitId=${world.hamletA2.id}`, officerA)).json()
      .items[0];
    const added = await call('POST', `/api/teams/${other.id}/members`, officerA, {
      ...SIX[3],
      phone: '0912345604',
      role: 'leader',
    });
    expect(added.json().members[0].otherActiveTeams).toEqual([
      { teamId, teamName: 'Tổ công nghệ số cộng đồng xóm Làng Mới' },
    ]);
  });

  it('asks for a reason to establish a team that fails the composition check, and keeps it', async () => {
    const other = (await call('GET', `/api/teams?unitId=${world.hamletA2.id}`, officerA)).json()
      .items[0];
    await uploadFile(
      t.app,
      `/api/decisions/${other.decision.id}/scan`,
      officerA,
      TINY_PNG,
      'scan.png',
    );
    const noReason = await call('POST', `/api/decisions/${other.decision.id}/issue`, officerA, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].path).toBe('body.compositionReason');
    const withReason = await call('POST', `/api/decisions/${other.decision.id}/issue`, officerA, {
      compositionReason: 'Xóm nhỏ, mới có một người',
    });
    expect(withReason.statusCode).toBe(200);
    const team = (await call('GET', `/api/teams/${other.id}`, officerA)).json();
    expect(team).toMatchObject({
      status: 'established',
      compositionReason: 'Xóm nhỏ, mới có một người',
    });
  });

  it('hides commune A’s teams and decisions from commune B', async () => {
    expect((await call('GET', `/api/teams/${teamId}`, officerB)).statusCode).toBe(404);
    expect((await call('GET', `/api/decisions/${decisionId}/docx`, officerB)).statusCode).toBe(404);
    expect((await call('GET', `/api/decisions/${decisionId}/scan`, officerB)).statusCode).toBe(404);
    expect((await call('GET', '/api/teams', officerB)).json().total).toBe(0);
    expect((await call('POST', `/api/teams/${teamId}/members`, officerB, SIX[0])).statusCode).toBe(
      404,
    );
    const board = (await call('GET', '/api/coverage', officerB)).json();
    expect(board.communes.map((c: { communeId: string }) => c.communeId)).toEqual([
      world.communeB.id,
    ]);
  });

  it('masks members’ phones for a partner', async () => {
    const partner = await login(t.app, 'partner.a');
    const team = (await call('GET', `/api/teams/${teamId}`, partner)).json();
    expect(
      team.members.every(
        (m: { phone: string | null }) => m.phone === null || m.phone.startsWith('•'),
      ),
    ).toBe(true);
  });
});

describe('programme settings', () => {
  it('are set by the district and refused to a commune officer', async () => {
    const district = await login(t.app, 'district_officer');
    const current = (
      await call('GET', `/api/settings?unitId=${world.district.id}`, district)
    ).json();
    expect(current.isDefault).toBe(true);
    const { unitId: _u, unitName: _n, isDefault: _d, ...body } = current;
    const saved = await call('PUT', `/api/settings/${world.district.id}`, district, {
      ...body,
      establishmentDeadline: '2022-06-15',
      teamSizeMin: 4,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const seenByCommune = (await call('GET', '/api/settings', officerA)).json();
    expect(seenByCommune).toMatchObject({
      establishmentDeadline: '2022-06-15',
      teamSizeMin: 4,
      isDefault: false,
      unitName: 'Huyện Phú Lương',
    });
    expect(
      (await call('PUT', `/api/settings/${world.district.id}`, officerA, body)).statusCode,
    ).toBe(403);
    const bad = await call('PUT', `/api/settings/${world.district.id}`, district, {
      ...body,
      teamSizeMin: 9,
      teamSizeMax: 5,
    });
    expect(bad.json().details[0].path).toBe('body.teamSizeMin');
  });
});

describe('rosters', () => {
  const roster = async (rows: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Thành viên');
    ws.addRow([
      'Họ và tên',
      'Giới tính',
      'Năm sinh',
      'Số điện thoại',
      'Thành phần',
      'Chức vụ',
      'Kỹ năng số',
      'Vai trò trong Tổ',
      'Ngày tham gia',
    ]);
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('offers a template with Vietnamese headers', async () => {
    const res = await call('GET', '/api/teams/roster-template.xlsx', officerB);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toContain('Họ và tên');
  });

  it('reports every bad row with its column and writes nothing, then imports a good file', async () => {
    const team = (
      await call('POST', '/api/teams', officerB, { hamletId: world.hamletB.id })
    ).json();
    const bad = await roster([
      [
        'Phạm Văn Tú',
        'Nam',
        1980,
        '0987654321',
        'Trưởng xóm',
        'Trưởng xóm',
        '',
        'Tổ trưởng',
        '15/05/2022',
      ],
      ['', 'Nữ', 1990, '0987654322', 'Chi hội phụ nữ', '', '', 'Thành viên', ''],
      ['Vũ Thị Hằng', 'X', 1992, '123', 'Hội bóng đá', '', '', 'Trưởng ban', '32/13/2022'],
    ]);
    const res = await uploadFile(t.app, `/api/teams/${team.id}/roster`, officerB, bad, 'ds.xlsx');
    expect(res.statusCode).toBe(422);
    const details = res.json().details as { row: number; column: string }[];
    expect(details.find((d) => d.row === 3)?.column).toBe('Họ và tên');
    expect(
      details
        .filter((d) => d.row === 4)
        .map((d) => d.column)
        .sort(),
    ).toEqual(
      ['Giới tính', 'Ngày tham gia', 'Số điện thoại', 'Thành phần', 'Vai trò trong Tổ'].sort(),
    );
    expect((await call('GET', `/api/teams/${team.id}`, officerB)).json().memberCount).toBe(0);
    const good = await roster([
      [
        'Phạm Văn Tú',
        'Nam',
        1980,
        '0987654321',
        'Trưởng xóm',
        'Trưởng xóm',
        '',
        'Tổ trưởng',
        '15/05/2022',
      ],
      ['Vũ Thị Hằng', 'Nữ', 1992, '0987 654 323', 'Chi hội phụ nữ', '', '', 'Thành viên', ''],
    ]);
    const ok = await uploadFile(t.app, `/api/teams/${team.id}/roster`, officerB, good, 'ds.xlsx');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().imported).toBe(2);
    expect(ok.json().team.members.map((m: { phone: string }) => m.phone)).toEqual([
      '0987654321',
      '0987654323',
    ]);
  });

  it('exports the teams and members of the user’s units', async () => {
    const res = await call('GET', '/api/teams/export.xlsx', officerB);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const members = wb.getWorksheet('Thành viên');
    expect(members?.rowCount).toBe(3);
    const names = JSON.stringify(members?.getSheetValues());
    expect(names).toContain('Phạm Văn Tú');
    expect(names).not.toContain('Đặng Văn Hùng');
  });
});

describe('chat groups', () => {
  it('registers a hamlet group, keeps the history of households joined, and prints a QR code', async () => {
    const leader = await login(t.app, 'team_leader.a');
    const created = await call('POST', '/api/chat-groups', leader, {
      unitId: world.hamletA.id,
      platform: 'zalo',
      name: 'Xóm Làng Mới chuyển đổi số',
      inviteLink: 'https://zalo.me/g/abcdef',
      admins: 'Đặng Văn Hùng',
      householdsTotal: 120,
      householdsJoined: 40,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().coverage).toBeCloseTo(40 / 120);
    const earlier = await call('POST', `/api/chat-groups/${id}/counts`, leader, {
      recordedOn: '2022-06-01',
      householdsJoined: 10,
    });
    expect(earlier.json()).toMatchObject({ householdsJoined: 40 });
    const later = await call('POST', `/api/chat-groups/${id}/counts`, leader, {
      recordedOn: todayInVietnam(),
      householdsJoined: 90,
    });
    expect(later.json()).toMatchObject({ householdsJoined: 90 });
    const tooMany = await call('POST', `/api/chat-groups/${id}/counts`, leader, {
      recordedOn: '2026-01-02',
      householdsJoined: 121,
    });
    expect(tooMany.json().details[0].path).toBe('body.householdsJoined');
    const history = (await call('GET', `/api/chat-groups/${id}/counts`, leader)).json();
    expect(history.map((h: { householdsJoined: number }) => h.householdsJoined).sort()).toEqual([
      10, 40, 90,
    ]);
    const qr = await call('GET', `/api/chat-groups/${id}/qr.svg`, leader);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    expect((await call('GET', `/api/chat-groups/${id}`, officerB)).statusCode).toBe(404);
    const badLink = await call('POST', '/api/chat-groups', leader, {
      unitId: world.hamletA.id,
      platform: 'zalo',
      name: 'X Y',
      inviteLink: 'javascript:alert(1)',
    });
    expect(badLink.json().details[0].path).toBe('body.inviteLink');
  });
});

describe('kept coverage counts', () => {
  it('equal a recount after everything above, and drop a dissolved team', async () => {
    expect(await keptCoverage(t.db)).toEqual(await recountCoverage(t.db));
    const team = await t.db
      .selectFrom('teams')
      .select(['id', 'hamlet_id'])
      .where('status', '=', 'established')
      .where('hamlet_id', '=', world.hamletA.id)
      .executeTakeFirstOrThrow();
    const before = (await keptCoverage(t.db)).get(world.communeA.id)?.hamletsWithTeam ?? 0;
    const res = await call('POST', `/api/teams/${team.id}/dissolve`, officerA, {
      dissolvedOn: todayInVietnam(),
      reason: 'Sáp nhập xóm',
    });
    expect(res.statusCode, res.body).toBe(200);
    const kept = await keptCoverage(t.db);
    expect(kept).toEqual(await recountCoverage(t.db));
    const established = await t.db
      .selectFrom('teams')
      .select('id')
      .where('status', '=', 'established')
      .where('hamlet_id', '=', world.hamletA.id)
      .execute();
    expect(kept.get(world.communeA.id)?.hamletsWithTeam ?? 0).toBe(
      before - (established.length === 0 ? 1 : 0),
    );
  });
});
