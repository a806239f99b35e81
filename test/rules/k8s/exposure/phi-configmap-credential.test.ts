import { publicNamespace } from './fixtures';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiConfigMapCredential } from '../../../../lib/rules/k8s/exposure/phi-configmap-credential';
import { SOON } from '../../../helpers/dates';
import { namespace, NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { LEAKS, LOOK_ALIKES, pem } from '../credential-corpus';

/** A ConfigMap named settings in namespace `ns`. */
function configMap(fields: Record<string, unknown>, ns: string = NS): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, ...fields };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const PROPERTIES = [
  'spring.datasource.url=jdbc:postgresql://db.clinic.svc:5432/ehr',
  'spring.datasource.username=app',
  'spring.datasource.password=hunter22',
  'logging.level.root=INFO',
].join('\n');

describe('k8s-phi-configmap-credential', () => {
  test('passes ordinary settings, references and file paths in a PHI namespace', () => {
    const cm = configMap({
      data: {
        'LOG_LEVEL': 'info',
        'DB_PASSWORD_FILE': '/run/secrets/db/password',
        'application.properties': PROPERTIES.replace('hunter22', '${DB_PASSWORD}'),
        'config.yaml': 'database:\n  host: db\n  password:\n    fromFile: /run/secrets/db/password\n',
        'ca.crt': pem('CERTIFICATE'),
        'DB_PASSWORD': '',
      },
      binaryData: { 'logo.png': b64('\x89PNG\r\n\x1a\n binary image bytes') },
    });
    expect(violations(phiConfigMapCredential, [namespace, cm])).toEqual([]);
  });

  test('flags a credential-named key with a literal value, and a password line in a config file, naming keys and never values', () => {
    const cm = configMap({ data: { 'DB_PASSWORD': 'hunter2', 'application.properties': PROPERTIES } });
    const result = runRule(phiConfigMapCredential, [namespace, cm]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'data["DB_PASSWORD"]: the ConfigMap in PHI namespace \'clinic\' holds a password in data key \'DB_PASSWORD\'; the value is not shown here',
      'data["application.properties"]: the ConfigMap in PHI namespace \'clinic\' holds a password (under key \'spring.datasource.password\') in data key \'application.properties\'; the value is not shown here',
    ].sort());
    expect(JSON.stringify(result.findings)).not.toMatch(/hunter2/);
    expect(result.unwaived[0].fix).toContain('the secrets prop');
  });

  test.each(LEAKS.map(([name, value, what]) => [name, value, what]))('flags %s in data and in binaryData', (_n, value, what) => {
    const inData = violations(phiConfigMapCredential, [namespace, configMap({ data: { 'app.conf': value } })]);
    expect(inData).toHaveLength(1);
    expect(inData[0]).toContain(what);
    const inBinary = violations(phiConfigMapCredential, [namespace, configMap({ binaryData: { 'app.conf': b64(value) } })]);
    expect(inBinary).toHaveLength(1);
    expect(inBinary[0]).toMatch(/^binaryData\["app.conf"\]: /);
  });

  test.each(LOOK_ALIKES.map(([name, value]) => [name, value]))('passes %s', (_n, value) => {
    expect(violations(phiConfigMapCredential, [namespace, configMap({ data: { 'app.conf': value }, binaryData: { 'app.bin': b64(value) } })])).toEqual([]);
  });

  test('applies to ConfigMaps that count as PHI only, failing closed', () => {
    const leaky = (ns: string, label?: string) => {
      const cm = configMap({ data: { password: 'changeme' } }, ns);
      if (label) cm.metadata.labels = { [PHI_LABEL]: label };
      return cm;
    };
    // A namespace classified "false" and a ConfigMap classified "false": not PHI.
    expect(violations(phiConfigMapCredential, [publicNamespace(), leaky('public', 'false')])).toEqual([]);
    // Labelled "true" itself: PHI wherever it is.
    expect(violations(phiConfigMapCredential, [publicNamespace(), leaky('public', 'true')], { unclassifiedIsPhi: false })).toEqual([
      `data["password"]: the ConfigMap labelled ${PHI_LABEL}: "true" holds a password in data key 'password'; the value is not shown here`,
    ]);
    // Unclassified ConfigMap in a "false" namespace, and a namespace with no Namespace object: PHI unless the option is off.
    expect(violations(phiConfigMapCredential, [publicNamespace(), leaky('public')])).toEqual([
      `data["password"]: the ConfigMap in namespace 'public' without a ${PHI_LABEL} label of its own (unclassified, it counts as PHI) holds a password in data key 'password'; the value is not shown here`,
    ]);
    expect(violations(phiConfigMapCredential, [publicNamespace(), leaky('public')], { unclassifiedIsPhi: false })).toEqual([]);
    expect(violations(phiConfigMapCredential, [leaky('elsewhere', 'false')])).toHaveLength(1);
    expect(violations(phiConfigMapCredential, [leaky('elsewhere', 'false')], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('ignores values that are not strings and data that is not a map', () => {
    expect(violations(phiConfigMapCredential, [namespace, configMap({ data: { password: 1234, token: null } })])).toEqual([]);
    expect(violations(phiConfigMapCredential, [namespace, configMap({ data: ['password=hunter2'] })])).toEqual([]);
  });

  test('a waiver with a reason and an expiry accepts the finding', () => {
    const cm = configMap({ data: { password: 'changeme' } });
    cm.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-phi-configmap-credential', reason: 'Default password of a vendor chart, replaced at install by the operator', expires: SOON }]),
    };
    const result = runRule(phiConfigMapCredential, [namespace, cm]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual(['data["password"]']);
  });
});
