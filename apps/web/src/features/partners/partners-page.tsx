import { Badge, Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePartnerList } from '../../api/trainings';
import { useCan } from '../../app/auth-guard';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';
import { PartnerModal } from './partner-modal';

const PAGE_SIZE = 20;

export function PartnersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { search, setSearch, debounced, page, setPage } = useSearchPaging();
  const [creating, setCreating] = useState(false);
  const list = usePartnerList(debounced, page, PAGE_SIZE);
  return (
    <Stack gap="sm">
      <PageHeader
        title={t('partners.title')}
        description={t('partners.description')}
        actions={
          can('partners:write') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('partners.add')}
            </Button>
          )
        }
      />
      <TextInput
        type="search"
        label={t('partners.search')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        style={{ maxWidth: 420 }}
      />
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={
          debounced
            ? t('partners.emptySearch')
            : can('partners:write')
              ? t('partners.empty')
              : t('partners.emptyPartner')
        }
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((p) => (
              <Paper key={p.id} withBorder radius="md" p="sm">
                <UnstyledButton
                  component={Link}
                  to={`/partners/${p.id}`}
                  style={{ display: 'block', width: '100%' }}
                >
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Stack gap={4} style={{ minWidth: 0 }}>
                      <Text fw={600} className="toso-break">
                        {p.name}
                      </Text>
                      <Group gap={4}>
                        <Badge variant="light">{t(`partners.kind.${p.kind}`)}</Badge>
                        <Text size="sm" c="dimmed">
                          {t('partners.summary', {
                            communes: p.communeCount,
                            trainings: p.trainings,
                          })}
                        </Text>
                      </Group>
                    </Stack>
                    <IconChevronRight size={18} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Paper>
            ))}
          </Stack>
        )}
      </PagedList>
      {creating && <PartnerModal partner={null} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
