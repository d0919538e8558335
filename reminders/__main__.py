"""`python -m reminders run` sends the reminders due now and exits (for cron, e.g. every 5 minutes);
`python -m reminders run --loop --interval 60` keeps running until stopped (SIGTERM or Ctrl-C)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from db.engine import make_engine
from reminders.worker import configured_senders, run_once


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reminders")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="send the reminders that are due")
    run.add_argument("--loop", action="store_true", help="keep running instead of one pass")
    run.add_argument("--interval", type=float, default=60.0, help="seconds between passes with --loop")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    engine = make_engine()
    senders = configured_senders()
    if not senders:
        logging.info("reminders: no email or text settings; nothing is sent")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while True:
            run_once(engine, senders)
            if not args.loop or stop.wait(max(1.0, args.interval)):
                break
    except KeyboardInterrupt:
        pass
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
