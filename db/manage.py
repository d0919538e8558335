"""Shell administration: `python -m db.manage create-admin` sets up the first office and administrator;
`reset-second-factor` removes a lost second factor when no other administrator can (audited)."""

from __future__ import annotations

import argparse
import getpass
import sys

from db import accounts, migrate
from db.engine import make_engine


def create_admin(args) -> int:
    engine = make_engine()
    migrate.upgrade(engine)
    password = args.password or getpass.getpass("Password (at least 12 characters, hard to guess): ")
    try:
        if accounts.has_users(engine):
            office_id = accounts.list_offices(engine)[0]["id"]
            accounts.create_user(engine, username=args.username, display_name=args.name, password=password,
                                 role="admin", office_id=office_id)
        else:
            accounts.create_first_admin(engine, office_name=args.office, username=args.username,
                                        display_name=args.name, password=password)
    except accounts.AccountError as err:
        print(f"Could not create the administrator: {err.code}", file=sys.stderr)
        if err.code in ("password_too_short", "password_weak"):
            print("Use at least 12 characters: four or five unrelated words only you would put together.",
                  file=sys.stderr)
        return 1
    print(f"Administrator '{args.username.strip().lower()}' created.")
    return 0


def reset_factor(args) -> int:
    """For an administrator who lost their phone and recovery codes with no other administrator to ask."""
    from sqlalchemy import select

    from db import second_factor
    from db.engine import reading
    from db.models import User

    engine = make_engine()
    migrate.upgrade(engine)
    with reading(engine) as s:
        user_id = s.scalar(select(User.id).where(User.username == args.username.strip().lower()))
    if user_id is None:
        print("No such account.", file=sys.stderr)
        return 1
    second_factor.reset(engine, None, user_id)
    print(f"Second factor removed for '{args.username.strip().lower()}'; an administrator sets up a new one "
          "at the next login.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.manage")
    sub = parser.add_subparsers(dest="command", required=True)
    admin = sub.add_parser("create-admin", help="create an administrator (the first one also creates the office)")
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", required=True, help="the person's full name")
    admin.add_argument("--office", default="Main office", help="office name, for the first administrator")
    admin.add_argument("--password", help="omit to be asked without echo")
    reset = sub.add_parser("reset-second-factor", help="remove an account's lost second factor (audited)")
    reset.add_argument("--username", required=True)
    args = parser.parse_args(argv)
    return reset_factor(args) if args.command == "reset-second-factor" else create_admin(args)


if __name__ == "__main__":
    sys.exit(main())
