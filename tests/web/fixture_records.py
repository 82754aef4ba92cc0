"""A small, hand-written store for the dashboard tests: two documents, a proxy chain, six events.

The facts follow the well-known December 2019 - January 2020 sequence between the
United States and Kataib Hezbollah, in our own words. One source sentence and one
document title carry HTML (a script tag), to prove the dashboard shows source text
as text and never runs it.
"""

from __future__ import annotations

from brinkwatch.records import Actor, AnyRecord, Document, Event, Place, Provenance, Relation

HOSTILE_MARKUP = "<script>window.__pwned = true</script>"

DOC1_TITLE = "<b>Militia</b> patronage in Iraq"
DOC1 = (
    "Iran's Quds Force has given Kataib Hezbollah rockets, training and money since 2007. "
    "Kataib Hezbollah became part of the Popular Mobilization Forces in 2014. "
    "On 27 December 2019 rockets fired by Kataib Hezbollah at the K1 base near Kirkuk "
    "killed an American contractor. "
    "Two days later American aircraft struck Kataib Hezbollah sites near Al-Qaim. "
    f"The group's leaders vowed revenge {HOSTILE_MARKUP} against the American forces. "
)
DOC2_TITLE = "The January 2020 strikes"
DOC2 = (
    "Qasem Soleimani led the Quds Force until an American drone killed him "
    "near Baghdad airport on 3 January 2020. "
    "Abu Mahdi al-Muhandis, who led Kataib Hezbollah, died in the same strike. "
    "On 8 January 2020 Iran fired ballistic missiles at the Ain al-Asad air base. "
    "In February 2020 Iraqi and American officials met to discuss the future of the coalition. "
)

# the sentences of each document, in order, for provenance spans
SENTENCES = {
    "doc1": [s + "." for s in DOC1.split(". ") if s.strip()],
    "doc2": [s + "." for s in DOC2.split(". ") if s.strip()],
}


def span(doc: str, n: int) -> Provenance:
    """Provenance pointing at the n-th sentence of a fixture document, with real character offsets."""
    text = DOC1 if doc == "doc1" else DOC2
    sentence = SENTENCES[doc][n].rstrip(".").rstrip() + "."
    start = text.index(sentence)
    return Provenance(document=doc, start=start, end=start + len(sentence), text=sentence)


def dataset(record: str) -> Provenance:
    return Provenance(dataset="brinkwatch-test", record=record)


DOCUMENTS = [
    (Document(id="doc1", title=DOC1_TITLE, published="2020-01"), DOC1),
    (Document(id="doc2", title=DOC2_TITLE, published="2020-03"), DOC2),
]

ACTORS = [
    Actor(id="united-states", name="United States", type="state", country="USA", code="USA",
          aliases=["US", "America"]),
    Actor(id="iran", name="Iran", type="state", country="IRN", code="IRN"),
    Actor(id="iraq", name="Iraq", type="state", country="IRQ", code="IRQ"),
    Actor(id="quds-force", name="Quds Force", type="government", country="IRN", aliases=["IRGC-QF"]),
    Actor(id="kataib-hezbollah", name="Kataib Hezbollah", type="armed_group", country="IRQ",
          aliases=["KH", "Kata'ib Hizballah"], founded="2007"),
    Actor(id="popular-mobilization-forces", name="Popular Mobilization Forces", type="armed_group",
          country="IRQ", aliases=["PMF"], founded="2014"),
    Actor(id="qasem-soleimani", name="Qasem Soleimani", type="person", country="IRN", died="2020-01-03"),
    Actor(id="abu-mahdi-al-muhandis", name="Abu Mahdi al-Muhandis", type="person", country="IRQ",
          died="2020-01-03"),
]

PLACES = [
    Place(id="k1-base", name="K1 Air Base", type="base", country="IRQ", lat=35.51, lon=44.28),
    Place(id="al-qaim", name="Al-Qaim", type="city", country="IRQ", lat=34.38, lon=41.09),
    Place(id="baghdad-airport", name="Baghdad International Airport", type="site", country="IRQ",
          lat=33.26, lon=44.23),
    Place(id="ain-al-asad", name="Ain al-Asad Air Base", type="base", country="IRQ", lat=33.80, lon=42.44),
    Place(id="baghdad", name="Baghdad", type="city", country="IRQ", lat=33.31, lon=44.37),
]

