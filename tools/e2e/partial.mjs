// Partial answers, as client libraries meet them: each README query with one root field added
// that finds nothing (`tournament(slug: "no-such-edition")`). goalline must answer that field
// null with a NOT_FOUND error at its path and keep every other field. Checked two ways:
// - Apollo Client (errorPolicy "all") keeps the other fields and logs nothing (no "Missing
//   field ... while writing result");
// - a Relay-style normalisation: every field the document selects, through aliases and
//   fragments, is present in the response (null or not), as Relay's store requires.
// Usage: node partial.mjs http://127.0.0.1:8080
import { readFileSync } from 'node:fs';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { buildSchema, isAbstractType, Kind, parse, print, visit } from 'graphql';
import { readmeQueries } from './readme-operations.mjs';

const base = new URL(process.argv[2] ?? process.env.GOALLINE_URL ?? '');
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const FAILING = 'goallineNotFound';
const failingField = parse(`{ ${FAILING}: tournament(slug: "no-such-edition") { name } }`).definitions[0]
  .selectionSet.selections[0];
const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

// The query with the failing root field, and `__typename` in every selection set (as Relay and
// Apollo add it) so that fragments' type conditions can be told apart in the answer.
function withFailingField(text) {
  return visit(parse(text), {
    OperationDefinition(node) {
      return { ...node, selectionSet: { ...node.selectionSet, selections: [...node.selectionSet.selections, failingField] } };
    },
    SelectionSet(node, _key, parent) {
      if (parent?.kind === Kind.OPERATION_DEFINITION) return undefined;
      return { ...node, selections: [typename, ...node.selections] };
    },
  });
}

function appliesTo(condition, value) {
  if (!condition) return true;
  const type = schema.getType(condition.name.value);
  const actual = schema.getType(value.__typename);
  return isAbstractType(type) ? schema.isSubType(type, actual) : type === actual;
}

// The paths of fields the document selects that the answer lacks.
export function missingFields(doc, data) {
  const fragments = Object.fromEntries(
    doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const missing = [];
  const walk = (selectionSet, value, path) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(selectionSet, item, `${path}[${i}]`));
      return;
    }
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (!(key in value)) missing.push(`${path}.${key}`);
        else if (selection.selectionSet) walk(selection.selectionSet, value[key], `${path}.${key}`);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        if (appliesTo(fragment.typeCondition, value)) walk(fragment.selectionSet, value, path);
      }
    }
  };
  const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  walk(operation.selectionSet, data, 'data');
  return missing;
}

const failures = [];
const fail = (message) => failures.push(message);

// The normalisation must be able to fail: an answer with one field taken out is caught.
{
  const doc = parse('{ a: tournament(slug: "x") { name year } }');
  if (missingFields(doc, { a: { name: 'x' } }).join() !== 'data.a.year') fail('self-check: a missing field goes unnoticed');
}

function checkAnswer(name, doc, body) {
  const rootKeys = doc.definitions
    .find((d) => d.kind === Kind.OPERATION_DEFINITION)
    .selectionSet.selections.map((s) => s.alias?.value ?? s.name.value);
  if (!body.data) return fail(`${name}: data dropped (${JSON.stringify(body.errors)})`);
  for (const key of rootKeys) {
    if (key === FAILING) continue;
    if (body.data[key] === null || body.data[key] === undefined) fail(`${name}: ${key} lost beside the failing field`);
  }
  if (body.data[FAILING] !== null) fail(`${name}: the failing field answered ${JSON.stringify(body.data[FAILING])}`);
  const error = (body.errors ?? []).find((e) => e.path?.[0] === FAILING);
  if (error?.extensions?.code !== 'NOT_FOUND') fail(`${name}: no NOT_FOUND error at ${FAILING}: ${JSON.stringify(body.errors)}`);
  const missing = missingFields(doc, body.data);
  if (missing.length) fail(`${name}: Relay-style normalisation misses ${missing.join(', ')}`);
}

// Relay-style: the document as sent, the answer as received.
async function relayStyle(name, doc) {
  const response = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: print(doc) }),
  });
  checkAnswer(name, doc, await response.json());
}

// Apollo Client: whatever it logs while writing the partial answer to its cache is a failure.
async function apollo(name, doc) {
  const logged = [];
  const saved = { warn: console.warn, error: console.error, log: console.log, debug: console.debug };
  for (const level of Object.keys(saved)) console[level] = (...args) => logged.push(args.join(' '));
  try {
    const client = new ApolloClient({
      link: new HttpLink({ uri: new URL('/graphql', base).href }),
      cache: new InMemoryCache(),
    });
    const { data, error } = await client.query({ query: gql(print(doc)), errorPolicy: 'all', fetchPolicy: 'network-only' });
    checkAnswer(`${name} (Apollo Client)`, doc, { data, errors: error?.errors });
    const cached = client.readQuery({ query: gql(print(doc)) });
    if (!cached) fail(`${name}: Apollo Client cannot read the answer back from its cache`);
  } finally {
    Object.assign(console, saved);
  }
  for (const line of logged) fail(`${name}: Apollo Client logged: ${line.slice(0, 200)}`);
}

const queries = readmeQueries();
for (const { name, text } of queries) {
  const doc = withFailingField(text);
  await relayStyle(name, doc);
  await apollo(name, doc);
}

if (failures.length) {
  console.error(`Partial-answer test FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Partial-answer test: ${queries.length} README queries with a failing field added kept every other field ` +
    `(Relay-style normalisation found nothing missing; Apollo Client logged nothing)`,
);
