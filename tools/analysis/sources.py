#!/usr/bin/env python3
"""Where the open football sources disagree, measured.

Reads ../shared/data (relative to the repository root) and prints Markdown tables:

  World Cups 1930-2022, three sources
    report  openfootball/worldcup/more/YYYY_full.txt     (Football.TXT full match reports)
    json    openfootball/worldcup.json/YYYY/worldcup.json (football.json)
    csv     international-results/{results,goalscorers,shootouts}.csv
  EUROs 1960-2024
    txt     openfootball-continental/euro/YYYY--host/euro.txt
    json    openfootball-continental/euro.json/2024/euro.json (2024 only)
    csv     international-results (tournament "UEFA Euro")
  Copa America 2024
    json    openfootball-continental/copa-america.json/2024/copa.json
    csv     international-results (tournament "Copa América")

Matches are paired by date and team pair (names mapped to results.csv's current names),
falling back to the team pair within the same tournament when a source has no date. Goals
are paired within a match and credited team: same scorer (fuzzy surname) within 5 minutes
first, then same scorer at any minute, then a different scorer within 2 minutes (a scorer
disagreement); what is left is a goal in one source only (or, if the other team has a goal
at the same minute in the other source, a goal credited to the other team).

Usage: python3 tools/analysis/sources.py            (from the repository root, or anywhere)
       python3 tools/analysis/sources.py --details  (also lists every disagreement)
       python3 tools/analysis/sources.py --editions (checks src/import/competitions.csv and
                                                     editions.csv against results.csv)

Python 3 standard library only.
"""

import csv
import difflib
import json
import re
import signal
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
WC_YEARS = [1930, 1934, 1938, 1950, 1954, 1958, 1962, 1966, 1970, 1974, 1978, 1982,
            1986, 1990, 1994, 1998, 2002, 2006, 2010, 2014, 2018, 2022]
DETAILS = "--details" in sys.argv

# Names the openfootball files use for a team that results.csv calls by its current name.
TEAM_ALIASES = {
    "Bosnia-Herzegovina": "Bosnia and Herzegovina",
    "Czechia": "Czech Republic",
    "Côte d'Ivoire": "Ivory Coast",
    "Dutch East Indies": "Indonesia",
    "East Germany": "German DR",
    "Ireland": "Republic of Ireland",
    "Serbia and Montenegro": "Serbia",
    "Soviet Union": "Russia",
    "CIS": "Russia",
    "USA": "United States",
    "West Germany": "Germany",
    "Zaire": "DR Congo",
    "Türkiye": "Turkey",
    "Korea Republic": "South Korea",
    "China PR": "China",
    "IR Iran": "Iran",
}


def team(name, day=None):
    name = TEAM_ALIASES.get(name.strip(), name.strip())
    if name == "Yugoslavia" and day and day.year >= 1994:
        return "Serbia"  # FR Yugoslavia: results.csv files it under Serbia
    return name


# ---------------------------------------------------------------- names

FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                      "ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ι": "i"})


def fold(text):
    text = unicodedata.normalize("NFKD", text.translate(FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    # German transliterations (GOETZE, MUELLER, OEZIL) fold to the plain vowel.
    return re.sub(r"([aou])e", r"\1", text)


def tokens(name):
    return [t for t in re.split(r"[^a-z]+", fold(name)) if len(t) >= 2]


def same_person(a, b):
    """Fuzzy: some name token of one is (nearly) a name token of the other."""
    if not a or not b:
        return False
    ta, tb = tokens(a), tokens(b)
    for x in ta:
        for y in tb:
            if x == y and (len(x) >= 3 or len(ta) == 1 or len(tb) == 1):
                return True
            if min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)):
                return True
            if len(x) >= 4 and len(y) >= 4 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.75:
                return True
    return False


# ---------------------------------------------------------------- records

class Goal:
    __slots__ = ("team", "scorer", "minute", "offset", "pen", "og", "src")

    def __init__(self, team, scorer, minute, offset=None, pen=False, og=False, src=""):
        self.team, self.scorer, self.minute, self.offset = team, scorer, minute, offset
        self.pen, self.og, self.src = pen, og, src

    @property
    def total(self):
        if self.minute is None:
            return None
        return self.minute + (self.offset or 0)

    def show(self):
        m = "?" if self.minute is None else (
            f"{self.minute}+{self.offset}" if self.offset else str(self.minute))
        flags = ("(p)" if self.pen else "") + ("(og)" if self.og else "")
        return f"{self.scorer} {m}'{flags}"


class Match:
    def __init__(self, src, year, day, t1, t2):
        self.src, self.year, self.date = src, year, day
        self.t1, self.t2 = team(t1, day or date(year, 7, 1)), team(t2, day or date(year, 7, 1))
        self.ft = None      # after 90 minutes
        self.et = None      # after extra time (None: no extra time or unknown)
        self.final = None   # the last score played (after extra time if any)
        self.aet = None     # True/False, None if the source cannot say
        self.pen = None     # shootout tally
        self.pen_winner = None
        self.ht = None
        self.goals = None   # None: the source has no goal list for this match
        self.extra = {}

    def key(self):
        return frozenset((self.t1, self.t2))

    def oriented(self, pair, other):
        """`pair` (given as t1, t2 of self) as seen from `other`'s team order."""
        if pair is None:
            return None
        return pair if (self.t1, self.t2) == (other.t1, other.t2) else (pair[1], pair[0])

    def label(self):
        return f"{self.date} {self.t1}-{self.t2}"


# ---------------------------------------------------------------- international results

def read_results(tournament):
    base = DATA / "international-results"
    matches = {}
    for r in csv.DictReader(open(base / "results.csv", encoding="utf-8")):
        if r["tournament"] != tournament or r["home_score"] in ("", "NA"):
            continue
        d = date.fromisoformat(r["date"])
        m = Match("csv", d.year, d, r["home_team"], r["away_team"])
        m.final = (int(r["home_score"]), int(r["away_score"]))
        m.goals = []
        matches[(d, r["home_team"], r["away_team"])] = m
    for r in csv.DictReader(open(base / "goalscorers.csv", encoding="utf-8")):
        m = matches.get((date.fromisoformat(r["date"]), r["home_team"], r["away_team"]))
        if m is None:
            continue
        minute = None if r["minute"] in ("", "NA") else int(r["minute"])
        m.goals.append(Goal(r["team"], r["scorer"], minute, None, r["penalty"] == "TRUE",
                            r["own_goal"] == "TRUE", "csv"))
    for r in csv.DictReader(open(base / "shootouts.csv", encoding="utf-8")):
        m = matches.get((date.fromisoformat(r["date"]), r["home_team"], r["away_team"]))
        if m is not None:
            m.pen_winner = r["winner"]
    out = list(matches.values())
    for m in out:
        # No goal rows at all for a match with goals: the file has no list for it.
        if not m.goals and sum(m.final) > 0:
            m.goals = None
    return out


