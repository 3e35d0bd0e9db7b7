import type { SystemActor } from '../features/audit/audit.service';
import { issueScope } from './scope';

/** The actor of trusted system tasks (start-up seed, command line): global scope, named in the audit log. */
export function systemActor(name: string): SystemActor {
  return { system: name, role: 'admin', scope: issueScope('admin', null) };
}
