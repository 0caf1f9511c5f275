"""Rendering scripts and recordings end to end with real espeak-ng, the fingerprint, the CLI."""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pytest
import soundfile
from click.testing import CliRunner

from tts.mix import ProgrammeTemplate
from tts.ports import AudioInputError, NoSpeechError, TTSError
from tts.render import render_fingerprint, render_recording, render_script

TEXT = "Kính thưa bà con. Công an xã thông báo: không chuyển tiền cho người lạ qua điện thoại!"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return render_script(TEXT, cache_dir=cache), cache


def test_render_result_is_mastered_48k_mono_wav(rendered):
    result, _ = rendered
    audio, sr = soundfile.read(io.BytesIO(result.audio), dtype="float32")
    assert sr == 48000 and audio.ndim == 1
    assert result.sha256 == hashlib.sha256(result.audio).hexdigest()
    np.testing.assert_allclose(result.duration_s, audio.size / sr)
    np.testing.assert_allclose(result.loudness_lufs, -16.0, atol=0.5)
    assert result.true_peak_dbtp <= -1.0
    assert result.engine_used == "espeak-ng:vi"
    assert len(result.sentences) == 2
    assert result.fallback_reason is None and result.warnings == ()
    assert soundfile.info(io.BytesIO(result.audio)).subtype == "PCM_16"


def test_render_is_deterministic_with_and_without_cache(rendered, tmp_path):
    first, cache = rendered
    assert render_script(TEXT, cache_dir=cache).sha256 == first.sha256  # warm cache
    assert render_script(TEXT, cache_dir=tmp_path).sha256 == first.sha256  # cold cache
    assert render_script(TEXT).sha256 == first.sha256  # no cache


def test_render_writes_file_and_reports_progress(tmp_path):
    calls = []
    out = tmp_path / "out" / "a.wav"
    result = render_script(TEXT, out_path=out, progress=lambda d, t: calls.append((d, t)))
    assert out.read_bytes() == result.audio and result.path == out
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)


def test_fingerprint_tracks_what_changes_the_audio(tmp_path, sig):
    base = render_fingerprint(TEXT)
    assert base == render_fingerprint(TEXT)
    assert base == render_script(TEXT).fingerprint
    assert render_fingerprint(TEXT + " Xin cảm ơn.") != base
    assert render_fingerprint(TEXT, voice="vi-vn-x-south") != base
    assert render_fingerprint(TEXT, template=ProgrammeTemplate(repeats=2)) != base
    # Lexicon: only entries the text uses count.
    lex = {"ANTT": "an ninh trật tự"}
    text = "Bảo đảm ANTT trên địa bàn."
    used = render_fingerprint(text, lexicon=lex)
    assert render_fingerprint(text, lexicon={**lex, "PCCC": "phòng cháy"}) == used
    assert render_fingerprint(text, lexicon={"ANTT": "an ninh, trật tự"}) != used
    # Jingle files are hashed: same name, new content -> new fingerprint.
    jingle = sig.write_wav(tmp_path / "in.wav", sig.tone(660.0, 0.5))
    with_jingle = render_fingerprint(TEXT, template=ProgrammeTemplate(intro=str(jingle)))
    sig.write_wav(jingle, sig.tone(880.0, 0.5))
    assert render_fingerprint(TEXT, template=ProgrammeTemplate(intro=str(jingle))) != with_jingle


def test_render_with_jingles_and_ducked_bed(tmp_path, sig):
    intro = sig.write_wav(tmp_path / "intro.wav", sig.tone(660.0, 1.0, amp=0.3))
    bed = sig.write_wav(tmp_path / "bed.wav", sig.tone(220.0, 2.0, amp=0.2), sr=44100)
    template = ProgrammeTemplate(intro=str(intro), outro=str(intro), music_bed=str(bed), repeats=2)
    result = render_script(TEXT, template=template)
    plain = render_script(TEXT)
    assert result.duration_s > 2 * plain.duration_s
    np.testing.assert_allclose(result.loudness_lufs, -16.0, atol=0.5)
    assert result.true_peak_dbtp <= -1.0


