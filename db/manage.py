"""Shell administration: `python -m db.manage create-admin` sets up the first office and administrator;
`reset-second-factor` removes a lost second factor when no other administrator can (audited);
`verify-audit` checks the audit log's hash chain (exit code 1 if a row was edited or deleted)."""

from __future__ import annotations

import argparse
import getpass
import sys

from db import accounts, migrate
from db.audit import chain as audit_chain
from db.engine import make_engine


def create_admin(args) -> int:
    engine = make_engine()
    migrate.upgrade(engine)
    password = args.password or getpass.getpass("Password (at least 12 characters, hard to guess): ")
    try:
        if accounts.has_users(engine):
            office_id = accounts.list_offices(engine)[0]["id"]
            accounts.create_user(
                engine,
                username=args.username,
                display_name=args.name,
                password=password,
                role="admin",
                office_id=office_id,
            )
        else:
            accounts.create_first_admin(
                engine,
                office_name=args.office,
                username=args.username,
                display_name=args.name,
                password=password,
            )
    except accounts.AccountError as err:
        print(f"Could not create the administrator: {err.code}", file=sys.stderr)
        if err.code in ("password_too_short", "password_weak"):
            print(
                "Use at least 12 characters: four or five unrelated words only you would put together.",
                file=sys.stderr,
            )
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
    print(
        f"Second factor removed for '{args.username.strip().lower()}'; an administrator sets up a new one "
        "at the next login."
    )
    return 0


def verify_audit(_args) -> int:
    report = audit_chain.verify(make_engine())
    if report.unchained:
        print(f"{report.unchained} older rows were written before the chain existed and are not checked.")
    if report.ok:
        print(f"Audit log intact: {report.checked} rows checked. Last hash: {report.head or '(none)'}")
        return 0
    if report.problem == "link":
        print(
            f"Audit log broken before row id {report.broken_id}: rows after id {report.after_id} were deleted, "
            f"or row {report.after_id} was rewritten.",
            file=sys.stderr,
        )
    else:
        print(
            f"Audit log broken: row id {report.broken_id} was edited (its hash no longer matches).",
            file=sys.stderr,
        )
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.manage")
    sub = parser.add_subparsers(dest="command", required=True)
    admin = sub.add_parser(
        "create-admin", help="create an administrator (the first one also creates the office)"
    )
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", required=True, help="the person's full name")
    admin.add_argument("--office", default="Main office", help="office name, for the first administrator")
    admin.add_argument("--password", help="omit to be asked without echo")
    reset = sub.add_parser("reset-second-factor", help="remove an account's lost second factor (audited)")
    reset.add_argument("--username", required=True)
    sub.add_parser(
        "verify-audit", help="check the audit log's hash chain; exit 1 at the first edited or deleted row"
    )
    args = parser.parse_args(argv)
    commands = {"reset-second-factor": reset_factor, "verify-audit": verify_audit}
    return commands.get(args.command, create_admin)(args)


if __name__ == "__main__":
    sys.exit(main())