# ---------------------------------------------------------------- football.json

def read_football_json(path, year, src="json"):
    doc = json.load(open(path, encoding="utf-8"))
    raw = doc.get("matches") or [m for r in doc.get("rounds", []) for m in r["matches"]]
    with_goals = sum(1 for m in raw if "goals1" in m or "goals2" in m)
    complete = with_goals >= 0.6 * len(raw)  # else only the matches that list goals
    out = []
    for j in raw:
        if "score" not in j or "ft" not in j["score"]:
            continue
        name = lambda t: t["name"] if isinstance(t, dict) else t  # noqa: E731
        m = Match(src, year, date.fromisoformat(j["date"]), name(j["team1"]), name(j["team2"]))
        s = j["score"]
        m.ft = tuple(s["ft"])
        m.ht = tuple(s["ht"]) if "ht" in s else None
        m.et = tuple(s["et"]) if "et" in s else None
        m.pen = tuple(s["p"]) if "p" in s else None
        m.final = m.et or m.ft
        m.aet = m.et is not None
        if m.pen:
            m.pen_winner = m.t1 if m.pen[0] > m.pen[1] else m.t2
        if complete or "goals1" in j or "goals2" in j:
            m.goals = []
            for side, t in (("goals1", m.t1), ("goals2", m.t2)):
                for g in j.get(side, []):
                    m.goals.append(Goal(t, g.get("name"), g.get("minute"), g.get("offset"),
                                        bool(g.get("penalty")), bool(g.get("owngoal")), src))
        out.append(m)
    return out


# ---------------------------------------------------------------- Football.TXT goal lists

MINUTE = re.compile(
    r"(\d+)(?:\s*\+\s*(\d+))?\s*'?\s*"
    r"(\((?:p|pen|og|o\.g)\.?\)|pen\b|og\b)?")


def parse_goal_side(text, team_name, src):
    """`Wirtz 10' Havertz 45+1' (pen.), 60'` or `G.Müller 24, 71pen` -> goals."""
    goals, last_end, scorer = [], 0, None
    for mt in MINUTE.finditer(text):
        name = text[last_end:mt.start()].strip(" ,\t")
        if name:
            scorer = name
        flag = (mt.group(3) or "").replace(".", "").strip("()")
        goals.append(Goal(team_name, scorer, int(mt.group(1)),
                          int(mt.group(2)) if mt.group(2) else None,
                          flag in ("p", "pen"), flag == "og", src))
        last_end = mt.end()
    return goals


def split_goal_block(block, m, src):
    """A `(...; ...)` block: home goals, then the away team's (own goals under the team
    they counted for). Without `;` the goals belong to the only side that scored."""
    inner = block.strip()
    if inner.startswith("("):
        inner = inner[1:]
    if inner.endswith(")"):
        inner = inner[:-1]
    if ";" in inner:
        home, away = inner.split(";", 1)
    elif m.final and m.final[1] == 0:
        home, away = inner, ""
    elif m.final and m.final[0] == 0:
        home, away = "", inner
    else:
        m.extra["ambiguous_goals"] = True
        return None
    return parse_goal_side(home, m.t1, src) + parse_goal_side(away, m.t2, src)


def read_block(lines, i):
    """The goal block starting at lines[i] (a line beginning with `(`), balanced."""
    text, depth = "", 0
    while i < len(lines):
        line = lines[i].split("#", 1)[0].strip()
        text += " " + line
        depth += line.count("(") - line.count(")")
        i += 1
        if depth <= 0:
            break
    return text.strip(), i


# ---------------------------------------------------------------- World Cup full reports

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
REPORT_DATE = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) (\d+)")
REPORT_MATCH = re.compile(
    r"^  (\S.*?) v (\S.*?)  +(\d+)-(\d+)( a\.e\.t\.)?(?:, (\d+)-(\d+) pen\.)?\s*$")


def read_report(year):
    lines = (DATA / "openfootball/worldcup/more" / f"{year}_full.txt").read_text(
        encoding="utf-8").split("\n")
    out, day, header, i = [], None, "", 0
    while i < len(lines):
        line = lines[i]
        dm = REPORT_DATE.match(line)
        if dm:
            day = date(year, MONTHS[dm.group(1).lower()], int(dm.group(2)))
            header = line
            i += 1
            continue
        mm = REPORT_MATCH.match(line)
        if not mm:
            i += 1
            continue
        m = Match("report", year, day, mm.group(1), mm.group(2))
        score = (int(mm.group(3)), int(mm.group(4)))
        m.aet = bool(mm.group(5))
        m.final = score
        m.et = score if m.aet else None
        m.ft = None if m.aet else score
        if mm.group(6):
            m.pen = (int(mm.group(6)), int(mm.group(7)))
            m.pen_winner = m.t1 if m.pen[0] > m.pen[1] else m.t2
        att = re.search(r"Att: (\d+)", header)
        m.extra["attendance"] = int(att.group(1)) if att else None
        i += 1
        m.goals = []
        if i < len(lines) and lines[i].strip().startswith("("):
            block, i = read_block(lines, i)
            m.goals = split_goal_block(block, m, "report")
        # the rest of the match: penalties, line-ups, cards, referees
        body = []
        while i < len(lines) and not REPORT_DATE.match(lines[i]) and not lines[i].startswith("▪"):
            body.append(lines[i])
            i += 1
        text = "\n".join(body)
        m.extra["refs"] = bool(re.search(r"^Refs?:", text, re.M))
        m.extra["lineups"] = text.count(":") >= 2
        m.extra["yellow"] = len(re.findall(r"\[Y \d", text))
        m.extra["red"] = len(re.findall(r"\[R \d", text))
        m.extra["second_yellow"] = len(re.findall(r"\[Y/R \d", text))
        m.extra["two_yellows"] = len(re.findall(r"\[Y [^]]*\]\s*\[Y ", text))
        out.append(m)
    return out


# ---------------------------------------------------------------- EURO plain text

TXT_DATE = re.compile(
    r"^\s*(?:(?:Mo|Tu|We|Th|Fr|Sa|Su)[a-z]*\.?\s+)?"
    r"(Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sep|Oct|Nov|Dec)\w*\s+(\d{1,2})\b\s*")
SCORE = re.compile(r"\d+-\d+")
SCORE_EXPR = re.compile(
    r"^\s*(\d+)-(\d+)((?:\s*(?:pen\.?|a\.e\.t\.?,?|\(aet(?:/gg)?\)|aet|\(\d+-\d+(?:,\s*\d+-\d+)?\)"
    r"|\d+-\d+|,))*)")


def known_teams():
    names = set()
    for r in csv.DictReader(open(DATA / "international-results/results.csv", encoding="utf-8")):
        names.add(r["home_team"])
        names.add(r["away_team"])
    return names | set(TEAM_ALIASES)


