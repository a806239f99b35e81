import { oscalMarkup, OscalProp, oscalString, prop } from './oscal-common';
import type { Finding } from '../../check/finding';
import type { SourceLocation } from '../../check/resource';
import { describeObject } from '../common';

/**
 * The three long lists of the assessment results (inventory items, each observation's subjects, risks:
 * one entry per object, per object and rule, per finding). The document is built once
 * ({@link toOscalAssessmentResults} in assessment-results.ts); these lists are either objects (the reference
 * document) or text written straight from the findings ({@link TextLists}, what the renderer writes).
 */
export interface AssessmentLists {
  /** A new inventory item: called once per object, in the order the objects are first used. */
  addItem(f: Finding, key: string, uuid: string): void;
  /** The value of `local-definitions.inventory-items` once every item is added. */
  items(): unknown;
  /** The value of an observation's `subjects` (the inventory items' UUIDs, in order). */
  subjects(uuids: readonly string[]): unknown;
  /** A risk: called once per finding, in order. */
  addRisk(f: Finding, uuid: string, observationUuid: string | undefined): void;
  /** The value of `risks` once every risk is added. */
  risks(): unknown;
}

/** The lists as OSCAL objects: the reference document (tests and schema validation read it). */
export class ObjectLists implements AssessmentLists {
  private readonly itemList: Record<string, unknown>[] = [];
  private readonly riskList: Record<string, unknown>[] = [];

  addItem(f: Finding, _key: string, uuid: string): void {
    this.itemList.push(inventoryItem(f, uuid));
  }

  items(): unknown {
    return this.itemList;
  }

  subjects(uuids: readonly string[]): unknown {
    return uuids.map((uuid) => ({ 'subject-uuid': uuid, 'type': 'inventory-item' }));
  }

  addRisk(f: Finding, uuid: string, observationUuid: string | undefined): void {
    this.riskList.push(riskObject(f, uuid, observationUuid));
  }

  risks(): unknown {
    return this.riskList;
  }
}

/** An inventory item: the object a finding is about, where it came from. */
export function inventoryItem(f: Finding, uuid: string): Record<string, unknown> {
  const r = f.resource;
  const props: OscalProp[] = [prop('kind', r.kind), prop('name', r.name)];
  if (r.namespace) props.push(prop('namespace', r.namespace));
  if (f.source?.file) props.push(prop('source-file', f.source.file));
  if (f.source?.line !== undefined) props.push(prop('source-line', String(f.source.line)));
  if (f.source?.constructPath) props.push(prop('construct-path', f.source.constructPath));
  return { uuid, description: oscalMarkup(describeObject(r)), props };
}

/** Where a finding's object came from, as a risk's description says it (construct path, else file:line). */
export function riskWhere(s: SourceLocation | undefined): string | undefined {
  return s?.constructPath ?? (s?.file ? `${s.file}${s.line !== undefined ? `:${s.line}` : ''}` : undefined);
}

/** A risk's status and, for an accepted finding (waived or baselined), its deadline and the acceptance's props. */
export function riskAcceptance(f: Finding): { status: string; deadline?: string; props: OscalProp[] } {
  // Open risks carry no props (the rule and severity are in the title and statement; 60,000 of them add up).
  const props: OscalProp[] = [];
  if (f.waiver) {
    props.push(prop('waiver-reason', f.waiver.reason), prop('waiver-expires', f.waiver.expires));
    if (f.waiver.owner) props.push(prop('waiver-owner', f.waiver.owner));
    if (f.waiver.ticket) props.push(prop('waiver-ticket', f.waiver.ticket));
    return { status: 'deviation-approved', deadline: `${f.waiver.expires}T23:59:59Z`, props };
  }
  if (f.baselined) {
    props.push(prop('baseline-expires', f.baselined.expires), prop('baseline-created', f.baselined.created));
    if (f.baselined.file) props.push(prop('baseline-file', f.baselined.file));
    return { status: 'remediating', deadline: `${f.baselined.expires}T23:59:59Z`, props };
  }
  return { status: 'open', props };
}

/** A risk's statement: the rule's title, severity and HIPAA citations. */
export function riskStatement(f: Finding): string {
  return oscalMarkup(`${f.title} (${f.severity}; HIPAA ${f.controls.join(', ')}).`);
}

/** The risk of a finding as an OSCAL object. */
export function riskObject(f: Finding, uuid: string, observationUuid: string | undefined): Record<string, unknown> {
  const where = riskWhere(f.source);
  const { status, deadline, props } = riskAcceptance(f);
  return {
    uuid,
    title: oscalString(`${f.ruleId}: ${describeObject(f.resource)} ${f.path}`),
    description: oscalMarkup(`${f.message}${where ? ` (${where})` : ''}. Fix: ${f.fix}`),
    statement: riskStatement(f),
    ...(props.length > 0 ? { props } : {}),
    status,
    ...(deadline ? { deadline } : {}),
    ...(observationUuid ? { 'related-observations': [{ 'observation-uuid': observationUuid }] } : {}),
  };
}
