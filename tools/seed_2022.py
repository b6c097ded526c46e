#!/usr/bin/env python3
"""Build goalline's built-in 2022 World Cup dataset (src/seed/world-cup-2022.json).

Reads the public-domain (CC0) openfootball files, resolves every name in the match
reports to a squad entry, applies a few documented facts the sources lack, checks the
result for internal consistency and writes it in the `goalline-seed/1` format.
Exits non-zero with a message on any inconsistency; nothing is written in that case.

    python3 tools/seed_2022.py [--shared ../shared/data/openfootball] [--out src/seed/world-cup-2022.json]

Standard library only, so it runs anywhere without setup.
"""

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SHARED = os.path.join(REPO_ROOT, "..", "shared", "data", "openfootball")
DEFAULT_OUT = os.path.join(REPO_ROOT, "src", "seed", "world-cup-2022.json")

FULL_TXT = "worldcup/more/2022_full.txt"
SQUADS_TXT = "worldcup/more/2022_squads.txt"
FOOTBALL_JSON = "worldcup.json/2022/worldcup.json"
STADIUMS_CSV = "worldcup/2022--qatar/cup_stadiums.csv"
CUP_TXT = "worldcup/2022--qatar/cup.txt"  # only for the draw order of each group

YEAR = 2022
TOURNAMENT = {
    "slug": "world-cup-2022",
    "name": "FIFA World Cup Qatar 2022",
    "competition": "FIFA World Cup",
    "year": YEAR,
    "host": "Qatar",
    "host_code": "QAT",
    "start_date": "2022-11-20",
    "end_date": "2022-12-18",
}

# The sources name teams only; the API keys them by FIFA code.
TEAM_CODES = {
    "Qatar": "QAT", "Ecuador": "ECU", "Senegal": "SEN", "Netherlands": "NED",
    "England": "ENG", "Iran": "IRN", "USA": "USA", "Wales": "WAL",
    "Argentina": "ARG", "Saudi Arabia": "KSA", "Mexico": "MEX", "Poland": "POL",
    "France": "FRA", "Australia": "AUS", "Denmark": "DEN", "Tunisia": "TUN",
    "Spain": "ESP", "Costa Rica": "CRC", "Germany": "GER", "Japan": "JPN",
    "Belgium": "BEL", "Canada": "CAN", "Morocco": "MAR", "Croatia": "CRO",
    "Brazil": "BRA", "Serbia": "SRB", "Switzerland": "SUI", "Cameroon": "CMR",
    "Portugal": "POR", "Ghana": "GHA", "Uruguay": "URU", "South Korea": "KOR",
}

# Section headings of the full report -> stage key.
STAGE_HEADINGS = {
    "First stage": "group",
    "Round of 16": "r16",
    "Quarter-final": "qf",
    "Semi-final": "sf",
    "Play-off for third place": "third",
    "Final": "final",
}
STAGES = [
    {"key": "group", "name": "Group stage", "kind": "GROUP"},
    {"key": "r16", "name": "Round of 16", "kind": "ROUND_OF_16"},
    {"key": "qf", "name": "Quarter-finals", "kind": "QUARTER_FINAL"},
    {"key": "sf", "name": "Semi-finals", "kind": "SEMI_FINAL"},
    {"key": "third", "name": "Match for third place", "kind": "THIRD_PLACE"},
    {"key": "final", "name": "Final", "kind": "FINAL"},
]
EXPECTED_MATCHES = {"group": 48, "r16": 8, "qf": 4, "sf": 2, "third": 1, "final": 1}
EXPECTED_TOTAL_GOALS = 172  # the tournament's well-known total, a guard against parse slips

# Iran registered only 25 players (shirts 1-25); every other squad has 26.
SQUAD_SIZE_EXCEPTIONS = {"IRN": 25}

# Squad entries written surname-first that read wrongly when merely re-cased
# (Korean names are surname-first by convention and stay as they are).
REORDERED_NAMES = {
    "BEN ROMDHANE Ali": "Ali BEN ROMDHANE",
    "RODRIGUEZ GUIDO": "GUIDO RODRIGUEZ",
}

# Report spellings that differ from the squad list, per team. Empty: every report name
# matches a squad entry after normalisation (kept so a future source change has a home).
NAME_ALIASES = {}

# Accents for well-known players of the final's two squads who did not score (the
# scorer names of worldcup.json cover the rest). Applied only when the accent-stripped
# name equals the squad name, and each entry must be used. Wins over worldcup.json,
# which misspells "Aurelién Tchouaméni".
CURATED_ACCENTS = {
    "ARG": ["Emiliano Martínez", "Nicolás Otamendi", "Nicolás Tagliafico", "Germán Pezzella",
            "Lautaro Martínez", "Lisandro Martínez", "Marcos Acuña", "Ángel Correa",
            "Gerónimo Rulli", "Alejandro Gómez", "Guido Rodríguez"],
    "FRA": ["Raphaël Varane", "Jules Koundé", "Ousmane Dembélé", "Aurélien Tchouaméni",
            "Ibrahima Konaté"],
}

# Squad status facts the squad list does not carry.
STATUS_OVERRIDES = {
    ("FRA", 19): ("RULED_OUT_INJURED",
                  "Thigh injury in training on 2022-11-19, the eve of the tournament; about "
                  "three weeks' recovery. France did not replace him and he was never formally "
                  "removed from the squad list."),
}
EXPECTED_OVERRIDE_NAMES = {("FRA", 19): "karim benzema"}

# The report writes "(missed)" for every failed kick; whether the keeper saved it or it
# went wide / hit the woodwork is recorded here. Keyed by (stage, home, away) and the
# taker's name as the report writes it. Every "(missed)" must be covered, every entry used.
SHOOTOUT_FAILURES = {
    ("r16", "JPN", "CRO"): {"Takumi MINAMINO": "SAVED", "Kaoru MITOMA": "SAVED",
                            "Maya YOSHIDA": "SAVED", "Marko LIVAJA": "MISSED"},   # Livaja: post
    ("r16", "MAR", "ESP"): {"Pablo SARABIA": "MISSED", "Carlos SOLER": "SAVED",  # Sarabia: post
                            "Sergio BUSQUETS": "SAVED", "Badr BENOUN": "SAVED"},  # Benoun: Unai Simón
    ("qf", "CRO", "BRA"): {"RODRYGO": "SAVED", "MARQUINHOS": "MISSED"},  # Livaković; post
    ("qf", "NED", "ARG"): {"Virgil VAN DIJK": "SAVED", "Steven BERGHUIS": "SAVED",
                           "Enzo FERNANDEZ": "MISSED"},  # Fernández: wide
    ("final", "ARG", "FRA"): {"Kingsley COMAN": "SAVED",  # E. Martínez
                              "Aurelien TCHOUAMENI": "MISSED"},  # wide
}

