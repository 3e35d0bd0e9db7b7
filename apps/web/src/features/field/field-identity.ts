import { createContext, useContext } from 'react';
import type { MeDto } from '@toso/domain/users';
import type { StoredIdentity } from '../../offline/db';

/** Who uses the field screen: the live session, or the identity kept on the device offline. */
export const FieldIdentityContext = createContext<{
  identity: StoredIdentity;
  /** The live session; null when the screen runs on the identity kept on the device. */
  me: MeDto | null;
  offlineSession: boolean;
} | null>(null);

export function useFieldIdentity() {
  const value = useContext(FieldIdentityContext);
  if (!value) throw new Error('useFieldIdentity outside FieldGuard');
  return value;
}
