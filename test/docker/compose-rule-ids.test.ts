import { COMPOSE_RULE } from '../../lib/docker/compose-rule-ids';
import { composePack } from '../../lib/rules/docker/compose';

describe('COMPOSE_RULE', () => {
  test('names every Compose rule, by its own id', () => {
    expect(Object.values(COMPOSE_RULE).sort()).toEqual(composePack.rules.map((r) => r.id).sort());
  });
});