# The final, checked in full against the facts everyone knows.
FINAL_EXPECTED = {
    "home": "ARG", "away": "FRA", "extra_time": True,
    "score": {"ht": [2, 0], "ft": [2, 2], "et": [3, 3], "pen": [4, 2]},
    "shootout": [("FRA", "Kylian Mbappé", "SCORED"), ("ARG", "Lionel Messi", "SCORED"),
                 ("FRA", "Kingsley Coman", "SAVED"), ("ARG", "Paulo Dybala", "SCORED"),
                 ("FRA", "Aurélien Tchouaméni", "MISSED"), ("ARG", "Leandro Paredes", "SCORED"),
                 ("FRA", "Randal Kolo Muani", "SCORED"), ("ARG", "Gonzalo Montiel", "SCORED")],
}

# worldcup.json half-time scores that contradict its own goal list and the full report;
# the goal minutes win. (date, home, away) -> (worldcup.json's ht, ht from the goals).
HT_CORRECTIONS = {
    ("2022-12-01", "JPN", "ESP"): ([0, 0], [0, 1]),  # Morata 11': Spain led at the break
    ("2022-12-02", "SRB", "SUI"): ([2, 1], [2, 2]),  # Embolo 44' equalised before the break
    ("2022-12-09", "NED", "ARG"): ([1, 0], [0, 1]),  # Molina 35': sides swapped in worldcup.json
}

# Five substitutes, a sixth in extra time; more only with concussion substitutes (a warning).
MAX_SUBS, MAX_SUBS_ET = 5, 6
MAX_BYTES = 1 << 20

MONTHS = {"Nov": 11, "Dec": 12}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CARD_KINDS = {"Y": "YELLOW", "Y/R": "SECOND_YELLOW", "R": "RED"}


class DataError(Exception):
    pass


def fail(msg):
    raise DataError(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


WARNINGS = []
used_ht_corrections = set()


def warn(msg):
    WARNINGS.append(msg)


# ---------------------------------------------------------------- names

# Letters NFKD does not decompose into base letter + accent.
SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                                 "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE"})


def squash(s):
    return " ".join(s.split())


def fold(s):
    """Matching key: accents stripped, case-folded, dots dropped, spaces collapsed."""
    s = unicodedata.normalize("NFKD", s.translate(SPECIAL_LETTERS))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return squash(s.casefold().replace(".", ""))


def token_key(s):
    # Order-free key so "BEN ROMDHANE Ali" and "Ali BEN ROMDHANE" meet.
    return " ".join(sorted(fold(s).split()))


def recase_part(part):
    m = re.fullmatch(r"(Mc|Mac)([A-Z]{2,})", part)
    if m:  # McKENNIE -> McKennie: keep the source's mixed-case prefix
        return m.group(1) + m.group(2).capitalize()
    letters = [c for c in part if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return part[0].upper() + part[1:].lower()
    return part  # already mixed case as written ("DeAndre", "de Vries", "Kim")


def display_case(raw):
    """'Kylian MBAPPE' -> 'Kylian Mbappe'; hyphenated parts are re-cased one by one."""
    return " ".join("-".join(recase_part(p) for p in tok.split("-")) for tok in squash(raw).split(" "))


# ---------------------------------------------------------------- sources

def read_text(shared, rel):
    path = os.path.join(shared, rel)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        fail(f"cannot read source {path}: {e}")


def parse_date(text, what):
    try:
        return dt.date(*map(int, text.split("/")))
    except ValueError:
        fail(f"{what}: bad date {text!r}")


def parse_squads(text):
    squads = {}  # code -> {"players": [...], "coach": ..., "declared": n}
    current = None
    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("= World Cup"):
            continue
        m = re.fullmatch(r"== (.+?)\s+# (\d+) Players", s)
        if m:
            name = m.group(1)
            check(name in TEAM_CODES, f"squads line {lineno}: unknown team {name!r}")
            code = TEAM_CODES[name]
            check(code not in squads, f"squads line {lineno}: {name} listed twice")
            current = squads[code] = {"name": name, "players": [], "coach": None,
                                      "declared": int(m.group(2))}
            continue
        check(current is not None, f"squads line {lineno}: entry before any team: {s!r}")
        m = re.fullmatch(r"-,\s*(.+?)\s*\(([A-Z]{3})\),\s*MG,\s*b\. (\d{4}/\d\d/\d\d)", s)
        if m:
            check(current["coach"] is None, f"squads line {lineno}: second coach for {current['name']}")
            current["coach"] = {"name": display_case(m.group(1)),
                                "birth_date": parse_date(m.group(3), f"squads line {lineno}").isoformat(),
                                "nationality": m.group(2)}
            continue
        m = re.fullmatch(r"(\d+),\s*(.+?)\s*,\s*(GK|DF|MF|FW),\s*b\. (\d{4}/\d\d/\d\d)", s)
        check(m is not None, f"squads line {lineno}: cannot parse {s!r}")
        current["players"].append({
            "shirt": int(m.group(1)), "raw": squash(m.group(2)), "position": m.group(3),
            "birth_date": parse_date(m.group(4), f"squads line {lineno}").isoformat()})
    return squads


def parse_stadiums(text):
    rows = {}
    header = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split(",")]
        if header is None:
            header = fields
            check(header[:4] == ["city", "timezone", "name", "capacity"], f"stadiums: unexpected header {header}")
            continue
        check(len(fields) == len(header), f"stadiums: bad row {line!r}")
        row = dict(zip(header, fields))
        # "Al Rayyan (2)" numbers stadiums within a city; the city is "Al Rayyan".
        city = re.sub(r"\s*\(\d+\)$", "", row["city"])
        check(row["timezone"] == "UTC+3", f"stadiums: unexpected timezone in {line!r}")
        rows[row["name"].casefold()] = {"name": row["name"], "city": city, "capacity": int(row["capacity"])}
    return rows


def parse_draw(text):
    """'Group A  | Qatar      Ecuador ...' lines -> {"Group A": [codes in draw position order]}."""
    groups = {}
    for line in text.splitlines():
        m = re.fullmatch(r"(Group [A-H])\s*\|\s*(.+?)\s*", line)
        if m:
            names = re.split(r"\s{2,}", m.group(2))  # names may contain single spaces
            check(all(n in TEAM_CODES for n in names), f"{CUP_TXT}: unknown team in {line!r}")
            groups[m.group(1)] = [TEAM_CODES[n] for n in names]
    return groups


# ---------------------------------------------------------------- full report parsing

MINUTE = r"(\d+)(?:\+(\d+))?'"


