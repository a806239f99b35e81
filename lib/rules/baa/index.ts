import { backupTargetRule } from './backup-target';
import { expiredRule } from './expired';
import { imageRegistryRule } from './image-registry';
import { logSinkRule } from './log-sink';
import { phiEgressRule } from './phi-egress';
import { registerStaleRule } from './register-stale';
import { secretStoreRule } from './secret-store';
import { serviceNotEligibleRule } from './service-not-eligible';
import type { RulePack } from '../../check/rule';

/**
 * The BAA rules (45 CFR 164.308(b)(1), 164.314(a)(1)): every external destination of a PHI flow
 * resolves to a vendor with a current BAA. They read the register from the check's settings; the
 * CLI and the cdk8s plugin add this pack when a register is given.
 */
export const baaPack: RulePack = {
  name: 'baa',
  description: 'Business Associate Agreements: PHI flows only to vendors with a current BAA.',
  rules: [phiEgressRule, imageRegistryRule, logSinkRule, backupTargetRule, secretStoreRule, expiredRule, serviceNotEligibleRule, registerStaleRule],
};
