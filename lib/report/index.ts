// Reports: a CheckResult as text, JSON, SARIF 2.1.0, the auditor's Markdown and HTML reports, JUnit and OSCAL.
// Each is a pure function of the result and optional metadata.
export * from './common';
export * from './text';
export * from './json';
export * from './sarif';
export * from './markdown';
export * from './citations';
export * from './provenance';
export * from './oscal';
export { renderJunit } from './junit';
export { renderHtml } from './html';
export * from './formats';
