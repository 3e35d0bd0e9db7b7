import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { notifyError } from './notify';

type FormErrors = Record<string, ReactNode>;

/** Validates Mantine form values with a shared zod schema (first message per field). */
export function zodValidate<T>(schema: z.ZodType, map: (values: T) => unknown = (v) => v) {
  return (values: T): FormErrors => {
    const result = schema.safeParse(map(values));
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      if (!(key in errors)) errors[key] = issue.message;
    }
    return errors;
  };
}

interface FormLike {
  values: object;
  setFieldError: (path: string, error: ReactNode) => void;
}

/**
 * Puts each server error detail next to its field ("body.name" → "name");
 * anything that has no field on this form is shown as a notification.
 */
export function applyServerErrors(form: FormLike, error: unknown, t: TFunction): void {
  if (!(error instanceof ApiError) || error.status >= 500 || error.details.length === 0) {
    notifyError(error, t);
    return;
  }
  const fields = Object.keys(form.values);
  let unplaced = false;
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\./, '');
    if (fields.includes(field.split('.')[0] ?? '')) form.setFieldError(field, detail.message);
    else unplaced = true;
  }
  if (unplaced) notifyError(error, t);
}
