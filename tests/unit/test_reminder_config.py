"""Sender settings: from the environment first, else secrets.toml; a channel is off unless configured."""

from __future__ import annotations

import pytest

from reminders import config

TWILIO = {"account_sid": "AC1", "auth_token": "t", "sender": "+12025550000"}


@pytest.mark.parametrize(
    "env, secrets, on",
    [
        ({}, {}, False),  # nothing set: no texts
        ({}, {"twilio": {"account_sid": "AC1", "auth_token": "t"}}, False),  # no sending number
        ({"CAMINO_TWILIO_ACCOUNT_SID": "AC1", "CAMINO_TWILIO_AUTH_TOKEN": "t"}, {}, False),
        ({}, {"twilio": TWILIO}, True),
        ({f"CAMINO_TWILIO_{k.upper()}": v for k, v in TWILIO.items()}, {}, True),
        ({"CAMINO_TWILIO_ACCOUNT_SID": "  "}, {"twilio": TWILIO}, True),  # a blank variable is not a setting
    ],
)
def test_text_messages_are_off_unless_fully_configured(env, secrets, on):
    settings = config.text(env=env, secrets=secrets)
    assert (settings is not None) == on
    if on:
        assert (settings.account_sid, settings.base_url) == ("AC1", "https://api.twilio.com")


@pytest.mark.parametrize(
    "env, secrets, expected",
    [
        ({}, {}, None),
        (
            {},
            {"smtp": {"host": "mail.example.org", "username": "citas@example.org"}},
            ("mail.example.org", 587, "citas@example.org"),
        ),
        (
            {
                "CAMINO_SMTP_HOST": "env.example.org",
                "CAMINO_SMTP_PORT": "2525",
                "CAMINO_SMTP_SENDER": "a@b.org",
            },
            {"smtp": {"host": "mail.example.org"}},
            ("env.example.org", 2525, "a@b.org"),
        ),  # the environment wins over secrets.toml
    ],
)
def test_email_settings_from_environment_or_secrets(env, secrets, expected):
    settings = config.smtp(env=env, secrets=secrets)
    assert (settings and (settings.host, settings.port, settings.sender)) == expected