class LineupParser:
    """Parses 'GK - D1, D2 [Y 15'] (72' SUB (80' SUB2)), ...' into entries with their chains."""

    NAME = re.compile(r"[^\[\](),]+?(?=\s*[\[(),]|\s+-(?:\s|$)|\s*$)")
    ANNOT = re.compile(r"\[(c|Y/R|Y|R)(?:\s+" + MINUTE + r")?\]")
    SUB_START = re.compile(r"\(" + MINUTE + r"\s+")

    def __init__(self, text, where):
        self.s, self.i, self.where = text, 0, where

    def error(self, msg):
        fail(f"{self.where}: {msg} at ...{self.s[self.i:self.i + 40]!r}")

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1

    def parse(self):
        entries = []
        while True:
            self.ws()
            entries.append(self.entry())
            self.ws()
            if self.i >= len(self.s):
                return entries
            if self.s[self.i] in ",-":  # "," between players, " - " between lines of the formation
                self.i += 1
            else:
                self.error("expected ',' or '-'")

    def entry(self):
        m = self.NAME.match(self.s, self.i)
        if not m or not m.group().strip():
            self.error("expected a player name")
        self.i = m.end()
        e = {"name": squash(m.group()), "captain": False, "cards": [], "sub": None}
        while True:
            self.ws()
            a = self.ANNOT.match(self.s, self.i)
            if a:
                self.i = a.end()
                if a.group(1) == "c":
                    if a.group(2) or e["captain"]:
                        self.error("bad captain mark")
                    e["captain"] = True
                else:
                    if not a.group(2):
                        self.error("card without minute")
                    e["cards"].append((CARD_KINDS[a.group(1)], int(a.group(2)), int(a.group(3) or 0)))
                continue
            sm = self.SUB_START.match(self.s, self.i)
            if sm:
                if e["sub"] is not None:
                    self.error(f"{e['name']} replaced twice")
                self.i = sm.end()
                inner = self.entry()
                self.ws()
                if self.i >= len(self.s) or self.s[self.i] != ")":
                    self.error("expected ')'")
                self.i += 1
                e["sub"] = (int(sm.group(1)), int(sm.group(2) or 0), inner)
                continue
            if self.i < len(self.s) and self.s[self.i] in "[(":
                self.error("unrecognised bracket")
            return e


def split_top(text, sep):
    """Split at `sep` outside parentheses."""
    parts, depth, cur = [], 0, []
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts


def parse_goal_side(text, where):
    goals, name = [], None
    for piece in split_top(text, ","):
        piece = piece.strip()
        m = re.fullmatch(r"(?:(.*?\S)\s+)?" + MINUTE + r"(?:\((p|og)\))?", piece)
        check(m is not None, f"{where}: cannot parse goal {piece!r}")
        if m.group(1):
            name = squash(m.group(1))
        check(name is not None, f"{where}: goal minute without scorer {piece!r}")
        goals.append({"name": name, "minute": int(m.group(2)), "offset": int(m.group(3) or 0),
                      "penalty": m.group(4) == "p", "own_goal": m.group(4) == "og"})
    return goals


HEADER = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Nov|Dec) (\d{1,2}) (\d\d):(\d\d) UTC([+-]\d{1,2}) "
                    r"@ (.+?), (.+?), Att: (\d+)")
SCORE_LINE = re.compile(r"(.+?) v (.+?)\s+(\d+)-(\d+)( a\.e\.t\.)?(?:, (\d+)-(\d+) pen\.)?")


def parse_full(text):
    lines = text.splitlines()
    check(lines and lines[0].strip() == f"= World Cup {YEAR}", "full report: unexpected first line")
    matches = []
    stage = group = None
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        s = line.strip()
        if not s or s.startswith("#") or i == 0:
            i += 1
            continue
        if s.startswith("▪▪ "):
            check(stage == "group", f"full line {i + 1}: group heading outside the group stage")
            group = s[3:].strip()
            check(re.fullmatch(r"Group [A-H]", group), f"full line {i + 1}: bad group {group!r}")
            i += 1
            continue
        if s.startswith("▪ "):
            heading = s[2:].strip()
            check(heading in STAGE_HEADINGS, f"full line {i + 1}: unknown stage heading {heading!r}")
            stage, group = STAGE_HEADINGS[heading], None
            i += 1
            continue
        m = HEADER.fullmatch(s)
        check(m is not None, f"full line {i + 1}: expected a match header, got {s!r}")
        check(stage is not None and (stage != "group" or group), f"full line {i + 1}: match outside a stage/group")
        where = f"full line {i + 1}"
        # A match block runs to the "Refs:" line.
        j = i + 1
        while j < len(lines) and not lines[j].startswith("Refs:"):
            check(not HEADER.fullmatch(lines[j].strip()), f"{where}: match without Refs line")
            j += 1
        check(j < len(lines), f"{where}: match without Refs line")
        matches.append(parse_match(m, lines[i + 1:j], lines[j], stage, group, where))
        i = j + 1
    return matches


