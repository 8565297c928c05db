from typer.testing import CliRunner

from synergy.cli import app

from .conftest import need


def test_voice_say_writes_speech_that_voice_transcribe_reads_back(tmp_path, monkeypatch, whisper):
    import shutil

    need(shutil.which("flite") is not None, "flite is not installed (apt-get install flite)")
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(tmp_path))
    out = tmp_path / "hello.wav"
    runner = CliRunner()
    said = runner.invoke(app, ["voice-say", "Please hold while I connect you.", "--out", str(out)])
    assert said.exit_code == 0, said.output
    assert out.exists() and "flite" in said.output
    heard = runner.invoke(app, ["voice-transcribe", str(out)])
    assert heard.exit_code == 0, heard.output
    assert "connect you" in heard.output.lower()


def test_voice_commands_are_listed():
    result = CliRunner().invoke(app, ["--help"])
    assert "voice-sip" in result.output and "voice-say" in result.output
