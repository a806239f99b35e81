import { baaRule, baaViolations } from './support/baa-rule';
import { destinationJudgement } from './support/destination-rule';

/** The logic of baa-secret-store as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const secretStoreViolations = baaViolations(destinationJudgement('secret-store'));

/** Secrets of PHI workloads come only from secret stores of vendors with a BAA. */
export const secretStoreRule = baaRule(
  {
    id: 'baa-secret-store',
    title: 'Secrets of PHI workloads come only from secret stores of vendors with a BAA',
    description:
      'A hosted secret store (AWS Secrets Manager, a hosted Vault) holds the credentials and keys that open PHI databases and decrypt PHI; its operator can reach PHI with them, so the register must name the store\'s vendor and its BAA (45 CFR 164.308(b)(1), 164.314(a)(1)). Fails closed: a store no vendor of the register matches is a finding.',
    severity: 'error',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Register the secret store\'s vendor with its signed BAA in hipaa-baa.yaml (match: {secretStores: [...]}), or move the secrets to a store that has one.',
  },
  secretStoreViolations,
);
