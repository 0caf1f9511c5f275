"""The unit config's [sync] section (playout.config.SyncConfig)."""

from __future__ import annotations

import pytest

from playout.config import SyncConfig
from playout.errors import ConfigError


def test_defaults_without_a_sync_section(kit):
    cfg = kit.config()
    assert cfg.sync == SyncConfig() and cfg.sync.poll_s == 15.0 and cfg.sync.server == ""


def test_sync_section_read(kit):
    cfg = kit.config(
        sync={"server": "https://loa.huyen.gov.vn/", "poll_s": 5, "batch": 50, "timeout_s": 10}
    )
    assert cfg.sync == SyncConfig(
        server="https://loa.huyen.gov.vn", poll_s=5.0, batch=50, timeout_s=10.0
    )


@pytest.mark.parametrize(
    ("bad", "key"),
    [
        ({"server": "loa.huyen.gov.vn"}, "sync.server"),
        ({"poll_s": 0}, "sync.poll_s"),
        ({"batch": 1000}, "sync.batch"),
        ({"pol_s": 5}, "pol_s"),
    ],
)
def test_sync_section_refused(kit, bad, key):
    with pytest.raises(ConfigError) as err:
        kit.config(sync=bad)
    assert key in str(err.value) and err.value.reason_vi
