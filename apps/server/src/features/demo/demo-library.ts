import { foldText } from '@toso/domain/text';
import type { Tx } from '../../db/db';
import { newId } from '../../lib/ids';
import { storeLibraryFile } from '../materials/library-files';
import type { UnitRow } from '../units/units.repository';

type Card = { steps: string[]; needs: string[]; problems: string[] };

/** "How to help a resident with X" for the main platforms of the plan. */
export const DEMO_GUIDE_CARDS: Record<string, Card> = {
  vneid: {
    steps: [
      'Cài ứng dụng VNeID từ CH Play hoặc App Store (tìm đúng biểu tượng của Bộ Công an).',
      'Chọn "Đăng ký", nhập số định danh cá nhân (12 số trên căn cước) và số điện thoại chính chủ.',
      'Nhập mã OTP gửi về điện thoại, đặt mật khẩu 6 số mà người dân tự nhớ được.',
      'Chụp khuôn mặt theo hướng dẫn trên màn hình, nơi đủ sáng, không đeo kính, khẩu trang.',
      'Với mức 2: hẹn người dân ra Công an xã để xác thực, mang theo căn cước gắn chip.',
      'Đăng nhập thử lại và chỉ người dân mở mục "Ví giấy tờ" để xem căn cước điện tử.',
    ],
    needs: [
      'Căn cước công dân gắn chip (hoặc thẻ căn cước mới)',
      'Điện thoại thông minh có kết nối mạng',
      'Số điện thoại đứng tên chính người dân, đang nhận được tin nhắn',
    ],
    problems: [
      'Không nhận được OTP: kiểm tra số điện thoại có đúng chủ thuê bao không, chờ 5 phút rồi gửi lại.',
      'Báo "Thông tin không chính xác": đối chiếu số định danh; nếu vẫn lỗi, hướng dẫn ra Công an xã.',
      'Quên mật khẩu: dùng "Quên mật khẩu" và số điện thoại đã đăng ký; không đăng nhập hộ bằng máy của Tổ.',
      'Không bao giờ ghi lại mật khẩu hay mã OTP của người dân.',
    ],
  },
  'dvc-quoc-gia': {
    steps: [
      'Mở dichvucong.gov.vn trên điện thoại hoặc máy tính, chọn "Đăng nhập".',
      'Chọn đăng nhập bằng tài khoản định danh điện tử VNeID (cần VNeID mức 2).',
      'Tìm thủ tục cần làm bằng ô tìm kiếm, ví dụ "đăng ký khai sinh" hoặc "cấp phiếu lý lịch tư pháp".',
      'Điền tờ khai cùng người dân, chụp và đính kèm giấy tờ theo danh sách yêu cầu.',
      'Nộp hồ sơ, ghi lại mã hồ sơ để tra cứu và chỉ cách nhận thông báo kết quả.',
      'Nếu có lệ phí, hướng dẫn thanh toán trực tuyến ngay trên Cổng.',
    ],
    needs: [
      'Tài khoản VNeID mức 2 của người dân',
      'Giấy tờ liên quan đến thủ tục (ảnh chụp rõ nét)',
      'Tài khoản ngân hàng hoặc ví điện tử nếu thủ tục có lệ phí',
    ],
    problems: [
      'Không tìm thấy thủ tục: thử tìm theo từ khóa ngắn hơn, hoặc chọn đúng cơ quan giải quyết (xã, huyện, tỉnh).',
      'Ảnh giấy tờ bị từ chối: chụp lại thẳng, đủ sáng, không bị cắt góc.',
      'Hồ sơ bị yêu cầu bổ sung: mở mục "Quản lý hồ sơ đã nộp" để xem lý do.',
    ],
  },
  'so-suc-khoe': {
    steps: [
      'Đăng nhập ứng dụng VNeID của người dân.',
      'Chọn mục "Ví giấy tờ" rồi "Sổ sức khỏe điện tử".',
      'Đồng ý chia sẻ thông tin và kiểm tra họ tên, số thẻ bảo hiểm y tế.',
      'Chỉ người dân xem lịch sử khám chữa bệnh và lịch tiêm chủng.',
      'Hướng dẫn mang theo điện thoại khi đi khám để đưa mã sổ cho cơ sở y tế.',
    ],
    needs: ['Tài khoản VNeID mức 2', 'Thẻ bảo hiểm y tế (nếu có) để đối chiếu'],
    problems: [
      'Sổ trống: dữ liệu khám chữa bệnh được cơ sở y tế cập nhật dần, hẹn người dân xem lại sau lần khám tới.',
      'Sai thông tin bảo hiểm: hướng dẫn liên hệ Trạm Y tế xã hoặc Bảo hiểm xã hội huyện.',
    ],
  },
  'thanh-toan': {
    steps: [
      'Hỏi người dân đã có tài khoản ngân hàng chưa; nếu chưa, giới thiệu điểm giao dịch gần nhất hoặc mở tài khoản trực tuyến (eKYC).',
      'Cài ứng dụng ngân hàng chính thức từ CH Play hoặc App Store.',
      'Đăng nhập, đặt mã PIN giao dịch mà chỉ người dân biết.',
      'Làm cùng người dân một giao dịch nhỏ: thanh toán tiền điện, nước hoặc quét mã QR.',
      'Nhắc các dấu hiệu lừa đảo: không chuyển tiền theo yêu cầu của người lạ, không bấm đường dẫn lạ.',
    ],
    needs: [
      'Căn cước công dân gắn chip',
      'Số điện thoại chính chủ',
      'Tài khoản ngân hàng hoặc ví điện tử (Viettel Money, VNPT Money…)',
    ],
    problems: [
      'eKYC không nhận khuôn mặt: chụp nơi đủ sáng, bỏ kính, giữ máy ngang tầm mặt.',
      'Quên mã PIN: chỉ ngân hàng cấp lại; Tổ không được giữ hay đặt hộ mã PIN.',
      'Nghi bị lừa đảo: gọi ngay tổng đài ngân hàng để khóa tài khoản và báo Công an xã.',
    ],
  },
  postmart: {
    steps: [
      'Mở postmart.vn hoặc ứng dụng Postmart, chọn "Đăng ký bán hàng".',
      'Nhập thông tin hộ sản xuất: tên, số điện thoại, địa chỉ lấy hàng.',
      'Chụp ảnh sản phẩm đẹp, rõ (chè, gạo, mật ong…), viết mô tả ngắn và giá bán.',
      'Chọn cách giao hàng qua Bưu điện và hướng dẫn đóng gói.',
      'Chỉ cách xem đơn hàng mới và xác nhận đơn.',
    ],
    needs: [
      'Số điện thoại chính chủ',
      'Sản phẩm có ảnh và giá',
      'Tài khoản ngân hàng để nhận tiền',
    ],
    problems: [
      'Sản phẩm chờ duyệt lâu: liên hệ Bưu điện huyện để được hỗ trợ duyệt.',
      'Không biết định giá: tham khảo giá sản phẩm cùng loại trên sàn.',
    ],
  },
  voso: {
    steps: [
      'Mở voso.vn, chọn "Đăng ký người bán" bằng số điện thoại.',
      'Điền thông tin gian hàng, địa chỉ kho (nhà người dân).',
      'Đăng sản phẩm đầu tiên với ảnh thật, cân nặng và giá.',
      'Chọn đơn vị vận chuyển Viettel Post và cách thu tiền.',
    ],
    needs: ['Số điện thoại chính chủ', 'Căn cước công dân', 'Tài khoản ngân hàng để nhận tiền'],
    problems: [
      'Không nhận được mã xác thực: kiểm tra tin nhắn chặn, thử lại sau ít phút.',
      'Cần hỗ trợ trực tiếp: nhân viên Viettel huyện hỗ trợ tại điểm giao dịch.',
    ],
  },
  'nhom-zalo-xom': {
    steps: [
      'Cài Zalo và đăng ký bằng số điện thoại của người dân (nếu chưa có).',
      'Mở đường dẫn hoặc quét mã QR mời vào nhóm Zalo của xóm.',
      'Giới thiệu người dân với trưởng nhóm để được duyệt vào nhóm.',
      'Chỉ cách bật thông báo của nhóm và cách xem tin ghim (thông báo của xóm, xã).',
    ],
    needs: ['Điện thoại thông minh', 'Số điện thoại để đăng ký Zalo'],
    problems: [
      'Không vào được nhóm: nhóm có thể cần trưởng nhóm duyệt, nhắn trưởng xóm.',
      'Nhận quá nhiều tin: chỉ cách tắt thông báo tạm thời mà vẫn ở trong nhóm.',
    ],
  },
};