def parse_txt_match(text, teams):
    """`Germany   5-1 (3-0)  Scotland`, `France v Yugoslavia 4-5`,
    `Italy 3-2 pen. 1-1 a.e.t. (1-1, 0-1) England`, `X 2-2 a.e.t., 5-3 pen. Y` -> Match
    fields, or None if this is not a match line."""
    text = re.sub(r"\(\d\d[:.]\d\d[^)]*\)", " ", text)   # (20:00 UTC+4)
    text = re.sub(r"^\s*\d\d[:.]\d\d\b", " ", text)      # kick-off
    text = text.split("#", 1)[0]
    if "@" in text:
        before, after = text.split("@", 1)
        if SCORE.search(before):
            text = before                                   # venue after the teams
        else:
            parts = re.split(r"\s{2,}", after.strip(), maxsplit=1)  # venue before the teams
            text = parts[1] if len(parts) > 1 else ""
    text = text.strip()
    if " v " in text:
        t1, rest = text.split(" v ", 1)
        sm = SCORE.search(rest)
        if not sm:
            return None
        t2 = rest[:sm.start()]
        expr = SCORE_EXPR.match(rest[sm.start():])
        tail = rest[sm.start() + expr.end():] if expr else ""
    else:
        sm = SCORE.search(text)
        if not sm:
            return None
        t1 = text[:sm.start()]
        expr = SCORE_EXPR.match(text[sm.start():])
        tail = text[sm.start() + expr.end():] if expr else ""
        t2 = re.sub(r"\(.*?\)", "", tail)
    t1, t2 = t1.strip(), t2.strip()
    if not expr or t1 not in teams or t2 not in teams:
        return None
    first = (int(expr.group(1)), int(expr.group(2)))
    rest = expr.group(3) or ""
    whole = f"{first[0]}-{first[1]}{rest}"
    fields = {"ft": None, "et": None, "pen": None, "ht": None, "aet": False, "ht_or_ft": None}
    # pairs outside parentheses, with the word after each
    outside = re.sub(r"\(.*?\)", lambda p: " " * len(p.group(0)), whole)
    for pm in re.finditer(r"(\d+)-(\d+)\s*(pen\.?|a\.e\.t\.?)?", outside):
        pair, word = (int(pm.group(1)), int(pm.group(2))), (pm.group(3) or "")
        if word.startswith("pen"):
            fields["pen"] = pair
        elif word.startswith("a.e.t"):
            fields["et"], fields["aet"] = pair, True
        elif fields["et"] is None and fields["ft"] is None:
            fields["ft"] = pair
    shootout = re.search(r"(\d+)-(\d+) pen", tail)      # `(aet, 4-2 pen)`, `(9-8 pen)`
    if shootout:
        fields["pen"] = (int(shootout.group(1)), int(shootout.group(2)))
    if re.search(r"\baet\b", whole + " " + tail):
        fields["aet"] = True
        if fields["et"] is None:
            fields["et"], fields["ft"] = fields["ft"], None
    inside = re.findall(r"\((\d+)-(\d+)(?:,\s*(\d+)-(\d+))?\)", whole)
    if inside:
        a, b, c, d = inside[0]
        if c:   # (ft90, ht) after an a.e.t. score
            fields["ft"], fields["ht"] = (int(a), int(b)), (int(c), int(d))
        elif fields["aet"]:   # one pair after a.e.t.: the 90-minute score in some years,
            fields["ht_or_ft"] = (int(a), int(b))  # the half-time in others
        else:
            fields["ht"] = (int(a), int(b))
    return t1, t2, fields


def read_euro_txt(folder, teams):
    year = int(folder.name[:4])
    lines = (folder / "euro.txt").read_text(encoding="utf-8").split("\n")
    out, day, i = [], None, 0
    while i < len(lines):
        raw = lines[i]
        line = raw.split("#", 1)[0]
        i += 1
        if not line.strip() or line.lstrip().startswith(("▪", "=", "Group", "Penalties")):
            continue
        dm = TXT_DATE.match(line)
        if dm:
            month = MONTHS[dm.group(1)[:3].lower()]
            day = date(year, month, int(dm.group(2)))
            line = line[dm.end():]
        if ":" in line.split("@")[0] and not re.search(r"\d\d:\d\d", line):
            continue  # line-up
        parsed = parse_txt_match(line, teams)
        if not parsed:
            continue
        t1, t2, f = parsed
        m = Match("txt", year, day, t1, t2)
        m.ft, m.et, m.pen, m.ht, m.aet = f["ft"], f["et"], f["pen"], f["ht"], f["aet"]
        m.extra["ht_or_ft"] = f["ht_or_ft"]
        m.final = m.et or m.ft
        if m.pen:
            m.pen_winner = m.t1 if m.pen[0] > m.pen[1] else m.t2
        # goal block on the next line(s)
        j = i
        while j < len(lines) and lines[j].strip().startswith("#"):
            j += 1
        if j < len(lines) and lines[j].strip().startswith("("):
            block, i = read_block(lines, j)
            m.goals = split_goal_block(block, m, "txt")
        elif m.final == (0, 0):
            m.goals = []
        out.append(m)
    return out


# ---------------------------------------------------------------- matching matches

def pair_matches(left, right):
    """[(l, r)] for matches of two sources, by date and team pair, then by team pair alone
    (unique on both sides) when a date is missing or a day apart."""
    by_key = defaultdict(list)
    for r in right:
        by_key[r.key()].append(r)
    pairs, used, unmatched = [], set(), []
    for l in left:
        cands = [r for r in by_key[l.key()] if id(r) not in used]
        exact = [r for r in cands if l.date and r.date and r.date == l.date]
        near = [r for r in cands if l.date and r.date and abs((r.date - l.date).days) == 1]
        pick = exact[0] if exact else (near[0] if len(near) == 1 else
                                       (cands[0] if len(cands) == 1 and not (l.date and cands[0].date) else None))
        if pick is None and len(cands) == 1 and len(by_key[l.key()]) == 1:
            pick = cands[0]
        if pick is None:
            unmatched.append(l)
            continue
        used.add(id(pick))
        pairs.append((l, pick))
    return pairs, unmatched, [r for r in right if id(r) not in used]


# ---------------------------------------------------------------- matching goals

