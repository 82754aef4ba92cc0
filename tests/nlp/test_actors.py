"""Actor recognition: gazetteer names, new names, short references, collectives, metonymy, filtering."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from brinkwatch.nlp.annotations import bw
from conftest import Found


def test_gazetteer_names_in_any_spelling_are_one_actor(extract: Callable[..., Found]) -> None:
    found = extract("Kataib Hizballah fired rockets at a base. Later Kata'ib Hezbollah denied any role.")
    kh = [a for a in found.actors if a.id == "kataib-hezbollah"]
    assert len(kh) == 1
    assert {"Kataib Hizballah", "Kata'ib Hezbollah"} <= {kh[0].name, *kh[0].aliases}


def test_aliases_are_only_the_forms_seen(extract: Callable[..., Found]) -> None:
    found = extract("The IRGC trained the fighters. Officials in Tehran praised the IRGC.")
    irgc = found.actor("IRGC")
    assert irgc.aliases == ["IRGC"] or set(irgc.aliases) == {"IRGC"}
    assert irgc.name == "Islamic Revolutionary Guard Corps"


def test_new_organisation_typed_by_its_head_noun(extract: Callable[..., Found]) -> None:
    found = extract("The Valley Liberation Brigades attacked a police station near Tal Afar on May 3, 2015.")
    brigades = found.actor("Valley Liberation Brigades")
    assert brigades.type == "armed_group"
    assert brigades.id == "valley-liberation-brigades"


def test_acronym_defined_in_the_text(extract: Callable[..., Found]) -> None:
    found = extract("The Northern Reform Party (NRP) won seats in 2018. The NRP later joined the government.")
    party = found.actor("Northern Reform Party")
    assert party.type == "political_group"
    assert "NRP" in party.aliases
    assert len([a for a in found.actors if "NRP" in a.aliases or a.name == "NRP"]) == 1


def test_surname_and_pronoun_refer_to_the_person_named_in_full(extract: Callable[..., Found]) -> None:
    found = extract(
        "Colonel Marwan Haddadi founded the Eastern Shield Brigade in 2014. "
        "Haddadi was born in Mosul. He later accused the United States of arming his rivals."
    )
    person = found.actor("Marwan Haddadi")
    assert person.type == "person"
    assert [a for a in found.actors if a.type == "person"] == [person]  # no second actor for "Haddadi"
    accusations = found.events_of("ACCUSE")
    assert accusations and accusations[0].source == [person.id]


def test_demonym_before_a_title_marks_the_country(extract: Callable[..., Found]) -> None:
    found = extract("Iranian cleric Hossein Tabatabai-Nejad condemned the strike on the convoy in 2019.")
    cleric = found.actor("Hossein Tabatabai-Nejad")
    assert cleric.country == "IRN"
    assert found.has_actor("Iran")


def test_capital_as_metonym_versus_as_place(extract: Callable[..., Found]) -> None:
    as_actor = extract("Washington imposed sanctions on the group in 2019.")
    assert as_actor.actor("United States").id == "united-states"
    as_place = extract("The delegation flew to Washington in 2019 and met reporters.")
    assert not as_place.has_actor("United States")


def test_collective_with_patron_and_later_references(extract: Callable[..., Found]) -> None:
    found = extract(
        "Syria-backed militias shelled the town in 2013. Residents said the militias withdrew a week later."
    )
    militias = [a for a in found.actors if "militias" in a.name.lower()]
    assert len(militias) == 1
    assert militias[0].name == "Syria-backed militias"
    # "the militias" resolves to the collective but is a description, not a name to keep as an alias
    assert "militias" not in militias[0].aliases
    assert found.relation("supports", "Syria", "Syria-backed militias") is not None


def test_state_agents_and_descriptions_are_not_aliases(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Hamra Front attacked a convoy near Aleppo in 2014. "
        "The group later said that Turkish soldiers had fired first."
    )
    front = next(a for a in found.actors if a.name == "Hamra Front")
    assert "group" not in front.aliases
    assert all("soldiers" not in alias for a in found.actors for alias in a.aliases)


def test_documents_doctrines_and_titles_are_not_actors(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Anti-Terrorism Act of 2005 was cited by the Ayatollah. "
        "The party embraced Wilayat al-Faqih and praised the Joint Comprehensive Plan of Action."
    )
    names = {a.name for a in found.actors}
    assert not any("Act" in n or "Faqih" in n or "Plan" in n or n == "Ayatollah" for n in names), names


def test_headlines_and_photo_credits_give_no_new_actors(extract: Callable[..., Found]) -> None:
    found = extract(
        "[Harbor Workers Defy Curfew Order]\n\n"
        "Dockers marched in Basra on June 1, 2019. (Photo by Lakeside Press Agency, via AP)\n"
    )
    assert not any("Harbor" in a.name or "Lakeside" in a.name for a in found.actors)


def test_pronoun_follows_the_topic_of_the_passage(extract: Callable[..., Found]) -> None:
    found = extract(
        "Hamid Karimi trained as a surveyor in Mosul. He taught for a decade. "
        "As a young man he joined the Northern Reform Party. "
        "When Saddam Hussein banned the party in 1980, he fled to Syria. "
        "In Damascus he founded the Valley Liberation Brigades."
    )
    founded = [r for r in found.relations if r.target == found.actor("Valley Liberation Brigades").id]
    assert founded, "no relation to the brigades"
    assert {found.name(r.source) for r in founded} == {"Hamid Karimi"}


def test_subject_of_a_coordinated_clause_is_shared(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Daily Courier reported on May 2, 2016. It noted that the Iraqi government barred the "
        "Valley Liberation Brigades from the army in 2005, but by the spring of 2007 it lifted that ban."
    )
    lifted = [e for e in found.events if e.type == "CONCEDE" and (e.date or "").startswith("2007")]
    assert lifted, [e.type for e in found.events]
    assert {found.name(s) for e in lifted for s in e.source} == {"Iraq"}


def test_dateline_is_a_place_not_the_subject(extract: Callable[..., Found]) -> None:
    found = extract(
        "Strike on the airport\n\nBAGHDAD, 3 January 2020 - A United States drone strike near the airport "
        "killed Qassem Soleimani on Friday, and officials in Tehran promised a response.",
        published="2020-01-04",
    )
    killings = found.events_of("ASSAULT")
    assert killings
    assert {found.name(s) for e in killings for s in e.source} == {"United States"}


def test_names_that_are_not_actors(extract: Callable[..., Found]) -> None:
    found = extract(
        "In June 2023 the mutineers seized a headquarters in Rostov-on-Don. In October 2019 the army "
        "launched Operation Peace Spring. A missile hit the bulk carrier True Confidence in the Gulf of Aden."
    )
    names = {a.name for a in found.actors}
    assert not names & {"Don", "Operation Peace Spring", "True Confidence", "Yemen"}


def test_a_person_tag_after_a_place_noun_is_a_place(extract: Callable[..., Found]) -> None:
    found = extract("Kurdish fighters drove the jihadists from the border towns of Kobani and Tal Abyad.")
    assert not found.has_actor("Tal Abyad")


def test_a_surname_goes_to_the_person_named_in_full_not_to_a_namesake(extract: Callable[..., Found]) -> None:
    found = extract(
        "Hezbollah chose Naim Qassem as its secretary-general on 29 October 2024. "
        "Qassem had been its deputy leader since 1991."
    )
    assert found.actor("Qassem").name == "Naim Qassem"
    assert not found.has_actor("Qassem Soleimani")


def test_a_known_alias_ending_a_longer_name_is_a_surname(extract: Callable[..., Found]) -> None:
    found = extract(
        "The foreign ministers, Therese Kayikwamba Wagner for Congo and Olivier Nduhungirehe for Rwanda, "
        "signed an agreement in Washington on 27 June 2025."
    )
    assert not found.has_actor("Wagner Group")


def test_a_noun_before_a_name_is_not_a_reference_back(extract: Callable[..., Found]) -> None:
    found = extract("The militia Kataib Sayyid al-Shuhada and the group Harakat al-Nujaba fired rockets.")
    nujaba = found.actor("Harakat al-Nujaba")
    kss = found.actor("Kataib Sayyid al-Shuhada")
    assert nujaba.id != kss.id
    assert "group" not in kss.aliases


def test_the_militia_refers_to_the_armed_group_in_view(nlp: Language) -> None:
    doc = nlp(
        "Kataib Hezbollah was blamed for the attack. Tehran denied any role. "
        "Two days later the militia said it was suspending its operations."
    )
    keys = {doc[start:end].text: key for start, end, key, _form, _place in bw(doc)["mentions"]}
    assert keys["militia"] == "kataib-hezbollah"
    assert keys["it"] == "kataib-hezbollah"


def test_a_state_led_body_is_an_actor_led_by_that_state(extract: Callable[..., Found]) -> None:
    found = extract("In March 2015 the Saudi-led coalition began bombing the Houthis.")
    coalition = found.actor("Saudi-led coalition")
    assert coalition.type == "organization"
    assert found.relation("leads", "Saudi Arabia", "Saudi-led coalition") is not None
    assert found.has_actor("Saudi Arabia")


def test_the_rebels_refer_back_to_the_named_armed_group(nlp: Language) -> None:
    doc = nlp(
        "The Valley Liberation Front was formed in 2012. On 20 November 2012 the rebels captured the town."
    )
    keys = {doc[start:end].text: key for start, end, key, _form, _place in bw(doc)["mentions"]}
    assert keys["rebels"] == keys["Valley Liberation Front"]


def test_bracketed_acronym_is_cut_from_the_name_and_joins_it(extract: Callable[..., Found]) -> None:
    found = extract(
        "Its forerunner was the Northern Congress for the Defence of the People (NCDP), a rebel group. "
        "The NCDP signed a deal on 23 March 2009."
    )
    congress = found.actor("Northern Congress for the Defence of the People")
    assert "NCDP" in congress.aliases
    assert len([a for a in found.actors if "NCDP" in a.name]) == 0


def test_weapons_categories_and_lower_case_slips_are_not_actors(extract: Callable[..., Found]) -> None:
    found = extract(
        "On the night of 19 May 2019 a Katyusha rocket landed near the embassy. "
        "In 2009 the State Department designated the Valley Front as a Foreign Terrorist Organization. "
        "Iraqi soldiers and Shia militiamen entered the town of Amerli on 31 August 2014."
    )
    names = {a.name for a in found.actors}
    assert not names & {"Katyusha", "Foreign Terrorist Organization", "Amerli"}
    assert "Shia militiamen" in names


def test_a_rank_is_cut_from_a_name_and_marks_a_person(extract: Callable[..., Found]) -> None:
    found = extract("The attack on 28 January 2024 killed Specialist Kennedy Ladon Sanders, 24.")
    soldier = found.actor("Kennedy Ladon Sanders")
    assert soldier.type == "person"


def test_the_state_of_a_title_is_not_an_actor(extract: Callable[..., Found]) -> None:
    found = extract("Secretary of State Mike Pompeo warned Iran on 13 December 2019.")
    assert not found.has_actor("State")
    assert found.has_actor("Mike Pompeo")