const LINKS: {
  title: string;
  description: string;
  platform: string | null;
  topic: string;
  kind: 'guide' | 'video';
  url: string;
  source: string;
}[] = [
  {
    title: 'Hướng dẫn cài đặt và kích hoạt tài khoản định danh điện tử VNeID',
    description: 'Các bước đăng ký mức 1, mức 2 và những lỗi thường gặp khi kích hoạt.',
    platform: 'vneid',
    topic: 'public_services',
    kind: 'guide',
    url: 'https://vneid.gov.vn/',
    source: 'Công an tỉnh Thái Nguyên',
  },
  {
    title: 'Video: kích hoạt tài khoản VNeID trong 5 phút',
    description: 'Quay màn hình điện thoại, có lời giải thích bằng tiếng Việt.',
    platform: 'vneid',
    topic: 'public_services',
    kind: 'video',
    url: 'https://www.youtube.com/results?search_query=k%C3%ADch+ho%E1%BA%A1t+VNeID',
    source: 'Viettel Thái Nguyên',
  },
  {
    title: 'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia',
    description: 'Đăng nhập bằng VNeID, tìm thủ tục, đính kèm giấy tờ và tra cứu hồ sơ.',
    platform: 'dvc-quoc-gia',
    topic: 'public_services',
    kind: 'guide',
    url: 'https://dichvucong.gov.vn/',
    source: 'Văn phòng UBND tỉnh',
  },
  {
    title: 'Sổ sức khỏe điện tử trên VNeID: xem lịch sử khám chữa bệnh',
    description: 'Cách mở sổ, kiểm tra thông tin bảo hiểm y tế và đưa mã cho cơ sở y tế.',
    platform: 'so-suc-khoe',
    topic: 'health',
    kind: 'guide',
    url: 'https://moh.gov.vn/',
    source: 'Sở Y tế Thái Nguyên',
  },
  {
    title: 'Thanh toán tiền điện, nước không dùng tiền mặt',
    description: 'Dùng ứng dụng ngân hàng hoặc ví điện tử, quét mã QR, nhận biết lừa đảo.',
    platform: 'thanh-toan',
    topic: 'payments',
    kind: 'guide',
    url: 'https://www.sbv.gov.vn/',
    source: 'Agribank chi nhánh Phú Lương',
  },
  {
    title: 'Mở gian hàng chè trên postmart.vn',
    description: 'Từ đăng ký đến đơn hàng đầu tiên, kèm cách chụp ảnh sản phẩm.',
    platform: 'postmart',
    topic: 'commerce',
    kind: 'video',
    url: 'https://postmart.vn/',
    source: 'Bưu điện huyện Phú Lương',
  },
  {
    title: 'Bán nông sản trên voso.vn',
    description: 'Đăng ký người bán, đăng sản phẩm, giao hàng qua Viettel Post.',
    platform: 'voso',
    topic: 'commerce',
    kind: 'guide',
    url: 'https://voso.vn/',
    source: 'Viettel Thái Nguyên',
  },
  {
    title: 'Cẩm nang nhận diện lừa đảo trực tuyến',
    description: 'Các chiêu lừa phổ biến qua điện thoại, tin nhắn và mạng xã hội.',
    platform: 'ky-nang-an-toan',
    topic: 'online_safety',
    kind: 'guide',
    url: 'https://khonggianmang.vn/',
    source: 'Cục An toàn thông tin',
  },
];

