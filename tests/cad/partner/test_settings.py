import json

import pytest

from synergy.cad.partner.settings import PartnerSettings, read_at_start
from synergy.core.config import ConfigError, load_settings
from tests.conftest import TEST_SECRET


def _fresh_settings(tmp_path):
    return load_settings(data_dir=tmp_path / "var", secret_key=TEST_SECRET)


def test_partners_are_read_from_one_json_setting(monkeypatch, tmp_path):
    partner = {
        "code": "WMFS",
        "name": "West Midlands Fire",
        "url": "https://fire.example/incident-exchange/messages",
        "secret": "s" * 40,
        "share_grades": [1],
    }
    monkeypatch.setenv("SYNERGY_CAD_PARTNER_PARTNERS", json.dumps([partner]))

    section = _fresh_settings(tmp_path).section(PartnerSettings)

    [fire] = section.partners
    assert (fire.code, fire.share_grades, fire.secret_bytes()) == ("WMFS", {1}, b"s" * 40)
    assert section.opening_code_for("rtc") == "TRANSPORT-RTC-INJURY"
    assert section.opening_code_for("CHIMNEY-FIRE") == "ADMIN-INFORMATION"


def test_a_bad_partner_setting_stops_start_up_and_names_the_setting(monkeypatch, tmp_path):
    partner = {"code": "fire", "name": "Fire", "url": "ftp://fire", "secret": "short"}
    monkeypatch.setenv("SYNERGY_CAD_PARTNER_PARTNERS", json.dumps([partner]))

    with pytest.raises(ConfigError, match="SYNERGY_CAD_PARTNER_PARTNERS"):
        read_at_start(None, _fresh_settings(tmp_path))
