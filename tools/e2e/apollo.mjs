// Apollo Client, as an app would use it, against a running goalline: the README's example
// queries through automatic persisted queries (SHA-256 hashes sent by GET, the document only
// when goalline does not know it yet) into a normalised InMemoryCache. Checks real answers,
// that goalline learned and then recognised the hashes (its /metrics), and that objects
// reached by different paths share one cache entry (global IDs).
// Usage: node apollo.mjs http://127.0.0.1:8080
import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { readmeQueries } from './readme-operations.mjs';

const base = new URL(process.argv[2] ?? process.env.GOALLINE_URL ?? '');
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function client() {
  const persisted = new PersistedQueryLink({ sha256, useGETForHashedQueries: true });
  return new ApolloClient({
    link: persisted.concat(new HttpLink({ uri: new URL('/graphql', base).href })),
    cache: new InMemoryCache(),
  });
}

async function persistedQueryCounts() {
  const text = await (await fetch(new URL('/metrics', base))).text();
  const count = (result) =>
    Number(text.match(new RegExp(`^goalline_persisted_queries_total\\{result="${result}"\\} (\\d+)`, 'm'))?.[1]);
  return { hit: count('hit'), miss: count('miss'), registered: count('registered') };
}

const failures = [];
const expect = (what, actual, expected) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
};

// What the README says each answer holds, by the root field that gives it.
const checks = {
  tournament(t) {
    if (t.final?.homeTeam) {
      expect('final: teams', [t.final.homeTeam.name, t.final.awayTeam.name], ['Argentina', 'France']);
      expect('final: winner', t.final.winner.name, 'Argentina');
      const s = t.final.score;
      expect('final: half time', [s.halfTime.home, s.halfTime.away], [2, 0]);
      expect('final: after 90 minutes', [s.fullTime.home, s.fullTime.away], [2, 2]);
      expect('final: after extra time', [s.extraTime.home, s.extraTime.away], [3, 3]);
      expect('final: penalties', [s.penalties.home, s.penalties.away], [4, 2]);
      expect('final: goals', t.final.goals.length, 6);
    }
    if (t.final?.goals?.[0]?.claims) {
      // Where sources disagree (README, "When sources disagree"): each goal with its sources.
      expect('final: goals with their sources', t.final.goals.length, 6);
      expect('final: every goal has a claim', t.final.goals.every((g) => g.claims.length >= 1), true);
    }
    if (t.winner) expect('2022 winner', t.winner.name, 'Argentina');
    if (t.runnerUp) expect('2022 runner-up', t.runnerUp.name, 'France');
    if (t.groups) expect('2022 groups', t.groups.length, 8);
    if (t.topScorers) expect('2022 top scorer', t.topScorers[0].person.name, 'Kylian Mbappé');
  },
  team(t) {
    if (t.coach) expect('France coach', t.coach.name, 'Didier Deschamps');
    if (t.squad) expect('France squad size', t.squad.length >= 23, true);
    // Only the 2022 World Cup is built in: Brazil's five matches there.
    if (t.record) expect('Brazil record (2022 only)', [t.record.played, t.record.won, t.record.drawn, t.record.lost], [5, 3, 1, 1]);
  },
  player(p) {
    if (p.goals) {
      expect('player name', p.name, 'Kylian Mbappé');
      expect('Mbappé has 2022 goals', p.goals.length >= 8, true);
    }
    if (p.awards) {
      expect('Benzema: Ballon d\'Or', [p.awards[0].name, p.awards[0].season], ['Ballon d\'Or', '2022']);
      const career = p.internationalCareers[0];
      expect('Benzema: caps and goals', [career.curatedTotals.caps, career.curatedTotals.goals], [97, 37]);
      expect('Benzema: retired', career.retiredOn, '2022-12-19');
      const squad2022 = p.squads.find((s) => s.tournament.year === 2022);
      expect('Benzema: 2022 status', squad2022?.status, 'RULED_OUT_INJURED');
    }
  },
  search(results) {
    expect('search "mbape" finds Mbappé first', results[0]?.node?.name, 'Kylian Mbappé');
  },
  headToHead(h) {
    expect('ARG-FRA shootout wins', h.shootoutWinsA >= 1, true);
  },
};

async function runReadme(apollo) {
  const answers = [];
  for (const { name, text } of readmeQueries()) {
    const { data, error } = await apollo.query({ query: gql(text), fetchPolicy: 'network-only' });
    if (error || !data) {
      failures.push(`${name}: ${error?.message ?? 'no data'}`);
      continue;
    }
    for (const [field, value] of Object.entries(data)) {
      if (value === null) failures.push(`${name}: ${field} is null`);
      else checks[field]?.(value);
    }
    answers.push(name);
  }
  return answers;
}

const before = await persistedQueryCounts();
const first = client();
const ran = await runReadme(first);
const learned = await persistedQueryCounts();
// A new client (say, another phone) sends the same hashes: goalline now knows them.
await runReadme(client());
const after = await persistedQueryCounts();
const queries = readmeQueries().length;
expect('documents goalline learned from the first client', learned.registered - before.registered, queries);
expect('hashes goalline knew for the second client', after.hit - learned.hit, queries);

// Global IDs: the final's home team and team(code: "ARG") are one object in the cache.
const teams = await first.query({
  query: gql`
    query TeamIds {
      tournament(slug: "world-cup-2022") { final { id homeTeam { id name } } }
      team(code: "ARG") { id name code }
    }
  `,
});
const key = (object) => first.cache.identify(object);
expect('the final home team and ARG share a cache entry', key(teams.data.tournament.final.homeTeam), key(teams.data.team));
const entry = first.cache.extract()[key(teams.data.team)];
expect('one normalised Team entry holds fields from both paths', [entry?.name, entry?.code], ['Argentina', 'ARG']);

if (failures.length) {
  console.error(`Apollo Client test FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Apollo Client test: ${ran.length} README queries answered as documented (${ran.join(', ')}); ` +
    `persisted queries: ${learned.registered - before.registered} learned, ${after.hit - learned.hit} recognised; ` +
    `normalised cache: ${key(teams.data.team)} shared`,
);
