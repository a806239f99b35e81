// Time to load one module in a fresh process.
const target = process.argv[2];
const start = process.hrtime.bigint();
require(target);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));
