import {
  DEFAULT_RESPONSE_DAYS,
  dueAfter,
  type DifficultyAction,
  type DifficultyCategory,
  type DifficultyStatus,
  type Urgency,
} from '@toso/domain/difficulties';
import type { NotificationKind } from '@toso/domain/notifications';
import { foldText } from '@toso/domain/text';
import type { Tx } from '../../db/db';
import type { DifficultyEventsTable, DifficultiesTable, NotificationsTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { UnitRow } from '../units/units.repository';
import type { Random } from './demo-people';

interface Template {
  category: DifficultyCategory;
  urgency: Urgency;
  title: string;
  description: string;
  answer: string;
}

/** What teams in a midland-mountain district actually run into. */
const TEMPLATES: Template[] = [
  {
    category: 'infrastructure',
    urgency: 'urgent',
    title: 'Sóng di động yếu, không nhận được mã OTP',
    description:
      'Khu vực cuối xóm giáp đồi chè gần như không có sóng 4G. Người dân không nhận được mã OTP khi đăng ký, kích hoạt tài khoản định danh điện tử; Tổ phải đưa bà con ra nhà văn hóa mới làm được.',
    answer:
      'Xã đã đề nghị Viettel và VNPT khảo sát, bổ sung trạm phát sóng. Trong thời gian chờ, Tổ hẹn lịch hỗ trợ tập trung tại nhà văn hóa xóm, nơi có wifi.',
  },
  {
    category: 'devices',
    urgency: 'normal',
    title: 'Nhiều người cao tuổi chưa có điện thoại thông minh',
    description:
      'Khoảng 40 người trên 60 tuổi trong xóm chỉ dùng điện thoại phím bấm, không cài được VNeID, Sổ sức khỏe điện tử. Con cháu đi làm xa.',
    answer:
      'Đề nghị Tổ lập danh sách; xã phối hợp Hội Chữ thập đỏ và doanh nghiệp viễn thông vận động hỗ trợ máy cũ, gói cước ưu đãi. Người chưa có máy được hướng dẫn qua tài khoản của người thân theo quy định.',
  },
  {
    category: 'platform',
    urgency: 'urgent',
    title: 'Không kích hoạt được tài khoản định danh mức 2',
    description:
      'Nhiều trường hợp đã được Công an cấp tài khoản mức 2 nhưng ứng dụng VNeID báo "thông tin không hợp lệ" khi kích hoạt, đã thử lại nhiều lần.',
    answer:
      'Đã chuyển danh sách sang Công an huyện đối soát dữ liệu dân cư. Người dân mang căn cước đến Công an xã để được cập nhật thông tin, sau đó kích hoạt lại.',
  },
  {
    category: 'skills',
    urgency: 'normal',
    title: 'Người dân sợ bị lừa đảo, không dám cài ứng dụng ngân hàng',
    description:
      'Sau mấy vụ lừa đảo qua điện thoại trong xã, nhiều hộ không dám mở tài khoản, cài ứng dụng thanh toán dù Tổ đã hướng dẫn.',
    answer:
      'Xã sẽ tổ chức buổi tuyên truyền phòng chống lừa đảo trực tuyến cùng Công an xã tại nhà văn hóa; Tổ mời các hộ tham gia.',
  },
  {
    category: 'platform',
    urgency: 'critical',
    title: 'Cổng dịch vụ công báo lỗi khi nộp hồ sơ đăng ký khai sinh',
    description:
      'Từ sáng nay không nộp được hồ sơ đăng ký khai sinh trực tuyến, cổng báo lỗi hệ thống. Có 3 gia đình đang cần làm gấp.',
    answer:
      'Đã báo Trung tâm phục vụ hành chính công tỉnh; lỗi do nâng cấp hệ thống đã được khắc phục. Hướng dẫn các gia đình nộp lại.',
  },
  {
    category: 'funding',
    urgency: 'normal',
    title: 'Tổ chưa có kinh phí hỗ trợ gói cước 4G cho thành viên',
    description:
      'Thành viên Tổ dùng điện thoại, gói cước cá nhân để hỗ trợ người dân; đề nghị có hỗ trợ kinh phí hoặc gói cước theo kế hoạch.',
    answer:
      'Huyện đã đề nghị các doanh nghiệp viễn thông hỗ trợ gói cước cho thành viên Tổ; danh sách gửi về Phòng Văn hóa và Thông tin trước ngày 15.',
  },
  {
    category: 'policy',
    urgency: 'normal',
    title: 'Chưa rõ hướng dẫn thu phí không dùng tiền mặt ở trường học',
    description:
      'Phụ huynh hỏi về việc nộp học phí, tiền ăn bán trú qua ứng dụng nhưng nhà trường chưa có hướng dẫn thống nhất.',
    answer:
      'Đã đề nghị Phòng Giáo dục và Đào tạo hướng dẫn các trường công khai tài khoản và cách nộp; Tổ phổ biến khi có văn bản.',
  },
  {
    category: 'infrastructure',
    urgency: 'urgent',
    title: 'Nhà văn hóa xóm chưa có wifi để hỗ trợ tập trung',
    description:
      'Tổ muốn hỗ trợ người dân tại nhà văn hóa vào buổi tối nhưng nhà văn hóa chưa có đường truyền internet.',
    answer:
      'VNPT nhận lắp đặt đường truyền cáp quang miễn phí năm đầu cho nhà văn hóa xóm; Trưởng xóm liên hệ để hẹn lịch.',
  },
  {
    category: 'skills',
    urgency: 'normal',
    title: 'Đồng bào dân tộc thiểu số khó đọc hướng dẫn tiếng Việt',
    description:
      'Một số hộ người Dao, người Sán Chay đọc tiếng Việt chậm, khó làm theo hướng dẫn trên ứng dụng. Cần tài liệu bằng hình ảnh.',
    answer:
      'Huyện đang in bộ tranh hướng dẫn từng bước cài đặt VNeID, thanh toán điện tử; sẽ cấp cho các Tổ trong tháng.',
  },
  {
    category: 'other',
    urgency: 'normal',
    title: 'Thành viên Tổ đi làm ăn xa, Tổ thiếu người',
    description:
      'Hai thành viên Tổ đi làm công nhân ở khu công nghiệp, Tổ chỉ còn 3 người hoạt động thường xuyên.',
    answer:
      'Xã đề nghị Chi đoàn thanh niên giới thiệu thêm đoàn viên; Tổ trình bổ sung thành viên.',
  },
];

type Plan = {
  status: DifficultyStatus;
  /** Days before now it was raised. */
  ago: number;
  escalated?: boolean;
};

/** A spread of states: waiting (some overdue), assigned, escalated, answered, resolved. */
const PLANS: Plan[] = [
  { status: 'open', ago: 1 },
  { status: 'open', ago: 12 },
  { status: 'assigned', ago: 5 },
  { status: 'answered', ago: 9 },
  { status: 'resolved', ago: 30 },
  { status: 'open', ago: 6, escalated: true },
  { status: 'resolved', ago: 45 },
  { status: 'assigned', ago: 15 },
];

/** The communes with demo accounts show every state; their first hamlet raised the first two. */
const FEATURED_PLANS: Plan[] = [
  { status: 'answered', ago: 9 },
  { status: 'open', ago: 12 },
  { status: 'open', ago: 1 },
  { status: 'assigned', ago: 5 },
  { status: 'open', ago: 6, escalated: true },
  { status: 'resolved', ago: 30 },
];

const DAY = 86_400_000;

interface DemoAccount {
  id: string;
  username: string;
  unitId: string | null;
}

/**
 * Demo difficulties in every commune (two to four each), with their history, and unread
 * notifications for the demo accounts of Xã Yên Đổ, its first hamlet and the district.
 */
export async function seedDemoDifficulties(
  tx: Tx,
  random: Random,
  district: UnitRow,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  nowIso: string,
): Promise<{ difficulties: number; notifications: number }> {
  const accounts: DemoAccount[] = (
    await tx.selectFrom('users').select(['id', 'username', 'unit_id']).execute()
  ).map((u) => ({ id: u.id, username: u.username, unitId: u.unit_id }));
  const now = Date.parse(nowIso);
  const officerOf = new Map(
    accounts.filter((a) => a.unitId && a.username !== 'vnpt').map((a) => [a.unitId!, a]),
  );
  const huyen = accounts.find((a) => a.username === 'huyen');
  const difficulties: DifficultiesTable[] = [];
  const events: DifficultyEventsTable[] = [];
  const notes: NotificationsTable[] = [];
  const notifyUser = (
    user: DemoAccount | undefined,
    kind: NotificationKind,
    d: DifficultiesTable,
    unitName: string,
    params: Record<string, string>,
    at: number,
  ) => {
    if (!user) return;
    notes.push({
      id: newId(),
      user_id: user.id,
      kind,
      params: JSON.stringify({ title: d.title, unit: unitName, ...params }),
      link: `/difficulties/${d.id}`,
      entity: 'difficulty',
      entity_id: d.id,
      dedupe_key: null,
      created_at: new Date(at).toISOString(),
      read_at: null,
    });
  };

  let n = 0;
  for (const { commune, hamlets } of communes) {
    const featured = officerOf.has(commune.id);
    const count = featured ? FEATURED_PLANS.length : 2 + Math.floor(random() * 3);
    const officer = officerOf.get(commune.id);
    for (let i = 0; i < count; i += 1) {
      const template = TEMPLATES[(n * 3) % TEMPLATES.length];
      const plan = featured ? FEATURED_PLANS[i] : PLANS[(n + i) % PLANS.length];
      n += 1;
      // In the featured commune the first hamlet (the demo team's) raises the first two.
      const hamlet =
        featured && i < 2 ? hamlets[0] : hamlets[Math.floor(random() * hamlets.length)];
      const teamUser = accounts.find((a) => a.unitId === hamlet.id && a.username === 'totruong');
      const raisedAt = now - plan.ago * DAY - Math.floor(random() * 8) * 3_600_000;
      const days = DEFAULT_RESPONSE_DAYS[template.urgency];
      const escalatedAt = raisedAt + Math.max(1, days - 1) * DAY;
      const id = newId();
      const d: DifficultiesTable = {
        id,
        unit_id: hamlet.id,
        unit_path: hamlet.path,
        report_id: null,
        category: template.category,
        urgency: template.urgency,
        title: template.title,
        description: template.description,
        search_folded: foldText(`${template.title} ${template.description}`),
        status: plan.status,
        handler_unit_id: plan.escalated ? district.id : commune.id,
        assignee_id: plan.status === 'assigned' && !plan.escalated ? (officer?.id ?? null) : null,
        answer: null,
        answered_at: null,
        answered_by: null,
        resolved_at: null,
        resolved_by: null,
        raised_by: teamUser?.id ?? null,
        raised_at: new Date(raisedAt).toISOString(),
        due_at: dueAfter(new Date(plan.escalated ? escalatedAt : raisedAt), days),
        reopen_count: 0,
        is_demo: 1,
        created_at: new Date(raisedAt).toISOString(),
        updated_at: nowIso,
      };
      const event = (
        action: DifficultyAction,
        at: number,
        fields: Partial<DifficultyEventsTable> = {},
      ) =>
        events.push({
          id: newId(),
          difficulty_id: id,
          at: new Date(at).toISOString(),
          action,
          user_id: null,
          from_unit_id: null,
          to_unit_id: null,
          assignee_id: null,
          note: null,
          ...fields,
        });
      event('raise', raisedAt, {
        user_id: d.raised_by,
        from_unit_id: hamlet.id,
        to_unit_id: commune.id,
      });
      if (d.assignee_id)
        event('assign', raisedAt + DAY / 2, {
          user_id: officer?.id ?? null,
          assignee_id: d.assignee_id,
        });
      if (plan.escalated) {
        event('escalate', escalatedAt, {
          user_id: officer?.id ?? null,
          from_unit_id: commune.id,
          to_unit_id: district.id,
          note: 'Vượt quá khả năng giải quyết của xã, đề nghị huyện chỉ đạo.',
        });
      }
      if (plan.status === 'answered' || plan.status === 'resolved') {
        const answeredAt = raisedAt + Math.max(1, days - 1) * DAY * 0.8;
        d.answer = template.answer;
        d.answered_at = new Date(answeredAt).toISOString();
        d.answered_by = officer?.id ?? null;
        event('answer', answeredAt, { user_id: officer?.id ?? null, note: template.answer });
        if (plan.status === 'resolved') {
          const resolvedAt = answeredAt + 3 * DAY;
          d.resolved_at = new Date(resolvedAt).toISOString();
          d.resolved_by = officer?.id ?? null;
          event('resolve', resolvedAt, { user_id: officer?.id ?? null });
        }
      }
      difficulties.push(d);

      // Unread notifications for the demo accounts, as the workflow would have sent them.
      if (plan.status === 'open' && !plan.escalated)
        notifyUser(officer, 'difficulty_raised', d, hamlet.name, { urgency: d.urgency }, raisedAt);
      if (plan.escalated)
        notifyUser(
          huyen,
          'difficulty_escalated',
          d,
          hamlet.name,
          { from: commune.name },
          escalatedAt,
        );
      if (plan.status === 'answered' && d.answered_at)
        notifyUser(
          teamUser,
          'difficulty_answered',
          d,
          hamlet.name,
          { level: commune.name },
          Date.parse(d.answered_at),
        );
    }
  }
  for (let i = 0; i < difficulties.length; i += 100)
    await tx
      .insertInto('difficulties')
      .values(difficulties.slice(i, i + 100))
      .execute();
  for (let i = 0; i < events.length; i += 100)
    await tx
      .insertInto('difficulty_events')
      .values(events.slice(i, i + 100))
      .execute();
  if (notes.length) await tx.insertInto('notifications').values(notes).execute();
  return { difficulties: difficulties.length, notifications: notes.length };
}
