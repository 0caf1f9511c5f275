"""Every package's root error has the one shape people and programs read: reason (English),
reason_vi (Vietnamese) and code; the CLI prints it as one line, "vi / en"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from content_library.errors import LoaError, NotFound
from hardware.errors import DeviceNotFound, HardwareError
from playout.errors import PlayoutError, SyncError
from protocol.errors import BundleRejected, ProtocolError
from scheduler.errors import ScheduleError
from tts.ports import TTSError, UnknownVoiceError

ROOTS = [
    (LoaError, lambda: LoaError("no such area", "không có địa bàn")),
    (HardwareError, lambda: HardwareError("no sound card", "không có card âm thanh")),
    (PlayoutError, lambda: PlayoutError("no bundle", "không có gói")),
    (ProtocolError, lambda: ProtocolError("bad signature", "chữ ký sai")),
    (ScheduleError, lambda: ScheduleError("bad rule", "quy tắc sai")),
    (TTSError, lambda: TTSError("no voice", reason_vi="không có giọng")),
]


@pytest.mark.parametrize(("root", "make"), ROOTS, ids=[r.__name__ for r, _ in ROOTS])
def test_each_root_carries_reason_reason_vi_and_code(root, make):
    err = make()
    assert isinstance(err, root)
    assert err.reason and err.reason_vi and err.reason_vi != err.reason
    assert isinstance(err.code, str) and err.code
    assert str(err) == err.reason


def test_subclasses_have_their_own_code_and_a_raise_site_may_be_more_precise():
    assert NotFound("x").code == "not_found" and DeviceNotFound("x").code == "device_not_found"
    assert (
        UnknownVoiceError("x").code == "tts"
        and BundleRejected("x", code="expired").code == "expired"
    )
    assert SyncError("x").code == "sync" and LoaError("x", code="locked").code == "locked"
    assert LoaError("x").reason_vi == "x"  # no translation given: the English sentence


def test_the_cli_prints_vietnamese_first_on_one_line():
    import click

    from loa.errors import fail_on

    @click.command()
    def cmd():
        fail_on(
            ScheduleError(
                "the window ends\nbefore it starts", "khung giờ kết thúc\ntrước khi bắt đầu"
            ),
            3,
        )

    r = CliRunner().invoke(cmd)
    assert r.exit_code == 3
    assert (
        r.output.strip()
        == "khung giờ kết thúc trước khi bắt đầu / the window ends before it starts"
    )
