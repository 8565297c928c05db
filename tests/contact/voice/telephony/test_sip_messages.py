import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synergy.contact.voice.telephony.sdp import SdpError, build_sdp, choose_codec, parse_sdp
from synergy.contact.voice.telephony.sipmessage import (
    SipParseError,
    digest_response,
    host_port,
    parse_challenge,
    parse_message,
    response_to,
    tag_of,
    uri_of,
)

OFFER = (
    "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 10000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n"
)
INVITE = (
    "INVITE sip:bot@127.0.0.1:5070 SIP/2.0\r\n"
    "v: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabc;rport\r\n"
    "f: <sip:caller@127.0.0.1>;tag=xyz\r\n"
    "t: <sip:bot@127.0.0.1:5070>\r\n"
    "i: call-1@127.0.0.1\r\n"
    "CSeq: 7 INVITE\r\n"
    "m: <sip:caller@127.0.0.1:5062;transport=udp>\r\n"
    "Supported:\r\n"
    "c: application/sdp\r\n"
    f"l: {len(OFFER)}\r\n\r\n{OFFER}"
).encode()


def test_an_invite_with_compact_and_empty_headers_is_read():
    message = parse_message(INVITE)
    assert message.is_request and message.method == "INVITE"
    assert message.call_id == "call-1@127.0.0.1"
    assert message.cseq == (7, "INVITE")
    assert tag_of(message.get("From")) == "xyz" and tag_of(message.get("To")) is None
    assert host_port(uri_of(message.get("Contact") or "")) == ("127.0.0.1", 5062)
    assert message.get("Supported") == ""
    assert parse_sdp(message.body).port == 10000


def test_a_response_copies_the_dialog_headers_and_adds_our_tag():
    response = response_to(parse_message(INVITE), 180, "Ringing", to_tag="me")
    again = parse_message(response.encode())
    assert again.status == 180
    assert again.get("Via") == "SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKabc;rport"
    assert tag_of(again.get("To")) == "me"
    assert again.cseq == (7, "INVITE") and again.method == "INVITE"


def test_garbage_is_refused():
    with pytest.raises(SipParseError):
        parse_message(b"hello there\r\n\r\n")


def test_the_callers_codec_preference_is_kept_and_telephone_events_found():
    offer = parse_sdp(OFFER)
    assert choose_codec(offer) == 8  # A-law was offered first
    assert offer.telephone_event() == 101
    answer = parse_sdp(build_sdp(address="127.0.0.1", port=40000, payload_type=8, codec="PCMA"))
    assert (answer.port, answer.payload_types, answer.codec_name(8)) == (40000, [8, 101], "PCMA")


def test_an_offer_without_g711_is_not_acceptable():
    with pytest.raises(SdpError):
        choose_codec(parse_sdp(OFFER.replace("8 0 101", "9 101")))
    with pytest.raises(SdpError):
        parse_sdp("v=0\r\n")


def test_digest_matches_the_rfc_2617_example():
    assert digest_response(
        username="Mufasa", realm="testrealm@host.com", password="Circle Of Life",
        nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", method="GET", uri="/dir/index.html",
        qop="auth", nc="00000001", cnonce="0a4f113b",
    ) == "6629fae49393a05397450978507c4ef1"  # fmt: skip
    challenge = parse_challenge('Digest realm="pbx", nonce="n1", qop="auth,auth-int", opaque="o"')
    assert challenge == {"realm": "pbx", "nonce": "n1", "qop": "auth,auth-int", "opaque": "o"}


def _read_everything(message):  # type: ignore[no-untyped-def]
    """What the user agent reads of any message it accepts: none of it may raise."""
    assert message.call_id and message.method
    assert isinstance(message.cseq[0], int) and isinstance(message.status, int)
    if not message.is_request:
        assert 100 <= message.status <= 699
    if message.body:
        try:
            offer = parse_sdp(message.body)
        except SdpError:
            return
        assert 0 < offer.port < 65536


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_as_unreadable_sip(data):
    try:
        message = parse_message(data)
    except SipParseError:
        return
    _read_everything(message)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_corrupted_invite_is_read_or_refused_never_crashes(data):
    raw = bytearray(INVITE)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["replace", "delete", "insert", "truncate"]))
        if action == "replace":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "delete":
            del raw[at]
        elif action == "insert":
            raw[at:at] = data.draw(st.sampled_from([b"\r\n", b":", b" ", b"99999", b"\xc2\xb2"]))
        else:
            del raw[at:]
        if not raw:
            raw = bytearray(b"x")
    try:
        message = parse_message(bytes(raw))
    except SipParseError:
        return
    _read_everything(message)


@pytest.mark.parametrize("header", ["CSeq: x INVITE", "CSeq: 7", "CSeq: 7 BYE", "l: 9999",
                                    "l: -1", "l: \u00b2"])  # fmt: skip
def test_bad_cseq_and_content_length_are_refused(header):
    name = header.split(":")[0]
    lines = [line for line in INVITE.decode().split("\r\n") if not line.startswith(f"{name}:")]
    lines.insert(1, header)
    with pytest.raises(SipParseError):
        parse_message("\r\n".join(lines).encode())


@pytest.mark.parametrize(("line", "problem"), [
    ("m=audio 99999 RTP/AVP 0", "port 99999"), ("m=audio 0 RTP/AVP 0", "port 0"),
    ("m=audio 4000 RTP/AVP 300", "payload types"), ("m=audio \u0664000 RTP/AVP 0", "bad media"),
])  # fmt: skip
def test_an_offer_that_could_not_be_sent_to_is_refused(line, problem):
    with pytest.raises(SdpError, match=problem):
        parse_sdp(OFFER.replace("m=audio 10000 RTP/AVP 8 0 101", line))
    with pytest.raises(SdpError, match="not an IP address"):
        parse_sdp(OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP4 pbx.example"))