def parse_match(header, body, refs_line, stage, group, where):
    wd, mon, day, hh, mm, tz, venue, city, att = header.groups()
    date = dt.date(YEAR, MONTHS[mon], int(day))
    check(WEEKDAYS[date.weekday()] == wd, f"{where}: {wd} {mon} {day} is not a {wd}")
    tzinfo = dt.timezone(dt.timedelta(hours=int(tz)))
    kickoff = dt.datetime(date.year, date.month, date.day, int(hh), int(mm), tzinfo=tzinfo)

    body = [l.rstrip() for l in body]
    while body and not body[-1].strip():
        body.pop()
    check(body, f"{where}: empty match")
    sm = SCORE_LINE.fullmatch(body[0].strip())
    check(sm is not None, f"{where}: cannot parse score line {body[0].strip()!r}")
    home_name, away_name = sm.group(1), sm.group(2)
    for t in (home_name, away_name):
        check(t in TEAM_CODES, f"{where}: unknown team {t!r}")
    final_score = [int(sm.group(3)), int(sm.group(4))]
    aet = bool(sm.group(5))
    pen = [int(sm.group(6)), int(sm.group(7))] if sm.group(6) else None
    check(pen is None or aet, f"{where}: shootout without extra time")

    rec = {"where": where, "stage": stage, "group": group, "kickoff": kickoff, "date": date,
           "time": f"{hh}:{mm}", "venue": venue, "city": city, "attendance": int(att),
           "home_name": home_name, "away_name": away_name,
           "home": TEAM_CODES[home_name], "away": TEAM_CODES[away_name],
           "line_score": final_score, "aet": aet, "line_pen": pen,
           "goals_raw": [[], []], "penalties_raw": None, "lineups_raw": {}}

    k = 1
    while k < len(body):
        s = body[k].strip()
        if not s:
            k += 1
            continue
        if s.startswith("("):  # scorers, possibly over several lines, up to the matching ")"
            text, depth = "", 0
            while True:
                check(k < len(body), f"{where}: unterminated scorer list")
                text += " " + body[k].strip()
                depth = text.count("(") - text.count(")")
                k += 1
                if depth == 0:
                    break
            text = text.strip()
            check(text.startswith("(") and text.endswith(")"), f"{where}: bad scorer list")
            sides = split_top(text[1:-1], ";")
            check(len(sides) <= 2, f"{where}: more than two scorer lists")
            if len(sides) == 2:
                rec["goals_raw"] = [parse_goal_side(sides[0], where), parse_goal_side(sides[1], where)]
            else:
                # Without ";" the report lists one side only: the one that scored.
                goals = parse_goal_side(sides[0], where)
                check((final_score[0] == 0) != (final_score[1] == 0),
                      f"{where}: cannot tell whose goals {sides[0]!r} are")
                rec["goals_raw"] = [goals, []] if final_score[1] == 0 else [[], goals]
            continue
        if s.startswith("Penalties:"):
            text = s[len("Penalties:"):]
            k += 1
            while k < len(body) and body[k].strip() and body[k].startswith(" "):
                text += " " + body[k].strip()
                k += 1
            rec["penalties_raw"] = parse_penalties(text, where)
            continue
        m = re.match(r"(.+?):\s(.*)", s)
        check(m and m.group(1) in (home_name, away_name), f"{where}: unexpected line {s!r}")
        side = "home" if m.group(1) == home_name else "away"
        check(side not in rec["lineups_raw"], f"{where}: two line-ups for {m.group(1)}")
        text = m.group(2)
        k += 1
        while k < len(body) and body[k].startswith(" ") and body[k].strip():
            text += " " + body[k].strip()
            k += 1
        rec["lineups_raw"][side] = LineupParser(squash(text), f"{where} {m.group(1)} line-up").parse()
    check(set(rec["lineups_raw"]) == {"home", "away"}, f"{where}: missing a line-up")
    check((pen is None) == (rec["penalties_raw"] is None), f"{where}: shootout score and kicks disagree")

    refs = []
    for n, (name, nat) in enumerate(re.findall(r"\s*([^,()]+?)\s*\(([A-Z]{3})\)\s*(?:,|$)", refs_line[len("Refs:"):])):
        refs.append({"role": "REFEREE" if n == 0 else "ASSISTANT", "name": display_case(name), "nationality": nat})
    rebuilt = ", ".join(f"{squash(x)} ({c})" for x, c in
                        re.findall(r"\s*([^,()]+?)\s*\(([A-Z]{3})\)\s*(?:,|$)", refs_line[len("Refs:"):]))
    check(refs and rebuilt == squash(refs_line[len("Refs:"):]), f"{where}: cannot parse {refs_line!r}")
    rec["officials"] = refs
    return rec


def parse_penalties(text, where):
    kicks = []
    for piece in text.split(","):
        piece = piece.strip()
        m = re.fullmatch(r"(\d+)-(\d+)\s+(.+)", piece)
        if m:
            kicks.append({"name": squash(m.group(3)), "scored": True, "running": [int(m.group(1)), int(m.group(2))]})
            continue
        m = re.fullmatch(r"(.+?)\s+\(missed\)", piece)
        check(m is not None, f"{where}: cannot parse penalty kick {piece!r}")
        kicks.append({"name": squash(m.group(1)), "scored": False, "running": None})
    return kicks


# ---------------------------------------------------------------- building

class NameResolver:
    """Finds a report name's shirt number in one team's squad."""

    def __init__(self, squads_raw):
        self.index = {}  # code -> key -> shirt, or None when two players share the key
        for code, sq in squads_raw.items():
            idx = {}
            for p in sq["players"]:
                for key in {fold(p["raw"]), token_key(p["raw"])}:
                    idx[key] = None if key in idx and idx[key] != p["shirt"] else p["shirt"]
            self.index[code] = idx
        self.unresolved = []

    def resolve(self, code, name, where):
        name = NAME_ALIASES.get(code, {}).get(name, name)
        idx = self.index[code]
        keys = (fold(name), token_key(name))
        for key in keys:
            if idx.get(key) is not None:
                return idx[key]
        ambiguous = any(key in idx for key in keys)
        self.unresolved.append(f"{where}: {name!r} {'ambiguous in' if ambiguous else 'not in'} the {code} squad")
        return None

    def find_team(self, codes, name):
        """Which of these teams' squads has this name (for shootout takers)."""
        hits = [c for c in codes if any(self.index[c].get(k) is not None for k in (fold(name), token_key(name)))]
        return hits


def resolve_all(full, resolver):
    """Resolve every name of every report first, to list all failures at once."""
    for rec in full:
        where = f"{rec['home']} v {rec['away']} ({rec['date']})"
        for side, code in (("home", rec["home"]), ("away", rec["away"])):
            stack = list(rec["lineups_raw"][side])
            while stack:
                e = stack.pop()
                resolver.resolve(code, e["name"], where)
                if e["sub"]:
                    stack.append(e["sub"][2])
        for side, (code, other) in enumerate(((rec["home"], rec["away"]), (rec["away"], rec["home"]))):
            for g in rec["goals_raw"][side]:
                resolver.resolve(other if g["own_goal"] else code, g["name"], where)
        for kick in rec["penalties_raw"] or []:
            if not resolver.find_team([rec["home"], rec["away"]], kick["name"]):
                resolver.unresolved.append(f"{where}: shootout taker {kick['name']!r} in neither squad")
    if resolver.unresolved:
        fail(f"{len(resolver.unresolved)} names not resolved to a squad player:\n  "
             + "\n  ".join(resolver.unresolved))


def build_accent_map(football):
    """(team code, key) -> accented name, from worldcup.json scorers."""
    forms = defaultdict(set)
    for m in football["matches"]:
        teams = [TEAM_CODES.get(m["team1"]), TEAM_CODES.get(m["team2"])]
        check(None not in teams, f"worldcup.json: unknown team in {m['team1']} v {m['team2']}")
        for side, key in enumerate(("goals1", "goals2")):
            for g in m.get(key, []):
                # goalsN lists the team credited; an own goal's scorer plays for the other.
                team = teams[1 - side] if g.get("owngoal") else teams[side]
                forms[(team, fold(g["name"]))].add(g["name"])
    accents, conflicts = {}, []
    for key, names in forms.items():
        if len(names) == 1:
            accents[key] = next(iter(names))
        else:
            conflicts.append(sorted(names))  # e.g. "Ritsu Doan" / "Ritsu Dōan": keep the plain form
    return accents, conflicts


