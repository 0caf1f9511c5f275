"""Benchmark: mastering speed vs a naive pydub chain, full render speed, independent loudness check.

`python -m bench.render` renders a ~3-minute programme (espeak-ng speech, intro and outro
jingles, a ducked music bed, two repeats), on one core, and prints one JSON object last:
mastering_rtf (mix + duck + band-limit + loudness + limiter, numpy/scipy), the same steps
done naively with pydub (naive_mastering_rtf), full_render_rtf (normalise + TTS with a
cold cache + mastering + WAV encode + reporting), and the output's integrated loudness
and true peak measured by ffmpeg's ebur128 filter (peak=true).
"""

from __future__ import annotations

import contextlib
import os

# One core: set before numpy/scipy load their thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"
with contextlib.suppress(AttributeError, OSError):  # not Linux: run unpinned
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import soundfile  # noqa: E402

SENTENCES = [
    "Kính thưa bà con nhân dân trong xã.",
    "Thực hiện kế hoạch của Ủy ban nhân dân xã về bảo đảm an ninh trật tự, Công an xã thông báo như sau.",
    "Thời gian gần đây, trên địa bàn xuất hiện tình trạng lừa đảo chiếm đoạt tài sản qua mạng.",
    "Các đối tượng giả danh cán bộ công an gọi điện, yêu cầu chuyển tiền để phục vụ điều tra.",
    "Đề nghị bà con tuyệt đối không cung cấp mã xác thực cho bất kỳ ai.",
    "Khi có nghi vấn, hãy báo ngay cho Công an xã hoặc trưởng thôn.",
    "Đoàn thanh niên xã sẽ tổ chức tuyên truyền an toàn giao thông tại các thôn vào cuối tuần.",
    "Đề nghị các gia đình nhắc nhở con em đội mũ bảo hiểm khi đi xe máy.",
    "Không điều khiển phương tiện sau khi đã uống rượu bia.",
    "Mùa khô đang đến, nguy cơ cháy rừng và cháy nhà ở rất cao.",
    "Bà con cần kiểm tra hệ thống điện, không để vật dễ cháy gần bếp.",
    "Xin trân trọng cảm ơn bà con đã lắng nghe.",
]


def _script(target_s: float, seconds_per_sentence: float) -> str:
    n = max(1, int(np.ceil(target_s / seconds_per_sentence)))
    return "\n".join(SENTENCES[i % len(SENTENCES)] for i in range(n))


def _write_assets(folder: Path, sr: int = 48000) -> dict[str, Any]:
    """A chime jingle and a chord-loop music bed, made with numpy."""
    t = np.arange(int(3.0 * sr)) / sr
    chime = sum(
        np.sin(2 * np.pi * f * t) * np.exp(-t * k)
        for f, k in ((523.25, 1.5), (659.25, 2.0), (783.99, 2.5))
    )
    chime = (0.3 * chime / np.abs(chime).max()).astype(np.float32)
    tb = np.arange(int(8.0 * sr)) / sr
    bed = sum(
        0.2 * np.sin(2 * np.pi * f * tb) * (0.6 + 0.4 * np.sin(2 * np.pi * 0.5 * tb))
        for f in (220.0, 277.18, 329.63, 440.0)
    )
    bed = (0.3 * bed / np.abs(bed).max()).astype(np.float32)
    paths = {
        "intro": folder / "intro.wav",
        "outro": folder / "outro.wav",
        "music_bed": folder / "bed.wav",
    }
    soundfile.write(paths["intro"], chime, sr, subtype="PCM_16")
    soundfile.write(paths["outro"], chime[::-1].copy(), sr, subtype="PCM_16")
    soundfile.write(paths["music_bed"], bed, sr, subtype="PCM_16")
    return {k: str(v) for k, v in paths.items()}


