"""Sending upload links: text messages and emails through GOV.UK Notify, emails over SMTP
when Notify is not set up for email, and a QR code to print.

Every way of sending either delivers the message or raises `NotSent` with a plain-English
reason for the investigator; nothing is reported as sent that was not handed to a gateway.
The link is never logged: it lets anyone upload to the request.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import segno
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from synergy.core.config import Settings
from synergy.evidence.settings import EvidenceSettings

log = logging.getLogger(__name__)


class NotSent(Exception):
    """The message was not sent; `reason` is safe to show ('no text message service ...')."""

    def __init__(self, reason: str, *, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class LinkMessage:
    """What a link message says; these are the Notify templates' placeholders."""

    reference: str
    link: str
    expires: str
    description: str
    short_code: str = ""
    short_address: str = ""

    def personalisation(self) -> dict[str, str]:
        return {
            "reference": self.reference,
            "link": self.link,
            "expires": self.expires,
            "description": self.description,
            "short_code": self.short_code,
            "short_address": self.short_address,
        }


def _notify_client(section: EvidenceSettings) -> NotificationsAPIClient:
    assert section.notify_api_key is not None
    # One client per message: the client keeps a requests session that is not thread-safe.
    return NotificationsAPIClient(  # type: ignore[no-untyped-call]  # the client is untyped
        section.notify_api_key.get_secret_value(),
        base_url=section.notify_base_url,
        timeout=section.notify_timeout_seconds,
    )


def _notify_reason(exc: APIError) -> NotSent:
    status = exc.status_code
    if status == 400:
        return NotSent("GOV.UK Notify refused the number or address as given", code="refused")
    if status == 403:
        return NotSent(
            "GOV.UK Notify refused our key (an administrator should check it)", code="key_refused"
        )
    if status == 429:
        return NotSent("GOV.UK Notify's sending limit was reached; try again later", code="limit")
    return NotSent("GOV.UK Notify could not be reached; try again later", code="unavailable")


def text_link(section: EvidenceSettings, *, to: str, message: LinkMessage) -> str:
    """Text the link through GOV.UK Notify; returns Notify's notification id."""
    if not section.texts_links:
        raise NotSent("no text message service is set up here", code="not_configured")
    try:
        sent = _notify_client(section).send_sms_notification(  # type: ignore[no-untyped-call]
            phone_number=to,
            template_id=section.notify_sms_template_id,
            personalisation=message.personalisation(),
            reference=message.reference,
        )
    except APIError as exc:
        raise _notify_reason(exc) from None
    return str(sent["id"])


def email_link(
    settings: Settings, section: EvidenceSettings, *, to: str, message: LinkMessage
) -> str:
    """Email the link through GOV.UK Notify, or over SMTP; returns how it went."""
    if section.emails_through_notify:
        try:
            sent = _notify_client(section).send_email_notification(  # type: ignore[no-untyped-call]
                email_address=to,
                template_id=section.notify_email_template_id,
                personalisation=message.personalisation(),
                reference=message.reference,
            )
        except APIError as exc:
            raise _notify_reason(exc) from None
        return f"notify:{sent['id']}"
    if not settings.smtp_host:
        raise NotSent("no email service is set up here", code="not_configured")
    subject, body = link_email(message)
    try:
        send_email(settings, to=to, subject=subject, body=body)
    except (smtplib.SMTPException, OSError):
        raise NotSent("the email server could not be reached", code="unavailable") from None
    return "smtp"


def send_email(settings: Settings, *, to: str, subject: str, body: str) -> None:
    """Send a plain-text email over SMTP; raises smtplib's errors or OSError on failure."""
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        smtp.send_message(message)


def link_email(message: LinkMessage) -> tuple[str, str]:
    """The SMTP email's subject and body (Notify's email template says the same)."""
    subject = f"Please send us your CCTV footage (police reference {message.reference})"
    code = (
        f"Or go to {message.short_address} and enter the code {message.short_code}.\n\n"
        if message.short_code
        else ""
    )
    body = (
        "Hello,\n\n"
        "A police investigator has asked you to send CCTV footage.\n\n"
        f"What we are asking for:\n{message.description}\n\n"
        f"Upload it here (you do not need an account):\n{message.link}\n\n"
        f"{code}"
        f"The link works until {message.expires}. Do not share it: anyone with it can send us "
        "files.\n\n"
        "If you did not expect this message, you can ignore it.\n"
    )
    return subject, body


def qr_svg(link: str) -> str:
    """An SVG QR code of the link, with a title for screen readers."""
    code = segno.make(link, error="m")
    return code.svg_inline(scale=4, title="QR code of the upload link", dark="#0b0c0c")