def build_squads(squads_raw, accents):
    curated = {(code, fold(n)): n for code, names in CURATED_ACCENTS.items() for n in names}
    check(len(curated) == sum(len(v) for v in CURATED_ACCENTS.values()), "curated accents: duplicate entry")
    used_curated, used_overrides = set(), set()
    out = {}
    for code, sq in squads_raw.items():
        expected = SQUAD_SIZE_EXCEPTIONS.get(code, 26)
        shirts = [p["shirt"] for p in sq["players"]]
        check(len(shirts) == expected == sq["declared"],
              f"{code}: {len(shirts)} players listed, {sq['declared']} declared, {expected} expected")
        check(sorted(shirts) == list(range(1, expected + 1)), f"{code}: shirts are not 1-{expected}: {sorted(shirts)}")
        check(sq["coach"] is not None, f"{code}: no coach")
        players = []
        for p in sorted(sq["players"], key=lambda p: p["shirt"]):
            name = display_case(REORDERED_NAMES.get(p["raw"], p["raw"]))
            key = fold(name)
            if (code, key) in curated:
                name = curated[(code, key)]
                used_curated.add((code, key))
            elif (code, key) in accents:
                name = accents[(code, key)]
            check(fold(name) == key, f"{code} #{p['shirt']}: accent map changed letters")
            entry = {"shirt": p["shirt"], "name": name, "position": p["position"],
                     "birth_date": p["birth_date"], "status": "SELECTED"}
            ov = STATUS_OVERRIDES.get((code, p["shirt"]))
            if ov:
                check(fold(name) == EXPECTED_OVERRIDE_NAMES[(code, p["shirt"])],
                      f"{code} #{p['shirt']}: status override expects {EXPECTED_OVERRIDE_NAMES[(code, p['shirt'])]}, found {name}")
                entry["status"], entry["status_note"] = ov
                used_overrides.add((code, p["shirt"]))
            players.append(entry)
        out[code] = {"team": code, "coach": sq["coach"], "players": players}
    check(used_curated == set(curated), f"curated accents not matching any player: {sorted(set(curated) - used_curated)}")
    check(used_overrides == set(STATUS_OVERRIDES), "a status override matches no player")
    return out


