"""`netra user`: logins for people and services in the warehouse's roles (netra.users)."""
from __future__ import annotations

import getpass
import json
import sys

from netra import users


def register(sub) -> None:
    p = sub.add_parser("user", help="add, list or remove logins of the warehouse's roles (owner, loader, analyst, "
                                     "case_officer, supervisor, auditor); needs a login with CREATEROLE")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("name", nargs="?", help="add/remove: the login name")
    p.add_argument("--role", choices=sorted(users.ROLES), help="add: the login's role")
    p.add_argument("--opd", action="append", default=[], help="add, supervisor: the code of an OPD whose cases it sees "
                                                              "(repeat for several)")
    p.add_argument("--password-stdin", action="store_true", help="add: read the password from standard input "
                                                                 "instead of asking for it")
    p.set_defaults(func=run)


def run(args) -> int:
    from netra import warehouse
    from netra.cli.connect import warehouse_url

    engine = warehouse.engine(warehouse_url())
    try:
        if args.action == "list":
            print(json.dumps(users.members(engine), indent=2))
            return 0
        if not args.name:
            raise users.UserError(f"{args.action}: name the login")
        if args.action == "remove":
            users.remove(engine, args.name)
            print(f"login {args.name} removed")
            return 0
        if not args.role:
            raise users.UserError("add: --role is required")
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"password for {args.name}: ")
        users.add(engine, args.name, args.role, password, opds=args.opd)
        print(f"login {args.name} added to {users.ROLES[args.role]}" + (f" for OPD {', '.join(args.opd)}" if args.opd else ""))
        return 0
    except users.UserError as exc:
        print(f"netra: {exc}", file=sys.stderr)
        return 2
