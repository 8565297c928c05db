"""Starting the web app loads what serving needs, not each feature's heavy libraries (they load
on first use), and makes no password hash, so the server's memory stays small
(bench/evidence_upload.py measures it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from synergy.core.config import Settings
from synergy.core.db import upgrade

FEATURE_LIBRARIES = ("av", "boto3", "botocore", "sklearn", "scipy")

# The 101 assistant's triage model is loaded on a background thread as the server starts (so
# the first caller does not wait for it), and that thread imports scikit-learn. The probe
# stops that one load, so what it sees is what creating the app itself imports.
PROBE = """
import json, sys
from synergy.contact.understanding import model
model.load_model = lambda: None
from synergy.app import create_app
from synergy.core.config import load_settings
create_app(load_settings(data_dir=sys.argv[1], database_url=sys.argv[2],
                         secret_key=sys.argv[3], frontend_dir=sys.argv[4]))
from synergy.core import security
hashed = security._dummy_hash.cache_info().currsize
print(json.dumps({"modules": sorted(sys.modules), "dummy_hashed": hashed}))
"""


def test_creating_the_app_does_not_import_feature_libraries(settings: Settings) -> None:
    upgrade(settings.effective_database_url)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            str(settings.data_dir),
            settings.effective_database_url,
            settings.secret_key.get_secret_value(),
            str(settings.frontend_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    modules = set(probe["modules"])
    assert "synergy.evidence.tus" in modules
    assert not modules & set(FEATURE_LIBRARIES)
    # argon2 takes 64 MiB for each hash: none is made until someone signs in.
    assert probe["dummy_hashed"] == 0


def test_the_dummy_password_hash_is_made_on_first_use_and_verifies_like_a_real_one() -> None:
    from synergy.core import security

    assert security.verify_password(security.DUMMY_PASSWORD_HASH, "anything at all") is False
    assert security._dummy_hash().startswith("$argon2id$")
    real = security.hash_password("a long enough password")
    assert security.verify_password(real, "a long enough password") is True
