from synergy.core.roles import Role
from tests.conftest import csrf_for

PERSON = {
    "family_name": "Nowak",
    "given_names": "Anna",
    "date_of_birth": "1988-01-02",
    "place_of_birth": "Krakow, Poland",
    "nationalities": ["pl"],
    "identity_documents": [{"kind": "passport", "number": "AB123", "issuing_country": "pl"}],
}
ARREST = {
    "custody_number": "20/C/000042/24",
    "arrested_at": "2024-06-03T10:00:00+01:00",
    "offences": ["Burglary"],
    "arresting_officer": "PC 99 Jones",
    "station": "Coventry",
}


def _post(client, path, body):
    return client.post(path, json=body, headers={"X-CSRF-Token": csrf_for(client)})


def test_records_officer_creates_a_person_and_records_an_arrest(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    created = _post(client, "/api/records/persons", PERSON)
    assert created.status_code == 201, created.text
    person = created.json()
    assert person["nationalities"] == ["PL"]
    arrest = _post(client, f"/api/records/persons/{person['id']}/arrests", ARREST)
    assert arrest.status_code == 201, arrest.text
    assert arrest.json()["custody_number"] == "20/C/000042/24"
    listed = client.get(f"/api/records/persons/{person['id']}/arrests").json()
    assert [a["id"] for a in listed] == [arrest.json()["id"]]
    assert client.get("/api/records/persons?q=now").json()[0]["id"] == person["id"]


def test_supervisor_may_read_but_not_record(signed_in):
    client = signed_in(Role.SUPERVISOR)
    assert client.get("/api/records/persons").status_code == 200
    assert _post(client, "/api/records/persons", PERSON).status_code == 403


def test_officers_without_records_role_are_refused(signed_in):
    client = signed_in(Role.OFFICER)
    assert client.get("/api/records/persons").status_code == 403


def test_unknown_fields_and_bad_values_are_refused_not_a_500(signed_in):
    client = signed_in(Role.RECORDS_OFFICER)
    assert _post(client, "/api/records/persons", {**PERSON, "religion": "x"}).status_code == 422
    bad = _post(client, "/api/records/persons", {**PERSON, "nationalities": ["Poland"]})
    assert bad.status_code == 422
    person = _post(client, "/api/records/persons", PERSON).json()
    wrong = _post(
        client, f"/api/records/persons/{person['id']}/arrests", {**ARREST, "custody_number": "1234"}
    )
    assert wrong.status_code == 422
    assert wrong.json()["field"] == "custody_number"
