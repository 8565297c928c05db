"""SIP messages (RFC 3261): parse and build requests and responses, and Digest
authentication (RFC 2617 / RFC 8760 MD5) for registering with a trunk or PBX."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field

COMPACT_HEADERS = {
    "v": "Via", "f": "From", "t": "To", "i": "Call-ID", "m": "Contact", "l": "Content-Length",
    "c": "Content-Type", "k": "Supported", "r": "Refer-To", "b": "Referred-By", "o": "Event",
    "s": "Subject", "e": "Content-Encoding", "u": "Allow-Events",
}  # fmt: skip
MAX_MESSAGE_BYTES = 65_000
URI_IN_BRACKETS = re.compile(r"<([^>]+)>")
TOKEN = re.compile(r"^[A-Za-z0-9.!%*_+`'~-]+$")
STATUS = re.compile(r"^[1-6][0-9][0-9]$")
CSEQ = re.compile(r"^([0-9]{1,10})\s+([A-Za-z0-9.!%*_+`'~-]+)$")
HOST_PORT = re.compile(r"^sips?:(?:[^@;>]+@)?([^:;>]+)(?::(\d+))?", re.IGNORECASE)


class SipParseError(ValueError):
    """Not a SIP message we can read (the UA ignores it, or answers 400)."""


@dataclass
class SipMessage:
    start_line: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""

    @property
    def is_request(self) -> bool:
        return not self.start_line.startswith("SIP/2.0 ")

    @property
    def method(self) -> str:
        return self.start_line.split(" ", 1)[0] if self.is_request else self.cseq[1]

    @property
    def uri(self) -> str:
        return self.start_line.split(" ")[1]

    @property
    def status(self) -> int:
        return 0 if self.is_request else int(self.start_line.split(" ")[1])

    @property
    def cseq(self) -> tuple[int, str]:
        number, _, method = (self.get("CSeq") or "0 ?").partition(" ")
        return int(number), method.strip()

    @property
    def call_id(self) -> str:
        return self.get("Call-ID") or ""

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return values[0] if values else None

    def get_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]

    def set(self, name: str, value: str) -> None:
        self.headers = [(k, v) for k, v in self.headers if k.lower() != name.lower()]
        self.headers.append((name, value))

    def encode(self) -> bytes:
        body = self.body.encode()
        lines = [self.start_line]
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() != "content-length"]
        lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def parse_message(data: bytes) -> SipMessage:
    """A SIP message, or SipParseError for anything we could not answer safely: every field
    later read as a number (status, CSeq, Content-Length) is checked here, once."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise SipParseError("message too large")
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        raise SipParseError("no blank line after the headers")
    try:
        lines = head.decode("utf-8").split("\r\n")
    except UnicodeDecodeError as exc:
        raise SipParseError("not UTF-8") from exc
    message = SipMessage(_start_line(lines[0].strip()))
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and message.headers:  # folded header
            name, value = message.headers[-1]
            message.headers[-1] = (name, f"{value} {line.strip()}")
            continue
        name, colon, value = line.partition(":")
        if not colon or not TOKEN.match(name.strip()):
            raise SipParseError(f"bad header line: {line[:60]!r}")
        name = name.strip()
        message.headers.append((COMPACT_HEADERS.get(name.lower(), name), value.strip()))
    _check_headers(message)
    message.body = _body(message, body)
    return message


def _start_line(start: str) -> str:
    if start.startswith("SIP/2.0 "):
        parts = start.split(" ", 2)
        if len(parts) < 2 or not STATUS.match(parts[1]):
            raise SipParseError(f"bad status line: {start[:60]!r}")
        return start
    parts = start.split(" ")
    if len(parts) != 3 or parts[2] != "SIP/2.0" or not TOKEN.match(parts[0]) or not parts[1]:
        raise SipParseError(f"not a SIP start line: {start[:60]!r}")
    return start


def _check_headers(message: SipMessage) -> None:
    for name in ("Via", "From", "To", "Call-ID", "CSeq"):
        if not message.get(name):
            raise SipParseError(f"no {name} header")
    cseq = CSEQ.match(message.get("CSeq") or "")
    if cseq is None:
        raise SipParseError("bad CSeq header")
    if message.is_request and cseq.group(2) != message.start_line.split(" ", 1)[0]:
        raise SipParseError("the CSeq method is not the request's method")


def _body(message: SipMessage, body: bytes) -> str:
    length = message.get("Content-Length")
    if length is None:
        return body.decode("utf-8", "replace")
    if not length.isascii() or not length.isdigit() or len(length) > 6:
        raise SipParseError("bad Content-Length header")
    if int(length) > len(body):
        # RFC 3261 18.3: over UDP a message shorter than its Content-Length is discarded.
        raise SipParseError("body shorter than its Content-Length")
    return body[: int(length)].decode("utf-8", "replace")


def response_to(
    request: SipMessage,
    status: int,
    reason: str,
    *,
    to_tag: str | None = None,
    headers: list[tuple[str, str]] | None = None,
    body: str = "",
) -> SipMessage:
    """A response that copies the request's Via, From, To, Call-ID and CSeq (RFC 3261 8.2.6)."""
    response = SipMessage(f"SIP/2.0 {status} {reason}")
    for name in ("Via", "From", "To", "Call-ID", "CSeq"):
        for value in request.get_all(name):
            if name == "To" and to_tag and ";tag=" not in value:
                value = f"{value};tag={to_tag}"
            response.headers.append((name, value))
    response.headers += headers or []
    response.body = body
    return response


