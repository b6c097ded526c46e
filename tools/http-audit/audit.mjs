// Runs graphql-http's GraphQL-over-HTTP server audits against a running goalline:
//
//   node audit.mjs http://127.0.0.1:8080/graphql
//
// Prints every audit, then a summary line, and exits 1 when any MUST audit fails (SHOULD and MAY
// failures are reported, not fatal: README.md says which ones goalline fails, and why).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url || process.argv.length > 3) {
  console.error('usage: node audit.mjs URL (e.g. http://127.0.0.1:8080/graphql)');
  process.exit(2);
}

// graphql-http marks a failed MUST `error`, a failed SHOULD `warn` and a failed MAY `notice`.
const results = await auditServer({ url });
const order = { error: 0, warn: 1, notice: 2, ok: 3 };
results.sort((a, b) => order[a.status] - order[b.status] || a.id.localeCompare(b.id));

let mustPassed = 0;
let mustFailed = 0;
let othersFailed = 0;
for (const result of results) {
  const must = result.name.startsWith('MUST');
  if (result.status === 'ok') {
    if (must) mustPassed += 1;
    console.log(`ok    ${result.id} ${result.name}`);
    continue;
  }
  if (must) mustFailed += 1;
  else othersFailed += 1;
  console.log(`FAIL  ${result.id} ${result.name}\n      ${result.reason}`);
}

console.log(
  `graphql-http audit: ${mustPassed} MUST passed, ${mustFailed} MUST failed, ` +
    `${othersFailed} SHOULD/MAY failed (of ${results.length} audits)`,
);
process.exit(mustFailed > 0 ? 1 : 0);