def pair_goals(a, b):
    """Goals of one match in two sources -> (pairs, kinds, only_a, only_b, other_team).
    kinds[i] in {'near', 'far', 'scorer'}."""
    pairs, kinds = [], []
    free_a, free_b = list(a), list(b)

    def run(accept, kind, key):
        cands = []
        for x in free_a:
            for y in free_b:
                if x.team != y.team:
                    continue
                ok = accept(x, y)
                if ok:
                    cands.append((key(x, y), id(x), id(y), x, y))
        cands.sort(key=lambda c: c[0])
        ua, ub = set(), set()
        for _, ix, iy, x, y in cands:
            if ix in ua or iy in ub:
                continue
            ua.add(ix)
            ub.add(iy)
            pairs.append((x, y))
            kinds.append(kind)
        free_a[:] = [x for x in free_a if id(x) not in ua]
        free_b[:] = [y for y in free_b if id(y) not in ub]

    def delta(x, y):
        d = minute_delta(x, y)
        return 0 if d is None else abs(d)

    run(lambda x, y: same_person(x.scorer, y.scorer) and delta(x, y) <= 5, "near", delta)
    run(lambda x, y: same_person(x.scorer, y.scorer), "far", delta)
    run(lambda x, y: minute_delta(x, y) is not None and delta(x, y) <= 2, "scorer", delta)
    other = []
    for x in list(free_a):
        for y in list(free_b):
            if x.team != y.team and minute_delta(x, y) is not None and delta(x, y) <= 2:
                other.append((x, y))
                free_a.remove(x)
                free_b.remove(y)
                break
    return pairs, kinds, free_a, free_b, other


def minute_delta(x, y):
    """x's minute minus y's. goalscorers.csv writes a stoppage-time goal at its base minute
    (90+3 as 90), so against it only base minutes are compared; otherwise minute+offset."""
    if x.minute is None or y.minute is None:
        return None
    if x.src == "csv" or y.src == "csv":
        return x.minute - y.minute
    return x.total - y.total


def same_minute(x, y):
    d = minute_delta(x, y)
    if d is None:
        return None
    if x.src == "csv" or y.src == "csv":
        return d == 0
    return x.minute == y.minute and (x.offset or 0) == (y.offset or 0)


# ---------------------------------------------------------------- output

def table(headers, rows, title=None):
    if title:
        print(f"\n#### {title}\n")
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for r in rows:
        print("| " + " | ".join("" if v is None else str(v) for v in r) + " |")


def pct(n, d):
    return "-" if d == 0 else f"{n}/{d}"


def sc(p):
    return "-" if p is None else f"{p[0]}-{p[1]}"


# ---------------------------------------------------------------- comparisons

def derived(m):
    """(half-time, 90-minute) score from a complete goal list, else (None, None). A goal
    at minute <= 45 is in the first half (45+2 too, and goalscorers.csv writes it 45)."""
    if m.goals is None or m.final is None or len(m.goals) != sum(m.final):
        return None, None
    if any(g.minute is None for g in m.goals):
        return None, None
    ht, ft = [0, 0], [0, 0]
    for g in m.goals:
        s = 0 if g.team == m.t1 else 1
        ht[s] += g.minute <= 45
        ft[s] += g.minute <= 90
    return tuple(ht), tuple(ft)


class Tally(defaultdict):
    def __init__(self):
        super().__init__(Counter)


def compare_goal_pair(tag, year, pairs, kinds, only_a, only_b, other, T, notes, m):
    """Tallies (under T[tag, year]) for the goals of one match in two sources."""
    c = T[(tag, year)]
    for (x, y), k in zip(pairs, kinds):
        c["paired"] += 1
        if k == "scorer":
            c["scorer_diff"] += 1
            notes[tag].append((year, m.label(), "scorer", x.show(), y.show()))
        d = minute_delta(x, y)
        if d is not None and not x.offset and not y.offset and \
                not any(abs(g.minute - b) <= 1 for g in (x, y) for b in (45, 90, 105, 120)):
            c["open_play"] += 1
            c[f"op{d:+d}" if abs(d) <= 1 else "op_other"] += 1
        if d is not None:
            c["with_minutes"] += 1
            c[f"d{d:+d}" if abs(d) <= 2 else "d_other"] += 1
            if abs(d) > 2:
                notes[tag].append((year, m.label(), f"minute {d:+d}", x.show(), y.show()))
            # stoppage notation: how the other source writes a goal one gives as base+offset
            for g, h, side in ((x, y, "a"), (y, x, "b")):
                if g.offset:
                    c[f"stoppage_{side}"] += 1
                    if h.offset:
                        kind = "same" if (h.minute, h.offset) == (g.minute, g.offset) else "offset_other"
                    elif h.minute == g.minute:
                        kind = "base"
                    elif h.minute == g.minute + g.offset:
                        kind = "sum"
                    else:
                        kind = "else"
                    c[f"stoppage_{side}_{kind}"] += 1
        else:
            c["no_minute"] += 1
        if x.pen != y.pen:
            c["pen_only_a" if x.pen else "pen_only_b"] += 1
            notes[tag].append((year, m.label(), "penalty", x.show(), y.show()))
        c["pen_a"] += x.pen
        c["pen_b"] += y.pen
        if x.og != y.og:
            c["og_only_a" if x.og else "og_only_b"] += 1
            notes[tag].append((year, m.label(), "own goal", x.show(), y.show()))
        c["og_a"] += x.og
        c["og_b"] += y.og
    for x in only_a:
        c["only_a"] += 1
        notes[tag].append((year, m.label(), "only in first", x.show(), ""))
    for y in only_b:
        c["only_b"] += 1
        notes[tag].append((year, m.label(), "only in second", "", y.show()))
    for x, y in other:
        c["other_team"] += 1
        notes[tag].append((year, m.label(), "credited to other team",
                           f"{x.team}: {x.show()}", f"{y.team}: {y.show()}"))