/** A one-page PDF, made here (no binary shipped): the short checklist of the team's visit. */
function tinyPdf(): Buffer {
  const text = 'To cong nghe so: mang theo can cuoc, dien thoai, so dien thoai chinh chu.';
  const stream = `BT /F1 12 Tf 40 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PRACTICES: {
  commune: string;
  author: string;
  title: string;
  body: string;
  featured: boolean;
  published: string | null;
  figure?: { label: string; platform: string; outcome: string | null; from: string; to: string };
  comments: { author: string; body: string; at: string }[];
}[] = [
  {
    commune: '05620',
    author: 'xa.yendo',
    title: 'Kích hoạt VNeID buổi tối tại nhà văn hóa xóm',
    body: 'Ban ngày bà con đi làm chè, nên Tổ công nghệ số cộng đồng mở "buổi tối VNeID" từ 19 giờ đến 21 giờ tại nhà văn hóa xóm, hai buổi mỗi tuần. Trưởng xóm thông báo trên loa và nhóm Zalo của xóm từ chiều hôm trước, nhắc bà con mang căn cước gắn chip và điện thoại có số chính chủ.\n\nMỗi thành viên của Tổ ngồi một bàn, hỗ trợ lần lượt từng người; đoàn viên thanh niên đón và ghi tên người chờ. Người cao tuổi không có điện thoại thông minh được hướng dẫn nhờ con cháu và hẹn buổi sau. Công an xã cử một đồng chí đến để xác thực mức 2 ngay tại chỗ.\n\nSau một tháng, số người có tài khoản VNeID của xóm tăng gấp đôi. Kinh nghiệm: chọn giờ bà con rảnh, có người của Công an xã ngồi cùng, và ghi nhận ngay trên điện thoại để không sót.',
    featured: true,
    published: '2022-07-05T12:00:00.000Z',
    figure: {
      label: 'Người dân được hỗ trợ VNeID ở xóm, tháng 6–7/2022',
      platform: 'vneid',
      outcome: null,
      from: '2022-06',
      to: '2022-07',
    },
    comments: [
      {
        author: 'xa.ducdat',
        body: 'Cách làm rất hay, xã Động Đạt sẽ học tập, mời Công an xã tham gia cùng.',
        at: '2022-07-06T02:15:00.000Z',
      },
      {
        author: 'huyen',
        body: 'Đề nghị các xã tham khảo mô hình này trong đợt cao điểm tháng 8.',
        at: '2022-07-07T01:00:00.000Z',
      },
    ],
  },
  {
    commune: '05629',
    author: 'xa.ducdat',
    title: 'Học sinh THCS làm "trợ lý số" cho ông bà',
    body: 'Xã phối hợp với Trường THCS Động Đạt: mỗi em học sinh lớp 8, lớp 9 nhận hướng dẫn một buổi của Tổ công nghệ số, rồi về nhà cài và hướng dẫn ông bà, cha mẹ dùng Sổ sức khỏe điện tử và thanh toán tiền điện qua ứng dụng.\n\nCuối tuần, các em báo lại cho thành viên Tổ của xóm để Tổ đến kiểm tra và ghi nhận. Nhà trường tuyên dương những em giúp được nhiều người.',
    featured: false,
    published: '2022-08-12T09:30:00.000Z',
    figure: {
      label: 'Người dân được hỗ trợ Sổ sức khỏe điện tử, tháng 8–9/2022',
      platform: 'so-suc-khoe',
      outcome: null,
      from: '2022-08',
      to: '2022-09',
    },
    comments: [
      {
        author: 'xa.yendo',
        body: 'Ý tưởng rất hay, tiết kiệm nhiều công sức cho Tổ.',
        at: '2022-08-13T03:00:00.000Z',
      },
    ],
  },
  {
    commune: '05620',
    author: 'xa.yendo',
    title: 'Mỗi hộ chè một gian hàng trên postmart.vn',
    body: 'Bưu điện huyện cử nhân viên cùng Tổ đến từng hộ trồng chè để chụp ảnh sản phẩm, lập gian hàng và hướng dẫn đóng gói gửi hàng qua bưu điện. Các hộ đã có đơn hàng đầu tiên đi Hà Nội sau hai tuần.',
    featured: false,
    published: '2022-09-20T08:00:00.000Z',
    figure: {
      label: 'Gian hàng postmart.vn được lập, tháng 9–10/2022',
      platform: 'postmart',
      outcome: null,
      from: '2022-09',
      to: '2022-10',
    },
    comments: [],
  },
  {
    commune: '05629',
    author: 'xa.ducdat',
    title: 'Nhóm Zalo xóm: ghim lịch hỗ trợ và số điện thoại của Tổ',
    body: 'Mỗi nhóm Zalo của xóm ghim một tin gồm lịch Tổ trực tại nhà văn hóa, số điện thoại của từng thành viên và đường dẫn các hướng dẫn ngắn. Bản nháp này đang chờ xã góp ý trước khi đăng.',
    featured: false,
    published: null,
    comments: [],
  },
];

/** Guide cards, a few materials (links and one tiny generated PDF) and practices with comments. */
export async function seedDemoLibrary(
  tx: Tx,
  district: UnitRow,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  now: string,
): Promise<{ materials: number; practices: number }> {
  const platforms = await tx.selectFrom('platforms').select(['id', 'code']).execute();
  const platformId = (code: string | null) =>
    code ? (platforms.find((p) => p.code === code)?.id ?? null) : null;
  const users = await tx.selectFrom('users').select(['id', 'username', 'full_name']).execute();
  const user = (name: string) => users.find((u) => u.username === name)!;

  for (const [code, card] of Object.entries(DEMO_GUIDE_CARDS)) {
    const id = platformId(code);
    if (!id) continue;
    await tx
      .insertInto('guide_cards')
      .values({
        platform_id: id,
        steps: JSON.stringify(card.steps),
        needs: JSON.stringify(card.needs),
        problems: JSON.stringify(card.problems),
        updated_at: now,
        updated_by: user('huyen').id,
      })
      .execute();
  }

  const huyen = user('huyen');
  const vnpt = user('vnpt');
  const pdf = tinyPdf();
  const pdfId = await storeLibraryFile(tx, {
    unitPath: district.path,
    purpose: 'material',
    mime: 'application/pdf',
    data: pdf,
    name: 'Phiếu chuẩn bị trước khi hỗ trợ người dân.pdf',
    userId: huyen.id,
  });
  const materials = [
    ...LINKS.map((m) => ({
      ...m,
      file: null as string | null,
      by: m.source.includes('VNPT') ? vnpt : huyen,
    })),
    {
      title: 'Phiếu chuẩn bị trước khi hỗ trợ người dân',
      description: 'Một trang: những gì người dân cần mang, in dán ở nhà văn hóa xóm.',
      platform: 'vneid',
      topic: 'digital_skills',
      kind: 'guide' as const,
      url: '',
      source: 'VNPT Thái Nguyên',
      file: pdfId,
      by: vnpt,
    },
  ];
  for (const [i, m] of materials.entries()) {
    const at = new Date(Date.parse(now) - (materials.length - i) * 3_600_000).toISOString();
    await tx
      .insertInto('materials')
      .values({
        id: newId(),
        unit_id: district.id,
        unit_path: district.path,
        kind: m.kind,
        title: m.title,
        description: m.description,
        text_folded: foldText(`${m.title} ${m.description} ${m.source}`),
        language: 'vi',
        source: m.source,
        platform_id: platformId(m.platform),
        topic: m.topic,
        url: m.url || null,
        file_id: m.file,
        created_by: m.by.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }

  const byCode = new Map(communes.map((c) => [c.commune.code, c]));
  for (const p of PRACTICES) {
    const c = byCode.get(p.commune);
    if (!c) continue;
    const id = newId();
    const author = user(p.author);
    const created = p.published ?? now;
    await tx
      .insertInto('practices')
      .values({
        id,
        unit_id: c.commune.id,
        unit_path: c.commune.path,
        title: p.title,
        body: p.body,
        text_folded: foldText(`${p.title} ${p.body}`),
        status: p.published ? 'published' : 'draft',
        featured: p.featured ? 1 : 0,
        published_at: p.published,
        author_id: author.id,
        created_at: created,
        updated_at: created,
      })
      .execute();
    const figurePlatform = p.figure ? platformId(p.figure.platform) : null;
    if (p.figure && figurePlatform && c.hamlets[0]) {
      await tx
        .insertInto('practice_figures')
        .values({
          id: newId(),
          practice_id: id,
          label: p.figure.label,
          platform_id: figurePlatform,
          unit_id: c.hamlets[0].id,
          outcome: p.figure.outcome,
          from_month: p.figure.from,
          to_month: p.figure.to,
          sort: 0,
        })
        .execute();
    }
    for (const cm of p.comments) {
      const u = user(cm.author);
      await tx
        .insertInto('practice_comments')
        .values({
          id: newId(),
          practice_id: id,
          author_id: u.id,
          author_name: u.full_name,
          body: cm.body,
          created_at: cm.at,
        })
        .execute();
    }
  }
  return { materials: materials.length, practices: PRACTICES.length };
}
