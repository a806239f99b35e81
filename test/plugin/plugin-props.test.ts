import { HipaaValidationPlugin } from '../../lib/plugin';

/** The message the constructor throws for `properties`, as the cdk8s CLI passes them (any YAML value). */
function refusal(properties: unknown): string {
  try {
    new HipaaValidationPlugin(properties as any);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(properties)}`);
}

const P = 'HipaaValidationPlugin: cdk8s.yaml validations[].properties';

describe('HipaaValidationPlugin properties', () => {
  test('accepts every setting, and none', () => {
    expect(new HipaaValidationPlugin().props).toEqual({});
    expect(new HipaaValidationPlugin(undefined).props).toEqual({});
    const all = {
      failOn: 'warning',
      waivers: 'hipaa-waivers.yaml',
      baseline: 'hipaa-baseline.json',
      allowStaleBaseline: true,
      baaRegister: 'hipaa-baa.yaml',
      reportDir: 'dist/compliance',
      formats: ['sarif', 'junit'],
      kubernetesVersion: 'v1.30',
      allowedRegistries: ['ghcr.io/acme', '*.dkr.ecr.*.amazonaws.com'],
      unclassifiedIsPhi: false,
      defaultNamespace: 'clinic',
      maxWaiverMonths: 6,
      minEgressPrefix: { ipv4: 24 },
    } as const;
    expect(new HipaaValidationPlugin(all).props).toEqual({ ...all, kubernetesVersion: '1.30' });
  });

  test('properties that are not a mapping', () => {
    expect(refusal(['failOn: error'])).toBe(`${P} must be a mapping of settings (failOn, reportDir, ...), got a list (["failOn: error"])`);
    expect(refusal('failOn: error')).toBe(`${P} must be a mapping of settings (failOn, reportDir, ...), got the string "failOn: error"`);
  });

  test('unknown keys, named with the known ones', () => {
    expect(refusal({ failon: 'error' })).toBe(
      `${P}: unknown property 'failon' (did you mean 'failOn'?) (known: allowStaleBaseline, allowedRegistries, baaRegister, baseline, defaultNamespace, failOn, ` +
        'formats, kubernetesVersion, maxWaiverMonths, minEgressPrefix, reportDir, unclassifiedIsPhi, waivers)',
    );
  });

  test('a misspelt key names the property it meant', () => {
    const known = '(known: allowStaleBaseline, allowedRegistries, baaRegister, baseline, defaultNamespace, failOn, ' +
      'formats, kubernetesVersion, maxWaiverMonths, minEgressPrefix, reportDir, unclassifiedIsPhi, waivers)';
    expect(refusal({ reportdir: 'dist/compliance' })).toBe(`${P}: unknown property 'reportdir' (did you mean 'reportDir'?) ${known}`);
    expect(refusal({ baaregister: 'hipaa-baa.yaml' })).toBe(`${P}: unknown property 'baaregister' (did you mean 'baaRegister'?) ${known}`);
    expect(refusal({ waiver: 'w.yaml' })).toBe(`${P}: unknown property 'waiver' (did you mean 'waivers'?) ${known}`);
  });

  test('failOn', () => {
    expect(refusal({ failOn: 'errors' })).toBe(`${P}.failOn: expected one of error, warning, never, got the string "errors"`);
    expect(refusal({ failOn: true })).toBe(`${P}.failOn: expected one of error, warning, never, got boolean true`);
  });

  test('paths: waivers, baseline, baaRegister, reportDir', () => {
    expect(refusal({ waivers: ['a.yaml', 'b.yaml'] })).toBe(
      `${P}.waivers: expected a file path (relative to the directory cdk8s runs in), got a list (["a.yaml","b.yaml"])`,
    );
    expect(refusal({ baseline: '' })).toBe(`${P}.baseline: expected a file path (relative to the directory cdk8s runs in), got the string ""`);
    expect(refusal({ baaRegister: 3 })).toBe(`${P}.baaRegister: expected a file path (relative to the directory cdk8s runs in), got number 3`);
    expect(refusal({ reportDir: { dir: 'x' } })).toBe(`${P}.reportDir: expected a directory path (relative to the directory cdk8s runs in), got a mapping`);
  });

  test('formats: a list of known formats, with reportDir', () => {
    expect(refusal({ reportDir: 'out', formats: 'sarif' })).toBe(
      `${P}.formats: expected a list of report formats (sarif, json, markdown, html, junit, oscal, dot), got the string "sarif"; write [sarif]`,
    );
    expect(refusal({ reportDir: 'out', formats: [] })).toBe(
      `${P}.formats: expected at least one of sarif, json, markdown, html, junit, oscal, dot; leave formats out to write them all`,
    );
    expect(refusal({ reportDir: 'out', formats: ['sarif', 'pdf', 'sarif'] })).toBe(
      'HipaaValidationPlugin: 2 problems:\n- cdk8s.yaml validations[].properties.formats[1]: expected one of sarif, json, markdown, html, junit, oscal, dot, got the string "pdf"\n' +
        "- cdk8s.yaml validations[].properties.formats[2]: 'sarif' is listed twice",
    );
    expect(refusal({ formats: ['sarif'] })).toBe(`${P}.formats: names reports but reportDir is not set; give reportDir, the directory to write them into`);
  });

  test('kubernetesVersion: a quoted minor version (YAML reads 1.30 as 1.3)', () => {
    expect(refusal({ kubernetesVersion: 1.3 })).toBe(
      `${P}.kubernetesVersion: expected a string such as '1.30', got the number 1.3; quote it in cdk8s.yaml (YAML reads 1.30 as the number 1.3)`,
    );
    expect(refusal({ kubernetesVersion: '1.30.2' })).toBe(`${P}.kubernetesVersion: expected a Kubernetes minor version such as '1.30', got the string "1.30.2"`);
  });

  test('allowedRegistries: a list of valid registry patterns', () => {
    expect(refusal({ allowedRegistries: 'ghcr.io/acme' })).toBe(`${P}.allowedRegistries: expected a list of registry patterns, got the string "ghcr.io/acme"; write [ghcr.io/acme]`);
    expect(refusal({ allowedRegistries: ['https://ghcr.io', 5] })).toBe(
      'HipaaValidationPlugin: 2 problems:\n- cdk8s.yaml validations[].properties.allowedRegistries[0]: allowedRegistries entry "https://ghcr.io" is not valid: ' +
        'write the registry without a scheme, e.g. "ghcr.io"\n' +
        '- cdk8s.yaml validations[].properties.allowedRegistries[1]: expected a registry pattern (a string such as ghcr.io/acme), got number 5',
    );
  });

  test('booleans, namespace, waiver months, egress prefix', () => {
    expect(refusal({ unclassifiedIsPhi: 'false' })).toBe(`${P}.unclassifiedIsPhi: expected true or false, got the string "false"`);
    expect(refusal({ allowStaleBaseline: 1 })).toBe(`${P}.allowStaleBaseline: expected true or false, got number 1`);
    expect(refusal({ defaultNamespace: 'Clinic' })).toBe(
      `${P}.defaultNamespace: expected a namespace name (lower-case letters, digits and '-', at most 63 characters), got the string "Clinic"`,
    );
    expect(refusal({ maxWaiverMonths: 48 })).toBe(
      `${P}.maxWaiverMonths: must be a whole number of months from 1 to 36 (got 48): waivers are evaluated again at least that often (45 CFR 164.308(a)(8))`,
    );
    expect(refusal({ minEgressPrefix: 24 })).toBe(`${P}.minEgressPrefix: expected a mapping such as { ipv4: 24, ipv6: 64 }, got number 24`);
    expect(refusal({ minEgressPrefix: { ipv4: 40 } })).toMatch(/^HipaaValidationPlugin: cdk8s\.yaml validations\[\]\.properties\.minEgressPrefix: .*ipv4.*40/);
  });

  test('every problem at once', () => {
    expect(refusal({ failOn: 'x', reportDir: '', extra: 1 })).toBe(
      'HipaaValidationPlugin: 3 problems:\n' +
        "- cdk8s.yaml validations[].properties: unknown property 'extra' (known: allowStaleBaseline, allowedRegistries, baaRegister, baseline, " +
        'defaultNamespace, failOn, formats, kubernetesVersion, maxWaiverMonths, minEgressPrefix, reportDir, unclassifiedIsPhi, waivers)\n' +
        '- cdk8s.yaml validations[].properties.failOn: expected one of error, warning, never, got the string "x"\n' +
        '- cdk8s.yaml validations[].properties.reportDir: expected a directory path (relative to the directory cdk8s runs in), got the string ""',
    );
  });
});
