"""Date expressions in text, and their resolution against narrative time and publication date.

Finding and resolving are separate on purpose. Finding ("the summer of 2004",
"August 12 of that year", "over the last two months") is local to a sentence
and runs inside the spaCy pipeline, possibly in another process. Resolving
needs the whole document read in order: "that year" means the year the
narrative last named, "last month" the month before publication. An
expression is found as a plain dict (``kind`` plus numbers) so it travels
between processes, and :class:`Timeline` resolves them in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Day
from datetime import timedelta
from typing import Any

from brinkwatch import dates
from brinkwatch.nlp.lexicon import CalendarWords, DateLexicon

DateExpr = dict[str, Any]
"""A found expression: {"kind": ..., numbers...}; see :class:`DateFinder` for the kinds."""

CALENDAR_KINDS = frozenset({"absolute", "month_day", "month"})
"""Kinds that name a calendar date; an anchor-relative expression in apposition to one takes it."""

ANCHORED_KINDS = frozenset({"after", "weekday"})
"""Kinds counted from another date; an explicit date beside them settles it ("Four days later, on 27 May")."""

_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)

_APPOSITION = re.compile(r"^\s*,?\s*(?:(?:on|in|at)\s+)?$", re.I)

_DATELINE = re.compile(
    r"^[A-Z][A-Z.'/ -]{2,}(?:,\s*[A-Z][\w.]*)*,\s+"
    r"(?P<date>[^\n\-\u2013\u2014(]{3,40}?)\s*(?:\([^)\n]*\)\s*)?[-\u2013\u2014]",
    re.M,
)
"""A dateline: "BEIRUT, Sept. 28 (Reuters) -"; its date is the day "on Sunday" counts back from."""




@dataclass(frozen=True)
class Found:
    """A date expression at characters ``start``..``end`` of the text."""

    start: int
    end: int
    expr: DateExpr


@dataclass(frozen=True)
class Resolved:
    """A resolved date at its precision, with an end where it spans more than one unit."""

    date: str
    date_end: str | None = None

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def month(self) -> int | None:
        return int(self.date[5:7]) if len(self.date) >= 7 else None

    @property
    def first(self) -> Day:
        """The first day covered."""
        return dates.bounds(self.date)[0]

    @property
    def last(self) -> Day:
        """The last day covered."""
        return dates.bounds(self.date_end or self.date)[1]


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class DateFinder:
    """Regular expressions built from ``patterns/dates.yaml``, tried longest and most specific first.

    Kinds: ``absolute`` (year, month?, day?, optional end_year/end_month/end_day),
    ``month_day`` (a day without a year, resolved in the narrative year),
    ``month`` (a month without a year: "in December", "in mid-February", "that April"),
    ``narrative_year``/``narrative_month`` (offset from the narrative time),
    ``relative`` (unit, n, span: counted back from publication),
    ``after`` (unit, lo, hi, lead: counted from the narrative time, "five days later"),
    ``weekday`` (weekday, which: "on Wednesday" against the dateline or publication day).
    An expression may carry ``dateline`` (it dates the dateline).
    """

    def __init__(self, lex: DateLexicon, words: CalendarWords | None = None) -> None:
        self.lex = lex
        self.words = words or lex.calendar
        w = self.words
        full = [k for k in lex.months if not any(o != k and o.startswith(k) for o in lex.months)]
        short = [k for k in lex.months if k not in full]
        # only an abbreviation takes a full stop: "Sept. 28", but not the one ending "in December."
        month = rf"(?P<month>{_alt(full)}|(?:{_alt(short)})\.?)"
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        day2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
        year = r"(?P<year>(?:1[6-9]|20)\d\d)"
        part = rf"(?:(?P<mpart>{_alt(lex.month_parts)})(?:[- ]|\s+of\s+))?"
        season = rf"(?P<season>{_alt(list(lex.seasons))})"
        ypart = rf"(?P<ypart>{_alt(list(lex.year_parts))})"
        num = rf"(?P<num>\d+|{_alt(list(lex.numbers))})"
        unit = r"(?P<unit>day|week|month|year|decade)s?"
        anaphoric = _alt(list(lex.anaphoric_years))
        to = r"\s*(?:-|\u2013|to|and)\s*"
        direction = rf"(?P<dir>{_alt(w.counted_after + w.counted_before)})"
        weekday = "|".join(k.capitalize() for k in sorted(w.weekdays, key=len, reverse=True))
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            (
                "day_range_year",
                re.compile(rf"\b(?:between\s+)?{day}{to}{day2}\s+(?:of\s+)?{month},?\s+{year}\b", re.I),
            ),
            ("month_day_range_year", re.compile(rf"\b{month}\s+{day}{to}{day2},?\s+{year}\b", re.I)),
            ("month_day_year", re.compile(rf"\b{part}{month}\s+{day},?\s+{year}\b", re.I)),
            ("day_month_year", re.compile(rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}\b", re.I)),
            (
                "month_day_anaphoric",
                re.compile(rf"\b{month}\s+{day}\s+(?:of\s+)?(?P<ana>{anaphoric})\b", re.I),
            ),
            ("month_year", re.compile(rf"\b(?:the\s+)?{part}{month},?\s+(?:of\s+)?{year}\b", re.I)),
            ("season_year", re.compile(rf"\b(?:the\s+)?{season}\s+(?:of\s+)?{year}\b", re.I)),
            ("part_year", re.compile(rf"\b(?:the\s+)?{ypart}(?:[- ]|\s+of\s+){year}\b", re.I)),
            ("decade", re.compile(r"\b(?:the\s+)?(?P<year>(?:1[6-9]|20)\d)0s\b", re.I)),
            (
                "relative_span",
                re.compile(
                    rf"\b(?:over|in|during|for|within|throughout)\s+the\s+(?:last|past|previous)\s+{num}\s+{unit}\b",
                    re.I,
                ),
            ),
            ("relative_ago", re.compile(rf"\b{num}\s+{unit}\s+ago\b", re.I)),
            (
                "counted",
                re.compile(rf"\b{num}\s+{unit}\s+{direction}(?P<that>\s+(?:that|this|then))?\b", re.I),
            ),
            (
                "vague",
                re.compile(
                    rf"\b(?P<vague>{_alt(list(w.vague_counts))})\s+{direction}(?P<that>\s+(?:that|this|then))?\b",
                    re.I,
                ),
            ),
            ("next_day", re.compile(rf"\b(?P<phrase>{_alt(w.next_day)})\b", re.I)),
            ("previous_day", re.compile(rf"\b(?P<phrase>{_alt(w.previous_day)})\b", re.I)),
            (
                "weekday",
                re.compile(
                    rf"\b(?:(?P<which>(?i:last|this|next|the\s+following|the\s+next|the\s+previous|on))\s+)?"
                    rf"(?P<weekday>{weekday})\b(?:\s+(?i:{_alt(w.day_times)})\b)?"
                ),
            ),
            (
                "relative_last",
                re.compile(
                    r"\b(?P<the>the\s+)?(?P<which>last|past|previous|this|next|coming)\s+"
                    r"(?P<unit>week|month|year)\b",
                    re.I,
                ),
            ),
            ("anaphoric_year", re.compile(rf"\b(?P<ana>{anaphoric})\b", re.I)),
            ("anaphoric_month", re.compile(rf"\b(?P<ana>{_alt(list(lex.anaphoric_months))})\b", re.I)),
            ("month_day", re.compile(rf"\b{month}\s+{day}\b(?!\s*,?\s*\d)", re.I)),
            ("day_month", re.compile(rf"\b{day}\s+(?:of\s+)?{month}(?![\w-]|\s*,?\s*\d)", re.I)),
            (
                "month",
                re.compile(
                    r"\b(?P<pre>in|by|since|until|till|from|during|through|throughout|that|"
                    r"(?:at|by|towards?|until|from)\s+the\s+(?:start|end|beginning|middle|turn)\s+of)"
                    rf"[- ]+(?:(?P<mpart>early|mid|late)[- ])?{month}(?![\w-]|\s*,?\s*\d)",
                    re.I,
                ),
            ),
            ("year", re.compile(rf"(?<![\d.,$\u20ac\u00a3-]){year}(?![\d%]|\.\d|,\d)")),
        ]

    def find(self, text: str) -> list[Found]:
        """Every date expression in ``text``, without overlaps (earlier patterns win), appositions joined."""
        taken: list[tuple[int, int]] = []
        found: list[Found] = []
        for kind, pattern in self.patterns:
            for m in pattern.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                if kind in ("month_day", "day_month") and _THE_BEFORE.search(text[max(0, s - 4) : s]):
                    continue  # "the March 23 Movement", "the 14 March alliance": a name, not a date
                if kind == "year" and self._counted_noun_before(text, s):
                    continue
                expr = self._parse(kind, m)
                if expr is None:
                    continue
                taken.append((s, e))
                found.append(Found(s, e, expr))
        found.sort(key=lambda f: f.start)
        return self._mark_dateline(text, self._join_appositions(text, found))

    def _counted_noun_before(self, text: str, start: int) -> bool:
        """Whether a year-like number follows a noun that counts or names ("resolution 1701")."""
        before = text[max(0, start - 20) : start].split()
        return bool(before) and before[-1].lower() in self.words.not_years_after

    @staticmethod
    def _join_appositions(text: str, found: list[Found]) -> list[Found]:
        """ "Four days later, on 27 September", "Monday, 10 March": one expression, the calendar date's."""
        out: list[Found] = []
        for f in found:
            if out and _APPOSITION.match(text[out[-1].end : f.start]):
                prev = out[-1]
                kinds = (prev.expr["kind"], f.expr["kind"])
                if kinds[0] in ANCHORED_KINDS and kinds[1] in CALENDAR_KINDS:
                    out[-1] = Found(prev.start, f.end, f.expr)
                    continue
                if kinds[0] in CALENDAR_KINDS and kinds[1] in ANCHORED_KINDS and not f.expr.get("lead"):
                    # but "on 8 January, five days after [a strike killed him]" dates two clauses
                    out[-1] = Found(prev.start, f.end, prev.expr)
                    continue
            out.append(f)
        return out

    @staticmethod
    def _mark_dateline(text: str, found: list[Found]) -> list[Found]:
        """A calendar date in a dateline ("BEIRUT, Sept. 28 (Reuters) -") is the day weekdays count from."""
        out = list(found)
        for m in _DATELINE.finditer(text):
            s, e = m.span("date")
            for n, f in enumerate(out):
                if s <= f.start and f.end <= e and f.expr["kind"] in CALENDAR_KINDS:
                    out[n] = Found(f.start, f.end, {**f.expr, "dateline": True})
        return out

    def _month(self, m: re.Match[str]) -> int | None:
        word = m.group("month")
        # "may" and "march" are also a verb: only the capitalised word is a month
        if word.lower() in ("may", "march", "mar") and not word[0].isupper():
            return None
        return self.lex.months[word.lower().rstrip(".")]

    def _number(self, word: str) -> int:
        return int(word) if word.isdigit() else self.lex.numbers[" ".join(word.lower().split())]

    def _parse(self, kind: str, m: re.Match[str]) -> DateExpr | None:
        g = m.groupdict()
        if kind in (
            "month_day_year",
            "day_month_year",
            "month_day",
            "day_month",
            "month_day_anaphoric",
            "month_year",
            "day_range_year",
            "month_day_range_year",
            "month",
        ):
            month = self._month(m)
            if month is None:
                return None
            if kind == "month_year":
                return {"kind": "absolute", "year": int(g["year"]), "month": month}
            if kind == "month":
                return {"kind": "month", "month": month}
            day = int(g["day"])
            if not 1 <= day <= 31:
                return None
            if kind in ("month_day", "day_month"):
                return {"kind": "month_day", "month": month, "day": day, "offset": 0}
            if kind == "month_day_anaphoric":
                return {"kind": "month_day", "month": month, "day": day, "offset": _offset(g["ana"])}
            expr: DateExpr = {"kind": "absolute", "year": int(g["year"]), "month": month, "day": day}
            if g.get("day2"):
                last = int(g["day2"])
                if not day < last <= 31:
                    return None
                expr.update(end_year=expr["year"], end_month=month, end_day=last)
            return expr
        if kind == "season_year":
            first, last = self.lex.seasons[g["season"].lower()]
            year = int(g["year"])
            return {
                "kind": "absolute",
                "year": year,
                "month": first,
                "end_year": year + (1 if last < first else 0),
                "end_month": last,
            }
        if kind == "part_year":
            first, last = self.lex.year_parts[g["ypart"].lower()]
            year = int(g["year"])
            return {"kind": "absolute", "year": year, "month": first, "end_year": year, "end_month": last}
        if kind == "decade":
            start = int(g["year"]) * 10
            return {"kind": "absolute", "year": start, "end_year": start + 9}
        if kind in ("relative_span", "relative_ago"):
            n = self._number(g["num"])
            unit = g["unit"].lower()
            if unit == "decade":
                unit, n = "year", n * 10
            return {"kind": "relative", "unit": unit, "n": -n, "span": kind == "relative_span"}
        if kind in ("counted", "vague"):
            return self._counted(kind, g)
        if kind in ("next_day", "previous_day"):
            phrase = " ".join(g["phrase"].lower().split())
            n = 1 if kind == "next_day" else -1
            # "the day after Hamas attacked": counted from the date of what follows, if it has one
            lead = phrase.endswith(("after", "before"))
            return {"kind": "after", "unit": "day", "lo": n, "hi": n, "lead": lead}
        if kind == "weekday":
            which = " ".join((g["which"] or "on").lower().split())
            return {"kind": "weekday", "weekday": self.words.weekdays[g["weekday"].lower()], "which": which}
        if kind == "relative_last":
            which = g["which"].lower()
            n = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
            # "the past week" is the seven days to publication; "last week" the calendar week before
            span = bool(g["the"]) and n == -1
            return {"kind": "relative", "unit": g["unit"].lower(), "n": n, "span": span, "calendar": not span}
        if kind == "anaphoric_year":
            return {"kind": "narrative_year", "offset": _offset(g["ana"])}
        if kind == "anaphoric_month":
            return {"kind": "narrative_month", "offset": _offset(g["ana"])}
        return {"kind": "absolute", "year": int(g["year"])}

    def _counted(self, kind: str, g: dict[str, Any]) -> DateExpr:
        """ "five days later", "two days after the attack", "weeks afterwards", "a year before"."""
        word = " ".join(g["dir"].lower().split())
        sign = -1 if word in self.words.counted_before else 1
        if kind == "vague":
            plural = g["vague"].lower()
            unit = plural.rstrip("s")
            lo, hi = self.words.vague_counts[plural]
        else:
            unit = g["unit"].lower()
            lo = hi = self._number(g["num"])
            if unit == "decade":
                unit, lo, hi = "year", lo * 10, hi * 10
        if sign < 0:
            lo, hi = -hi, -lo
        # "after the attack", "before the vote": counted from what follows, if it carries a date
        lead = word in ("after", "before") and not g.get("that")
        return {"kind": "after", "unit": unit, "lo": lo, "hi": hi, "lead": lead}


