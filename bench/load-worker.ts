// Time to load modules (comma-separated) in a fresh process.
const target = process.argv[2];
const start = process.hrtime.bigint();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules to time are named at run time
for (const m of target.split(',')) require(m);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));
