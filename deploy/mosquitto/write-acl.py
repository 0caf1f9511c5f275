#!/usr/bin/env python3
"""Write the units' Mosquitto ACL from the panel's database (docs/push.md).

    .venv/bin/python deploy/mosquitto/write-acl.py --data-dir /var/lib/loa \
        --out /etc/mosquitto/loa/units.acl && systemctl reload mosquitto

Each unit may read its own topic and the topics of every area on its path, nothing else; no
unit may publish. Run it after adding or moving a unit. The panel's ACL is fixed:
``--panel`` prints it (write it once to /etc/mosquitto/loa/panel.acl).
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
    from content_library.push import panel_acl, unit_acl, unit_area_paths

    if args.panel:
        text = panel_acl()
    else:
        from sqlmodel import Session

        from content_library.db import make_engine
        from web.settings import Settings

        settings = Settings.from_env(data_dir=args.data_dir)
        engine = make_engine(settings.db_url)
        with Session(engine) as session:
            text = unit_acl(unit_area_paths(session))
        engine.dispose()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    from protocol.files import atomic_write

    atomic_write(args.out, text.encode("utf-8"), mode=0o640)
    print(f"{args.out}: {text.count(chr(10) + 'user ')} units")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
