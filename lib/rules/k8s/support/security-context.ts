/**
 * Security context combinations the API server refuses (apimachinery
 * `validateContainerSecurityContext`): a container cannot be both privileged and denied
 * privilege escalation, nor add CAP_SYS_ADMIN while denied it.
 */

/** Why a container security context is refused, or undefined. Reads the written fields only. */
export function escalationConflict(securityContext: unknown): { field: string; message: string } | undefined {
  if (securityContext === null || typeof securityContext !== 'object') return undefined;
  const sc = securityContext as Record<string, any>;
  if (sc.allowPrivilegeEscalation !== false) return undefined;
  if (sc.privileged === true) {
    return {
      field: 'privileged',
      message: 'sets privileged: true together with allowPrivilegeEscalation: false, which the API server refuses (a privileged container can always escalate)',
    };
  }
  const add = sc.capabilities?.add;
  if (Array.isArray(add) && add.some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN')) {
    return {
      field: 'capabilities.add',
      message: 'adds SYS_ADMIN together with allowPrivilegeEscalation: false, which the API server refuses (SYS_ADMIN allows escalation)',
    };
  }
  return undefined;
}

/** Largest UID/GID the API server accepts in runAsUser, runAsGroup, fsGroup and supplementalGroups. */
export const MAX_ID = 2147483647;

/** Why a UID/GID is refused by the API server, or undefined when it is accepted. */
export function idProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_ID) {
    return `${JSON.stringify(value)} is not a whole number between 0 and ${MAX_ID}`;
  }
  return undefined;
}
