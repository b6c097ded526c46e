// The README's example queries: its ```graphql blocks that are queries (not mutations or
// subscriptions), named Readme1, Readme2, ... in order so that generated types have names.
// Run directly, writes them to generated/readme.graphql for GraphQL Code Generator.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const readme = new URL('../../README.md', import.meta.url);

export function readmeQueries() {
  const blocks = [...readFileSync(readme, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  const queries = blocks.filter((block) => block.startsWith('{') || block.startsWith('query'));
  if (queries.length === 0) throw new Error('no ```graphql query blocks in README.md');
  return queries.map((text, i) => {
    const name = `Readme${i + 1}`;
    return { name, text: text.startsWith('{') ? `query ${name} ${text}` : text };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL('generated/', import.meta.url);
  mkdirSync(out, { recursive: true });
  const queries = readmeQueries();
  writeFileSync(new URL('readme.graphql', out), queries.map((q) => `${q.text}\n`).join('\n'));
  console.log(`README: ${queries.length} queries written to generated/readme.graphql`);
}
