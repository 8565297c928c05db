"""The force's own brand: neutral by default, configurable, never GOV.UK's crown or licence."""

from fastapi.testclient import TestClient

from synergy.app import create_app
from synergy.core.brand import BrandSettings
from synergy.core.roles import Role

GOV_UK_MARKS = ("govuk-footer__crown", "govuk-footer__licence-logo", "govuk-footer__copyright-logo")


def test_pages_carry_a_neutral_brand_a_favicon_and_no_gov_uk_marks(client: TestClient) -> None:
    page = client.get("/accessibility").text
    assert "Police service" in page and "West Midlands Police" not in page
    assert not [mark for mark in GOV_UK_MARKS if mark in page]
    assert "Open Government Licence" not in page and "Crown copyright" not in page
    assert 'rel="icon" href="/static/synergy/favicon.svg"' in page
    assert client.get("/static/synergy/favicon.svg").status_code == 200


def test_api_reference_is_in_the_footer_for_staff_only(client: TestClient, signed_in) -> None:  # type: ignore[no-untyped-def]
    assert "/api-reference" not in client.get("/privacy").text
    assert "/api-reference" in signed_in(Role.OFFICER).get("/").text


def test_name_colour_logo_and_footer_links_are_configurable(settings, engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "crest.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    brand = BrandSettings(
        name="Northshire Police",
        colour="#123456",
        logo_file=logo,
        footer_links="Contact us=https://northshire.example/contact; Cookies=/cookies",
    )
    with TestClient(create_app(settings.with_sections(brand), engine=engine)) as client:
        page = client.get("/privacy").text
        assert "Northshire Police" in page and 'src="/static/brand/logo.svg"' in page
        assert 'href="https://northshire.example/contact">Contact us</a>' in page
        assert "#123456" in client.get("/static/brand/brand.css").text
        assert client.get("/static/brand/logo.svg").status_code == 200
