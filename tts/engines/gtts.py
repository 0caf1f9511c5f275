"""The gTTS engine: Google Translate's voice, used only when configured and online."""

from __future__ import annotations

import numpy as np

from tts.ports import EngineUnavailableError, UnknownVoiceError

# gTTS voice = language; the Google domain (tld) picks the accent where several exist.
VOICES: dict[str, str] = {"vi": "Vietnamese (Google Translate, online)"}
SAMPLE_RATE = 24000  # gTTS MP3s are 24 kHz mono


class GttsEngine:
    """Google Translate TTS via the gTTS package, with a bounded wait.

    Network failures raise EngineUnavailableError; the renderer then falls back to the
    offline voice and says so in the render result. After the first failure every later
    sentence fails at once instead of waiting for the timeout again.
    """

    name = "gtts"
    sample_rate = SAMPLE_RATE

    def __init__(
        self,
        voice: str = "vi",
        *,
        tld: str = "com.vn",
        timeout_s: float = 5.0,
        slow: bool = False,
    ) -> None:
        if voice not in VOICES:
            raise UnknownVoiceError(
                f"unknown gTTS voice {voice!r}; available: {', '.join(VOICES)}",
                reason_vi=f"Không có giọng gTTS '{voice}'; các giọng có: {', '.join(VOICES)}",
            )
        try:
            import gtts
        except ImportError as exc:
            raise EngineUnavailableError(
                "gTTS is not installed", reason_vi="Chưa cài gTTS"
            ) from exc
        self.voice = voice
        self._tld = tld
        self._timeout = timeout_s
        self._slow = slow
        self._down: EngineUnavailableError | None = None
        self.version = f"gTTS {gtts.__version__} tld={tld} slow={slow}"

    def synthesize(self, sentence: str) -> np.ndarray:
        if self._down is not None:
            raise self._down
        from gtts import gTTS, gTTSError

        from tts.decode import decode_bytes

        try:
            tts = gTTS(
                sentence, lang=self.voice, tld=self._tld, slow=self._slow, timeout=self._timeout
            )
            mp3 = b"".join(tts.stream())
        except (gTTSError, OSError, AssertionError) as exc:
            # gTTSError wraps requests' connection errors and timeouts; OSError covers
            # sockets failing outside requests; AssertionError is gTTS's "nothing to say".
            self._down = EngineUnavailableError(
                f"gTTS unreachable: {exc}",
                reason_vi=f"Không kết nối được dịch vụ gTTS: {exc}",
            )
            raise self._down from exc
        if not mp3:
            self._down = EngineUnavailableError(
                "gTTS returned no audio", reason_vi="Dịch vụ gTTS không trả về âm thanh"
            )
            raise self._down
        return decode_bytes(mp3, sample_rate=self.sample_rate, label="gTTS")
