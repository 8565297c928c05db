from synergy.contact.voice.telephony.dtmf import parse_telephone_event, telephone_event_payload


def test_telephone_event_payload_round_trips_every_key():
    for digit in "0123456789*#ABCD":
        event = parse_telephone_event(telephone_event_payload(digit, end=True, duration=800))
        assert event is not None
        assert (event.digit, event.end, event.duration) == (digit, True, 800)


def test_telephone_events_other_than_keys_are_ignored():
    assert parse_telephone_event(bytes([16, 0x80, 0, 160])) is None  # flash
    assert parse_telephone_event(b"\x01") is None
