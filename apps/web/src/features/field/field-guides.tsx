import { ActionIcon, Button, Drawer, NavLink, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconBook2, IconChevronRight, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVietnamese } from '@toso/domain/text';
import { db } from '../../offline/db';
import { useLiveQuery } from '../../offline/hooks';
import { GuideCardView } from '../materials/guide-card-view';

/** The guide of one platform from the device copy, in a drawer (works with no connection). */
function GuideDrawer(props: {
  platformId: string | null;
  opened: boolean;
  online: boolean;
  onBack?: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const card = useLiveQuery(`guide|${props.platformId ?? ''}`, async () =>
    props.platformId ? ((await db.guides.get(props.platformId)) ?? null) : null,
  );
  return (
    <Drawer
      opened={props.opened}
      onClose={props.onClose}
      position="bottom"
      size="90%"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={card ? t('library.guide.title', { name: card.platformName }) : t('library.guide.list')}
    >
      <Stack gap="sm">
        {props.onBack && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconArrowLeft size={16} />}
            onClick={props.onBack}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('library.guide.allPlatforms')}
          </Button>
        )}
        {card === undefined ? null : card === null ? (
          <Text c="dimmed" size="sm">
            {t('library.guide.notOnDevice')}
          </Text>
        ) : (
          <GuideCardView card={card} online={props.online} />
        )}
      </Stack>
    </Drawer>
  );
}

/** "Hướng dẫn hỗ trợ": the platforms' guide cards kept on the device; one tap opens a card. */
export function FieldGuidesButton(props: { online: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [platformId, setPlatformId] = useState<string | null>(null);
  const guides = useLiveQuery('guides', async () => {
    const rows = await db.guides.toArray();
    return rows.sort((a, b) => compareVietnamese(a.platformName, b.platformName));
  });
  return (
    <>
      <Button
        variant="light"
        size="compact-md"
        leftSection={<IconBook2 size={18} />}
        onClick={() => setOpen(true)}
      >
        {t('library.guide.open')}
      </Button>
      <Drawer
        opened={open && platformId === null}
        onClose={() => setOpen(false)}
        position="bottom"
        size="90%"
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={t('library.guide.list')}
      >
        {guides && guides.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('library.guide.noneOnDevice')}
          </Text>
        ) : (
          <nav aria-label={t('library.guide.list')}>
            {(guides ?? []).map((g) => (
              <NavLink
                key={g.platformId}
                label={g.platformName}
                description={g.steps.length === 0 ? t('library.guide.noCardShort') : undefined}
                rightSection={<IconChevronRight size={16} />}
                onClick={() => setPlatformId(g.platformId)}
              />
            ))}
          </nav>
        )}
      </Drawer>
      <GuideDrawer
        platformId={platformId}
        opened={open && platformId !== null}
        online={props.online}
        onBack={() => setPlatformId(null)}
        onClose={() => {
          setPlatformId(null);
          setOpen(false);
        }}
      />
    </>
  );
}

/** The (i) next to a platform in the checklist: its guide card in one tap. */
export function PlatformGuideIcon(props: { platformId: string; name: string; online: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ActionIcon
        variant="subtle"
        size="md"
        aria-label={t('library.guide.title', { name: props.name })}
        onClick={() => setOpen(true)}
      >
        <IconInfoCircle size={18} />
      </ActionIcon>
      {open && (
        <GuideDrawer
          platformId={props.platformId}
          opened
          online={props.online}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
