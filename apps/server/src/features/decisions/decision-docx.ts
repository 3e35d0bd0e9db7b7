// The "Quyết định thành lập Tổ công nghệ số cộng đồng" as a DOCX laid out under Decree 30/2020/NĐ-CP
// (model form 1.2 of Annex III): see /work/shared/domain/decree-30-decision-format.md.
import { TEAM_ROLE_LABELS, formatPlaceDate, placeName, type TeamRole } from '@toso/domain/teams';
import {
  body,
  centred,
  decree30Document,
  groundsParagraphs,
  headerBlock,
  packDocx,
  punctuate,
  run,
  signatureBlock,
  stripEnd,
  titleBlock,
  upperVi,
} from '../../lib/decree30';

export interface DecisionMember {
  fullName: string;
  sex: 'male' | 'female' | null;
  position: string;
  affiliationLabel: string;
  teamRole: TeamRole;
  phone: string | null;
}

export interface DecisionDocumentInput {
  /** "Xã Yên Đổ": official full name, upper-cased in the header and the authority line. */
  communeName: string;
  /** "05/QĐ-UBND", already formatted. */
  number: string;
  /** ISO date "2022-05-20". */
  date: string;
  /** "Tổ công nghệ số cộng đồng xóm Làng Mới". */
  teamName: string;
  /** "Xóm Làng Mới". */
  hamletName: string;
  /** Each "Căn cứ …" without final punctuation. */
  legalGrounds: string[];
  /** "Theo đề nghị của công chức Văn hóa - Xã hội xã". */
  proposer: string;
  members: DecisionMember[];
  /** Điều 2 items. */
  duties: string[];
  /** Nơi nhận items; "Lưu: VT, VHXH." is appended. */
  recipients: string[];
  signAuthority: 'chairman' | 'vice_chairman';
  signerName: string;
}

const ROLE_ORDER: Record<TeamRole, number> = { leader: 0, deputy: 1, member: 2 };

const HAMLET_KINDS =
  /^(Tổ dân phố|Khu dân cư|Khu phố|Xóm|Thôn|Bản|Ấp|Khu|Buôn|Plei|Sóc|Khối|Tổ)(?=\s)/u;

/** "Xóm Làng Mới" → "xóm Làng Mới": the kind of a hamlet is written in lower case mid-sentence. */
export function hamletInSentence(hamletName: string): string {
  const name = hamletName.normalize('NFC').trim();
  return name.replace(HAMLET_KINDS, (kind) => kind.toLocaleLowerCase('vi'));
}

/** "Ông"/"Bà" from the member's sex, "Ông (bà)" when it is not known. */
export function honorific(sex: DecisionMember['sex']): string {
  return sex === 'male' ? 'Ông' : sex === 'female' ? 'Bà' : 'Ông (bà)';
}

/** Members leader first, then deputies, then members, keeping the given order within a role. */
export function orderMembers<T extends { teamRole: TeamRole }>(members: readonly T[]): T[] {
  return members
    .map((m, i) => ({ m, i }))
    .sort((a, b) => ROLE_ORDER[a.m.teamRole] - ROLE_ORDER[b.m.teamRole] || a.i - b.i)
    .map(({ m }) => m);
}

/** The Điều 1 lines: "1. Ông Nguyễn Văn A, Trưởng xóm – Tổ trưởng;" and the last ends with ".". */
export function memberLines(members: readonly DecisionMember[]): string[] {
  const lines = orderMembers(members).map((m) => {
    const position = m.position.trim() || m.affiliationLabel.trim();
    const who = [`${honorific(m.sex)} ${m.fullName.trim()}`, position].filter(Boolean).join(', ');
    return `${who} – ${TEAM_ROLE_LABELS[m.teamRole]}`;
  });
  return punctuate(lines, (i) => `${i + 1}. `);
}

/** The authority lines above the signature. */
export function authorityLines(signAuthority: DecisionDocumentInput['signAuthority']): string[] {
  return signAuthority === 'chairman'
    ? ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']
    : ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];
}

/** Renders the decision establishing a team as a .docx file. */
export async function renderDecisionDocx(input: DecisionDocumentInput): Promise<Buffer> {
  const commune = input.communeName.normalize('NFC').trim();
  const communeUpper = upperVi(commune);
  const hamlet = hamletInSentence(input.hamletName);
  // "Điều n." in bold, kept with what follows (its first item, or the signature after Điều 3).
  const article = (label: string, rest: string, bold = false) =>
    body([run(`${label} `, { bold: true }), run(rest, { bold })], { keepNext: true });

  const children = [
    headerBlock({
      issuingBody: ['ỦY BAN NHÂN DÂN', communeUpper],
      number: input.number,
      placeDate: formatPlaceDate(placeName(commune), input.date),
    }),
    ...titleBlock('Quyết định', `Về việc thành lập Tổ công nghệ số cộng đồng ${hamlet}`),
    centred(`CHỦ TỊCH ỦY BAN NHÂN DÂN ${communeUpper}`, { bold: true }, { after: 240 }),
    ...groundsParagraphs(input.legalGrounds.filter((g) => g.trim() !== '')),
    ...(stripEnd(input.proposer)
      ? [body([run(`${stripEnd(input.proposer)}.`, { italics: true })])]
      : []),
    centred('QUYẾT ĐỊNH:', { bold: true }, { before: 120, after: 240 }),
    article('Điều 1.', `Thành lập ${input.teamName.trim()}, gồm các ông (bà) có tên sau:`),
    ...memberLines(input.members).map((line) => body(line)),
    article('Điều 2.', 'Nhiệm vụ của Tổ', true),
    ...punctuate(input.duties, (i) => `${i + 1}. `).map((line) => body(line)),
    article(
      'Điều 3.',
      'Quyết định có hiệu lực kể từ ngày ký. Văn phòng - Thống kê, công chức Văn hóa - Xã hội xã, ' +
        `Trưởng ${hamlet} và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    ),
    signatureBlock({
      recipients: input.recipients,
      authority: authorityLines(input.signAuthority),
      signerName: input.signerName.trim(),
    }),
  ];

  return packDocx(
    decree30Document(children, {
      title: `Quyết định số ${input.number} thành lập ${input.teamName}`,
    }),
  );
}
