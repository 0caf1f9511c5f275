#!/usr/bin/env python3
"""Write the units' Mosquitto ACL from the panel's database (docs/push.md).

    .venv/bin/python deploy/mosquitto/write-acl.py --data-dir /var/lib/loa \
        --out /etc/mosquitto/loa/units.acl && systemctl reload mosquitto

Each unit may read its own topic and the topics of every area on its path, nothing else; no
unit may publish. Run it after adding or moving a unit. A unit whose id (or an area id on
its path) cannot be a topic is left out and named on stderr; the others are written. The
panel's ACL is fixed: ``--panel`` prints it (write it once to /etc/mosquitto/loa/panel.acl).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("LOA_DATA_DIR", "data"))
    parser.add_argument("--out", type=Path, help="file to write (default: print)")
    parser.add_argument("--panel", action="store_true", help="print the panel's ACL instead")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from content_library.push import SkippedUnit, build_unit_acl, panel_acl, unit_area_paths

    skipped: tuple[SkippedUnit, ...] = ()
    if args.panel:
        text = panel_acl()
    else:
        from sqlmodel import Session

        from content_library.db import default_database_url, make_engine

        # only the database is needed (LOA_DATABASE_URL, else the data folder's SQLite file):
        # not the panel's settings, which want LOA_BASE_URL and the secret key
        engine = make_engine(default_database_url(args.data_dir))
        with Session(engine) as session:
            result = build_unit_acl(unit_area_paths(session))
        engine.dispose()
        text, skipped = result.text, result.skipped
    # a unit left out keeps polling over HTTP; the others' ACL is written all the same
    for unit in skipped:
        print(f"{unit.describe()} (sửa mã rồi chạy lại / fix it and run again)", file=sys.stderr)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from protocol.files import atomic_write

    atomic_write(args.out, text.encode("utf-8"), mode=0o640)
    count = text.count("\nuser ")
    note = f"; bỏ qua {len(skipped)} / skipped {len(skipped)}" if skipped else ""
    print(f"{args.out}: {count} cụm loa / units{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