def compare_scores(tag, year, a, b, T, notes):
    c = T[(tag, year)]
    c["matches"] += 1
    if a.final and b.final and a.final != b.oriented(b.final, a):
        c["final_diff"] += 1
        notes[tag].append((year, a.label(), "final score", sc(a.final), sc(b.oriented(b.final, a))))
    if a.aet is not None and b.aet is not None and "csv" not in (a.src, b.src):
        if a.aet != b.aet:
            c["aet_diff"] += 1
            notes[tag].append((year, a.label(), "extra time", a.aet, b.aet))
    if a.ft and b.ft and a.ft != b.oriented(b.ft, a):
        c["ft_diff"] += 1
        notes[tag].append((year, a.label(), "90-minute score", sc(a.ft), sc(b.oriented(b.ft, a))))
    if a.ht and b.ht:
        c["ht_both"] += 1
        if a.ht != b.oriented(b.ht, a):
            c["ht_diff"] += 1
            notes[tag].append((year, a.label(), "half-time", sc(a.ht), sc(b.oriented(b.ht, a))))
    # the half-times the two goal lists give
    ha, hb = derived(a)[0], derived(b)[0]
    if ha and hb:
        c["ht_goals"] += 1
        if ha != b.oriented(hb, a):
            c["ht_goals_diff"] += 1
            notes[tag].append((year, a.label(), "half-time from goal lists", sc(ha),
                               sc(b.oriented(hb, a))))
    # a score one source states against the one the other's goal list gives
    for x, y, side in ((a, b, "a"), (b, a, "b")):
        ht, ft = derived(y)
        if x.ht and ht:
            c[f"ht_vs_goals_{side}"] += 1
            if x.ht != y.oriented(ht, x):
                c[f"ht_vs_goals_{side}_diff"] += 1
                notes[tag].append((year, a.label(), f"half-time of {x.src} vs goals of {y.src}",
                                   sc(x.ht), sc(y.oriented(ht, x))))
        if x.ft and ft and x.aet:
            c[f"ft_vs_goals_{side}"] += 1
            if x.ft != y.oriented(ft, x):
                c[f"ft_vs_goals_{side}_diff"] += 1
                notes[tag].append((year, a.label(), f"90-min of {x.src} vs goals of {y.src}",
                                   sc(x.ft), sc(y.oriented(ft, x))))
    for x, y in ((a, b), (b, a)):
        pair = x.extra.get("ht_or_ft")
        ht, ft = derived(y)
        if pair and ht:
            c["ht_or_ft"] += 1
            if pair not in (y.oriented(ht, x), y.oriented(ft, x)):
                c["ht_or_ft_diff"] += 1
                notes[tag].append((year, a.label(), f"(x-y) after a.e.t. in {x.src}: neither "
                                   f"half-time nor 90-min of {y.src} goals", sc(pair),
                                   f"{sc(y.oriented(ht, x))} / {sc(y.oriented(ft, x))}"))
    if a.pen or b.pen or a.pen_winner or b.pen_winner:
        c["shootouts"] += 1
        if a.pen and b.pen and a.pen != b.oriented(b.pen, a):
            c["pen_diff"] += 1
            notes[tag].append((year, a.label(), "shootout", sc(a.pen), sc(b.oriented(b.pen, a))))
        if not a.pen_winner or not b.pen_winner:
            c["pen_missing"] += 1
            notes[tag].append((year, a.label(), "shootout missing in one",
                               a.pen_winner, b.pen_winner))
        elif a.pen_winner != b.pen_winner:
            c["pen_winner_diff"] += 1
            notes[tag].append((year, a.label(), "shootout winner", a.pen_winner, b.pen_winner))


def internal_checks(m, T, tag, notes):
    """A source against itself: its goal list adds up to its score; its half-time (and, after
    extra time, 90-minute) score is the one its own goal list gives."""
    c = T[(tag, m.year)]
    if m.goals is not None and m.final is not None:
        c["with_goals"] += 1
        mine = Counter(g.team for g in m.goals)
        if (mine[m.t1], mine[m.t2]) != m.final:
            c["goals_vs_score"] += 1
            notes[tag].append((m.year, m.label(), "goal list vs score",
                               f"{mine[m.t1]}-{mine[m.t2]}", sc(m.final)))
    ht, ft = derived(m)
    if m.ht and ht:
        c["ht_own"] += 1
        if ht != m.ht:
            c["ht_own_diff"] += 1
            notes[tag].append((m.year, m.label(), "half-time vs own goal list", sc(m.ht), sc(ht)))
    if m.ft and ft and m.aet:
        c["ft_own"] += 1
        if ft != m.ft:
            c["ft_own_diff"] += 1
            notes[tag].append((m.year, m.label(), "90-min vs own goal list", sc(m.ft), sc(ft)))


# ---------------------------------------------------------------- World Cups

def world_cups():
    T, notes = Tally(), defaultdict(list)
    csv_all = read_results("FIFA World Cup")
    coverage = []
    three_way = Tally()
    ht_checks = Tally()
    presence = Tally()
    reds = []
    for year in WC_YEARS:
        rep = read_report(year)
        js = read_football_json(DATA / "openfootball/worldcup.json" / str(year) / "worldcup.json", year)
        cs = [m for m in csv_all if m.year == year]
        coverage.append((
            year, len(rep), len(js), len(cs),
            sum(1 for m in rep if m.goals is not None and m.final and len(m.goals) == sum(m.final)),
            sum(1 for m in js if m.goals is not None),
            sum(1 for m in js if m.ht),
            sum(1 for m in cs if m.goals is not None),
            sum(1 for m in cs for g in (m.goals or []) if g.minute is None),
            sum(1 for m in rep if m.extra.get("refs")),
            sum(1 for m in rep if m.extra.get("attendance")),
        ))
        reds.append((year,
                     sum(m.extra["yellow"] for m in rep),
                     sum(m.extra["red"] + m.extra["second_yellow"] for m in rep),
                     sum(m.extra["two_yellows"] for m in rep)))
        for m in rep:
            internal_checks(m, T, "report", notes)
        for m in js:
            internal_checks(m, T, "json", notes)
        for m in cs:
            internal_checks(m, T, "csv", notes)
        # pairs of sources
        by_src = {"report": rep, "json": js, "csv": cs}
        paired = {}
        for a, b in (("report", "json"), ("report", "csv"), ("json", "csv")):
            pairs, ua, ub = pair_matches(by_src[a], by_src[b])
            tag = f"{a}~{b}"
            T[(tag, year)]["unpaired_a"] += len(ua)
            T[(tag, year)]["unpaired_b"] += len(ub)
            for x in ua:
                notes[tag].append((year, x.label(), "match only in first", "", ""))
            for y in ub:
                notes[tag].append((year, y.label(), "match only in second", "", ""))
            paired[(a, b)] = {id(x): y for x, y in pairs}
            for x, y in pairs:
                compare_scores(tag, year, x, y, T, notes)
                if x.goals is not None and y.goals is not None:
                    T[(tag, year)]["goal_matches"] += 1
                    gp, kinds, oa, ob, other = pair_goals(x.goals, y.goals)
                    compare_goal_pair(tag, year, gp, kinds, oa, ob, other, T, notes, x)
        # json half-time against the half-time the goal lists give
        for m in js:
            if not m.ht:
                continue
            r = paired[("report", "json")]
            rep_m = next((x for x in rep if r.get(id(x)) is m), None)
            csv_m = paired[("json", "csv")].get(id(m))
            c = ht_checks[year]
            c["json_ht"] += 1
            votes = []
            for other, name in ((rep_m, "report"), (csv_m, "csv")):
                if other is None:
                    continue
                ht, _ = derived(other)
                if ht is None:
                    continue
                ht = other.oriented(ht, m)
                c[f"vs_{name}"] += 1
                if ht == m.ht:
                    c[f"agree_{name}"] += 1
                elif ht == (m.ht[1], m.ht[0]):
                    c[f"swapped_{name}"] += 1
                else:
                    c[f"other_{name}"] += 1
                votes.append(ht)
            if votes and all(v != m.ht for v in votes):
                c["json_wrong"] += 1
                notes["json ht"].append((year, m.label(), "half-time", sc(m.ht),
                                         " / ".join(sc(v) for v in votes)))
        # which goals each source has, among matches all three list goals for
        rj, jc = paired[("report", "json")], paired[("json", "csv")]
        rc = paired[("report", "csv")]
        for x in rep:
            y, z = rj.get(id(x)), rc.get(id(x))
            if None in (y, z) or x.goals is None or y.goals is None or z.goals is None:
                continue
            p_rj = {id(g): h for g, h in pair_goals(x.goals, y.goals)[0]}
            p_rc = {id(g): h for g, h in pair_goals(x.goals, z.goals)[0]}
            p_jc = {id(g): h for g, h in pair_goals(y.goals, z.goals)[0]}
            c = presence[year]
            for g in x.goals:
                inj, inc = id(g) in p_rj, id(g) in p_rc
                c["all" if inj and inc else "missing_csv" if inj else "missing_json" if inc
                  else "only_report"] += 1
            seen_j = {id(h) for h in p_rj.values()}
            seen_c = {id(h) for h in p_rc.values()}
            for g in y.goals:
                if id(g) in seen_j:
                    continue
                c["missing_report" if id(g) in p_jc else "only_json"] += 1
            seen_c |= {id(h) for g, h in p_jc.items() if g in {id(k) for k in y.goals}}
            for g in z.goals:
                if id(g) not in seen_c:
                    c["only_csv"] += 1
        # three-way goal votes: goals paired report~json and json~csv
        for x in rep:
            y = rj.get(id(x))
            z = jc.get(id(y)) if y is not None else None
            if y is None or z is None or x.goals is None or y.goals is None or z.goals is None:
                continue
            gp, kinds, _, _, _ = pair_goals(x.goals, y.goals)
            gq, kinds2, _, _, _ = pair_goals(y.goals, z.goals)
            j2c = {id(a): b for a, b in gq}
            for (gr, gj), k in zip(gp, kinds):
                gc = j2c.get(id(gj))
                if gc is None:
                    continue
                c = three_way[year]
                c["goals"] += 1
                # minute: report and json written as minute+offset; csv one number
                votes = [odd_minute(gr, gj, gc),
                         odd_one({"report": gr.pen, "json": gj.pen, "csv": gc.pen}, "pen"),
                         odd_one({"report": gr.og, "json": gj.og, "csv": gc.og}, "og"),
                         odd_person({"report": gr.scorer, "json": gj.scorer, "csv": gc.scorer})]
                for v in votes:
                    c[v] += 1
                    if not v.endswith(":all"):
                        notes["three-way"].append((year, x.label(), v, gr.show(), gj.show(),
                                                   gc.show()))
    return T, notes, coverage, three_way, ht_checks, reds, presence


