import { OSCAL_CONSTRUCTS, OscalConstruct } from './constructs';
import { nistControlsOf } from './nist-control-ids';
import { HOMEPAGE, NIST_80053_R5_CATALOG, oscalMarkup, OscalProp, oscalString, OSCAL_VERSION, prop, trestleProp } from './oscal-common';
import { uuidV5 } from './uuid';
import type { Rule, RuleInfo, RulePack } from '../../check/rule';
import type { Control } from '../../controls/catalogue';
import { packageVersion } from '../../package-version';
import { awsPack } from '../../rules/aws';
import { baaPack } from '../../rules/baa';
import { dockerPack } from '../../rules/docker';
import { kubernetesPack } from '../../rules/k8s';

/**
 * The `last-modified` of the component definition: OSCAL requires one, and the shipped file must not
 * change from one build to the next. It is the date this mapping (constructs, rule packs, controls
 * catalogue -> OSCAL) was last revised: bump it when the component definition's content changes.
 */
export const COMPONENT_DEFINITION_DATE = '2026-12-02T00:00:00Z';

/** Options of {@link toOscalComponentDefinition}. */
export interface OscalComponentDefinitionOptions {
  /** The version written as the document's version. @default - this package's version */
  readonly version?: string;
  /** The rule packs, one validation component each. @default - kubernetesPack, awsPack, dockerPack, baaPack */
  readonly packs?: readonly RulePack[];
}

/**
 * The OSCAL 1.2.1 component definition of hipaa-constructs (the `$schema`-less JSON document, as an object):
 * a `software` component per construct, Pulumi component and Docker generator, and a `validation` component
 * per rule pack, each with implemented requirements per NIST SP 800-53 Rev. 5 control (catalogue ids:
 * `ac-6`, `ac-2.1`), the HIPAA citations as `hipaa-citation` properties, the rules as compliance-trestle
 * `Rule_Id` properties, and what satisfies the citation as the description. Shipped, generated at build,
 * as `hipaa-constructs/oscal/component-definition.json`. Deterministic: no time but {@link COMPONENT_DEFINITION_DATE}.
 */
export function toOscalComponentDefinition(options: OscalComponentDefinitionOptions = {}): Record<string, unknown> {
  const version = options.version ?? packageVersion() ?? '0.0.0';
  const packs = options.packs ?? [kubernetesPack, awsPack, dockerPack, baaPack];
  const rulesByKind = new Map<string, Rule[]>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      for (const kind of rule.kinds) {
        const list = rulesByKind.get(kind);
        if (list) list.push(rule);
        else rulesByKind.set(kind, [rule]);
      }
    }
  }
  const components = [
    ...OSCAL_CONSTRUCTS.map((c) => constructComponent(c, rulesOfKinds(c.kinds, rulesByKind))),
    ...packs.map(packComponent),
  ];
  return {
    'component-definition': {
      uuid: uuidV5(`component-definition|hipaa-constructs|${version}`),
      metadata: {
        'title': 'hipaa-constructs: HIPAA Security Rule constructs and rule packs',
        'last-modified': COMPONENT_DEFINITION_DATE,
        version,
        'oscal-version': OSCAL_VERSION,
        'links': [{ href: HOMEPAGE, rel: 'homepage' }],
        'remarks':
          'Generated from the code at build (scripts/oscal-component-definition.ts): the constructs, the rule packs and the ' +
          'HIPAA controls catalogue (lib/controls/catalogue.ts), whose NIST SP 800-53 Rev. 5 relations follow NIST SP 800-66 Rev. 2. ' +
          'HIPAA citations are not valid OSCAL control ids, so they are hipaa-citation properties of the NIST controls.',
      },
      components,
    },
  };
}

/** {@link toOscalComponentDefinition} as the JSON text shipped in the package. */
export function renderOscalComponentDefinition(options: OscalComponentDefinitionOptions = {}): string {
  return JSON.stringify(toOscalComponentDefinition(options), null, 2) + '\n';
}

function rulesOfKinds(kinds: readonly string[], rulesByKind: ReadonlyMap<string, Rule[]>): RuleInfo[] {
  const rules = new Set<RuleInfo>();
  for (const kind of kinds) for (const r of rulesByKind.get(kind) ?? []) rules.add(r);
  // Rules of every Kubernetes kind apply to Kubernetes objects only.
  if (kinds.some((k) => !k.includes(':'))) for (const r of rulesByKind.get('*') ?? []) rules.add(r);
  return [...rules];
}

