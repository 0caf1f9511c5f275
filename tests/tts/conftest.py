"""Fixtures for the audio side of tts: generated signals, a tiny piper voice, no network."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
import soundfile

SR = 48000


def tone(freq: float, seconds: float, *, amp: float = 0.5, sr: int = SR) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def speechlike(seconds: float, *, amp: float = 0.3, sr: int = SR, seed: int = 0) -> np.ndarray:
    """Syllable-rate bursts of a harmonic tone with noise: loud, quiet, loud (like speech)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * sr)) / sr
    voiced = sum(np.sin(2 * np.pi * f * t) / k for k, f in enumerate((140, 280, 420, 700), 1))
    envelope = np.clip(np.sin(2 * np.pi * 4.0 * t), 0, None) ** 2
    phrase = (np.sin(2 * np.pi * 0.35 * t) > -0.6).astype(float)
    x = (voiced + 0.2 * rng.standard_normal(t.size)) * envelope * phrase
    return (amp * x / np.abs(x).max()).astype(np.float32)


def write_wav(path: Path, audio: np.ndarray, sr: int = SR) -> Path:
    soundfile.write(path, audio, sr, subtype="PCM_16")
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Every outgoing connection fails at once, as on a speaker unit without network."""
    attempts: list[tuple] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise ConnectionRefusedError(111, "network unreachable (test)")

    def no_dns(host, *args, **kwargs):
        attempts.append((host,))
        raise socket.gaierror(socket.EAI_NONAME, "no DNS (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    return attempts


HOP = 256


@pytest.fixture(scope="session")
def piper_voice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny ONNX 'voice' with piper's input/output names and a real piper config.

    The graph turns each phoneme id into HOP samples of a sine whose phase step depends on
    the id, so the output length tells how many ids piper fed it.
    """
    import onnx  # a dev dependency: missing it must fail, not skip
    from onnx import TensorProto, helper
    from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

    nodes = [
        helper.make_node("Cast", ["input"], ["ids_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["ids_f", "axis_last"], ["ids_3d"]),  # [1, N, 1]
        helper.make_node("Tile", ["ids_3d", "tile_reps"], ["tiled"]),  # [1, N, HOP]
        helper.make_node("Mul", ["tiled", "ramp"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Slice", ["scales", "s0", "s1"], ["noise_scale"]),  # use an input
        helper.make_node("Mul", ["noise_scale", "zero"], ["nothing"]),
        helper.make_node("Add", ["wave", "nothing"], ["wave2"]),
        helper.make_node("Reshape", ["wave2", "out_shape"], ["output"]),
    ]
    ramp = (np.arange(1, HOP + 1, dtype=np.float32) * 0.05).reshape(1, 1, HOP)
    inits = [
        helper.make_tensor("axis_last", TensorProto.INT64, [1], [2]),
        helper.make_tensor("tile_reps", TensorProto.INT64, [3], [1, 1, HOP]),
        helper.make_tensor("ramp", TensorProto.FLOAT, [1, 1, HOP], ramp.ravel().tolist()),
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
    folder = tmp_path_factory.mktemp("piper")
    path = folder / "vi_VN-tiny-test.onnx"
    onnx.save(model, str(path))
    config = {
        "audio": {"sample_rate": 16000},
        "espeak": {"voice": "vi"},
        "phoneme_type": "espeak",
        "num_symbols": 256,
        "num_speakers": 1,
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "piper_version": "1.0.0",
    }
    (folder / "vi_VN-tiny-test.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return path


@pytest.fixture
def sig():
    """Signal helpers for tests (conftest modules are not imported by test files)."""
    from types import SimpleNamespace

    return SimpleNamespace(tone=tone, speechlike=speechlike, write_wav=write_wav, SR=SR)
