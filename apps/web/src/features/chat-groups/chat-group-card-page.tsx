import { Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CHAT_PLATFORM_LABELS } from '@toso/domain/chat-groups';
import { chatGroupQrUrl, useChatGroup } from '../../api/chat-groups';
import { ErrorState } from '../../components/error-state';

/** Print rules: an A6 page with only the card (the app shell is hidden). */
const PRINT_CSS = `
.toso-card {
  width: 100%;
  max-width: 105mm;
  margin: 0 auto;
  border: 1px solid var(--mantine-color-gray-4);
  border-radius: 8px;
  padding: 16px;
  text-align: center;
  background: #fff;
  color: #000;
}
.toso-card img { width: 100%; max-width: 62mm; height: auto; display: block; margin: 8px auto; }
@page { size: A6; margin: 8mm; }
@media print {
  .mantine-AppShell-header, .mantine-AppShell-navbar, .toso-no-print { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; min-height: 0 !important; }
  html, body { background: #fff !important; }
  .toso-card { border: none; padding: 0; max-width: none; break-inside: avoid; }
  .toso-card img { max-width: 58mm; }
}
`;

/** A printable A6 card with the group's QR code, to pin at the hamlet's cultural house. */
export function ChatGroupCardPage() {
  const { t } = useTranslation();
  const { groupId } = useParams();
  const query = useChatGroup(groupId);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  const g = query.data;
  const platform = CHAT_PLATFORM_LABELS[g.platform];
  return (
    <Stack gap="md">
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" className="toso-no-print" gap="xs">
        <Anchor component={Link} to="/chat-groups" size="sm">
          ← {t('chatGroups.backToList')}
        </Anchor>
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          {t('chatGroups.print')}
        </Button>
      </Group>
      {!g.inviteLink && (
        <Text c="orange" size="sm" className="toso-no-print">
          {t('chatGroups.noLink')}
        </Text>
      )}
      <article className="toso-card" data-testid="chat-group-card" lang="vi">
        <Text size="lg" fw={700} className="toso-break">
          {g.unitName}
        </Text>
        <Text size="md" fw={600} className="toso-break">
          {g.name}
        </Text>
        <Text size="sm">{`Nhóm ${platform}`}</Text>
        {g.inviteLink && <img src={chatGroupQrUrl(g.id)} alt={`Mã QR tham gia nhóm ${g.name}`} />}
        <Text size="md" fw={600}>
          {`Quét mã để tham gia nhóm ${platform} của ${g.unitLevel === 'commune' ? 'xã' : 'xóm'}`}
        </Text>
        <Text size="xs" mt={6}>
          {`Mở ứng dụng ${platform} → biểu tượng quét mã QR → hướng camera vào mã này.`}
        </Text>
        {g.admins && (
          <Text size="xs" mt={4} className="toso-break">
            {`Quản trị nhóm: ${g.admins}`}
          </Text>
        )}
      </article>
    </Stack>
  );
}