def _naive_pydub_master(clips, assets, template):
    """The same steps with pydub only: overlay, per-region gain fades, 1-pole filters,
    RMS-based loudness gain, pydub's compressor as the limiter, peak normalise."""
    from pydub import AudioSegment
    from pydub.effects import compress_dynamic_range, high_pass_filter, low_pass_filter, normalize

    sr = template.sample_rate

    def seg(a):
        pcm = (np.clip(a, -1, 1) * 32767).astype("<i2").tobytes()
        return AudioSegment(data=pcm, sample_width=2, frame_rate=sr, channels=1)

    ms = lambda s: round(s * 1000)  # noqa: E731
    speech = [seg(c) for c in clips]
    intro, outro, bed = (seg(assets.intro), seg(assets.outro), seg(assets.bed))
    t0 = time.perf_counter()
    programme = AudioSegment.silent(ms(template.edge_silence_s), frame_rate=sr)
    programme += intro + AudioSegment.silent(ms(template.lead_in_s), frame_rate=sr)
    speech_start = len(programme)
    regions = []
    for rep in range(template.repeats):
        if rep:
            programme += AudioSegment.silent(ms(template.repeat_gap_s), frame_rate=sr)
        for i, clip in enumerate(speech):
            if i:
                programme += AudioSegment.silent(ms(template.sentence_pause_s), frame_rate=sr)
            regions.append((len(programme), len(programme) + len(clip)))
            programme += clip
    speech_end = len(programme)
    programme += AudioSegment.silent(ms(template.lead_out_s), frame_rate=sr) + outro
    programme += AudioSegment.silent(ms(template.edge_silence_s), frame_rate=sr)
    # Bed: loop, level, duck each speech region with fades (attack before, release after).
    span = speech_end - speech_start
    layer = (bed * (span // len(bed) + 1))[:span].apply_gain(template.bed_level_db)
    for start, end in regions:
        s, e = start - speech_start, end - speech_start
        a0 = max(0, s - int(template.duck_attack_ms))
        layer = layer.fade(to_gain=-template.duck_db, start=a0, end=s) if s > a0 else layer
        mid = layer[s:e].apply_gain(-template.duck_db)
        layer = layer[:s] + mid + layer[e:]
        r1 = min(len(layer), e + int(template.duck_release_ms))
        if r1 > e:
            layer = (
                layer[:e]
                + layer[e:r1].fade(from_gain=-template.duck_db, start=0, end=r1 - e)
                + layer[r1:]
            )
    programme = programme.overlay(layer, position=speech_start)
    programme = high_pass_filter(programme, template.band_low_hz)
    programme = low_pass_filter(programme, template.band_high_hz)
    programme = programme.apply_gain(template.target_lufs - programme.dBFS)
    programme = compress_dynamic_range(
        programme, threshold=template.ceiling_dbtp, ratio=20.0, attack=5.0, release=80.0
    )
    programme = normalize(programme, headroom=-template.ceiling_dbtp)
    return time.perf_counter() - t0, len(programme) / 1000.0


def _ebur128(path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) from ffmpeg's ebur128 filter, at full precision.

    The filter's printed summary rounds to 0.1; its frame metadata (lavfi.r128.I and the
    running lavfi.r128.true_peak, linear) keeps the digits, so the last frame is read.
    """
    log = path.with_suffix(".r128.txt")
    subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-v",
            "error",
            "-i",
            str(path),
            "-af",
            f"ebur128=peak=true:metadata=1,ametadata=mode=print:file={log}",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    text = log.read_text()
    lufs = float(re.findall(r"lavfi\.r128\.I=(-?[\d.]+)", text)[-1])
    peak = float(re.findall(r"lavfi\.r128\.true_peak=([\d.]+)", text)[-1])
    return lufs, round(float(20 * np.log10(peak)), 3) if peak > 0 else float("-inf")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0, help="programme length")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats (best is kept)")
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args(argv)

    from tts.engines import get_engine
    from tts.filters import resample
    from tts.mix import ProgrammeTemplate
    from tts.render import load_assets, master, render_script, spoken_sentences

    with tempfile.TemporaryDirectory(prefix="loa-bench-") as tmp:
        folder = Path(tmp)
        template = ProgrammeTemplate(name="bench", repeats=2, **_write_assets(folder))
        assets = load_assets(template)
        engine = get_engine("espeak", "vi")
        # Size the script so the programme lasts about --seconds.
        probe = [engine.synthesize(s) for s in SENTENCES]
        per_sentence = (
            float(np.mean([p.size for p in probe])) / engine.sample_rate + template.sentence_pause_s
        ) * template.repeats
        # Jingles (2 x 3 s), lead-in/out and edges take ~8 s; speech fills the rest
        # (rounded up to whole sentences, so the programme ends up at or past --seconds).
        text = _script(args.seconds - 4.0, per_sentence)

        full_times, result = [], None
        for i in range(args.repeats):
            cache = folder / f"cache{i}"  # cold cache each time: TTS is part of the figure
            t0 = time.perf_counter()
            result = render_script(
                text, template=template, cache_dir=cache, out_path=folder / "out.wav"
            )
            full_times.append(time.perf_counter() - t0)
        assert result is not None  # --repeats is at least 1
        duration = result.duration_s

        sentences = spoken_sentences(text)
        clips = [
            resample(engine.synthesize(s), engine.sample_rate, template.sample_rate)
            for s in sentences
        ]
        master_times = []
        for _ in range(args.repeats + 2):  # cheap, so a few more runs to beat machine noise
            t0 = time.perf_counter()
            mastered = master(clips, template=template, assets=assets)
            master_times.append(time.perf_counter() - t0)
        mastered_s = mastered.audio.size / mastered.sample_rate

        naive_s = naive_dur = float("nan")
        if not args.skip_naive:
            naive_s, naive_dur = _naive_pydub_master(clips, assets, template)

        lufs, peak = _ebur128(folder / "out.wav")

    out = {
        "duration_s": round(duration, 2),
        "mastering_s": round(min(master_times), 4),
        "mastering_rtf": round(mastered_s / min(master_times), 1),
        "naive_mastering_s": round(naive_s, 3),
        "naive_mastering_rtf": round(naive_dur / naive_s, 1) if naive_s == naive_s else None,
        "speedup_vs_naive": round(naive_s / min(master_times), 1) if naive_s == naive_s else None,
        "full_render_s": round(min(full_times), 3),
        "full_render_rtf": round(duration / min(full_times), 1),
        "sentences": len(sentences),
        "target_lufs": template.target_lufs,
        "loudness_lufs": lufs,
        "true_peak_dbtp": peak,
        "pyloudnorm_lufs": round(result.loudness_lufs, 2),
        "internal_true_peak_dbtp": round(result.true_peak_dbtp, 2),
        "meter": "ffmpeg ebur128 peak=true",
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
    }
    print(json.dumps(out, ensure_ascii=False))
    sys.stdout.flush()
    return out


if __name__ == "__main__":
    main()
