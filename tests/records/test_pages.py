from synergy.core.roles import Role
from tests.conftest import csrf_for

PERSON_FORM = {
    "family_name": "Popescu",
    "given_names": "Ion",
    "aliases": "Popa, Ion",
    "dob-day": "5",
    "dob-month": "11",
    "dob-year": "1985",
    "place_of_birth": "Iasi, Romania",
    "gender": "",
    "nationality-1": "RO",
    "nationality-2": "United Kingdom",
    "identity_documents": "identity card, RX998877, RO",
}


def _create_person(client):
    response = client.post(
        "/records/persons/new", data={**PERSON_FORM, "csrf_token": csrf_for(client)}
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_records_officer_adds_a_person_and_records_an_arrest_through_the_pages(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    person_url = _create_person(client)
    page = client.get(person_url)
    assert page.status_code == 200
    assert "RX998877" in page.text and "Popa" in page.text
    response = client.post(
        f"{person_url}/arrests/new",
        data={
            "custody_number": "20/C/000555/24",
            "arrested-day": "3",
            "arrested-month": "6",
            "arrested-year": "2024",
            "arrested_time": "14:30",
            "offences": "Theft\nCriminal damage",
            "arresting_officer": "PC 12 Khan",
            "station": "Walsall",
            "csrf_token": csrf_for(client),
        },
    )
    assert response.status_code == 303, response.text
    page = client.get(person_url)
    assert "20/C/000555/24" in page.text and "Criminal damage" in page.text
    # Stored as 13:30 UTC; staff read the time they typed, in UK time.
    assert "Arrested (UK time)" in page.text and "3 Jun 2024, 14:30" in page.text
    assert "13:30" not in page.text and "UTC" not in page.text


def test_invalid_person_form_shows_an_error_summary(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    response = client.post(
        "/records/persons/new",
        data={**PERSON_FORM, "nationality-1": "Romanian", "csrf_token": csrf_for(client)},
    )
    assert response.status_code == 422
    assert "There is a problem" in response.text and "#nationality-1" in response.text
    assert "&#39;Romanian&#39; is not a country: choose one from the list" in response.text


def test_invalid_arrest_form_names_the_field(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    person_url = _create_person(client)
    response = client.post(
        f"{person_url}/arrests/new",
        data={
            "custody_number": "nonsense",
            "arrested-day": "3",
            "arrested-month": "6",
            "arrested-year": "2024",
            "arrested_time": "14:30",
            "offences": "Theft",
            "arresting_officer": "PC 12",
            "station": "Walsall",
            "csrf_token": csrf_for(client),
        },
    )
    assert response.status_code == 422
    assert "#custody_number" in response.text


def test_search_page_lists_people_and_supervisor_cannot_add(signed_in, client):
    officer = signed_in(Role.RECORDS_OFFICER)
    _create_person(officer)
    supervisor = signed_in(Role.SUPERVISOR)
    page = supervisor.get("/records?q=pope")
    assert page.status_code == 200 and "POPESCU" in page.text
    assert "Add a person" not in page.text
    assert supervisor.get("/records/persons/new").status_code == 403


def test_nationality_is_picked_from_a_country_list(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    form = client.get("/records/persons/new").text
    assert '<select class="govuk-select" id="nationality-1" name="nationality-1"' in form
    assert '<option value="RO">Romania</option>' in form and "data-synergy-country-picker" in form
    assert "/static/autocomplete/accessible-autocomplete.min.js" in form
    assert client.get("/static/autocomplete/accessible-autocomplete.min.js").status_code == 200
    page = client.get(_create_person(client)).text
    assert "United Kingdom, Romania" in page


def test_person_page_shows_aliases_in_full_and_documents_with_kind_and_country(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    page = client.get(_create_person(client)).text
    assert "Ion Popa" in page
    assert "Identity card RX998877, issued by Romania" in page


def test_search_finds_people_by_custody_number_alias_or_document(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    person_url = _create_person(client)
    client.post(
        f"{person_url}/arrests/new",
        data={
            "custody_number": "20/C/000555/24",
            "arrested-day": "3",
            "arrested-month": "6",
            "arrested-year": "2024",
            "arrested_time": "14:30",
            "offences": "Theft",
            "arresting_officer": "PC 12 Khan",
            "station": "Walsall",
            "csrf_token": csrf_for(client),
        },
    )
    for text in ("20/C/555/24", "20C00055524", "Popa", "ion popescu", "RX998877"):
        found = client.get("/records", params={"q": text}).text
        assert "1 person" in found and person_url in found, text
    assert "0 people" in client.get("/records", params={"q": "20/C/000556/24"}).text


def test_the_error_summary_lists_every_problem_in_plain_english(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    response = client.post(
        "/records/persons/new",
        data={
            **PERSON_FORM,
            "family_name": "",
            "dob-day": "31",
            "dob-month": "2",
            "nationality-1": "Narnia",
            "identity_documents": "passport only",
            "csrf_token": csrf_for(client),
        },
    )
    assert response.status_code == 422
    for field in ("family_name", "dob-day", "nationality-1", "identity_documents"):
        assert f'href="#{field}"' in response.text, field
    assert "Enter the family name" in response.text
    assert "String should" not in response.text and "pydantic" not in response.text
