// A client's typed use of the README's queries, written against the types GraphQL Code
// Generator makes from schema.graphql: `tsc --noEmit` fails if the schema stops giving a field
// this code reads, or changes what it may be (a score that may be null, say).
import type { Readme1Query, Readme2Query } from './generated/operations.js';
import type { Match } from './generated/schema.js';

type FinalScore = NonNullable<NonNullable<Readme1Query['tournament']>['final']>['score'];

function scoreLine({ fullTime, extraTime, penalties }: FinalScore): string {
  const after = extraTime
    ? `${extraTime.home}-${extraTime.away} after extra time`
    : fullTime
      ? `${fullTime.home}-${fullTime.away}`
      : 'not played';
  return penalties ? `${after}, ${penalties.home}-${penalties.away} on penalties` : after;
}

export function finalLine(data: Readme1Query): string {
  const final = data.tournament?.final;
  if (!final) return 'no final yet';
  const decidedBy: Match['decidedBy'] = final.decidedBy;
  const kicks: number = final.penaltyShootout?.kicks.length ?? 0;
  return `${final.homeTeam.name} ${scoreLine(final.score)} ${final.awayTeam.name} (${decidedBy}, ${kicks} kicks)`;
}

export function squadNames(data: Readme2Query): string[] {
  return (data.team?.squad ?? []).map((entry) => `${entry.shirtNumber ?? '-'} ${entry.person.name}`);
}