def build_match(rec, resolver, player_names, football_by_key, quirks):
    where = f"{rec['home']} v {rec['away']} ({rec['date']})"
    home, away = rec["home"], rec["away"]

    lineups, subs, cards, played, intervals = {}, [], [], {}, {}
    for side, code in (("home", home), ("away", away)):
        entries = rec["lineups_raw"][side]
        check(len(entries) == 11, f"{where}: {code} has {len(entries)} starters")
        starters, came_on, team_subs, team_cards = [], [], [], []
        captains = 0
        order = 0

        def visit(e, is_starter):
            nonlocal captains, order
            shirt = resolver.resolve(code, e["name"], where)
            captains += e["captain"]
            for kind, mi, off in e["cards"]:
                team_cards.append({"team": code, "player": shirt, "minute": mi, "offset": off, "kind": kind,
                                   "_order": order, "_name": e["name"]})
                order += 1
            item = {"shirt": shirt, "starter": is_starter, "captain": e["captain"], "_name": e["name"]}
            (starters if is_starter else came_on).append(item)
            if e["sub"]:
                mi, off, nxt = e["sub"]
                # Numbered before the replacement's own events, so a chain keeps its order.
                sub_order = order
                order += 1
                on_item = visit(nxt, False)
                team_subs.append({"team": code, "minute": mi, "offset": off, "on": on_item["shirt"],
                                  "off": shirt, "_order": sub_order, "_on_name": nxt["name"], "_off_name": e["name"]})
            return item

        for e in entries:
            visit(e, True)
        check(captains == 1, f"{where}: {code} has {captains} captains")
        team_subs.sort(key=lambda s: (s["minute"], s["offset"], s["_order"]))
        # Substitutes listed in the order they came on.
        on_order = {s["on"]: n for n, s in enumerate(team_subs)}
        came_on.sort(key=lambda it: on_order.get(it["shirt"], -1))
        lineup = starters + came_on
        shirts = [it["shirt"] for it in lineup]
        check(len(set(shirts)) == len(shirts), f"{where}: {code} player listed twice: {shirts}")
        lineups[side] = lineup
        subs.extend(team_subs)
        cards.extend(team_cards)
        allowed = MAX_SUBS_ET if rec["aet"] else MAX_SUBS
        if len(team_subs) > allowed:
            warn(f"{where}: {code} made {len(team_subs)} substitutions, more than {allowed} "
                 f"(concussion substitutes?)")
        played[code] = set(shirts)

    # Replay substitutions and sendings-off in time order to know who was on the pitch when.
    end = (10**6, 0)
    for side, code in (("home", home), ("away", away)):
        on_pitch = {it["shirt"] for it in lineups[side] if it["starter"]}
        seen = set(on_pitch)
        iv = {s: [(0, 0), end] for s in on_pitch}
        events = [(s["minute"], s["offset"], 0, s["_order"], "sub", s) for s in subs if s["team"] == code]
        events += [(c["minute"], c["offset"], 1, c["_order"], "off", c) for c in cards
                   if c["team"] == code and c["kind"] in ("RED", "SECOND_YELLOW")]
        for mi, off, _, _, kind, ev in sorted(events, key=lambda e: e[:4]):
            if kind == "sub":
                check(ev["off"] in on_pitch, f"{where}: {code} #{ev['off']} {ev['_off_name']} replaced at {mi}+{off} but not on the pitch")
                check(ev["on"] not in seen, f"{where}: {code} #{ev['on']} {ev['_on_name']} comes on at {mi}+{off} but already played")
                on_pitch.remove(ev["off"])
                on_pitch.add(ev["on"])
                seen.add(ev["on"])
                iv[ev["off"]][1] = (mi, off)
                iv[ev["on"]] = [(mi, off), end]
            elif ev["player"] in on_pitch:
                on_pitch.remove(ev["player"])
                iv[ev["player"]][1] = (mi, off)
        intervals[code] = iv
        for c in cards:
            if c["team"] == code and c["kind"] == "SECOND_YELLOW":
                check(any(y["team"] == code and y["player"] == c["player"] and y["kind"] == "YELLOW"
                          and (y["minute"], y["offset"]) <= (c["minute"], c["offset"]) for y in cards),
                      f"{where}: second yellow for {code} #{c['player']} without a first")

    def on_field(code, shirt, when):
        iv = intervals[code].get(shirt)
        return iv is not None and iv[0] <= when <= iv[1]

    # Cards: the report can only attach them to players in the line-up; note those booked off the pitch.
    for c in cards:
        check(c["player"] in played[c["team"]], f"{where}: card for {c['team']} #{c['player']} who did not play")
        if not on_field(c["team"], c["player"], (c["minute"], c["offset"])):
            iv = intervals[c["team"]][c["player"]]
            state = "before coming on" if (c["minute"], c["offset"]) < iv[0] else "after leaving the pitch"
            quirks.append(f"{where}: {c['_name']} ({c['team']}) booked at {fmt_min(c)} {state} (on the bench)")

    # Goals: team credited; scorer from his own squad (the other one for an own goal).
    goals = []
    for side, code, other in ((0, home, away), (1, away, home)):
        for n, g in enumerate(rec["goals_raw"][side]):
            scorer_team = other if g["own_goal"] else code
            shirt = resolver.resolve(scorer_team, g["name"], where)
            check(g["minute"] <= 120, f"{where}: goal at {g['minute']}'")
            check(on_field(scorer_team, shirt, (g["minute"], g["offset"])),
                  f"{where}: {g['name']} ({scorer_team}) scores at {g['minute']}+{g['offset']} but is not on the pitch")
            goals.append({"team": code, "scorer": shirt, "minute": g["minute"], "offset": g["offset"],
                          "penalty": g["penalty"], "own_goal": g["own_goal"], "_order": side * 100 + n})
    goals.sort(key=lambda g: (g["minute"], g["offset"], g["_order"]))

    def tally(upto):
        sc = [0, 0]
        for g in goals:
            if g["minute"] <= upto:
                sc[0 if g["team"] == home else 1] += 1
        return sc

    ht, ft, et_ = tally(45), tally(90), tally(120)
    check(et_ == rec["line_score"], f"{where}: goals {et_} disagree with the score line {rec['line_score']}")
    extra_time = rec["aet"]
    check(extra_time or ft == et_, f"{where}: goals after 90' without extra time")
    check(not extra_time or ft[0] == ft[1], f"{where}: extra time after a decided 90 minutes {ft}")
    check(rec["stage"] != "group" or not extra_time, f"{where}: extra time in the group stage")

    # Shootout.
    shootout, pen = None, None
    if rec["penalties_raw"] is not None:
        table = dict(SHOOTOUT_FAILURES.get((rec["stage"], home, away), {}))
        shootout, running, last_team = [], [0, 0], None
        for kick in rec["penalties_raw"]:
            teams = resolver.find_team([home, away], kick["name"])
            check(len(teams) == 1, f"{where}: shootout taker {kick['name']!r} found in squads {teams}")
            code = teams[0]
            shirt = resolver.resolve(code, kick["name"], where)
            check(code != last_team, f"{where}: {code} kicks twice in a row")
            last_team = code
            iv = intervals[code].get(shirt)
            # On the pitch when extra time ended (a card after 120' is given during the shootout).
            check(iv is not None and (iv[1] == end or iv[1][0] > 120),
                  f"{where}: shootout taker {kick['name']} was not on the pitch at the end")
            if kick["scored"]:
                running[0 if code == home else 1] += 1
                check(running == kick["running"], f"{where}: running score {kick['running']} should be {running}")
                outcome = "SCORED"
            else:
                check(kick["name"] in table, f"{where}: no SAVED/MISSED fact for the missed kick of {kick['name']}")
                outcome = table.pop(kick["name"])
            shootout.append({"team": code, "taker": shirt, "outcome": outcome})
        check(not table, f"{where}: shootout facts for kicks not in the report: {sorted(table)}")
        check(running == rec["line_pen"], f"{where}: kicks give {running}, score line {rec['line_pen']}")
        pen = running
        takers = [(k["team"], k["taker"]) for k in shootout]
        check(len(set(takers)) == len(takers) or len(takers) > 22, f"{where}: a player kicks twice")
    else:
        check((rec["stage"], home, away) not in SHOOTOUT_FAILURES, f"{where}: shootout facts for a match without one")

    score = {"ht": ht, "ft": ft, "et": et_ if extra_time else None, "pen": pen}

    # Cross-check with worldcup.json: kick-off time, half-time score and all other scores.
    fj = football_by_key.pop((rec["date"].isoformat(), rec["home_name"], rec["away_name"]), None)
    check(fj is not None, f"{where}: not in worldcup.json")
    check(fj["time"] == rec["time"], f"{where}: worldcup.json kick-off {fj['time']} vs {rec['time']}")
    fix = HT_CORRECTIONS.get((rec["date"].isoformat(), home, away))
    if fix:
        check(fj["score"].get("ht") == fix[0] and ht == fix[1],
              f"{where}: half-time correction {fix} is stale (worldcup.json {fj['score'].get('ht')}, goals {ht})")
        quirks.append(f"{where}: worldcup.json half-time {fix[0][0]}-{fix[0][1]} contradicts the goals; "
                      f"used {ht[0]}-{ht[1]}")
        used_ht_corrections.add((rec["date"].isoformat(), home, away))
    elif "ht" in fj["score"]:
        check(fj["score"]["ht"] == ht,
              f"{where}: worldcup.json half-time {fj['score']['ht']} disagrees with goals up to 45' {ht}")
    else:
        # The goal minutes are complete, so they fix the half-time score anyway.
        quirks.append(f"{where}: worldcup.json has no half-time score; {ht[0]}-{ht[1]} from the goal minutes")
    check(fj["score"]["ft"] == ft, f"{where}: worldcup.json full-time {fj['score']['ft']} vs {ft}")
    check(fj["score"].get("et") == score["et"], f"{where}: worldcup.json extra time {fj['score'].get('et')} vs {score['et']}")
    check(fj["score"].get("p") == pen, f"{where}: worldcup.json shootout {fj['score'].get('p')} vs {pen}")
    for side, key in enumerate(("goals1", "goals2")):
        theirs = sorted((g["minute"], g.get("offset", 0), bool(g.get("penalty")), bool(g.get("owngoal"))) for g in fj.get(key, []))
        ours = sorted((g["minute"], g["offset"], g["penalty"], g["own_goal"]) for g in goals
                      if g["team"] == (home, away)[side])
        check(theirs == ours, f"{where}: goals differ from worldcup.json for {(home, away)[side]}: {ours} vs {theirs}")
        # Scorers too. worldcup.json names are loose ("Koulibaly", "Bamba Dieng", "Wout Werghost"),
        # so one shared name word is enough to catch a goal given to the wrong player.
        for g in goals:
            if g["team"] != (home, away)[side]:
                continue
            scorer_team = (away, home)[side] if g["own_goal"] else g["team"]
            ours_words = set(fold(player_names[(scorer_team, g["scorer"])]).replace("-", " ").split())
            candidates = [fg["name"] for fg in fj.get(key, [])
                          if (fg["minute"], fg.get("offset", 0)) == (g["minute"], g["offset"])]
            check(any(ours_words & set(fold(n).replace("-", " ").split()) for n in candidates),
                  f"{where}: goal at {fmt_min(g)} by {player_names[(scorer_team, g['scorer'])]}, "
                  f"worldcup.json says {candidates}")

    strip = lambda items: [{k: v for k, v in it.items() if not k.startswith("_")} for it in items]
    cards.sort(key=lambda c: (c["minute"], c["offset"], 0 if c["team"] == home else 1, c["_order"]))
    subs.sort(key=lambda s: (s["minute"], s["offset"], 0 if s["team"] == home else 1, s["_order"]))
    return {
        "number": None, "stage": rec["stage"], "group": rec["group"],
        "kickoff": rec["kickoff"].isoformat(), "venue": None, "attendance": rec["attendance"],
        "home": home, "away": away, "extra_time": extra_time, "score": score,
        "officials": rec["officials"],
        "lineups": {"home": strip(lineups["home"]), "away": strip(lineups["away"])},
        "goals": strip(goals), "cards": strip(cards), "substitutions": strip(subs),
        "shootout": shootout,
    }


