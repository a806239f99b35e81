import { schedule } from './fixtures';
import { veleroScheduleRetention } from '../../../../lib/rules/k8s/storage/velero-schedule-retention';
import { NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const R = 'hipaa-constructs.io/retention';
const P = `metadata.annotations["${R}"]`;

describe('k8s-velero-schedule-retention', () => {
  test('flags a TTL shorter than the stated retention, with the fix', () => {
    const result = runRule(veleroScheduleRetention, [schedule({ includedNamespaces: [NS], ttl: '720h0m0s' }, { [R]: '2160h' })]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `spec.template.ttl: Schedule 'daily' keeps backups for 720h (30 days), less than the retention it states (${R}: 2160h (90 days))`,
    ]);
    expect(result.unwaived[0].fix).toBe('Set spec.template.ttl to at least 2160h.');
  });

  test("an unset TTL is Velero's default of 720h", () => {
    expect(violations(veleroScheduleRetention, [schedule({ includedNamespaces: [NS] }, { [R]: '8760h' })])).toEqual([
      `spec.template.ttl: Schedule 'daily' keeps backups for Velero's default TTL of 720h (30 days), as spec.template.ttl is unset, less than the retention it states (${R}: 8760h (365 days))`,
    ]);
    expect(violations(veleroScheduleRetention, [schedule({ includedNamespaces: [NS] }, { [R]: '720h' })])).toEqual([]);
  });

  test('passes a TTL equal to or longer than the retention, in any Go duration form', () => {
    expect(violations(veleroScheduleRetention, [schedule()])).toEqual([]);
    expect(violations(veleroScheduleRetention, [schedule({ ttl: '2200h30m' }, { [R]: '2160h0m0s' })])).toEqual([]);
    expect(violations(veleroScheduleRetention, [schedule({ ttl: '90m' }, { [R]: '1h30m' })])).toEqual([]);
  });

  test('refuses a retention or TTL that is not a Go duration', () => {
    expect(violations(veleroScheduleRetention, [schedule({ ttl: '2160h' }, { [R]: '90d' })])).toEqual([
      `${P}: Schedule 'daily' states retention "90d", which is not a positive Go duration (e.g. 2160h for 90 days)`,
    ]);
    expect(violations(veleroScheduleRetention, [schedule({ ttl: '2160h' }, { [R]: '0h' })])).toHaveLength(1);
    expect(violations(veleroScheduleRetention, [schedule({ ttl: '90 days' }, { [R]: '2160h' })])).toEqual([
      "spec.template.ttl: Schedule 'daily' has spec.template.ttl \"90 days\", which is not a Go duration (Velero rejects it)",
    ]);
  });

  test('does not judge a Schedule without the annotation, or a Schedule of another API group', () => {
    expect(violations(veleroScheduleRetention, [schedule({ ttl: '1h' }, {})])).toEqual([]);
    const other = schedule({ ttl: '1h' });
    other.apiVersion = 'example.com/v1';
    expect(violations(veleroScheduleRetention, [other])).toEqual([]);
  });
});