def odd_one(values, field):
    vals = list(values.values())
    if None in vals:
        return f"{field}:unknown"
    if len(set(vals)) == 1:
        return f"{field}:all"
    if len(set(vals)) == 3:
        return f"{field}:none"
    for k, v in values.items():
        if vals.count(v) == 1:
            return f"{field}:odd_{k}"
    return f"{field}:?"


def odd_minute(gr, gj, gc):
    rj, rc, jc = same_minute(gr, gj), same_minute(gr, gc), same_minute(gj, gc)
    if None in (rj, rc, jc):
        return "minute:unknown"
    if rj and rc and jc:
        return "minute:all"
    if jc and not rj and not rc:
        return "minute:odd_report"
    if rc and not rj and not jc:
        return "minute:odd_json"
    if rj and not rc and not jc:
        return "minute:odd_csv"
    if rc and jc and not rj:
        return "minute:offset_only"   # report and json differ in stoppage; csv has none
    return "minute:none"


def odd_person(names):
    keys = list(names)
    same = {(a, b): same_person(names[a], names[b]) for a in keys for b in keys if a < b}
    if all(same.values()):
        return "scorer:all"
    for k in keys:
        others = [o for o in keys if o != k]
        pair = tuple(sorted(others))
        if same[pair] and not any(same[tuple(sorted((k, o)))] for o in others):
            return f"scorer:odd_{k}"
    return "scorer:none"


# ---------------------------------------------------------------- EUROs (and Copa 2024)

def euros():
    T, notes = Tally(), defaultdict(list)
    teams = known_teams()
    csv_all = read_results("UEFA Euro")
    coverage = []
    folders = sorted(p for p in (DATA / "openfootball-continental/euro").iterdir()
                     if re.match(r"\d{4}--", p.name) and int(p.name[:4]) <= 2024)
    for folder in folders:
        year = int(folder.name[:4])
        txt = read_euro_txt(folder, teams)
        cs = [m for m in csv_all if m.year == year]
        srcs = {"txt": txt, "csv": cs}
        if year == 2024:
            srcs["json"] = read_football_json(
                DATA / "openfootball-continental/euro.json/2024/euro.json", 2024)
        coverage.append((
            year, len(txt), sum(1 for m in txt if m.date), len(cs),
            sum(1 for m in txt if m.goals is not None and m.final and len(m.goals) == sum(m.final)),
            sum(1 for m in txt if m.ht),
            sum(1 for m in cs if m.goals is not None),
        ))
        for name, ms in srcs.items():
            for m in ms:
                internal_checks(m, T, f"euro {name}", notes)
        for a, b in (("txt", "csv"), ("txt", "json"), ("json", "csv")):
            if a not in srcs or b not in srcs:
                continue
            tag = f"euro {a}~{b}"
            pairs, ua, ub = pair_matches(srcs[a], srcs[b])
            T[(tag, year)]["unpaired_a"] += len(ua)
            T[(tag, year)]["unpaired_b"] += len(ub)
            for x in ua:
                notes[tag].append((year, x.label(), "match only in first", "", ""))
            for y in ub:
                notes[tag].append((year, y.label(), "match only in second", "", ""))
            for x, y in pairs:
                compare_scores(tag, year, x, y, T, notes)
                if x.goals is not None and y.goals is not None:
                    T[(tag, year)]["goal_matches"] += 1
                    gp, kinds, oa, ob, other = pair_goals(x.goals, y.goals)
                    compare_goal_pair(tag, year, gp, kinds, oa, ob, other, T, notes, x)
    # Copa America 2024: football.json against the csv
    copa = read_football_json(DATA / "openfootball-continental/copa-america.json/2024/copa.json", 2024)
    cs = [m for m in read_results("Copa América") if m.year == 2024]
    tag = "copa json~csv"
    pairs, ua, ub = pair_matches(copa, cs)
    T[(tag, 2024)]["unpaired_a"] += len(ua)
    T[(tag, 2024)]["unpaired_b"] += len(ub)
    for m in copa:
        internal_checks(m, T, "copa json", notes)
    for x, y in pairs:
        compare_scores(tag, 2024, x, y, T, notes)
        if x.goals is not None and y.goals is not None:
            T[(tag, 2024)]["goal_matches"] += 1
            gp, kinds, oa, ob, other = pair_goals(x.goals, y.goals)
            compare_goal_pair(tag, 2024, gp, kinds, oa, ob, other, T, notes, x)
    return T, notes, coverage


