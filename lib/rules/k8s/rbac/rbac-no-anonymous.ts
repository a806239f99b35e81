import { BINDING_KINDS, roleRefOf, subjectsOf } from './policy';
import type { Rule } from '../../../check/rule';

/** Why each identity that stands for "anyone" must not be bound, keyed by `kind name`. */
const EVERYONE = new Map<string, string>([
  ['User system:anonymous', 'every request that carries no credentials'],
  ['Group system:unauthenticated', 'every request that carries no credentials'],
  ['Group system:authenticated', 'every authenticated identity, including every ServiceAccount of every namespace'],
  ['Group system:serviceaccounts', 'every ServiceAccount of every namespace'],
]);
const NAMES = new Set(['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:serviceaccounts']);
const NAMESPACE_SERVICE_ACCOUNTS = 'system:serviceaccounts:';

/** No binding to system:anonymous, system:unauthenticated, system:authenticated or the system:serviceaccounts groups. */
export const rbacNoAnonymous: Rule = {
  id: 'k8s-rbac-no-anonymous',
  title: 'Bindings must not grant roles to anonymous, unauthenticated or all authenticated users, or to all ServiceAccounts',
  description:
    'The user system:anonymous and the group system:unauthenticated stand for requests without credentials; the ' +
    'group system:authenticated holds every identity the API server accepts, so it includes every ServiceAccount ' +
    'token of every pod in the cluster. A role bound to any of them cannot be attributed to a person or workload ' +
    '(HIPAA unique user identification, person or entity authentication), and a single compromised pod inherits it. ' +
    'The groups system:serviceaccounts and system:serviceaccounts:<namespace> hold every ServiceAccount (of a ' +
    'namespace), so any pod inherits what they are granted. ' +
    'The Kubernetes "Role Based Access Control Good Practices" advise against binding these groups.',
  severity: 'error',
  controls: ['164.308(a)(3)', '164.312(a)(2)(i)', '164.312(d)'],
  kinds: BINDING_KINDS,
  fix: 'Bind the role to named groups from your identity provider or to the specific ServiceAccounts that need it.',
  check(resource, _ctx, report) {
    const subjects = subjectsOf(resource);
    for (let i = 0; i < subjects.length; i++) {
      const s = subjects[i];
      if (s === null || typeof s !== 'object') continue;
      let who: string | undefined;
      if (NAMES.has(s.name)) {
        who = EVERYONE.get(`${s.kind} ${s.name}`);
      } else if (s.kind === 'Group' && typeof s.name === 'string' && s.name.startsWith(NAMESPACE_SERVICE_ACCOUNTS)) {
        who = `every ServiceAccount of namespace '${s.name.slice(NAMESPACE_SERVICE_ACCOUNTS.length)}', so any pod there inherits it`;
      }
      if (who === undefined) continue;
      const ref = roleRefOf(resource);
      report({
        path: `subjects[${i}].name`,
        message: `grants ${ref ? `${ref.kind} '${ref.name}'` : 'its role'} to ${s.kind} '${s.name}', which is ${who}`,
      });
    }
  },
};