RELATIONS = [
    Relation(id="rel-qf-arms-kh", type="arms", source="quds-force", target="kataib-hezbollah",
             valid_from="2007", provenance=[span("doc1", 0)]),
    Relation(id="rel-qf-funds-kh", type="funds", source="quds-force", target="kataib-hezbollah",
             valid_from="2007", provenance=[span("doc1", 0)]),
    Relation(id="rel-kh-member-pmf", type="member_of", source="kataib-hezbollah",
             target="popular-mobilization-forces", valid_from="2014", provenance=[span("doc1", 1)]),
    Relation(id="rel-iran-commands-qf", type="commands", source="iran", target="quds-force",
             valid_from="1990", provenance=[dataset("iran-qf")]),
    Relation(id="rel-soleimani-leads-qf", type="leads", source="qasem-soleimani", target="quds-force",
             role="commander", valid_from="1998", valid_to="2020-01-03", provenance=[span("doc2", 0)]),
    Relation(id="rel-muhandis-leads-kh", type="leads", source="abu-mahdi-al-muhandis",
             target="kataib-hezbollah", role="founder and leader", valid_from="2007", valid_to="2020-01-03",
             provenance=[span("doc2", 1)]),
    Relation(id="rel-us-opposes-iran", type="opposes", source="united-states", target="iran",
             valid_from="1979", provenance=[dataset("us-iran")]),
]

EVENTS = [
    Event(id="ev-k1-attack", type="ASSAULT", mode="missile", source=["kataib-hezbollah"],
          target=["united-states"], date="2019-12-27", place="k1-base", fatalities=1, intensity=-9.0,
          quad_class=4, summary="Rocket attack on K1 base kills a US contractor",
          provenance=[span("doc1", 2)]),
    Event(id="ev-alqaim-strikes", type="ASSAULT", mode="aerial", source=["united-states"],
          target=["kataib-hezbollah"], date="2019-12-29", place="al-qaim", fatalities=25, intensity=-10.0,
          quad_class=4, summary="US air strikes on Kataib Hezbollah sites", provenance=[span("doc1", 3)]),
    Event(id="ev-kh-threat", type="THREATEN", source=["kataib-hezbollah"], target=["united-states"],
          date="2019-12-30", intensity=-4.0, quad_class=3, summary="Kataib Hezbollah vows revenge",
          provenance=[span("doc1", 4)]),
    Event(id="ev-airport-strike", type="ASSAULT", mode="aerial", source=["united-states"],
          target=["quds-force", "kataib-hezbollah"], date="2020-01-03", place="baghdad-airport",
          fatalities=10, intensity=-10.0, quad_class=4,
          summary="US drone strike kills Soleimani and al-Muhandis",
          provenance=[span("doc2", 0)]),
    Event(id="ev-ain-al-asad", type="ASSAULT", mode="missile", source=["iran"], target=["united-states"],
          date="2020-01-08", place="ain-al-asad", intensity=-9.0, quad_class=4,
          summary="Iranian missiles strike Ain al-Asad", provenance=[span("doc2", 2)]),
    Event(id="ev-strategic-talks", type="CONSULT", source=["iraq"], target=["united-states"], date="2020-02",
          place="baghdad", intensity=1.0, quad_class=1,
          summary="Iraqi and US officials discuss the coalition", provenance=[span("doc2", 3)]),
]


def records() -> list[AnyRecord]:
    """Actors and places first, so relations and events find the actors they name."""
    return [*ACTORS, *PLACES, *RELATIONS, *EVENTS]


def fill(url: str) -> None:
    """Create (or migrate) the store at url and put the fixture into it."""
    from brinkwatch.store import Store

    with Store.open(url) as store:
        store.add_records([*ACTORS, *PLACES])
        for document, text in DOCUMENTS:
            store.add_document(document, text)
        store.add_records([*RELATIONS, *EVENTS])
