"""gTTS without network: the engine fails fast and the render falls back to espeak-ng, saying so."""

from __future__ import annotations

import numpy as np
import pytest

from tts.engines import get_engine
from tts.engines.gtts import GttsEngine
from tts.ports import EngineUnavailableError
from tts.render import render_script

TEXT = "Xin chào bà con. Hôm nay xã tổ chức tuyên truyền an toàn giao thông."


def test_gtts_unreachable_raises_engine_unavailable(no_network):
    eng = get_engine("gtts", "vi", timeout_s=2.0)
    assert isinstance(eng, GttsEngine)
    with pytest.raises(EngineUnavailableError) as err:
        eng.synthesize("Xin chào")
    assert "gTTS unreachable" in str(err.value)
    assert "Không kết nối được" in err.value.reason_vi
    tried = len(no_network)
    assert tried >= 1
    # Later sentences fail at once, without touching the network again.
    with pytest.raises(EngineUnavailableError):
        eng.synthesize("Câu thứ hai")
    assert len(no_network) == tried


def test_gtts_pointed_at_a_closed_port(monkeypatch):
    # A real TCP attempt to a port nothing listens on (127.0.0.1:9, "discard").
    import gtts.tts

    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(
        gtts.tts, "_translate_url", lambda tld="com", path="": f"http://127.0.0.1:9/{path}"
    )
    with pytest.raises(EngineUnavailableError):
        GttsEngine("vi", timeout_s=2.0).synthesize("Xin chào")


def test_render_falls_back_to_espeak_and_reports_why(no_network, tmp_path):
    result = render_script(TEXT, engine="gtts", region="south", cache_dir=tmp_path)
    assert result.engine_used == "espeak-ng:vi-vn-x-south"
    assert result.fallback_reason and "gTTS unreachable" in result.fallback_reason
    assert "gTTS" in result.fallback_reason_vi
    (warning,) = result.warnings
    assert warning.code == "engine_fallback"
    assert "ngoại tuyến" in warning.message_vi
    # Same audio as asking for espeak directly: the whole script was re-read offline.
    direct = render_script(TEXT, engine="espeak", region="south", cache_dir=tmp_path)
    assert direct.sha256 == result.sha256
    assert direct.fingerprint == result.fingerprint
    np.testing.assert_allclose(result.loudness_lufs, -16.0, atol=0.5)


def test_no_fallback_when_disabled(no_network):
    with pytest.raises(EngineUnavailableError):
        render_script(TEXT, engine="gtts", fallback=False)
