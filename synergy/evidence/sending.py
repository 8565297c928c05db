"""Sending upload links: email over SMTP, SMS through an adapter, and a QR code to print.

`SmsSender` is the interface a real SMS gateway would implement; `LoggingSmsSender` writes
that a message was sent (never its text, which holds the link) and is the default.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

import segno

from synergy.core.config import Settings

log = logging.getLogger(__name__)


class SmsSender(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class LoggingSmsSender:
    """Records that an SMS would go to a number; the text is not logged (it holds the link)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        self.sent.append((to, text))
        log.info("SMS sent to a number ending %s (%d characters)", to[-3:], len(text))


class EmailNotConfigured(Exception):
    pass


def send_email(settings: Settings, *, to: str, subject: str, body: str) -> None:
    """Send a plain-text email; raises EmailNotConfigured or smtplib/OSError on failure."""
    if not settings.smtp_host:
        raise EmailNotConfigured("SYNERGY_SMTP_HOST is not set")
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        smtp.send_message(message)


def link_email(*, link: str, reference: str, description: str, expires: str) -> tuple[str, str]:
    subject = f"Please send us your CCTV footage (police reference {reference})"
    body = (
        "Hello,\n\n"
        "A police investigator has asked you to send CCTV footage.\n\n"
        f"What we are asking for:\n{description}\n\n"
        f"Upload it here (you do not need an account):\n{link}\n\n"
        f"The link works until {expires}. Do not share it: anyone with it can send us files.\n\n"
        "If you did not expect this message, you can ignore it.\n"
    )
    return subject, body


def link_sms(*, link: str, reference: str) -> str:
    return f"Police request for CCTV footage, ref {reference}. Upload it here: {link}"


def qr_svg(link: str) -> str:
    """An SVG QR code of the link, with a title for screen readers."""
    code = segno.make(link, error="m")
    return code.svg_inline(scale=4, title="QR code of the upload link", dark="#0b0c0c")
