// Time to load one module in a fresh process.
const target = process.argv[2];
const start = process.hrtime.bigint();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module to time is named at run time
require(target);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));
