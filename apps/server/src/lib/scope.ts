import type { Role } from '@toso/domain/roles';

const issued = Symbol('scope');

/**
 * The unit subtree a user may see. Only the auth layer (and trusted system code such as the
 * command line) can make one, through `issueScope`; every query over unit-owned data takes it.
 */
export class Scope {
  readonly #brand = true;
  private constructor(
    readonly all: boolean,
    readonly unitId: string | null,
    readonly path: string,
    readonly role: Role,
  ) {}

  static create(
    token: typeof issued,
    all: boolean,
    unitId: string | null,
    path: string,
    role: Role,
  ): Scope {
    if (token !== issued) throw new Error('Scopes are issued by the auth layer only');
    return new Scope(all, unitId, path, role);
  }

  /** Whether a unit path lies inside this scope's subtree. */
  contains(unitPath: string): boolean {
    return this.all || unitPath.startsWith(this.path);
  }

  get isBranded(): boolean {
    return this.#brand;
  }
}

/** For the auth layer and system tasks only: a scope over a unit's subtree, or over everything. */
export function issueScope(role: Role, unit: { id: string; path: string } | null): Scope {
  if (unit === null) return Scope.create(issued, true, null, '/', role);
  return Scope.create(issued, false, unit.id, unit.path, role);
}
