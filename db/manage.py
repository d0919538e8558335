"""Shell administration: `python -m db.manage create-admin` sets up the first office and administrator."""

from __future__ import annotations

import argparse
import getpass
import sys

from db import accounts, migrate
from db.engine import make_engine


def create_admin(args) -> int:
    engine = make_engine()
    migrate.upgrade(engine)
    password = args.password or getpass.getpass("Password (at least 10 characters): ")
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
        return 1
    print(f"Administrator '{args.username.strip().lower()}' created.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.manage")
    sub = parser.add_subparsers(dest="command", required=True)
    admin = sub.add_parser("create-admin", help="create an administrator (the first one also creates the office)")
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", required=True, help="the person's full name")
    admin.add_argument("--office", default="Main office", help="office name, for the first administrator")
    admin.add_argument("--password", help="omit to be asked without echo")
    args = parser.parse_args(argv)
    return create_admin(args)


if __name__ == "__main__":
    sys.exit(main())
