import { keyValues, labelValue } from '../../../../lib/rules/docker/support/compose-key-values';

describe('keyValues', () => {
  test('reads the mapping and the list form with their paths', () => {
    expect(keyValues({ 'A': 1, 'a.b': 'x', 'C': null }, 'environment')).toEqual([
      { name: 'A', value: '1', path: 'environment.A' },
      { name: 'a.b', value: 'x', path: 'environment["a.b"]' },
      { name: 'C', value: undefined, path: 'environment.C' },
    ]);
    expect(keyValues(['A=1=2', 'B'], 'environment')).toEqual([
      { name: 'A', value: '1=2', path: 'environment[0]' },
      { name: 'B', value: undefined, path: 'environment[1]' },
    ]);
  });

  test('labelValue reads both forms, the last entry winning', () => {
    expect(labelValue({ 'hipaa-constructs.io/phi': true }, 'hipaa-constructs.io/phi')).toBe('true');
    expect(labelValue(['hipaa-constructs.io/phi=false', 'hipaa-constructs.io/phi=true'], 'hipaa-constructs.io/phi')).toBe('true');
    expect(labelValue(undefined, 'x')).toBeUndefined();
  });
});
