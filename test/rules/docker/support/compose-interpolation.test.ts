import { interpolatedVariables } from '../../../../lib/rules/docker/support/compose-interpolation';

describe('interpolatedVariables', () => {
  test('finds ${VAR}, ${VAR:-default}, ${VAR?err} and $VAR, not $$', () => {
    expect(interpolatedVariables('${A}-${B:-x}-${C?required}-$D-$$E-$${F}')).toEqual(['A', 'B', 'C', 'D']);
    expect(interpolatedVariables('plain')).toEqual([]);
    expect(interpolatedVariables(42)).toEqual([]);
  });
});
