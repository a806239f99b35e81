import type { Rule } from '../../../check/rule';
import { keyArnProblem } from '../support/customer-managed-key';

/** Delivery streams encrypt the records they buffer with a customer-managed key. */
export const firehoseEncryption: Rule = {
  id: 'aws-firehose-encryption',
  title: 'Firehose delivery streams must encrypt buffered records with a customer-managed key (CUSTOMER_MANAGED_CMK)',
  description:
    'A delivery stream buffers records (log events, audit trails, possibly PHI) for up to 24 hours before delivery. ' +
    'serverSideEncryption with keyType CUSTOMER_MANAGED_CMK puts them under your key while buffered; AWS_OWNED_CMK or no ' +
    'encryption does not. Streams that read from a Kinesis data stream or MSK are not judged: the source keeps the records ' +
    'there, and its own encryption applies.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream'],
  fix: 'Set serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: <key ARN> } (HipaaAuditStore does).',
  check(resource, _ctx, report) {
    if (resource.body.kinesisSourceConfiguration !== undefined || resource.body.mskSourceConfiguration !== undefined) return;
    const sse = resource.body.serverSideEncryption;
    if (sse?.enabled !== true) {
      report({ path: 'serverSideEncryption.enabled', message: `delivery stream '${resource.name}' does not encrypt the records it buffers (serverSideEncryption.enabled is not true)` });
      return;
    }
    if (sse.keyType !== 'CUSTOMER_MANAGED_CMK') {
      report({ path: 'serverSideEncryption.keyType', message: `delivery stream '${resource.name}' encrypts with keyType ${JSON.stringify(sse.keyType ?? 'AWS_OWNED_CMK')}, not CUSTOMER_MANAGED_CMK` });
      return;
    }
    const problem = keyArnProblem(sse.keyArn);
    if (problem) report({ path: 'serverSideEncryption.keyArn', message: `delivery stream '${resource.name}' has serverSideEncryption.keyArn with ${problem}: give a customer-managed key's ARN` });
  },
};
