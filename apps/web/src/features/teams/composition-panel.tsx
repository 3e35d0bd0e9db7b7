import { Alert, List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  checkComposition,
  type Affiliation,
  type TeamDetailDto,
  type TeamRole,
} from '@toso/domain/teams';
import { affiliationLabel } from './team-labels';

interface Line {
  ok: boolean;
  text: string;
}

/** ✓/✗ lines for the team's composition rules, for the members given (e.g. with an edit applied). */
export function CompositionPanel(props: {
  members: readonly { affiliation: Affiliation; role: TeamRole }[];
  settings: TeamDetailDto['settings'];
  title?: string;
}) {
  const { t } = useTranslation();
  const { settings, members } = props;
  const result = checkComposition(members, settings);
  const codes = new Set(result.issues.map((i) => i.code));
  const leaders = members.filter((m) => m.role === 'leader').length;
  const lines: Line[] = [
    {
      ok: !codes.has('too_small') && !codes.has('too_large'),
      text: t('composition.size', {
        size: result.size,
        min: settings.teamSizeMin,
        max: settings.teamSizeMax,
      }),
    },
    ...settings.requiredAffiliations.map((a) => ({
      ok: members.some((m) => m.affiliation === a),
      text: t('composition.affiliation', { name: affiliationLabel(t, a) }),
    })),
    { ok: leaders === 1, text: t('composition.leader', { count: leaders }) },
  ];
  return (
    <section aria-label={props.title ?? t('composition.title')}>
      <Alert
        color={result.isComplete ? 'teal' : 'orange'}
        title={
          <span data-testid="composition-status">
            {result.isComplete ? t('composition.complete') : t('composition.incomplete')}
          </span>
        }
        role="status"
        data-complete={result.isComplete ? 'true' : 'false'}
      >
        {props.title && (
          <Text size="sm" c="dimmed" mb={6}>
            {props.title}
          </Text>
        )}
        <List spacing={4} size="sm" center>
          {lines.map((line) => (
            <List.Item
              key={line.text}
              icon={
                <ThemeIcon color={line.ok ? 'teal' : 'red'} size={20} radius="xl">
                  {line.ok ? <IconCheck size={14} /> : <IconX size={14} />}
                </ThemeIcon>
              }
            >
              <span className="toso-break">
                <VisuallyHidden>{line.ok ? '✓ ' : '✗ '}</VisuallyHidden>
                {line.text}
              </span>
            </List.Item>
          ))}
        </List>
      </Alert>
    </section>
  );
}
