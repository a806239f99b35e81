// OSCAL 1.2.1: the component definition of the constructs and rule packs, and the assessment results of a run.
export * from './assessment-results';
export * from './component-definition';
export * from './constructs';
export { oscalControlId, hipaaControlToken } from './nist-control-ids';
export { uuidV5, OSCAL_UUID_NAMESPACE } from './uuid';
export { OSCAL_VERSION } from './oscal-common';