def _offset(phrase: str) -> int:
    """+1 for "the following/next year", -1 for "the previous year/the year before", else 0."""
    p = phrase.lower()
    if "following" in p or "next" in p or "after" in p:
        return 1
    if "previous" in p or "before" in p:
        return -1
    return 0


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _day_iso(d: Day) -> str:
    return _iso(d.year, d.month, d.day)


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _at(d: Day, precision: str) -> str:
    """A day written at a coarser precision."""
    if precision == "day":
        return _day_iso(d)
    if precision == "month":
        return _iso(d.year, d.month)
    return _iso(d.year)


def _shift(d: Day, unit: str, n: int) -> Day:
    """A day moved by ``n`` units; a month or year shift keeps the day where the calendar allows."""
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    y, m = _shift_month(d.year, d.month, n * (12 if unit == "year" else 1))
    last = dates.bounds(_iso(y, m))[1].day
    return Day(y, m, min(d.day, last))


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year"}


class Timeline:
    """Resolves expressions in document order, keeping the narrative's running time.

    The running time is the last date the text fixed absolutely (or through
    the narrative itself); "that year", "August 12" or "30 July" without a
    year and "five days later" read from it. Publication-relative expressions
    read from ``published``, weekdays from the dateline's day or the
    publication day; each is left unresolved without it: no date is better
    than a wrong one.
    """

    def __init__(self, published: str | None) -> None:
        self.published = published
        self.current: Resolved | None = None
        self.reference: Day | None = None
        """The dateline's day, which "on Sunday" counts back from instead of the publication day."""

    def resolve(
        self, expr: DateExpr, advance: bool = True, anchor: Resolved | None = None
    ) -> Resolved | None:
        """The date an expression stands for; with ``advance`` it becomes the running time.

        ``anchor`` replaces the running time for an expression counted from
        another date ("ten days after [a drone struck on 28 January]"). A date
        without a year that had to be put back a year to fall before
        publication is a look back, and does not move the narrative.
        """
        out, moves = self._resolve(expr, anchor)
        if out is None:
            return None
        try:
            dates.check(out.date)
            if out.date_end:
                dates.check(out.date_end)
        except dates.DateError:
            return None
        if expr.get("dateline") and dates.precision(out.date) == "day":
            self.reference = out.first
        if advance and moves:
            self.current = out
        return out

    def _resolve(self, e: DateExpr, anchor: Resolved | None) -> tuple[Resolved | None, bool]:
        kind = e["kind"]
        if kind == "absolute":
            start = _iso(e["year"], e.get("month"), e.get("day"))
            end = None
            if "end_year" in e:
                end = _iso(e["end_year"], e.get("end_month"), e.get("end_day"))
            return Resolved(start, end), True
        if kind == "month_day":
            return self._yearless(e["month"], e["day"], e["offset"])
        if kind == "month":
            return self._yearless(e["month"], None, 0)
        if kind == "narrative_year":
            if self.current is None:
                return None, False
            return Resolved(_iso(self.current.year + e["offset"])), True
        if kind == "narrative_month":
            if self.current is None or self.current.month is None:
                return None, False
            y, m = _shift_month(self.current.year, self.current.month, e["offset"])
            return Resolved(_iso(y, m)), True
        if kind == "after":
            return self.counted(anchor or self.current, e["unit"], e["lo"], e["hi"]), True
        if kind == "weekday":
            return self._weekday(e["weekday"], e["which"]), True
        if kind == "relative":
            return self._relative(e["unit"], e["n"], bool(e["span"]), bool(e.get("calendar"))), True
        return None, False

    def _yearless(self, month: int, day: int | None, offset: int) -> tuple[Resolved | None, bool]:
        """A month or day without a year: the narrative's year, else the publication's.

        Reported events precede their report: a date that would fall after
        publication is last year's, and tells of the past rather than moving the narrative.
        """
        if self.current is not None:
            year = self.current.year + offset
        elif self.published:
            year = int(self.published[:4]) + offset
        else:
            return None, False
        out = Resolved(_iso(year, month, day))
        try:
            late = self.published is not None and offset == 0 and out.first > dates.bounds(self.published)[1]
        except dates.DateError:
            return None, False
        if late:
            return Resolved(_iso(year - 1, month, day)), False
        return out, True

    @staticmethod
    def counted(anchor: Resolved | None, unit: str, lo: int, hi: int) -> Resolved | None:
        """``lo``..``hi`` units after the anchor, at the coarser of the anchor's and the unit's precision."""
        if anchor is None:
            return None
        precision = dates.precision(anchor.date)
        if _PRECISION_RANK[_UNIT_PRECISION[unit]] < _PRECISION_RANK[precision]:
            precision = _UNIT_PRECISION[unit]
        first, last = _shift(anchor.first, unit, lo), _shift(anchor.last, unit, hi)
        a, b = _at(first, precision), _at(last, precision)
        return Resolved(a, b if b != a else None)

    def _weekday(self, weekday: int, which: str) -> Resolved | None:
        """ "on Wednesday" (the latest one up to the reference day), "last Friday", "the following Friday"."""
        base: Day | None
        if which in ("the following", "the next", "the previous"):
            narrative_day = self.current is not None and dates.precision(self.current.date) == "day"
            base = self.current.first if self.current is not None and narrative_day else None
        else:
            base = self.reference or self._published_day()
        if base is None:
            return None
        if which in ("the following", "the next", "next"):
            return Resolved(_day_iso(base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)))
        back = (base.weekday() - weekday) % 7
        if which in ("last", "the previous") and back == 0:
            back = 7
        return Resolved(_day_iso(base - timedelta(days=back)))

    def _published_day(self) -> Day | None:
        if not self.published or dates.precision(self.published) != "day":
            return None
        return dates.bounds(self.published)[0]

    def _relative(self, unit: str, n: int, span: bool, calendar: bool = False) -> Resolved | None:
        if not self.published:
            return None
        lo, hi = dates.bounds(self.published)
        precision = dates.precision(self.published)
        if unit == "year":
            return Resolved(_iso(lo.year + n), _iso(lo.year) if span and n else None)
        if precision == "year":
            return None  # a month or week counted from an unknown month is not known
        if unit == "month":
            y, m = _shift_month(lo.year, lo.month, n)
            return Resolved(_iso(y, m), _iso(lo.year, lo.month) if span and n else None)
        days = {"week": 7, "day": 1}[unit] * n
        if precision == "month":
            # counted from somewhere in the publication month: give months, not invented days
            first = lo + timedelta(days=days)
            a, b = _iso(first.year, first.month), _iso(hi.year, hi.month)
            return Resolved(a, b if (span or a != b) and a != b else None)
        if calendar and unit == "week":
            # "last week": Monday to Sunday of the week before, not a day seven days back
            monday = lo - timedelta(days=lo.weekday()) + timedelta(days=days)
            return Resolved(_day_iso(monday), _day_iso(monday + timedelta(days=6)))
        day = lo + timedelta(days=days)
        return Resolved(_iso(day.year, day.month, day.day), _iso(lo.year, lo.month, lo.day) if span else None)