def test_corrupt_jingle_is_a_clear_error(tmp_path):
    bad = tmp_path / "intro.mp3"
    bad.write_bytes(b"ID3" + bytes(500))
    with pytest.raises(AudioInputError) as err:
        render_script(TEXT, template=ProgrammeTemplate(intro=str(bad)))
    assert str(err.value).startswith("intro jingle: intro.mp3")
    assert err.value.reason_vi.startswith("nhạc hiệu mở đầu")


def test_empty_script_is_refused():
    # tts.normalize refuses it (NormalizationError is a TTSError); the renderer would too.
    for blank in ("   \n  ", "..."):
        with pytest.raises(TTSError) as err:
            render_script(blank)
        assert err.value.reason_vi and str(err.value)


# --- recordings ----------------------------------------------------------------------------


def test_recording_goes_through_the_same_mastering(tmp_path, sig):
    path = sig.write_wav(tmp_path / "rec.wav", sig.speechlike(4.0, amp=0.05, sr=44100), sr=44100)
    result = render_recording(path)
    assert result.engine_used == "recording" and result.sample_rate == 48000
    np.testing.assert_allclose(result.loudness_lufs, -16.0, atol=0.5)
    assert result.true_peak_dbtp <= -1.0
    assert result.warnings == ()
    assert render_recording(path).sha256 == result.sha256


def test_silent_recording_is_refused(tmp_path, sig):
    hiss = (np.random.default_rng(0).standard_normal(3 * 48000) * 1e-4).astype(np.float32)
    for name, audio in (("silent.wav", np.zeros(3 * 48000, dtype=np.float32)), ("hiss.wav", hiss)):
        with pytest.raises(NoSpeechError) as err:
            render_recording(sig.write_wav(tmp_path / name, audio))
        assert "no speech found" in str(err.value)
        assert "không tìm thấy tiếng nói" in err.value.reason_vi


def test_clipped_recording_is_limited_with_a_warning(tmp_path, sig):
    loud = np.clip(sig.speechlike(4.0, amp=1.0) * 4.0, -1.0, 1.0)
    result = render_recording(sig.write_wav(tmp_path / "clip.wav", loud))
    (warning,) = result.warnings
    assert warning.code == "clipping" and "méo" in warning.message_vi
    assert result.true_peak_dbtp <= -1.0
    np.testing.assert_allclose(result.loudness_lufs, -16.0, atol=0.5)


def test_non_audio_and_truncated_recordings_are_refused(tmp_path, sig):
    text = tmp_path / "script.wav"
    text.write_text("không phải âm thanh " * 100, encoding="utf-8")
    with pytest.raises(AudioInputError):
        render_recording(text)
    good = sig.write_wav(tmp_path / "good.wav", sig.speechlike(2.0))
    cut = tmp_path / "cut.wav"
    cut.write_bytes(good.read_bytes()[:5000])
    with pytest.raises(AudioInputError, match="truncated"):
        render_recording(cut)


# --- CLI -----------------------------------------------------------------------------------


def test_cli_render(tmp_path):
    from loa.cli import main

    script = tmp_path / "s.txt"
    script.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "o.wav"
    res = CliRunner().invoke(
        main,
        [
            "render",
            str(script),
            "-o",
            str(out),
            "--region",
            "central",
            "--cache-dir",
            str(tmp_path / "c"),
        ],
    )
    assert res.exit_code == 0, res.output
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert f"sha256: {digest}" in res.output
    fields = dict(line.split(": ", 1) for line in res.output.splitlines() if ": " in line)
    assert abs(float(fields["loudness_lufs"]) + 16.0) <= 0.5
    assert float(fields["true_peak_dbtp"]) <= -1.0 and float(fields["duration_s"]) > 1.0
    assert "espeak-ng:vi-vn-x-central" in res.output


def test_cli_render_unknown_voice(tmp_path):
    from loa.cli import main

    script = tmp_path / "s.txt"
    script.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(
        main,
        ["render", str(script), "-o", str(tmp_path / "o.wav"), "--voice", "vi-xyz", "--no-cache"],
    )
    assert res.exit_code != 0
    assert "Không có giọng espeak-ng" in res.output and "unknown espeak-ng voice" in res.output
