"""`synergy notebook verify` and `verify-extract` through the real command."""

from __future__ import annotations

from sqlalchemy import update
from typer.testing import CliRunner

from synergy.cli import app
from synergy.notebook import disclosure
from synergy.notebook.deps import context_for
from synergy.notebook.models import Entry
from tests.notebook.conftest import write


def test_verify_and_verify_extract_report_ok_then_tampering(
    settings, session_factory, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SYNERGY_DATABASE_URL", settings.effective_database_url)
    monkeypatch.setenv("SYNERGY_SECRET_KEY", "x" * 40)
    keyring = context_for(settings).keyring  # the key file the command will read too
    with session_factory() as session:
        write(session, keyring, text="checked by the command")
        pdf, _ = disclosure.make_extract(
            session, keyring, officer="alex.morgan", seqs=[1], actor="a"
        )
        session.commit()
    extract = tmp_path / "extract.pdf"
    extract.write_bytes(pdf)
    runner = CliRunner()
    ok = runner.invoke(app, ["notebook", "verify"])
    assert ok.exit_code == 0 and "alex.morgan: OK, 1 entries" in ok.output
    checked = runner.invoke(app, ["notebook", "verify-extract", str(extract)])
    assert checked.exit_code == 0, checked.output
    with session_factory() as session:
        session.execute(update(Entry).values(device_seq=None, corrects_seq=1))
        session.commit()
    bad = runner.invoke(app, ["notebook", "verify"])
    assert bad.exit_code == 1 and "FAILED at entry 1" in bad.output
    assert runner.invoke(app, ["notebook", "verify-extract", str(extract)]).exit_code == 1
