"""Installed piper voices (`loa tts voices`, tts.voices): a downloaded pair is checked, read
once through the normal render path, installed and recorded; broken pairs are refused with
one bilingual line and leave nothing behind; a region reads with its chosen voice, and with
espeak-ng (saying why) once that voice is removed or fails."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from loa.cli import main
from tts.engines.piper_config import VoiceRejected
from tts.render import render_script
from tts.voices import TEST_SENTENCE, VoiceRegistry, check_synthesis

HOP = 256
NAME = "vi_VN-tiny-medium"
CARD = """# Model card for tiny (medium)

* Language: vi_VN (Vietnamese, Vietnam)
* Speakers: 1
* Quality: medium

## Dataset

* URL: https://example.invalid/tiny
* License: CC BY 4.0
"""


def tiny_config(**over) -> dict:
    from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

    config = {
        "dataset": "tiny",
        "audio": {"sample_rate": 16000, "quality": "medium"},
        "espeak": {"voice": "vi"},
        "language": {"code": "vi_VN", "family": "vi", "region": "VN", "name_native": "Tiếng Việt"},
        "phoneme_type": "espeak",
        "num_symbols": 256,
        "num_speakers": 1,
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "piper_version": "1.0.0",
    }
    config.update(over)
    return config


def make_tiny_voice(
    folder: Path,
    name: str = NAME,
    *,
    silent: bool = False,
    config: dict | None = None,
    card: str | None = CARD,
) -> Path:
    """A tiny ONNX 'voice' with piper's inputs and outputs, built like tests/tts/conftest.py's
    piper_voice (each phoneme id becomes HOP samples of a sine), with a full piper config and a
    MODEL_CARD beside it. ``silent`` multiplies the output by zero."""
    import onnx
    from onnx import TensorProto, helper

    folder.mkdir(parents=True, exist_ok=True)
    nodes = [
        helper.make_node("Cast", ["input"], ["ids_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["ids_f", "axis_last"], ["ids_3d"]),
        helper.make_node("Tile", ["ids_3d", "tile_reps"], ["tiled"]),
        helper.make_node("Mul", ["tiled", "ramp"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Mul", ["wave", "gain"], ["loud"]),
        helper.make_node("Slice", ["scales", "s0", "s1"], ["noise_scale"]),
        helper.make_node("Mul", ["noise_scale", "zero"], ["nothing"]),
        helper.make_node("Add", ["loud", "nothing"], ["wave2"]),
        helper.make_node("Reshape", ["wave2", "out_shape"], ["output"]),
    ]
    ramp = (np.arange(1, HOP + 1, dtype=np.float32) * 0.05).reshape(1, 1, HOP)
    inits = [
        helper.make_tensor("axis_last", TensorProto.INT64, [1], [2]),
        helper.make_tensor("tile_reps", TensorProto.INT64, [3], [1, 1, HOP]),
        helper.make_tensor("ramp", TensorProto.FLOAT, [1, 1, HOP], ramp.ravel().tolist()),
        helper.make_tensor("gain", TensorProto.FLOAT, [1], [0.0 if silent else 0.8]),
        helper.make_tensor("s0", TensorProto.INT64, [1], [0]),
        helper.make_tensor("s1", TensorProto.INT64, [1], [1]),
        helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0]),
        helper.make_tensor("out_shape", TensorProto.INT64, [3], [1, 1, -1]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny_piper",
        [
            helper.make_tensor_value_info("input", TensorProto.INT64, [1, None]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, None])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = folder / f"{name}.onnx"
    onnx.save(model, str(path))
    cfg = tiny_config() if config is None else config
    path.with_name(path.name + ".json").write_text(json.dumps(cfg), encoding="utf-8")
    if card is not None:
        (folder / "MODEL_CARD").write_text(card, encoding="utf-8")
    return path


def loa(*args: str):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click 8.2 keeps stderr apart by itself
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


def add(model: Path, data: Path, *extra: str):
    return loa("tts", "voices", "add", str(model), "--data-dir", str(data), *extra)


def installed_files(data: Path) -> list[str]:
    voices = data / "voices"
    return (
        sorted(p.name for p in voices.iterdir() if not p.name.startswith("."))
        if voices.is_dir()
        else []
    )


@pytest.fixture
def tiny(tmp_path) -> Path:
    return make_tiny_voice(tmp_path / "download")


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


def test_add_checks_test_reads_installs_and_records_the_voice(tiny, data):
    result = add(tiny, data)
    assert result.exit_code == 0, result.output + result.stderr
    assert f"Đã cài giọng / installed: {NAME} (vi_VN, medium, 16000 Hz" in result.output
    assert f"piper:{NAME}" in result.output  # the test sentence was read by this voice
    assert "Giấy phép / licence: CC BY 4.0" in result.output
    assert installed_files(data) == [
        f"{NAME}.MODEL_CARD",
        f"{NAME}.onnx",
        f"{NAME}.onnx.json",
        "voices.json",
    ]
    assert (data / "voices" / f"{NAME}.onnx").read_bytes() == tiny.read_bytes()
    record = json.loads((data / "voices" / "voices.json").read_text(encoding="utf-8"))
    assert record["version"] == 1
    voice = record["voices"][NAME]
    assert voice["sha256"] == hashlib.sha256(tiny.read_bytes()).hexdigest()
    assert (voice["language"], voice["quality"], voice["sample_rate"]) == ("vi_VN", "medium", 16000)
    assert (voice["licence"], voice["dataset"], voice["source"]) == ("CC BY 4.0", "tiny", tiny.name)
    assert voice["test_seconds"] > 0.5
    assert record["regions"] == {}  # installing chooses nothing: espeak-ng stays the default

    listed = loa("tts", "voices", "list", "--data-dir", str(data))
    assert listed.exit_code == 0
    assert (
        f"{NAME}  vi_VN  medium  16000 Hz" in listed.output
        and "licence: CC BY 4.0" in listed.output
    )
    assert "south (Nam): espeak-ng" in listed.output
    doc = json.loads(loa("tts", "voices", "list", "--json", "--data-dir", str(data)).output)
    assert [(v["name"], v["present"]) for v in doc["voices"]] == [(NAME, True)]


def test_the_test_render_goes_through_normalize_and_checks_the_speech(tiny):
    check = check_synthesis(tiny, tiny.with_name(tiny.name + ".json"))
    assert check.engine_used == f"piper:{NAME}"
    # "7 giờ" was read as words: the ids piper got, times HOP, make the length
    from tts.engines.piper import PiperEngine
    from tts.render import spoken_sentences

    eng = PiperEngine(str(tiny))
    ids = [
        i
        for s in spoken_sentences(TEST_SENTENCE)
        for p in eng._voice.phonemize(s)
        for i in eng._voice.phonemes_to_ids(p)
    ]
    assert "bảy giờ" in " ".join(spoken_sentences(TEST_SENTENCE))
    np.testing.assert_allclose(check.seconds, len(ids) * HOP / 16000)
    assert check.peak == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    ("breakage", "vi", "en"),
    [
        ("bad_json", "không phải JSON hợp lệ", "not valid JSON"),
        ("not_onnx", "không phải mô hình ONNX nạp được", "not an ONNX model onnxruntime can load"),
        (
            "no_sample_rate",
            "thiếu hoặc sai audio.sample_rate",
            "missing or invalid audio.sample_rate",
        ),
        ("no_espeak_voice", "thiếu hoặc sai espeak.voice", "missing or invalid espeak.voice"),
        ("no_language", "thiếu hoặc sai language.code", "missing or invalid language.code"),
        ("english", "không phải tiếng Việt", "not Vietnamese"),
        ("text_phonemes", "giọng tiếng Việt dùng âm vị 'espeak'", "use 'espeak' phonemes"),
        ("no_config", "không thấy tệp cấu hình cạnh mô hình", "no voice config beside the model"),
        ("no_model", "không có tệp mô hình", "the model file does not exist"),
        ("silent", "giọng đọc câu thử ra im lặng", "read the test sentence as silence"),
        (
            "wrong_inputs",
            "không phải mô hình giọng piper (thiếu đầu vào",
            "not a piper voice model",
        ),
    ],
)
def test_a_broken_pair_is_refused_in_one_bilingual_line_and_nothing_is_installed(
    tmp_path, data, breakage, vi, en
):
    folder = tmp_path / "download"
    model = make_tiny_voice(folder, silent=breakage == "silent")
    config = model.with_name(model.name + ".json")
    cfg = tiny_config()
    if breakage == "bad_json":
        config.write_text('{"audio": {"sample_rate": 16000,', encoding="utf-8")
    elif breakage == "not_onnx":
        model.write_bytes(b"<html>404 Not Found</html>")
    elif breakage == "no_sample_rate":
        cfg["audio"] = {"quality": "medium"}
    elif breakage == "no_espeak_voice":
        del cfg["espeak"]
    elif breakage == "no_language":
        del cfg["language"]
    elif breakage == "english":
        cfg["language"] = {"code": "en_US"}
    elif breakage == "text_phonemes":
        cfg["phoneme_type"] = "text"
    elif breakage == "no_config":
        config.unlink()
    elif breakage == "no_model":
        model.unlink()
    elif breakage == "wrong_inputs":
        import onnx
        from onnx import TensorProto, helper

        graph = helper.make_graph(
            [helper.make_node("Identity", ["x"], ["y"])],
            "not_piper",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
        )
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
        m.ir_version = 8
        onnx.save(m, str(model))
    if breakage in ("no_sample_rate", "no_espeak_voice", "no_language", "english", "text_phonemes"):
        config.write_text(json.dumps(cfg), encoding="utf-8")

    result = add(model, data)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Error: ") and " / " in line
    vi_part, en_part = line.removeprefix("Error: ").split(" / ", 1)
    assert vi in vi_part and en in en_part, line
    assert installed_files(data) == []
    if (data / "voices").is_dir():  # no staging folder left behind either
        assert [p.name for p in (data / "voices").iterdir()] in ([], [".lock"])


def test_an_installed_name_is_replaced_only_with_force(tiny, data, tmp_path):
    assert add(tiny, data).exit_code == 0
    again = add(tiny, data)
    assert again.exit_code == 1
    assert (
        f"Đã có giọng tên '{NAME}'; thêm --force để thay thế / a voice named '{NAME}' is "
        "already installed; add --force to replace it" in again.stderr
    )
    other = make_tiny_voice(tmp_path / "v2", config=tiny_config(dataset="tiny2"))
    assert loa("tts", "voices", "choose", "central", NAME, "--data-dir", str(data)).exit_code == 0
    replaced = add(other, data, "--force")
    assert replaced.exit_code == 0
    assert "Vùng central đang dùng giọng này: khởi động lại panel" in replaced.stderr
    assert VoiceRegistry.for_data_dir(data).get(NAME).dataset == "tiny2"
    renamed = add(
        other, data, "--name", "vi_VN-khac", "--config", str(other.with_name(other.name + ".json"))
    )
    assert renamed.exit_code == 0, renamed.stderr
    assert [v.name for v in VoiceRegistry.for_data_dir(data).voices()] == ["vi_VN-khac", NAME]
    bad = add(other, data, "--name", "../thoat")
    assert bad.exit_code == 1 and "không dùng làm tên giọng" in bad.stderr


def test_a_chosen_region_renders_with_the_voice_and_falls_back_once_it_is_removed(tiny, data):
    assert add(tiny, data).exit_code == 0
    chosen = loa("tts", "voices", "choose", "south", NAME, "--data-dir", str(data))
    assert chosen.exit_code == 0 and f"espeak-ng → piper:{NAME}" in chosen.output
    registry = VoiceRegistry.for_data_dir(data)
    assert registry.region_voices() == {"south": ("piper", NAME)}
    engine, voice = registry.region_voices()["south"]
    text = "Kính thưa bà con, chiều nay có mưa lớn."

    def render():
        return render_script(
            text,
            engine=engine,
            voice=voice,
            region="south",
            engine_options={"voices_dir": registry.root},
        )

    used = render()
    assert (used.engine_used, used.fallback_reason, used.warnings) == (f"piper:{NAME}", None, ())

    removed = loa("tts", "voices", "remove", NAME, "--data-dir", str(data))
    assert removed.exit_code == 0 and f"Đã gỡ giọng / removed: {NAME}" in removed.output
    assert "vùng south vẫn chọn giọng này" in removed.stderr
    assert installed_files(data) == ["voices.json"]
    fallen = render()
    assert fallen.engine_used == "espeak-ng:vi-vn-x-south"
    assert f"unknown piper voice '{NAME}'" in fallen.fallback_reason
    (note,) = fallen.warnings
    assert note.code == "engine_fallback"
    assert note.message_vi.startswith(
        f"Đã dùng giọng đọc ngoại tuyến espeak-ng:vi-vn-x-south vì Không có giọng piper '{NAME}'"
    )
    listed = loa("tts", "voices", "list", "--data-dir", str(data)).output
    assert f"south (Nam): piper:{NAME}  (thiếu, đọc bằng espeak-ng" in listed


def test_a_voice_failing_at_render_time_falls_back_to_espeak(tiny, monkeypatch):
    from piper import PiperVoice

    def broken(self, text, syn_config=None, include_alignments=False):
        raise RuntimeError("ONNXRuntimeError: bad allocation")

    monkeypatch.setattr(PiperVoice, "synthesize", broken)
    result = render_script("Xin chào bà con.", engine="piper", voice=str(tiny), region="central")
    assert result.engine_used == "espeak-ng:vi-vn-x-central"
    assert "bad allocation" in result.fallback_reason
    assert "Giọng piper" in result.warnings[0].message_vi
    with pytest.raises(VoiceRejected, match="could not be read"):
        check_synthesis(tiny, tiny.with_name(tiny.name + ".json"))


def test_choose_and_remove_refuse_what_is_not_installed(tiny, data):
    missing = loa("tts", "voices", "choose", "north", "vi_VN-khong-co", "--data-dir", str(data))
    assert missing.exit_code == 1
    assert "Không có giọng đã cài tên 'vi_VN-khong-co'" in missing.stderr
    assert loa("tts", "voices", "remove", "vi_VN-khong-co", "--data-dir", str(data)).exit_code == 1
    assert add(tiny, data).exit_code == 0
    assert (
        loa("tts", "voices", "choose", "north", f"piper:{NAME}", "--data-dir", str(data)).exit_code
        == 0
    )
    back = loa("tts", "voices", "choose", "north", "espeak-ng", "--data-dir", str(data))
    assert back.exit_code == 0 and f"piper:{NAME} → espeak-ng" in back.output
    assert VoiceRegistry.for_data_dir(data).region_voices() == {"north": ("espeak", None)}


def test_an_unreadable_record_leaves_renders_on_espeak(data):
    registry = VoiceRegistry.for_data_dir(data)
    registry.root.mkdir(parents=True)
    (registry.root / "voices.json").write_text("{not json", encoding="utf-8")
    assert registry.region_voices() == {}
    listed = loa("tts", "voices", "list", "--data-dir", str(data))
    assert listed.exit_code == 1 and "Không đọc được" in listed.stderr


def test_the_console_script_lists_voices(tiny, data):
    assert add(tiny, data).exit_code == 0
    loa_bin = Path(sys.prefix) / "bin" / "loa"
    out = subprocess.run(
        [str(loa_bin), "tts", "voices", "list", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert NAME in out.stdout and "north (Bắc): espeak-ng" in out.stdout
