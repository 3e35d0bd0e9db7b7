import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { POLICY_TOPICS } from '@toso/domain/trainings';
import { listPlatforms } from '../../api/field';

/** Topics a training can teach: the platforms of the catalogue, then the policy topics. */
export function useTopicOptions() {
  const { t } = useTranslation();
  const platforms = useQuery({
    queryKey: ['platforms'],
    queryFn: listPlatforms,
    staleTime: 60_000,
  });
  const groups = [
    {
      group: t('trainings.topicPlatforms'),
      items: (platforms.data ?? [])
        .filter((p) => p.retiredOn === null)
        .map((p) => ({ value: `platform:${p.id}`, label: p.name })),
    },
    {
      group: t('trainings.topicPolicies'),
      items: POLICY_TOPICS.map((p) => ({
        value: `policy:${p}`,
        label: t(`trainings.policy.${p}`),
      })),
    },
  ];
  return { groups, isPending: platforms.isPending };
}
