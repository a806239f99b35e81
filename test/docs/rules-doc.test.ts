import * as fs from 'fs';
import { awsPack } from '../../lib/rules/aws';
import { dockerPack } from '../../lib/rules/docker';
import { kubernetesPack } from '../../lib/rules/k8s';
import { AWS_RULE_GROUPS, DOCKER_RULE_GROUPS, OUTPUT, renderRulesDoc, RULE_GROUPS } from '../../scripts/rules-doc';

test('RULES.md is what the rule packs say (run `npx projen docgen` after changing a rule)', () => {
  expect(fs.readFileSync(OUTPUT, 'utf8')).toBe(renderRulesDoc());
});

test('RULES.md lists every rule of kubernetesPack in a table, once (it listed 59 of 94 before the storage, network, transport, audit, admission and mesh groups were added)', () => {
  const doc = renderRulesDoc();
  const rows = [...doc.matchAll(/^\| `(k8s-[a-z0-9-]+)` \| (error|warning) \|/gm)].map((m) => m[1]);
  expect(rows.sort()).toEqual(kubernetesPack.rules.map((r) => r.id).sort());
  expect(RULE_GROUPS.flatMap((p) => p.rules)).toHaveLength(kubernetesPack.rules.length);
});

test('RULES.md lists every rule of awsPack in a table, once', () => {
  const doc = renderRulesDoc();
  const rows = [...doc.matchAll(/^\| `(aws-[a-z0-9-]+)` \| (error|warning) \|/gm)].map((m) => m[1]);
  expect(rows.sort()).toEqual(awsPack.rules.map((r) => r.id).sort());
  expect(AWS_RULE_GROUPS.flatMap((p) => p.rules)).toHaveLength(awsPack.rules.length);
});

test('RULES.md lists every rule of dockerPack in a table, once, and counts them in the citations table', () => {
  const doc = renderRulesDoc();
  const rows = [...doc.matchAll(/^\| `(docker-[a-z0-9-]+)` \| (error|warning) \|/gm)].map((m) => m[1]);
  expect(rows.sort()).toEqual(dockerPack.rules.map((r) => r.id).sort());
  expect(DOCKER_RULE_GROUPS.flatMap((p) => p.rules)).toHaveLength(dockerPack.rules.length);
  const citations = doc.split('## HIPAA citations and the rules that check them')[1];
  for (const r of dockerPack.rules) expect([r.id, citations.includes(`\`${r.id}\``)]).toEqual([r.id, true]);
});
