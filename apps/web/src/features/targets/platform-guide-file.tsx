import { Anchor, Button, FileButton, Group, Modal, Text } from '@mantine/core';
import { IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PLATFORM_GUIDE_BYTES, type PlatformDto } from '@toso/domain/platforms';
import {
  catalogueKeys,
  platformGuideUrl,
  removePlatformGuide,
  uploadPlatformGuide,
} from '../../api/targets';
import { isApiError } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';

const ACCEPT =
  'application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx';

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * A platform's how-to guide as a file: a link to open it for everyone who sees the catalogue, and
 * for the district or province officer upload, replace and remove (with confirmation). The file is
 * served online only; the field screen keeps the guide cards offline, not these files.
 */
export function PlatformGuideFile(props: { platform: PlatformDto; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { platform: p } = props;
  const [confirm, setConfirm] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const done = () => void queryClient.invalidateQueries({ queryKey: catalogueKeys.platforms });
  const upload = useMutation({
    mutationFn: (file: File) => uploadPlatformGuide(p.id, file),
    onSuccess: () => {
      done();
      setProblem(null);
      notifySuccess(t('platformGuide.uploaded'));
    },
    // A wrong type or a file too large: the server's sentence (it names what is accepted).
    onError: (e) =>
      isApiError(e) && (e.status === 413 || e.status === 415)
        ? setProblem(e.message)
        : notifyError(e, t),
  });
  const remove = useMutation({
    mutationFn: () => removePlatformGuide(p.id),
    onSuccess: () => {
      done();
      setConfirm(false);
      notifySuccess(t('platformGuide.removed'));
    },
    onError: (e) => notifyError(e, t),
  });
  if (!p.guideFile && !props.canWrite) return null;
  return (
    <Group gap="xs" wrap="wrap" data-testid="platform-guide-file">
      {p.guideFile && (
        <Anchor
          href={platformGuideUrl(p.id, true)}
          target="_blank"
          rel="noreferrer"
          size="sm"
          className="toso-break"
        >
          <IconPaperclip size={14} />{' '}
          {t('platformGuide.open', { name: p.guideFile.name, size: size(p.guideFile.size) })}
        </Anchor>
      )}
      {p.guideFile && (
        <Text size="xs" c="dimmed">
          {t('platformGuide.onlineOnly')}
        </Text>
      )}
      {props.canWrite && (
        <FileButton
          accept={ACCEPT}
          onChange={(file) => {
            if (!file) return;
            const tooBig = file.size > MAX_PLATFORM_GUIDE_BYTES;
            setProblem(tooBig ? t('platformGuide.tooBig') : null);
            if (!tooBig) upload.mutate(file);
          }}
        >
          {(fileProps) => (
            <Button
              {...fileProps}
              size="compact-sm"
              variant="subtle"
              loading={upload.isPending}
              leftSection={<IconUpload size={14} />}
              aria-label={t('platformGuide.uploadNamed', { name: p.name })}
            >
              {p.guideFile ? t('platformGuide.replace') : t('platformGuide.upload')}
            </Button>
          )}
        </FileButton>
      )}
      {props.canWrite && p.guideFile && (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => setConfirm(true)}
          aria-label={t('platformGuide.removeNamed', { name: p.name })}
        >
          {t('platformGuide.remove')}
        </Button>
      )}
      {problem && (
        <Text size="xs" c="red" role="alert">
          {problem}
        </Text>
      )}
      <Modal
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('platformGuide.confirmTitle')}
      >
        <Text size="sm" mb="md">
          {t('platformGuide.confirm', { name: p.guideFile?.name ?? '', platform: p.name })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('platformGuide.remove')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}