def fmt_min(x):
    return f"{x['minute']}+{x['offset']}'" if x["offset"] else f"{x['minute']}'"


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


# ---------------------------------------------------------------- whole-tournament checks

def check_tournament(data):
    teams = [t["code"] for t in data["teams"]]
    check(len(teams) == 32 == len(set(teams)), f"expected 32 teams, got {len(teams)}")
    groups = data["stages"][0]["groups"]
    check(len(groups) == 8 and all(len(g["teams"]) == 4 for g in groups), "expected 8 groups of 4")
    check(sorted(c for g in groups for c in g["teams"]) == sorted(teams), "every team in exactly one group")
    check(len(data["squads"]) == 32, "expected 32 squads")
    matches = data["matches"]
    check(len(matches) == 64, f"expected 64 matches, got {len(matches)}")
    per_stage = Counter(m["stage"] for m in matches)
    check(dict(per_stage) == EXPECTED_MATCHES, f"matches per stage {dict(per_stage)}, expected {EXPECTED_MATCHES}")
    check([m["number"] for m in matches] == list(range(1, 65)), "matches not numbered 1..64")
    check(all(a["kickoff_utc"] <= b["kickoff_utc"] for a, b in zip(matches, matches[1:])), "matches not in kick-off order")
    check(matches[0]["kickoff"][:10] == TOURNAMENT["start_date"] and matches[-1]["kickoff"][:10] == TOURNAMENT["end_date"],
          "first/last match dates disagree with the tournament dates")
    check(sum(m["shootout"] is not None for m in matches) == 5, "expected 5 shootouts")
    goals = sum(len(m["goals"]) for m in matches)
    check(goals == EXPECTED_TOTAL_GOALS, f"{goals} goals, expected {EXPECTED_TOTAL_GOALS}")

    # Group stage: a full round robin in each group; the top two (points, goal difference,
    # goals scored) must be the round-of-16 teams.
    advancing = set()
    for g in groups:
        gm = [m for m in matches if m["group"] == g["name"]]
        pairs = sorted(tuple(sorted((m["home"], m["away"]))) for m in gm)
        expected = sorted(tuple(sorted((a, b))) for i, a in enumerate(g["teams"]) for b in g["teams"][i + 1:])
        check(pairs == expected, f"{g['name']}: not a round robin of its teams")
        table = {c: [0, 0, 0] for c in g["teams"]}
        for m in gm:
            h, a = m["score"]["ft"]
            for code, gf, ga in ((m["home"], h, a), (m["away"], a, h)):
                table[code][0] += 3 if gf > ga else 1 if gf == ga else 0
                table[code][1] += gf - ga
                table[code][2] += gf
        ranked = sorted(g["teams"], key=lambda c: table[c], reverse=True)
        check(table[ranked[1]] != table[ranked[2]], f"{g['name']}: second place needs tie-breakers beyond goals")
        advancing |= set(ranked[:2])

    def result(m):
        s = m["score"]
        final = s["pen"] or s["et"] or s["ft"]
        check(final[0] != final[1], f"match {m['number']}: knockout match without a winner")
        return (m["home"], m["away"]) if final[0] > final[1] else (m["away"], m["home"])

    def teams_of(stage):
        return {c for m in matches if m["stage"] == stage for c in (m["home"], m["away"])}

    winners = lambda stage: {result(m)[0] for m in matches if m["stage"] == stage}
    losers = lambda stage: {result(m)[1] for m in matches if m["stage"] == stage}
    check(teams_of("r16") == advancing, "round of 16 teams are not the group top two")
    check(teams_of("qf") == winners("r16"), "quarter-finalists are not the round-of-16 winners")
    check(teams_of("sf") == winners("qf"), "semi-finalists are not the quarter-final winners")
    check(teams_of("final") == winners("sf"), "finalists are not the semi-final winners")
    check(teams_of("third") == losers("sf"), "third-place teams are not the semi-final losers")

    # The final, in full.
    final = matches[-1]
    check(final["stage"] == "final", "last match is not the final")
    names = {(s["team"], p["shirt"]): p["name"] for s in data["squads"] for p in s["players"]}
    for k in ("home", "away", "extra_time", "score"):
        check(final[k] == FINAL_EXPECTED[k], f"final: {k} is {final[k]}, expected {FINAL_EXPECTED[k]}")
    kicks = [(k["team"], names[(k["team"], k["taker"])], k["outcome"]) for k in final["shootout"]]
    check(kicks == FINAL_EXPECTED["shootout"], f"final shootout is {kicks}")


# ---------------------------------------------------------------- output

