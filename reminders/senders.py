"""The two ways a reminder leaves: an email through the agency's SMTP server (STARTTLS required) and a
text message through a provider adapter (Twilio's REST API first). Errors say what failed, never to whom.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from email.message import EmailMessage
from typing import Protocol

from db.appointments.reminder_queue import Message
from reminders.config import SmtpSettings, TextSettings
from reports.appointments import message as appointment_message


class SendError(Exception):
    """A reminder did not go. `final` means trying again cannot help (e.g. a number that is not a phone)."""

    def __init__(self, reason: str, final: bool = False):
        super().__init__(reason)
        self.final = final


class Sender(Protocol):
    channel: str

    def send(self, message: Message) -> None: ...


class EmailSender:
    channel = "email"

    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def build(self, m: Message) -> EmailMessage:
        subject, body = appointment_message.email(m)
        msg = EmailMessage()
        msg["Subject"] = subject
        msg["From"] = self.settings.sender
        msg["To"] = m.to
        msg.set_content(body)
        msg.add_attachment(
            appointment_message.invitation(m, organizer=self.settings.sender).decode("utf-8"),
            subtype="calendar",
            filename="appointment.ics",
            params={"method": appointment_message.method(m)},
        )
        return msg

    def send(self, m: Message) -> None:
        s = self.settings
        context = ssl.create_default_context(cafile=s.ca_file or None)
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise SendError("the mail server does not offer STARTTLS; nothing was sent")
                smtp.starttls(context=context)
                smtp.ehlo()
                if s.username:
                    smtp.login(s.username, s.password)
                smtp.send_message(self.build(m))
        except SendError:
            raise
        except smtplib.SMTPRecipientsRefused as err:
            raise SendError("the mail server refused the address", final=True) from err
        except (smtplib.SMTPException, OSError) as err:
            raise SendError(f"mail server: {type(err).__name__}") from err


def e164(phone: str) -> str | None:
    """A US phone number as +1XXXXXXXXXX (or an already international +number); None if it is not one."""
    raw = phone.strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") and 8 <= len(digits) <= 15:
        return "+" + digits
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return None


class TwilioSender:
    """Twilio's Messages resource: POST /2010-04-01/Accounts/{sid}/Messages.json with From, To, Body."""

    channel = "text"

    def __init__(self, settings: TextSettings):
        self.settings = settings

    def send(self, m: Message) -> None:
        s = self.settings
        to = e164(m.to)
        if to is None:
            raise SendError("the phone number cannot receive texts", final=True)
        url = f"{s.base_url}/2010-04-01/Accounts/{urllib.parse.quote(s.account_sid)}/Messages.json"
        data = urllib.parse.urlencode(
            {"From": s.sender, "To": to, "Body": appointment_message.text(m)}
        ).encode()
        token = base64.b64encode(f"{s.account_sid}:{s.auth_token}".encode()).decode()
        request = urllib.request.Request(url, data=data, method="POST")
        request.add_header("Authorization", f"Basic {token}")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=s.timeout) as response:
                json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as err:
            code = ""
            with contextlib.suppress(ValueError, AttributeError):
                code = str(json.loads(err.read() or b"{}").get("code", ""))
            final = err.code == 400  # Twilio: a number it cannot text; other errors may pass
            raise SendError(f"text provider answered {err.code} {code}".strip(), final=final) from err
        except (urllib.error.URLError, OSError, ValueError) as err:
            raise SendError(f"text provider: {type(err).__name__}") from err
