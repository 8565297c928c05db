"""The incident exchange's XML messages: typed values, and building and reading them.

Every message is checked against `incident-exchange-1.0.xsd` both ways: `build_*` refuses to
return XML that the schema would refuse, and `parse_message` refuses anything that is not a
valid message. The parser never loads a DTD, expands an entity or touches the network, and a
document that declares a DOCTYPE at all is refused, so entity expansion ("billion laughs") and
external entities cannot reach us.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from lxml import etree

SCHEMA_VERSION = "1.0"
MAJOR_VERSION = "1"
NAMESPACE = f"urn:synergy:incident-exchange:{MAJOR_VERSION}"
SCHEMA_FILE = Path(__file__).with_name("incident-exchange-1.0.xsd")
MAX_MESSAGE_BYTES = 256 * 1024

MessageType = Literal["create", "update", "close"]
Outcome = Literal["accepted", "rejected"]


class MessageError(ValueError):
    """The bytes are not a valid exchange message; the text says why, for the receipt."""

    def __init__(self, reason: str, *, code: str = "invalid-message") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Header:
    message_id: str
    sent_at: dt.datetime
    sender: str
    recipient: str

    @classmethod
    def new(cls, *, sender: str, recipient: str, now: dt.datetime | None = None) -> Header:
        return cls(str(uuid.uuid4()), now or dt.datetime.now(dt.UTC), sender, recipient)


@dataclass(frozen=True)
class Remark:
    sequence: int
    recorded_at: dt.datetime
    author: str
    text: str


@dataclass(frozen=True)
class Location:
    description: str
    address: str | None = None
    postcode: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass(frozen=True)
class Incident:
    reference: str
    originating_agency: str
    version: int
    opened_at: dt.datetime
    type_code: str
    priority: int
    summary: str
    location: Location
    type_description: str | None = None
    remarks: tuple[Remark, ...] = ()
    closed_at: dt.datetime | None = None
    closing_code: str | None = None


@dataclass(frozen=True)
class IncidentMessage:
    header: Header
    type: MessageType
    incident: Incident
    schema_version: str = SCHEMA_VERSION


@dataclass(frozen=True)
class Acknowledgement:
    header: Header
    in_reply_to: str
    outcome: Outcome
    reason_code: str
    reason: str | None = None
    incident_reference: str | None = None
    originating_agency: str | None = None
    receiver_reference: str | None = None
    applied_version: int | None = None
    schema_version: str = SCHEMA_VERSION

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), parser=_parser()))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


# --- building ---------------------------------------------------------------------------------


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _add(parent: etree._Element, name: str, text: object | None = None) -> etree._Element:
    child = etree.SubElement(parent, _q(name))
    if text is not None:
        child.text = _text(text)
    return child


def _text(value: object) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("times in messages must carry a time zone")
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return str(value)


def _header(parent: etree._Element, header: Header) -> None:
    node = _add(parent, "Header")
    _add(node, "MessageId", header.message_id)
    _add(node, "SentAt", header.sent_at)
    _add(node, "Sender", header.sender)
    _add(node, "Recipient", header.recipient)


def _location(parent: etree._Element, location: Location) -> None:
    node = _add(parent, "Location")
    _add(node, "Description", location.description)
    if location.address:
        _add(node, "Address", location.address)
    if location.postcode:
        _add(node, "Postcode", location.postcode)
    if location.latitude is not None and location.longitude is not None:
        coordinates = _add(node, "Coordinates")
        _add(coordinates, "Latitude", location.latitude)
        _add(coordinates, "Longitude", location.longitude)


def _incident(parent: etree._Element, incident: Incident) -> None:
    node = _add(parent, "Incident")
    _add(node, "Reference", incident.reference)
    _add(node, "OriginatingAgency", incident.originating_agency)
    _add(node, "Version", incident.version)
    _add(node, "OpenedAt", incident.opened_at)
    kind = _add(node, "Type")
    _add(kind, "Code", incident.type_code)
    if incident.type_description:
        _add(kind, "Description", incident.type_description)
    _add(node, "Priority", incident.priority)
    _add(node, "Summary", incident.summary)
    _location(node, incident.location)
    remarks = _add(node, "Remarks")
    for remark in incident.remarks:
        item = _add(remarks, "Remark")
        _add(item, "Sequence", remark.sequence)
        _add(item, "RecordedAt", remark.recorded_at)
        _add(item, "Author", remark.author)
        _add(item, "Text", remark.text)
    if incident.closed_at is not None:
        closure = _add(node, "Closure")
        _add(closure, "ClosedAt", incident.closed_at)
        _add(closure, "Code", incident.closing_code or "closed")


def _serialise(root: etree._Element) -> bytes:
    errors = _schema_errors(root)
    if errors:
        raise MessageError(f"the message we built is not valid: {errors}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def build_incident_message(message: IncidentMessage) -> bytes:
    root = etree.Element(_q("IncidentMessage"), nsmap={None: NAMESPACE})
    root.set("schemaVersion", message.schema_version)
    _header(root, message.header)
    _add(root, "Type", message.type)
    _incident(root, message.incident)
    return _serialise(root)


def build_acknowledgement(ack: Acknowledgement) -> bytes:
    root = etree.Element(_q("Acknowledgement"), nsmap={None: NAMESPACE})
    root.set("schemaVersion", ack.schema_version)
    _header(root, ack.header)
    _add(root, "InReplyTo", ack.in_reply_to)
    before: list[tuple[str, object | None]] = [
        ("IncidentReference", ack.incident_reference),
        ("OriginatingAgency", ack.originating_agency),
    ]
    for name, value in before:
        if value is not None:
            _add(root, name, value)
    _add(root, "Outcome", ack.outcome)
    _add(root, "ReasonCode", ack.reason_code)
    after: list[tuple[str, object | None]] = [
        ("Reason", ack.reason[:4000] if ack.reason else None),
        ("ReceiverReference", ack.receiver_reference),
        ("AppliedVersion", ack.applied_version),
    ]
    for name, value in after:
        if value is not None:
            _add(root, name, value)
    return _serialise(root)


# --- reading ----------------------------------------------------------------------------------


def _schema_errors(root: etree._Element) -> str:
    checker = schema()
    if checker.validate(root):
        return ""
    return "; ".join(f"line {e.line}: {e.message}" for e in list(checker.error_log)[:5])


def read_document(body: bytes) -> etree._Element:
    """Parse and validate; raises MessageError with a reason fit for a receipt."""
    if len(body) > MAX_MESSAGE_BYTES:
        raise MessageError(f"the message is larger than {MAX_MESSAGE_BYTES} bytes")
    try:
        tree = etree.fromstring(body, parser=_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise MessageError(f"not well-formed XML: {exc}") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise MessageError("document type declarations (DTDs) are not allowed")
    root = tree.getroot()
    namespace = etree.QName(root).namespace or ""
    if namespace != NAMESPACE:
        code = (
            "unsupported-version"
            if namespace.startswith("urn:synergy:incident-exchange:")
            else "invalid-message"
        )
        raise MessageError(f"unknown namespace {namespace!r}; expected {NAMESPACE}", code=code)
    errors = _schema_errors(root)
    if errors:
        raise MessageError(f"the message does not match the schema: {errors}")
    return root


def _find(node: etree._Element, path: str) -> str | None:
    found = node.find(path, namespaces={"x": NAMESPACE})
    return None if found is None else (found.text or "")


def _get(node: etree._Element, path: str) -> str:
    value = _find(node, path)
    if value is None:
        raise MessageError(f"missing {path}")
    return value


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.UTC)


def _read_header(root: etree._Element) -> Header:
    return Header(
        _get(root, "x:Header/x:MessageId"),
        _time(_get(root, "x:Header/x:SentAt")),
        _get(root, "x:Header/x:Sender"),
        _get(root, "x:Header/x:Recipient"),
    )


def _read_incident(node: etree._Element) -> Incident:
    latitude = _find(node, "x:Location/x:Coordinates/x:Latitude")
    longitude = _find(node, "x:Location/x:Coordinates/x:Longitude")
    closed_at = _find(node, "x:Closure/x:ClosedAt")
    remarks = tuple(
        Remark(
            int(_get(item, "x:Sequence")),
            _time(_get(item, "x:RecordedAt")),
            _get(item, "x:Author"),
            _get(item, "x:Text"),
        )
        for item in node.iterfind("x:Remarks/x:Remark", namespaces={"x": NAMESPACE})
    )
    return Incident(
        reference=_get(node, "x:Reference"),
        originating_agency=_get(node, "x:OriginatingAgency"),
        version=int(_get(node, "x:Version")),
        opened_at=_time(_get(node, "x:OpenedAt")),
        type_code=_get(node, "x:Type/x:Code"),
        type_description=_find(node, "x:Type/x:Description"),
        priority=int(_get(node, "x:Priority")),
        summary=_get(node, "x:Summary"),
        location=Location(
            description=_get(node, "x:Location/x:Description"),
            address=_find(node, "x:Location/x:Address"),
            postcode=_find(node, "x:Location/x:Postcode"),
            latitude=Decimal(latitude) if latitude is not None else None,
            longitude=Decimal(longitude) if longitude is not None else None,
        ),
        remarks=remarks,
        closed_at=_time(closed_at) if closed_at is not None else None,
        closing_code=_find(node, "x:Closure/x:Code"),
    )


def parse_message(body: bytes) -> IncidentMessage | Acknowledgement:
    root = read_document(body)
    header = _read_header(root)
    version = root.get("schemaVersion", SCHEMA_VERSION)
    if etree.QName(root).localname == "Acknowledgement":
        applied = _find(root, "x:AppliedVersion")
        return Acknowledgement(
            header=header,
            in_reply_to=_get(root, "x:InReplyTo"),
            outcome="accepted" if _get(root, "x:Outcome") == "accepted" else "rejected",
            reason_code=_get(root, "x:ReasonCode"),
            reason=_find(root, "x:Reason"),
            incident_reference=_find(root, "x:IncidentReference"),
            originating_agency=_find(root, "x:OriginatingAgency"),
            receiver_reference=_find(root, "x:ReceiverReference"),
            applied_version=int(applied) if applied is not None else None,
            schema_version=version,
        )
    incident = root.find("x:Incident", namespaces={"x": NAMESPACE})
    assert incident is not None  # the schema requires it
    kind = _get(root, "x:Type")
    message_type: MessageType = "update"
    if kind in ("create", "close"):
        message_type = "create" if kind == "create" else "close"
    return IncidentMessage(header, message_type, _read_incident(incident), version)


def parse_incident_message(body: bytes) -> IncidentMessage:
    message = parse_message(body)
    if not isinstance(message, IncidentMessage):
        raise MessageError("expected an IncidentMessage, got an Acknowledgement")
    return message


def parse_acknowledgement(body: bytes) -> Acknowledgement:
    message = parse_message(body)
    if not isinstance(message, Acknowledgement):
        raise MessageError("expected an Acknowledgement, got an IncidentMessage")
    return message


def message_id_of(body: bytes) -> str | None:
    """The MessageId of a message that failed validation, if it can be read (for the receipt's
    InReplyTo). The same parser: no entity is expanded, no DTD or network touched."""
    try:
        root = etree.fromstring(body[:MAX_MESSAGE_BYTES], parser=_parser())
    except etree.XMLSyntaxError:
        return None
    value = _find(root, "x:Header/x:MessageId")
    if value is None or len(value) != 36:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
