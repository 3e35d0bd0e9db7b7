import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getTeam, listTeams } from '../../api/teams';
import { useCommunesInScope } from '../../api/trainings';
import { useCurrentUser } from '../../app/auth-guard';

export interface Invitees {
  teamIds: string[];
  memberIds: string[];
}

/**
 * Picks the invited: several communes at once, then whole teams (one per hamlet) or, inside a
 * team, individual members. A commune officer's own commune is chosen from the start.
 */
export function TeamPicker(props: { value: Invitees; onChange: (v: Invitees) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isCommune = me.user.role === 'commune_officer';
  const communes = useCommunesInScope(!isCommune);
  const [chosen, setChosen] = useState<string[]>(
    isCommune && me.user.unitId ? [me.user.unitId] : [],
  );
  const [open, setOpen] = useState<string | null>(null);
  const teams = useQueries({
    queries: chosen.map((unitId) => ({
      queryKey: ['teams', 'list', { unitId, pageSize: 200 }],
      queryFn: () => listTeams({ unitId, pageSize: 200 }),
    })),
  });
  const openTeam = useQuery({
    queryKey: ['teams', 'detail', open ?? ''],
    queryFn: () => getTeam(open ?? ''),
    enabled: Boolean(open),
  });
  const allTeams = teams
    .flatMap((q) => q.data?.items ?? [])
    .filter((x) => x.status !== 'dissolved');
  const toggleTeam = (id: string, on: boolean) =>
    props.onChange({
      ...props.value,
      teamIds: on ? [...props.value.teamIds, id] : props.value.teamIds.filter((x) => x !== id),
    });
  const toggleMember = (id: string, on: boolean) =>
    props.onChange({
      ...props.value,
      memberIds: on
        ? [...props.value.memberIds, id]
        : props.value.memberIds.filter((x) => x !== id),
    });
  const allOn = allTeams.length > 0 && allTeams.every((x) => props.value.teamIds.includes(x.id));

  return (
    <Stack gap="xs">
      {!isCommune && (
        <MultiSelect
          label={t('trainings.pickCommunes')}
          description={t('trainings.pickCommunesHelp')}
          data={(communes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={chosen}
          onChange={setChosen}
          searchable
          clearable
          rightSection={communes.isFetching ? <Loader size="xs" /> : undefined}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {teams.some((q) => q.isPending) && <Loader size="sm" aria-label={t('common.loading')} />}
      {chosen.length > 0 && allTeams.length === 0 && !teams.some((q) => q.isPending) && (
        <Text size="sm" c="dimmed">
          {t('trainings.noTeams')}
        </Text>
      )}
      {allTeams.length > 0 && (
        <Paper withBorder p="xs" radius="md">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs">
              <Checkbox
                label={t('trainings.allTeams', { count: allTeams.length })}
                checked={allOn}
                indeterminate={!allOn && props.value.teamIds.length > 0}
                onChange={(e) =>
                  props.onChange({
                    ...props.value,
                    teamIds: e.currentTarget.checked ? allTeams.map((x) => x.id) : [],
                  })
                }
              />
              <Badge variant="light">
                {t('trainings.chosen', {
                  teams: props.value.teamIds.length,
                  members: props.value.memberIds.length,
                })}
              </Badge>
            </Group>
            {allTeams.map((team) => (
              <Stack key={team.id} gap={4}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Checkbox
                    label={`${team.hamletName} — ${team.communeName ?? ''}`}
                    description={t('trainings.teamMembers', { count: team.memberCount })}
                    checked={props.value.teamIds.includes(team.id)}
                    onChange={(e) => toggleTeam(team.id, e.currentTarget.checked)}
                  />
                  {!props.value.teamIds.includes(team.id) && (
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      onClick={() => setOpen(open === team.id ? null : team.id)}
                    >
                      {t('trainings.pickMembers')}
                    </Anchor>
                  )}
                </Group>
                {open === team.id && !props.value.teamIds.includes(team.id) && (
                  <Stack gap={4} pl="lg">
                    {openTeam.isPending && <Loader size="xs" />}
                    {openTeam.data?.members.map((m) => (
                      <Checkbox
                        key={m.id}
                        size="xs"
                        label={m.fullName}
                        checked={props.value.memberIds.includes(m.id)}
                        onChange={(e) => toggleMember(m.id, e.currentTarget.checked)}
                      />
                    ))}
                  </Stack>
                )}
              </Stack>
            ))}
          </Stack>
        </Paper>
      )}
      {(props.value.teamIds.length > 0 || props.value.memberIds.length > 0) && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => props.onChange({ teamIds: [], memberIds: [] })}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('trainings.clearInvitees')}
        </Button>
      )}
    </Stack>
  );
}
