// Evaluates ValidatingAdmissionPolicy-style CEL (variables, then validations) for test/helpers/cel.ts.
// @marcbachmann/cel-js is ESM-only, so the Jest tests (CommonJS) run this in a child node process.
// stdin: { parseOnly?: string[], cases: [{ variables: [{name, expression}], expressions: string[], object }] }
// stdout: { parsed: [{ expression, error? }], results: [[{ value?, error? }]] }
import { evaluate, parse } from '@marcbachmann/cel-js';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const { parseOnly = [], cases = [] } = JSON.parse(input);

const parsed = parseOnly.map((expression) => {
  try {
    parse(expression);
    return { expression };
  } catch (e) {
    return { expression, error: String(e.message) };
  }
});

const results = cases.map(({ variables, expressions, object }) => {
  const vars = {};
  const context = { object, variables: vars };
  try {
    for (const v of variables) vars[v.name] = evaluate(v.expression, context);
  } catch (e) {
    return expressions.map(() => ({ error: `variable: ${e.message}` }));
  }
  return expressions.map((expression) => {
    try {
      return { value: evaluate(expression, context) };
    } catch (e) {
      return { error: String(e.message) };
    }
  });
});

process.stdout.write(JSON.stringify({ parsed, results }));