# ---------------------------------------------------------------- printing

def print_pair_tables(T, notes, tags, years, first, second):
    for tag in tags:
        rows_s, rows_g, rows_st = [], [], []
        for y in years:
            c = T.get((tag, y))
            if not c or not c["matches"]:
                continue
            rows_s.append((y, c["matches"], c["unpaired_a"] + c["unpaired_b"] or "",
                           c["final_diff"] or "", c["aet_diff"] or "", c["ft_diff"] or "",
                           pct(c["ht_diff"], c["ht_both"]) if c["ht_both"] else "",
                           pct(c["ht_goals_diff"], c["ht_goals"]) if c["ht_goals"] else "",
                           pct(c["ht_vs_goals_a_diff"], c["ht_vs_goals_a"]) if c["ht_vs_goals_a"] else "",
                           pct(c["ht_vs_goals_b_diff"], c["ht_vs_goals_b"]) if c["ht_vs_goals_b"] else "",
                           pct(c["ft_vs_goals_a_diff"] + c["ft_vs_goals_b_diff"] + c["ht_or_ft_diff"],
                               c["ft_vs_goals_a"] + c["ft_vs_goals_b"] + c["ht_or_ft"])
                           if c["ft_vs_goals_a"] + c["ft_vs_goals_b"] + c["ht_or_ft"] else "",
                           c["shootouts"] or "", c["pen_diff"] or "", c["pen_winner_diff"] or "",
                           c["pen_missing"] or ""))
            if c["goal_matches"]:
                wm = c["with_minutes"]
                rows_g.append((
                    y, c["goal_matches"], c["paired"],
                    c["d+0"], c["d-1"] or "", c["d+1"] or "", (c["d-2"] + c["d+2"]) or "",
                    c["d_other"] or "",
                    f"{c['pen_a']}/{c['pen_b']}", (c["pen_only_a"] or "") and f"{c['pen_only_a']}",
                    c["pen_only_b"] or "",
                    f"{c['og_a']}/{c['og_b']}", c["og_only_a"] or "", c["og_only_b"] or "",
                    c["scorer_diff"] or "", c["other_team"] or "",
                    c["only_a"] or "", c["only_b"] or ""))
                st = [(s, c[f"stoppage_{s}"]) for s in ("a", "b") if c[f"stoppage_{s}"]]
                for s, n in st:
                    rows_st.append((y, first[tag] if s == "a" else second[tag], n,
                                    c[f"stoppage_{s}_same"] or "",
                                    c[f"stoppage_{s}_offset_other"] or "",
                                    c[f"stoppage_{s}_base"] or "", c[f"stoppage_{s}_sum"] or "",
                                    c[f"stoppage_{s}_else"] or ""))
        a, b = first[tag], second[tag]
        if rows_s:
            table(["year", "paired matches", "unpaired", "final score ≠", "a.e.t. ≠",
                   "90-min ≠", "half-time ≠", "ht from goal lists ≠",
                   f"{a} ht ≠ {b} goals", f"{b} ht ≠ {a} goals",
                   "90-min (a.e.t.) ≠ other's goals", "shootouts", "tally ≠", "winner ≠",
                   "shootout missing in one"],
                  rows_s, f"{a} vs {b}: scores")
        if rows_g:
            table(["year", "matches", "goals paired", "Δ0", f"Δ-1 ({a} earlier)",
                   f"Δ+1 ({a} later)", "Δ±2", "|Δ|>2 (far)",
                   f"pens {a}/{b}", f"pen only {a}", f"pen only {b}",
                   f"og {a}/{b}", f"og only {a}", f"og only {b}",
                   "scorer ≠", "other team", f"only {a}", f"only {b}"],
                  rows_g, f"{a} vs {b}: goals (Δ = {a} minute − {b} minute)")
        if rows_st:
            table(["year", "stoppage goal (a+b) in", "goals", "other: same a+b",
                   "other: a+b, different", "other: a only", "other: a+b summed", "other: else"],
                  rows_st, f"{a} vs {b}: how the other source writes a stoppage-time goal")


# ---------------------------------------------------------------- competitions and editions

def read_csv_rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_editions():
    """src/import/competitions.csv and editions.csv against results.csv: every tournament
    name catalogued; every edition window starts and ends on a match of its competition,
    windows do not overlap; and which runs of matches (no gap over 45 days) of a competition
    with editions cross a new year or share a year with another run."""
    comps = read_csv_rows(ROOT / "src/import/competitions.csv")
    editions = read_csv_rows(ROOT / "src/import/editions.csv")
    slug_of = {c["source_name"]: c for c in comps}
    dates = defaultdict(list)
    unknown = Counter()
    for r in read_csv_rows(DATA / "international-results/results.csv"):
        c = slug_of.get(r["tournament"])
        if c is None:
            unknown[r["tournament"]] += 1
            continue
        dates[c["slug"]].append(date.fromisoformat(r["date"]))
    print("## Competitions and editions\n")
    print(f"{len(comps)} catalogued names, {len({c['slug'] for c in comps})} competitions, "
          f"{len(editions)} edition windows; tournament names not catalogued: "
          f"{dict(unknown) or 'none'}")
    with_editions = {c["slug"] for c in comps if c["editions"] == "yes"}
    problems, windows = [], defaultdict(list)
    for e in editions:
        slug, lo, hi = e["competition_slug"], date.fromisoformat(e["first_match"]), \
            date.fromisoformat(e["last_match"])
        ds = set(dates.get(slug, []))
        if slug not in with_editions:
            problems.append((slug, e["official_year"], "competition without editions"))
        if lo not in ds or hi not in ds:
            problems.append((slug, e["official_year"], "window does not start and end on a match"))
        windows[slug].append((lo, hi, e["official_year"]))
    for slug, ws in windows.items():
        ws.sort()
        for a, b in zip(ws, ws[1:]):
            if a[1] >= b[0]:
                problems.append((slug, b[2], "overlaps the previous window"))
        years = [w[2] for w in ws]
        if len(years) != len(set(years)):
            problems.append((slug, "", "official year twice"))
    table(["competition", "official year", "problem"], problems or [("-", "-", "none")],
          "editions.csv checked against results.csv")
    rows, shared_rows = [], []
    for slug in sorted(with_editions):
        ds = sorted(dates.get(slug, []))
        if not ds:
            continue
        runs = [[ds[0]]]
        for d in ds[1:]:
            if (d - runs[-1][-1]).days > 45:
                runs.append([d])
            else:
                runs[-1].append(d)
        per_year = Counter(r[0].year for r in runs)
        for r in runs:
            if r[0].year != r[-1].year:
                covered = [w for w in windows.get(slug, []) if w[0] <= r[0] and r[-1] <= w[1]]
                rows.append((slug, r[0], r[-1], len(r), "crosses a new year",
                             f"edition {covered[0][2]}" if covered else "NOT COVERED"))
        shared = [str(y) for y, n in sorted(per_year.items()) if n > 1 and not any(
            w[0].year <= y <= w[1].year for w in windows.get(slug, []))]
        if shared:
            shared_rows.append((slug, ", ".join(shared)))
    table(["competition", "first", "last", "matches", "pattern", "editions.csv"], rows,
          "Runs of matches (no gap over 45 days) that cross a new year")
    table(["competition", "years with two or more runs, no window"], shared_rows,
          "Calendar years holding several runs (one edition in stages, or two editions)")


