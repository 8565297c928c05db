import pytest

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
