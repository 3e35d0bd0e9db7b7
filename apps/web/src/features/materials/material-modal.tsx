import {
  Button,
  FileInput,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  MATERIAL_KINDS,
  MATERIAL_LANGUAGES,
  MATERIAL_TOPICS,
  MAX_GUIDE_BYTES,
  MAX_VIDEO_BYTES,
  materialBody,
  type MaterialBody,
  type MaterialDto,
  type MaterialKind,
} from '@toso/domain/library';
import type { PlatformDto } from '@toso/domain/platforms';
import { createMaterial, libraryKeys, updateMaterial, uploadMaterialFile } from '../../api/library';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

interface Values {
  kind: MaterialKind;
  title: string;
  description: string;
  language: MaterialBody['language'];
  source: string;
  platformId: string;
  topic: MaterialBody['topic'];
  url: string;
  file: File | null;
}

function toBody(v: Values): MaterialBody {
  return {
    kind: v.kind,
    title: v.title,
    description: v.description,
    language: v.language,
    source: v.source,
    platformId: v.platformId || null,
    topic: v.topic,
    url: v.url.trim() || null,
  };
}

export function MaterialModal(props: {
  material: MaterialDto | null;
  platforms: PlatformDto[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const m = props.material;
  const schemaCheck = zodValidate<Values>(materialBody, toBody);
  const form = useForm<Values>({
    initialValues: {
      kind: m?.kind ?? 'guide',
      title: m?.title ?? '',
      description: m?.description ?? '',
      language: m?.language ?? 'vi',
      source: m?.source ?? '',
      platformId: m?.platformId ?? '',
      topic: m?.topic ?? 'public_services',
      url: m?.url ?? '',
      file: null,
    },
    validate: (v) => {
      const errors = schemaCheck(v);
      const max = v.kind === 'video' ? MAX_VIDEO_BYTES : MAX_GUIDE_BYTES;
      if (v.file && v.file.size > max)
        errors.file = t('library.materials.tooLarge', { mb: Math.round(max / 1048576) });
      if (!v.file && !v.url.trim() && !m?.file) errors.url = t('library.materials.linkOrFile');
      return errors;
    },
  });
  const mutation = useMutation({
    mutationFn: async (v: Values) => {
      const saved = m ? await updateMaterial(m.id, toBody(v)) : await createMaterial(toBody(v));
      if (v.file) {
        try {
          return await uploadMaterialFile(saved.id, v.file);
        } catch (error) {
          // The material exists without its file: say so next to the file field.
          await queryClient.invalidateQueries({ queryKey: libraryKeys.materials });
          throw error;
        }
      }
      return saved;
    },
    onSuccess: async (saved) => {
      notifySuccess(t('library.materials.saved', { title: saved.title }));
      await queryClient.invalidateQueries({ queryKey: libraryKeys.materials });
      await queryClient.invalidateQueries({ queryKey: libraryKeys.guides });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const accept =
    form.values.kind === 'video' ? 'video/mp4,video/webm' : 'application/pdf,image/png,image/jpeg';
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={m ? t('library.materials.editTitle') : t('library.materials.add')}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label={t('library.materials.kind')}
            data={MATERIAL_KINDS.map((k) => ({ value: k, label: t(`library.kind.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('library.materials.titleField')}
            required
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('library.materials.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('library.materials.platform')}
              data={[
                { value: '', label: t('library.materials.noPlatform') },
                ...props.platforms.map((p) => ({ value: p.id, label: p.name })),
              ]}
              {...form.getInputProps('platformId')}
            />
            <NativeSelect
              label={t('library.materials.topic')}
              data={MATERIAL_TOPICS.map((k) => ({ value: k, label: t(`library.topic.${k}`) }))}
              {...form.getInputProps('topic')}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('library.materials.language')}
              data={MATERIAL_LANGUAGES.map((k) => ({
                value: k,
                label: t(`library.language.${k}`),
              }))}
              {...form.getInputProps('language')}
            />
            <TextInput
              label={t('library.materials.source')}
              description={t('library.materials.sourceHint')}
              {...form.getInputProps('source')}
            />
          </Group>
          <TextInput
            label={t('library.materials.url')}
            placeholder="https://"
            {...form.getInputProps('url')}
          />
          <FileInput
            label={m?.file ? t('library.materials.replaceFile') : t('library.materials.file')}
            description={
              form.values.kind === 'video'
                ? t('library.materials.videoHint')
                : t('library.materials.guideHint')
            }
            accept={accept}
            clearable
            {...form.getInputProps('file')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
