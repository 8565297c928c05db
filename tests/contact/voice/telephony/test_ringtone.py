"""The UK ringing tone: the same sound however the caller's audio track asks for it."""

from __future__ import annotations

from synergy.contact.voice.telephony.ringtone import RingingTone, ringing_cycle


def test_the_tone_repeats_its_cadence_seamlessly_whatever_size_it_is_read_in():
    cycle = ringing_cycle(8000)
    assert len(cycle) == 2 * 3 * 8000  # 0.4 + 0.2 + 0.4 + 2.0 s
    tone = RingingTone(8000)
    sizes = (7, 160, 23_993, 1, 23_839)  # two cycles in all
    pieces = [tone.read(size) for size in sizes]
    assert [len(piece) for piece in pieces] == [2 * size for size in sizes]
    assert b"".join(pieces) == cycle * 2
