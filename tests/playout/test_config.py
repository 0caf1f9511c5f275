"""The unit's TOML config: the shipped example parses; every mistake names its key, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from playout.config import CONFIG_FORMAT, load_config, parse_config
from playout.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "unit.example.toml"


def test_the_example_config_parses_with_every_section():
    cfg = load_config(EXAMPLE)
    assert cfg.format == CONFIG_FORMAT
    assert cfg.unit_id == "ngoc-chuc-01"
    assert cfg.audio.backend == "sounddevice" and cfg.audio.device == "hw:1,0"
    assert cfg.audio.idle_suspend_s == 3.0
    assert cfg.stream_relay.mp3_decoder == "mpg123" and cfg.stream_relay.on_dropout == "fallback"
    assert cfg.relays.amplifier.pin == 17 and cfg.relays.amplifier.active_high is False
    assert set(cfg.relays.zones) == {"thon-1", "thon-2"}
    assert cfg.relays.timing.warm_up_s == 3.0
    assert cfg.playout.emergency_fade_ms == 50
    assert cfg.clock.trust == "sync_or_gps"
    assert cfg.inbox.watch == (Path("/media/loa-usb"),)
    assert cfg.asrun_path == Path("/var/lib/loa/asrun.sqlite3")


def test_relative_paths_are_read_from_the_config_folder(kit):
    data = kit.config_dict(
        unit={"state_dir": "state", "key": "keys/unit.key", "trusted_keys": ["trusted.pub"]}
    )
    cfg = parse_config(data, base_dir=kit.tmp)
    assert cfg.state_dir == kit.tmp / "state"
    assert cfg.unit_key == kit.tmp / "keys/unit.key"
    assert cfg.trusted_keys == (str(kit.tmp / "trusted.pub"),)
    assert list(cfg.load_trusted_keys()) == [kit.kid]


@pytest.mark.parametrize(
    ("change", "words_en", "words_vi"),
    [
        (lambda d: d.pop("format"), "format: missing", "thiếu"),
        (lambda d: d.update(format=2), "this unit reads format 1", "định dạng"),
        (lambda d: d["unit"].pop("id"), "unit.id: missing", "unit.id: thiếu"),
        (lambda d: d["unit"].update(trusted_keys=[]), "unit.trusted_keys", "ít nhất một"),
        (
            lambda d: d["audio"].update(backend="alsa"),
            "audio.backend: must be one of sim, sounddevice",
            "phải là một trong",
        ),
        (
            lambda d: d["audio"].update(latency_s="fast"),
            "audio.latency_s: must be a number",
            "phải là số",
        ),
        (
            lambda d: d["audio"].update(idle_suspend_s=-1),
            "audio.idle_suspend_s: must be at least 0",
            "trở lên",
        ),
        (
            lambda d: d.update(stream_relay={"mp3_decoder": "vlc"}),
            "stream_relay.mp3_decoder: must be one of mpg123, ffmpeg",
            "phải là một trong",
        ),
        (lambda d: d["relays"].pop("amplifier"), "relays.amplifier: missing", "thiếu"),
        (lambda d: d["relays"]["zones"].update(x={"pin": 17}), "pin 17 is used twice", "hai lần"),
        (
            lambda d: d["relays"]["amplifier"].update(pin=99),
            "GPIO 99 does not exist",
            "không có chân",
        ),
        (
            lambda d: d["relays"].update(warm_up_s=-1),
            "relays.warm_up_s: must be at least 0",
            "trở lên",
        ),
        (lambda d: d["playout"].update(retry_cout=1), "playout.retry_cout: unknown key", "khóa lạ"),
        (lambda d: d.update(extra={}), "extra: unknown key", "khóa lạ"),
        (
            lambda d: d["clock"].update(trust="maybe"),
            "clock.trust: must be one of",
            "phải là một trong",
        ),
        (
            lambda d: d.update(loop={"switch_pin": True}),
            "loop.switch_pin: must be a GPIO",
            "số GPIO",
        ),
    ],
)
def test_mistakes_are_named_clearly(kit, change, words_en, words_vi):
    data = kit.config_dict()
    change(data)
    with pytest.raises(ConfigError) as err:
        parse_config(data, base_dir=kit.tmp, source="unit.toml")
    assert err.value.reason.startswith("unit.toml: ")
    assert words_en in err.value.reason
    assert words_vi in err.value.reason_vi


def test_relays_may_be_absent(kit):
    data = kit.config_dict()
    data["relays"] = {"backend": "none"}
    assert parse_config(data, base_dir=kit.tmp).relays.amplifier is None


def test_unreadable_or_invalid_files(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "missing.toml")
    assert "cannot read config" in err.value.reason and err.value.code == "config_missing"
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[unit\n")
    with pytest.raises(ConfigError) as err:
        load_config(bad)
    assert "not valid TOML" in err.value.reason and "sai cú pháp" in err.value.reason_vi


def test_a_missing_unit_key_says_how_to_make_one(kit, tmp_path):
    cfg = kit.config(unit={"key": str(tmp_path / "nokey")})
    with pytest.raises(ConfigError) as err:
        cfg.load_unit_key()
    assert "loa unit keygen" in err.value.reason
