"""Action-reaction pairs on a hand-built sequence with known pairs, lags and ratios."""

from __future__ import annotations

import pytest
from analysis_builders import actor, ev

from brinkwatch.analysis.reciprocity import reciprocity, reciprocity_pairs


def sequence() -> tuple[list, list]:
    ab = [
        ev("ASSAULT", "a", "b", "2020-01-01", -10.0, eid="a1"),
        ev("THREATEN", "a", "b", "2020-01-10", -6.0, eid="a2"),
        ev("ASSAULT", "a", "b", "2020-03-01", -10.0, eid="a3"),
        ev("AID", "a", "b", "2020-03-02", eid="a-coop"),
        ev("ASSAULT", "a", "b", "2021-05-01", -10.0, eid="a4"),
        ev("ACCUSE", "a", "b", "2021-06", eid="a-month"),
    ]
    ba = [
        ev("ASSAULT", "b", "a", "2020-01-03", -10.0, eid="b1"),
        ev("ASSAULT", "b", "a", "2020-01-12", -10.0, eid="b2"),
        ev("ACCUSE", "b", "a", "2020-03-01", -2.0, eid="b-same-day"),
        ev("ACCUSE", "b", "a", "2020-05-15", -2.0, eid="b-late"),
        ev("SANCTION", "b", "a", "2021-05-20", -5.0, eid="b3"),
    ]
    return ab, ba


def test_pairs_lags_ratios_and_labels() -> None:
    ab, ba = sequence()
    report = reciprocity_pairs(ab, ba, "a", "b", window_days=30)
    got = {(p.trigger.id, p.response.id): (p.lag_days, p.ratio, p.label) for p in report.pairs}
    assert got[("a1", "b1")] == (2, pytest.approx(1.0), "calibrated")
    assert got[("a2", "b2")] == (2, pytest.approx(10 / 6), "escalatory")
    assert got[("a4", "b3")] == (19, pytest.approx(0.5), "de-escalatory")
    # b1 answered by a2 (7 days later, -6 against -10)
    assert got[("b1", "a2")] == (7, pytest.approx(0.6), "de-escalatory")
    # the same-day accusation is not a response, and b-late falls outside the window
    assert ("a3", "b-same-day") not in got and all(r != "b-late" for _, r in got)
    assert report.left_out == 1  # the month-dated accusation


def test_yearly_summary() -> None:
    ab, ba = sequence()
    years = {(y.year, y.trigger_side): y for y in reciprocity_pairs(ab, ba, "a", "b").years}
    a2020 = years[(2020, "a")]
    assert (a2020.triggers, a2020.responded) == (3, 2)  # a1, a2 answered; a3 not
    assert a2020.median_ratio == pytest.approx((1.0 + 10 / 6) / 2)
    assert a2020.label == "escalatory" and a2020.calibrated == 1 and a2020.escalatory == 1
    assert years[(2021, "a")].label == "de-escalatory"
    assert years[(2020, "b")].triggers == 4


def test_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="window_days"):
        reciprocity_pairs([], [], "a", "b", window_days=0)


def test_reciprocity_through_the_store(store) -> None:  # type: ignore[no-untyped-def]
    ab, ba = sequence()
    store.add_records([actor("a", name="Aland"), actor("b", name="Borduria"), *ab, *ba])
    report = reciprocity(store, "Aland", "Borduria", window_days=30)
    assert ("a1", "b1") in {(p.trigger.id, p.response.id) for p in report.pairs}
    assert report.to_dict()["pairs"][0]["trigger"]["provenance"]
