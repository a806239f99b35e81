import type { BaselineMark } from './baseline';
import type { ResourceRef, SourceLocation } from './resource';
import type { Severity } from './rule';
import type { Waiver } from './waiver';
import type { ControlId } from '../controls/catalogue';

/** A rule violation on one object, waived or not. */
export interface Finding {
  /** Id of the rule that found it. */
  readonly ruleId: string;
  /** The rule's title. */
  readonly title: string;
  /** The rule's severity. */
  readonly severity: Severity;
  /** HIPAA citations the rule serves. */
  readonly controls: readonly ControlId[];
  /** The object. */
  readonly resource: ResourceRef;
  /** Field path inside the object. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where the object came from. @default - unknown */
  readonly source?: SourceLocation;
  /** The waiver that accepts this finding; absent when the finding stands. @default - not waived */
  readonly waiver?: Waiver;
  /**
   * The baseline that accepts this finding (see baseline.ts): it stays in every report but does not
   * fail the check. Never set together with `waiver` (a waiver takes precedence). @default - not baselined
   */
  readonly baselined?: BaselineMark;
}