def main():
    if not DATA.is_dir():
        sys.exit(f"no data at {DATA}")
    if "--editions" in sys.argv:
        check_editions()
        return
    T, notes, coverage, three, ht_checks, reds, presence = world_cups()
    print("## World Cups 1930-2022")
    table(["year", "report matches", "json matches", "csv matches", "report goal lists complete",
           "json goal lists", "json half-time", "csv goal lists", "csv goals without minute",
           "report referees", "report attendance"], coverage, "Coverage")
    table(["year", "yellow", "red (R or Y/R)", "two [Y] for one player"], reds,
          "Cards in the full reports (the only source with cards)")
    int_rows = []
    for y in WC_YEARS:
        row = [y]
        for s in ("report", "json", "csv"):
            c = T[(s, y)]
            row.append(pct(c["goals_vs_score"], c["with_goals"]))
        c = T[("json", y)]
        row.append(pct(c["ht_own_diff"], c["ht_own"]) if c["ht_own"] else "")
        row.append(pct(c["ft_own_diff"], c["ft_own"]) if c["ft_own"] else "")
        int_rows.append(row)
    table(["year", "report: goals ≠ score", "json: goals ≠ score", "csv: goals ≠ score",
           "json: ht ≠ own goals", "json: 90-min ≠ own goals (a.e.t.)"], int_rows,
          "Each source against itself (matches)")
    first = {"report~json": "report", "report~csv": "report", "json~csv": "json"}
    second = {"report~json": "json", "report~csv": "csv", "json~csv": "csv"}
    print_pair_tables(T, notes, ["report~json", "report~csv", "json~csv"], WC_YEARS, first, second)
    rows = []
    for y in WC_YEARS:
        c = ht_checks.get(y)
        if not c:
            continue
        rows.append((y, c["json_ht"],
                     f"{c['agree_report']}/{c['vs_report']}", c["swapped_report"] or "",
                     c["other_report"] or "",
                     f"{c['agree_csv']}/{c['vs_csv']}", c["swapped_csv"] or "",
                     c["other_csv"] or "", c["json_wrong"] or ""))
    table(["year", "json ht", "= report goals", "swapped vs report", "else vs report",
           "= csv goals", "swapped vs csv", "else vs csv", "json ht contradicted by every goal list"],
          rows, "json half-time score against the half-time its rivals' goal lists give")
    rows = []
    for y in WC_YEARS:
        c = three.get(y)
        if not c or not c["goals"]:
            continue
        row = [y, c["goals"]]
        for f in ("minute", "pen", "og", "scorer"):
            row += [c[f"{f}:all"],
                    c[f"{f}:odd_report"] or "", c[f"{f}:odd_json"] or "",
                    c[f"{f}:odd_csv"] or "", c[f"{f}:none"] or ""]
            if f == "minute":
                row.append(c["minute:offset_only"] or "")
        rows.append(row)
    total = ["all", sum(r[1] for r in rows)] + [
        sum(r[i] for r in rows if r[i] != "") or "" for i in range(2, len(rows[0]))]
    rows.append(total)
    hdr = ["year", "goals in all 3"]
    for f in ("minute", "pen", "og", "scorer"):
        hdr += [f"{f} all agree", "odd: report", "odd: json", "odd: csv", "all differ"]
        if f == "minute":
            hdr.append("stoppage offset only (csv has none)")
    table(hdr, rows, "Three-way votes per goal (the odd one out is outvoted 2:1)")

    rows = []
    for y in WC_YEARS:
        c = presence.get(y)
        if not c:
            continue
        rows.append((y, c["all"], c["missing_report"] or "", c["missing_json"] or "",
                     c["missing_csv"] or "", c["only_report"] or "", c["only_json"] or "",
                     c["only_csv"] or ""))
    table(["year", "goal in all 3", "missing from report", "missing from json",
           "missing from csv", "only in report", "only in json", "only in csv"], rows,
          "Goals present in some sources only (years where all three list goals)")
    shift_rows = []
    for tag, (a, b) in (("report~json", ("report", "json")), ("report~csv", ("report", "csv")),
                        ("json~csv", ("json", "csv"))):
        for y in WC_YEARS:
            c = T.get((tag, y))
            if not c or not c["open_play"]:
                continue
            n = c["open_play"]
            shift_rows.append((f"{a} − {b}", y, n, c["op+0"], c["op-1"] or "", c["op+1"] or "",
                               c["op_other"] or "", f"{100 * c['op-1'] // n}%"))
    table(["pair", "year", "goals away from 45/90/105/120", "Δ0", "Δ−1", "Δ+1", "other",
           "share Δ−1"], shift_rows,
          "Minute shift, goals not in or next to stoppage time")

    ET, enotes, ecov = euros()
    print("\n## EUROs 1960-2024 and Copa America 2024")
    table(["year", "txt matches", "with date", "csv matches", "txt goal lists complete",
           "txt half-time", "csv goal lists"], ecov, "Coverage")
    eyears = [r[0] for r in ecov]
    int_rows = [(y, pct(ET[("euro txt", y)]["goals_vs_score"], ET[("euro txt", y)]["with_goals"]),
                 pct(ET[("euro csv", y)]["goals_vs_score"], ET[("euro csv", y)]["with_goals"]))
                for y in eyears]
    table(["year", "txt", "csv"], int_rows,
          "Goal list that does not add up to the source's own score (matches)")
    first = {"euro txt~csv": "txt", "euro txt~json": "txt", "euro json~csv": "json",
             "copa json~csv": "copa json"}
    second = {"euro txt~csv": "csv", "euro txt~json": "json", "euro json~csv": "csv",
              "copa json~csv": "csv"}
    print_pair_tables(ET, enotes, ["euro txt~csv", "euro txt~json", "euro json~csv", "copa json~csv"],
                      eyears, first, second)

    if DETAILS:
        print("\n## Every disagreement\n")
        for src in (notes, enotes):
            for tag, items in src.items():
                print(f"\n### {tag}\n")
                for it in items:
                    print("- " + " | ".join(str(v) for v in it))


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    main()