def tag_of(header: str | None) -> str | None:
    match = re.search(r";\s*tag=([^;\s]+)", header or "")
    return match.group(1) if match else None


def uri_of(header: str) -> str:
    match = URI_IN_BRACKETS.search(header)
    return match.group(1) if match else header.split(";")[0].strip()


def host_port(uri: str, default_port: int = 5060) -> tuple[str, int]:
    match = HOST_PORT.match(uri)
    if match is None:
        raise SipParseError(f"no host in {uri!r}")
    port = int(match.group(2) or default_port)
    if not 0 < port < 65536:
        raise SipParseError(f"no such port in {uri!r}")
    return match.group(1), port


def new_tag() -> str:
    return secrets.token_hex(6)


def new_branch() -> str:
    return "z9hG4bK" + secrets.token_hex(8)


# --- Digest authentication ------------------------------------------------------------------


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def parse_challenge(header: str) -> dict[str, str]:
    """The parameters of a `WWW-Authenticate: Digest ...` header."""
    _, _, params = header.partition(" ")
    return {
        key.lower(): a or b for key, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]*))', params)
    }


def digest_response(*, username: str, password: str, realm: str, nonce: str, method: str,
                    uri: str, qop: str | None = None, nc: str = "00000001",
                    cnonce: str | None = None) -> str:  # fmt: skip
    ha1 = _md5(f"{username}:{realm}:{password}")
    ha2 = _md5(f"{method}:{uri}")
    if qop:
        return _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")
    return _md5(f"{ha1}:{nonce}:{ha2}")


def authorization_header(challenge: dict[str, str], *, username: str, password: str,
                         method: str, uri: str) -> str:  # fmt: skip
    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    qop = "auth" if "auth" in challenge.get("qop", "").split(",") else None
    cnonce = secrets.token_hex(8) if qop else None
    response = digest_response(username=username, password=password, realm=realm, nonce=nonce,
                               method=method, uri=uri, qop=qop, cnonce=cnonce)  # fmt: skip
    parts = [f'username="{username}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
             f'response="{response}"', "algorithm=MD5"]  # fmt: skip
    if qop:
        parts += [f"qop={qop}", "nc=00000001", f'cnonce="{cnonce}"']
    if "opaque" in challenge:
        parts.append(f'opaque="{challenge["opaque"]}"')
    return "Digest " + ", ".join(parts)


def answer_challenge(
    response: SipMessage, *, username: str, password: str, method: str, uri: str
) -> tuple[str, str]:
    """The header that answers a 401 (`Authorization`) or 407 (`Proxy-Authorization`)
    challenge, for sending the request again."""
    proxy = response.status == 407
    challenge = parse_challenge(response.get("Proxy-Authenticate" if proxy else "WWW-Authenticate")
                                or "")  # fmt: skip
    value = authorization_header(challenge, username=username, password=password, method=method,
                                 uri=uri)  # fmt: skip
    return ("Proxy-Authorization" if proxy else "Authorization", value)


class DigestChallenger:
    """Digest authentication of callers (RFC 3261 22.4) for INVITEs from addresses that are
    not a trunk. Nonces are stateless (a time and its HMAC with a per-process key), so a
    flood of unauthenticated INVITEs keeps nothing; a nonce is good for `lifetime` seconds."""

    def __init__(self, realm: str, lifetime: float = 300.0) -> None:
        self.realm = realm
        self.lifetime = lifetime
        self._key = secrets.token_bytes(32)

    def _sign(self, issued: str) -> str:
        return hmac.new(self._key, issued.encode(), hashlib.sha256).hexdigest()[:32]

    def challenge(self) -> str:
        issued = str(int(time.time()))
        nonce = f"{issued}.{self._sign(issued)}"
        return f'Digest realm="{self.realm}", nonce="{nonce}", algorithm=MD5, qop="auth"'

    def _fresh(self, nonce: str) -> bool:
        issued, _, signature = nonce.partition(".")
        if not (issued.isascii() and issued.isdigit() and len(issued) < 12):
            return False
        if not hmac.compare_digest(self._sign(issued), signature):
            return False
        return 0 <= time.time() - int(issued) <= self.lifetime

    def accepts(self, request: SipMessage, username: str, password: str) -> bool:
        header = request.get("Authorization") or ""
        if not header.lower().startswith("digest "):
            return False
        params = parse_challenge(header)
        if params.get("username") != username or params.get("realm") != self.realm:
            return False
        if not self._fresh(params.get("nonce", "")) or "uri" not in params:
            return False
        qop = params.get("qop") or None
        expected = digest_response(
            username=username, password=password, realm=self.realm, nonce=params["nonce"],
            method=request.method, uri=params["uri"], qop=qop, nc=params.get("nc", ""),
            cnonce=params.get("cnonce"),
        )  # fmt: skip
        return hmac.compare_digest(expected, params.get("response", ""))