function constructComponent(c: OscalConstruct, rules: readonly RuleInfo[]): Record<string, unknown> {
  const props: OscalProp[] = [prop('entry-point', c.entryPoint), prop('export', c.name)];
  for (const kind of c.kinds) props.push(prop('writes-kind', kind));
  const implementations = controlImplementation(
    `construct|${c.name}`,
    rules,
    `What ${c.name} writes is held to the rules of these controls' HIPAA citations (the rule packs' components list them): a construct test synthesizes it and asserts that the rule pack finds nothing.`,
    false,
  );
  return {
    'uuid': uuidV5(`component|software|${c.entryPoint}|${c.name}`),
    'type': 'software',
    'title': c.name,
    'description': oscalMarkup(c.description),
    props,
    'links': [{ href: HOMEPAGE }],
    ...(implementations ? { 'control-implementations': [implementations] } : {}),
  };
}

function packComponent(pack: RulePack): Record<string, unknown> {
  // compliance-trestle's layout: the rules and their checks as props, grouped by `remarks` (rule_set_N).
  const props: OscalProp[] = [];
  pack.rules.forEach((rule, i) => {
    const set = `rule_set_${i}`;
    props.push(
      trestleProp('Rule_Id', rule.id, set),
      trestleProp('Rule_Description', rule.title, set),
      trestleProp('Check_Id', rule.id, set),
      trestleProp('Check_Description', rule.description, set),
    );
  });
  const implementations = controlImplementation(
    `pack|${pack.name}`,
    pack.rules,
    `The ${pack.name} rule pack of hipaa-check checks these controls' HIPAA citations on every object it reads; findings name the citation, the object, the field and the fix.`,
    true,
  );
  return {
    'uuid': uuidV5(`component|validation|${pack.name}`),
    'type': 'validation',
    'title': `hipaa-check rule pack: ${pack.name}`,
    'description': oscalMarkup(pack.description),
    ...(props.length > 0 ? { props } : {}),
    'links': [{ href: HOMEPAGE }],
    ...(implementations ? { 'control-implementations': [implementations] } : {}),
  };
}

/** Implemented requirements per NIST control of the rules' citations; undefined when the rules cite nothing. */
function controlImplementation(key: string, rules: readonly RuleInfo[], description: string, withRuleIds: boolean): Record<string, unknown> | undefined {
  const rulesByCitation = new Map<string, RuleInfo[]>();
  for (const rule of rules) {
    for (const c of rule.controls) {
      const list = rulesByCitation.get(c);
      if (list) list.push(rule);
      else rulesByCitation.set(c, [rule]);
    }
  }
  const byNist = nistControlsOf(rulesByCitation.keys());
  if (byNist.size === 0) return undefined;
  const requirements = [...byNist.entries()].map(([controlId, controls]) => requirement(key, controlId, controls, withRuleIds ? rulesByCitation : undefined));
  return {
    'uuid': uuidV5(`control-implementation|${key}|nist-800-53r5`),
    'source': NIST_80053_R5_CATALOG,
    'description': oscalMarkup(description),
    'implemented-requirements': requirements,
  };
}

function requirement(key: string, controlId: string, controls: readonly Control[], rulesByCitation?: ReadonlyMap<string, RuleInfo[]>): Record<string, unknown> {
  const props: OscalProp[] = controls.map((c) => prop('hipaa-citation', c.id, { remarks: oscalString(c.title) }));
  const ruleIds = new Set<string>();
  for (const c of controls) for (const r of rulesByCitation?.get(c.id) ?? []) ruleIds.add(r.id);
  for (const id of [...ruleIds].sort()) props.push(trestleProp('Rule_Id', id, 'rule_set'));
  return {
    'uuid': uuidV5(`implemented-requirement|${key}|${controlId}`),
    'control-id': controlId,
    'description': oscalMarkup(controls.map((c) => `HIPAA ${c.id} (${c.title}): ${c.satisfiedBy}`).join('\n\n')),
    props,
  };
}
