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
from datetime import timedelta
from typing import Any

from brinkwatch import dates
from brinkwatch.nlp.lexicon import DateLexicon

DateExpr = dict[str, Any]
"""A found expression: {"kind": ..., numbers...}; see :class:`DateFinder` for the kinds."""


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


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class DateFinder:
    """Regular expressions built from ``patterns/dates.yaml``, tried longest and most specific first.

    Kinds: ``absolute`` (year, month?, day?, optional end_year/end_month),
    ``month_day`` (a day without a year, resolved in the narrative year),
    ``narrative_year``/``narrative_month`` (offset from the narrative time),
    ``relative`` (unit, n, span: counted back from publication).
    """

    def __init__(self, lex: DateLexicon) -> None:
        self.lex = lex
        month = rf"(?P<month>{_alt(list(lex.months))})\.?"
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        year = r"(?P<year>(?:1[6-9]|20)\d\d)"
        part = rf"(?:(?P<mpart>{_alt(lex.month_parts)})(?:[- ]|\s+of\s+))?"
        season = rf"(?P<season>{_alt(list(lex.seasons))})"
        ypart = rf"(?P<ypart>{_alt(list(lex.year_parts))})"
        num = rf"(?P<num>\d+|{_alt(list(lex.numbers))})"
        unit = r"(?P<unit>day|week|month|year|decade)s?"
        anaphoric = _alt(list(lex.anaphoric_years))
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
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
                "relative_last",
                re.compile(
                    r"\b(?P<which>last|past|previous|this|next|coming)\s+"
                    r"(?P<unit>week|month|year)\b",
                    re.I,
                ),
            ),
            ("anaphoric_year", re.compile(rf"\b(?P<ana>{anaphoric})\b", re.I)),
            ("anaphoric_month", re.compile(rf"\b(?P<ana>{_alt(list(lex.anaphoric_months))})\b", re.I)),
            ("month_day", re.compile(rf"\b{month}\s+{day}\b(?!\s*,?\s*\d)", re.I)),
            ("year", re.compile(rf"(?<![\d.,$€£-]){year}(?![\d%]|\.\d|,\d)")),
        ]

    def find(self, text: str) -> list[Found]:
        """Every date expression in ``text``, without overlaps (earlier patterns win)."""
        taken: list[tuple[int, int]] = []
        found: list[Found] = []
        for kind, pattern in self.patterns:
            for m in pattern.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                expr = self._parse(kind, m)
                if expr is None:
                    continue
                taken.append((s, e))
                found.append(Found(s, e, expr))
        found.sort(key=lambda f: f.start)
        return found

    def _month(self, m: re.Match[str]) -> int | None:
        word = m.group("month")
        # "may" and "march" are also a verb: only the capitalised word is a month
        if word.lower() in ("may", "march", "mar") and not word[0].isupper():
            return None
        return self.lex.months[word.lower().rstrip(".")]

    def _number(self, word: str) -> int:
        return int(word) if word.isdigit() else self.lex.numbers[word.lower()]

    def _parse(self, kind: str, m: re.Match[str]) -> DateExpr | None:
        g = m.groupdict()
        if kind in ("month_day_year", "day_month_year", "month_day", "month_day_anaphoric", "month_year"):
            month = self._month(m)
            if month is None:
                return None
            if kind == "month_year":
                return {"kind": "absolute", "year": int(g["year"]), "month": month}
            day = int(g["day"])
            if not 1 <= day <= 31:
                return None
            if kind == "month_day":
                return {"kind": "month_day", "month": month, "day": day, "offset": 0}
            if kind == "month_day_anaphoric":
                return {"kind": "month_day", "month": month, "day": day, "offset": _offset(g["ana"])}
            return {"kind": "absolute", "year": int(g["year"]), "month": month, "day": day}
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
        if kind == "relative_last":
            which = g["which"].lower()
            n = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
            return {"kind": "relative", "unit": g["unit"].lower(), "n": n, "span": False}
        if kind == "anaphoric_year":
            return {"kind": "narrative_year", "offset": _offset(g["ana"])}
        if kind == "anaphoric_month":
            return {"kind": "narrative_month", "offset": _offset(g["ana"])}
        return {"kind": "absolute", "year": int(g["year"])}


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


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


class Timeline:
    """Resolves expressions in document order, keeping the narrative's running time.

    The running time is the last date the text fixed absolutely (or through
    the narrative itself); "that year" and "August 12" without a year read
    from it. Publication-relative expressions read from ``published`` and
    are left unresolved without it: no date is better than a wrong one.
    """

    def __init__(self, published: str | None) -> None:
        self.published = published
        self.current: Resolved | None = None

    def resolve(self, expr: DateExpr, advance: bool = True) -> Resolved | None:
        """The date an expression stands for; with ``advance`` it becomes the running time."""
        out = self._resolve(expr)
        if out is not None:
            try:
                dates.check(out.date)
                if out.date_end:
                    dates.check(out.date_end)
            except dates.DateError:
                return None
            if advance:
                self.current = out
        return out

    def _resolve(self, e: DateExpr) -> Resolved | None:
        kind = e["kind"]
        if kind == "absolute":
            start = _iso(e["year"], e.get("month"), e.get("day"))
            end = None
            if "end_year" in e:
                end = _iso(e["end_year"], e.get("end_month"))
            return Resolved(start, end)
        if kind == "month_day":
            if self.current is None:
                return None
            return Resolved(_iso(self.current.year + e["offset"], e["month"], e["day"]))
        if kind == "narrative_year":
            if self.current is None:
                return None
            return Resolved(_iso(self.current.year + e["offset"]))
        if kind == "narrative_month":
            if self.current is None or self.current.month is None:
                return None
            y, m = _shift_month(self.current.year, self.current.month, e["offset"])
            return Resolved(_iso(y, m))
        if kind == "relative":
            return self._relative(e["unit"], e["n"], bool(e["span"]))
        return None

    def _relative(self, unit: str, n: int, span: bool) -> Resolved | None:
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
        day = lo + timedelta(days=days)
        return Resolved(_iso(day.year, day.month, day.day), _iso(lo.year, lo.month, lo.day) if span else None)
