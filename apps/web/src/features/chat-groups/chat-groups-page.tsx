import {
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  ActionIcon,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Text,
} from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconPrinter, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CHAT_PLATFORMS,
  CHAT_PLATFORM_LABELS,
  type ChatGroupDto,
  type ChatPlatform,
} from '@toso/domain/chat-groups';
import { useChatGroupList } from '../../api/chat-groups';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { usePageFor } from '../../components/use-page-for';
import { ChatGroupModal } from './chat-group-modal';
import { CountsModal } from './counts-modal';

const PAGE_SIZE = 20;

type Dialog =
  { kind: 'edit'; group: ChatGroupDto | null } | { kind: 'counts'; group: ChatGroupDto } | null;

export function ChatGroupsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [platform, setPlatform] = useState<ChatPlatform | ''>('');
  const [page, setPage] = usePageFor(platform);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useChatGroupList({ platform: platform || undefined, page, pageSize: PAGE_SIZE });
  const canWrite = can('chat_groups:write');

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('chatGroups.title')}
        description={t('chatGroups.description')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog({ kind: 'edit', group: null })}
            >
              {t('chatGroups.add')}
            </Button>
          )
        }
      />
      <NativeSelect
        label={t('chatGroups.platform')}
        value={platform}
        onChange={(e) => setPlatform(e.currentTarget.value as ChatPlatform | '')}
        data={[
          { value: '', label: t('chatGroups.allPlatforms') },
          ...CHAT_PLATFORMS.map((p) => ({
            value: p,
            label: t(`platform.${p}`, { defaultValue: CHAT_PLATFORM_LABELS[p] }),
          })),
        ]}
        maw={240}
      />
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={
          platform
            ? t('chatGroups.emptyFiltered')
            : canWrite
              ? t('chatGroups.empty')
              : t('chatGroups.emptyReadOnly')
        }
        emptyAction={
          canWrite &&
          !platform && (
            <Button variant="light" onClick={() => setDialog({ kind: 'edit', group: null })}>
              {t('chatGroups.add')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((g) => (
              <GroupRow
                key={g.id}
                group={g}
                canWrite={canWrite}
                onEdit={() => setDialog({ kind: 'edit', group: g })}
                onCounts={() => setDialog({ kind: 'counts', group: g })}
              />
            ))}
          </Stack>
        )}
      </PagedList>
      {dialog?.kind === 'edit' && (
        <ChatGroupModal group={dialog.group} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'counts' && (
        <CountsModal group={dialog.group} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}

function GroupRow(props: {
  group: ChatGroupDto;
  canWrite: boolean;
  onEdit: () => void;
  onCounts: () => void;
}) {
  const { t, i18n } = useTranslation();
  const g = props.group;
  const pct = g.coverage === null ? null : Math.round(g.coverage * 100);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="chat-group-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6}>
            <Text fw={600} className="toso-break">
              {g.name}
            </Text>
            <Badge size="sm" variant="light">
              {t(`platform.${g.platform}`, { defaultValue: CHAT_PLATFORM_LABELS[g.platform] })}
            </Badge>
            {!g.isActive && (
              <Badge size="sm" color="gray">
                {t('chatGroups.inactive')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" className="toso-break">
            {g.unitName}
            {g.admins ? ` · ${t('chatGroups.adminsShort', { admins: g.admins })}` : ''}
          </Text>
          <Text size="sm">
            {g.householdsTotal !== null
              ? t('chatGroups.joinedOfTotal', {
                  joined: g.householdsJoined,
                  total: g.householdsTotal,
                })
              : t('chatGroups.joined', { joined: g.householdsJoined })}
            {g.householdsTotalSource === 'registry' && ` (${t('chatGroups.fromRegistry')})`}
            {g.joinedUpdatedOn &&
              ` · ${t('chatGroups.updatedOn', { date: formatDate(g.joinedUpdatedOn, i18n.language) })}`}
          </Text>
          {pct !== null && <Progress value={pct} size="sm" maw={320} aria-label={`${pct}%`} />}
          <Group gap="sm">
            <Anchor component={Link} to={`/chat-groups/${g.id}/card`} size="sm">
              <Group gap={4} component="span">
                <IconPrinter size={14} />
                {t('chatGroups.card')}
              </Group>
            </Anchor>
            {g.inviteLink && (
              <Anchor
                href={g.inviteLink}
                target="_blank"
                rel="noreferrer"
                size="sm"
                className="toso-break"
              >
                {t('chatGroups.openLink')}
              </Anchor>
            )}
          </Group>
        </Stack>
        {props.canWrite && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('chatGroups.actionsFor', { name: g.name })}
              >
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={props.onEdit}>
                {t('common.edit')}
              </Menu.Item>
              <Menu.Item leftSection={<IconUsersGroup size={16} />} onClick={props.onCounts}>
                {t('chatGroups.recordCount')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Paper>
  );
}