def dump(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def render(data):
    """Pretty but compact: one line per team, venue, stage, player; a few lines per match."""
    out = ["{"]
    for key in ("format", "source", "tournament"):
        out.append(f' "{key}": {dump(data[key])},')
    for key in ("teams", "venues", "stages"):
        out.append(f' "{key}": [')
        out.append(",\n".join("  " + dump(x) for x in data[key]))
        out.append(" ],")
    out.append(' "squads": [')
    squads = []
    for s in data["squads"]:
        head = f'  {{"team": {dump(s["team"])}, "coach": {dump(s["coach"])}, "players": [\n'
        squads.append(head + ",\n".join("   " + dump(p) for p in s["players"]) + "\n  ]}")
    out.append(",\n".join(squads))
    out.append(" ],")
    out.append(' "matches": [')
    ms = []
    for m in data["matches"]:
        head = {k: m[k] for k in ("number", "stage", "group", "kickoff", "venue", "attendance",
                                  "home", "away", "extra_time", "score")}
        lines = ["  " + dump(head)[:-1] + ","]
        lines.append(f'   "officials": {dump(m["officials"])},')
        lines.append(f'   "lineups": {{"home": {dump(m["lineups"]["home"])},')
        lines.append(f'               "away": {dump(m["lineups"]["away"])}}},')
        for key in ("goals", "cards", "substitutions"):
            lines.append(f'   "{key}": {dump(m[key])},')
        lines.append(f'   "shootout": {dump(m["shootout"])}}}')
        ms.append("\n".join(lines))
    out.append(",\n".join(ms))
    out.append(" ]")
    out.append("}")
    return "\n".join(out) + "\n"


def build(shared):
    full = parse_full(read_text(shared, FULL_TXT))
    squads_raw = parse_squads(read_text(shared, SQUADS_TXT))
    try:
        football = json.loads(read_text(shared, FOOTBALL_JSON))
    except json.JSONDecodeError as e:
        fail(f"{FOOTBALL_JSON}: {e}")
    stadiums = parse_stadiums(read_text(shared, STADIUMS_CSV))

    check(len(squads_raw) == 32, f"expected 32 squads, got {len(squads_raw)}")
    check(len(football["matches"]) == 64, "worldcup.json: expected 64 matches")
    accents, conflicts = build_accent_map(football)
    quirks = [f"worldcup.json spells one scorer several ways {c}; kept the squad spelling" for c in conflicts]
    squads = build_squads(squads_raw, accents)
    resolver = NameResolver(squads_raw)

    football_by_key = {}
    for m in football["matches"]:
        key = (m["date"], m["team1"], m["team2"])
        check(key not in football_by_key, f"worldcup.json: duplicate match {key}")
        football_by_key[key] = m

    # Groups in draw order (A1-A4, ...); their members must be the teams of the group's matches.
    groups = parse_draw(read_text(shared, CUP_TXT))
    played_in = defaultdict(set)
    for rec in full:
        if rec["stage"] == "group":
            played_in[rec["group"]] |= {rec["home"], rec["away"]}
    check(sorted(groups) == sorted(played_in) and all(set(groups[g]) == played_in[g] for g in groups),
          f"{CUP_TXT}: groups differ from the full report's group matches")

    resolve_all(full, resolver)
    player_names = {(code, p["shirt"]): p["name"] for code, sq in squads.items() for p in sq["players"]}

    venues, venue_keys = [], {}
    matches = []
    for n, rec in enumerate(full):
        vkey = rec["venue"].casefold()
        check(vkey in stadiums, f"{rec['where']}: venue {rec['venue']!r} not in {STADIUMS_CSV}")
        if vkey not in venue_keys:
            venue_keys[vkey] = slug(rec["venue"])
        if rec["attendance"] > stadiums[vkey]["capacity"]:
            warn(f"{rec['where']}: attendance {rec['attendance']} above capacity {stadiums[vkey]['capacity']}")
        m = build_match(rec, resolver, player_names, football_by_key, quirks)
        m["venue"] = venue_keys[vkey]
        m["kickoff_utc"] = rec["kickoff"].astimezone(dt.timezone.utc)
        m["_source_order"] = n
        matches.append(m)
    check(used_ht_corrections == set(HT_CORRECTIONS),
          f"half-time corrections for unknown matches: {sorted(set(HT_CORRECTIONS) - used_ht_corrections)}")
    check(not football_by_key, f"worldcup.json matches not in the full report: {sorted(football_by_key)}")
    check(set(venue_keys) == set(stadiums), f"stadiums without matches: {sorted(set(stadiums) - set(venue_keys))}")

    # Venue names as the match reports write them; city and capacity from the stadium list.
    venue_names = {r["venue"].casefold(): r["venue"] for r in full}
    for vkey, row in stadiums.items():
        venues.append({"key": venue_keys[vkey], "name": venue_names[vkey], "city": row["city"],
                       "country": "Qatar", "capacity": row["capacity"]})
    check(len(venues) == 8 == len({v["key"] for v in venues}), "expected 8 distinct venues")

    matches.sort(key=lambda m: (m["kickoff_utc"], m["_source_order"]))
    for n, m in enumerate(matches, 1):
        m["number"] = n

    order = [c for g in sorted(groups) for c in groups[g]]
    names = {code: name for name, code in TEAM_CODES.items()}
    data = {
        "format": "goalline-seed/1",
        "source": {"dataset": "openfootball worldcup + worldcup.json (CC0)",
                   "files": [FULL_TXT, SQUADS_TXT, FOOTBALL_JSON, STADIUMS_CSV, CUP_TXT],
                   "generated_by": "tools/seed_2022.py"},
        "tournament": TOURNAMENT,
        "teams": [{"code": c, "name": names[c]} for c in order],
        "venues": venues,
        "stages": [dict(s, groups=[{"name": g, "teams": groups[g]} for g in sorted(groups)]) if s["key"] == "group"
                   else dict(s) for s in STAGES],
        "squads": [squads[c] for c in order],
        "matches": matches,
    }
    check(all(squads_raw[c]["name"] == names[c] for c in order), "squad team names differ from the report's")
    check_tournament(data)
    for m in matches:
        del m["kickoff_utc"], m["_source_order"]
    return data, quirks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=DEFAULT_SHARED, help="openfootball folder (default: ../shared/data/openfootball)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output file (default: src/seed/world-cup-2022.json)")
    args = ap.parse_args()
    try:
        data, quirks = build(args.shared)
        text = render(data)
        check(json.loads(text) == data, "rendered JSON does not round-trip")
        size = len(text.encode("utf-8"))
        check(size < MAX_BYTES, f"output is {size} bytes, over {MAX_BYTES}")
    except DataError as e:
        print(f"seed_2022: error: {e}", file=sys.stderr)
        return 1
    for w in WARNINGS:
        print(f"seed_2022: warning: {w}", file=sys.stderr)
    for q in quirks:
        print(f"seed_2022: note: {q}", file=sys.stderr)
    # Write beside the target and rename, so a failed run never leaves half a file.
    tmp = args.out + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.out)
    except OSError as e:
        print(f"seed_2022: error: cannot write {args.out}: {e}", file=sys.stderr)
        return 1
    ms = data["matches"]
    print(f"seed_2022: wrote {os.path.relpath(args.out)} ({size} bytes): {len(ms)} matches, "
          f"{sum(len(m['goals']) for m in ms)} goals, {sum(len(m['cards']) for m in ms)} cards, "
          f"{sum(len(m['substitutions']) for m in ms)} substitutions, "
          f"{sum(len(m['shootout'] or []) for m in ms)} shootout kicks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
