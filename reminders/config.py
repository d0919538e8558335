"""Sender settings from the environment, else from .streamlit/secrets.toml ([smtp] and [twilio] tables).

Email is on when an SMTP host is set; text messages when a Twilio account is set. Nothing is sent
otherwise. Read without Streamlit, so cron can run the worker.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    username: str = ""
    password: str = ""
    sender: str = ""
    ca_file: str = ""  # a CA bundle for an agency's own certificate; the system's otherwise
    timeout: float = 30.0


@dataclass(frozen=True)
class TextSettings:
    account_sid: str
    auth_token: str
    sender: str  # the agency's number, +1...
    base_url: str = "https://api.twilio.com"
    timeout: float = 30.0


def _secrets(path: Path = SECRETS) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _value(env: dict, secrets: dict, table: str, key: str, default: str = "") -> str:
    name = f"CAMINO_{table.upper()}_{key.upper()}"
    if env.get(name, "").strip():
        return env[name].strip()
    return str(secrets.get(table, {}).get(key, default)).strip()


def smtp(env: dict | None = None, secrets: dict | None = None) -> SmtpSettings | None:
    env = os.environ if env is None else env
    secrets = _secrets() if secrets is None else secrets
    host = _value(env, secrets, "smtp", "host")
    if not host:
        return None
    username = _value(env, secrets, "smtp", "username")
    return SmtpSettings(
        host=host,
        port=int(_value(env, secrets, "smtp", "port", "587")),
        username=username,
        password=_value(env, secrets, "smtp", "password"),
        sender=_value(env, secrets, "smtp", "sender") or username,
        ca_file=_value(env, secrets, "smtp", "ca_file"),
    )


def text(env: dict | None = None, secrets: dict | None = None) -> TextSettings | None:
    env = os.environ if env is None else env
    secrets = _secrets() if secrets is None else secrets
    sid = _value(env, secrets, "twilio", "account_sid")
    token = _value(env, secrets, "twilio", "auth_token")
    sender = _value(env, secrets, "twilio", "sender")
    if not (sid and token and sender):
        return None
    return TextSettings(
        account_sid=sid,
        auth_token=token,
        sender=sender,
        base_url=_value(env, secrets, "twilio", "base_url", "https://api.twilio.com").rstrip("/"),
    )
