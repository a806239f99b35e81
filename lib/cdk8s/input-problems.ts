// Moved to lib/input-problems.ts, shared by the cdk8s constructs and the Docker generators (the Docker
// entry point loads nothing under lib/cdk8s); re-exported here so the cdk8s modules keep their imports.
export * from '../input-problems';
