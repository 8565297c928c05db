"""The thread pool that runs one speech engine for every call on this machine.

`RecognitionWorker` runs whole-utterance transcriptions (`submit`) and, for engines that
stream (see `asr.StreamingRecognizer`), live streams (`open_stream`): a `WorkerStream` lets
the event loop feed audio and ask for words without blocking, the decoding done on the
worker's threads. Stopping the worker cancels transcriptions not yet started and fails the
requests streams are waiting on; every later request raises `WorkerStopped`. Calls treat all of
these as a failure of speech recognition.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, InvalidStateError, ThreadPoolExecutor
from contextlib import suppress

from synergy.contact.voice.speech.asr import RecognitionStream, SpeechRecognizer, can_stream


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
        self._streams: set[WorkerStream] = set()
        self.busy = 0

    @property
    def alive(self) -> bool:
        return not self._stopped

    @property
    def streams(self) -> bool:
        return can_stream(self.engine)

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

    def open_stream(self, sample_rate: int) -> WorkerStream:
        """A live stream for one utterance (only for engines that `can_stream`)."""
        engine = self.engine
        if not can_stream(engine):
            raise TypeError(f"the {engine.name} engine cannot stream")
        with self._lock:
            if self._stopped:
                raise WorkerStopped("speech recognition worker has stopped")
            stream = WorkerStream(self, engine.stream(sample_rate), sample_rate)
            self._streams.add(stream)
        return stream

    def _schedule(self, stream: WorkerStream) -> None:
        with self._lock:
            if self._stopped:
                raise WorkerStopped("speech recognition worker has stopped")
            self.busy += 1
            self._pool.submit(self._run_stream, stream)

    def _run_stream(self, stream: WorkerStream) -> None:
        try:
            if not self._stopped:
                stream.work()
        finally:
            with self._lock:
                self.busy -= 1

    def _closed(self, stream: WorkerStream) -> None:
        with self._lock:
            self._streams.discard(stream)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            streams, self._streams = list(self._streams), set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for stream in streams:
            stream.fail(WorkerStopped("speech recognition worker has stopped"))


FEED_SECONDS = 0.1  # audio gathered before a stream is fed: fewer, larger jobs


class WorkerStream:
    """A `RecognitionStream` driven from the event loop without blocking it.

    `feed` only queues audio; the decoding runs on the worker's threads, one job of this
    stream at a time and in order (decoders are not thread-safe), each job taking all audio
    queued so far. `partial` and `finish` return futures answered once the audio fed before
    them has been decoded. If the engine raises, that and every later request fail with its
    error; if the worker stops, they fail with `WorkerStopped`.
    """

    def __init__(self, worker: RecognitionWorker, stream: RecognitionStream, rate: int) -> None:
        self._worker = worker
        self._stream = stream
        self._batch = int(2 * rate * FEED_SECONDS)
        self._lock = threading.Lock()
        self._audio = bytearray()
        self._requests: deque[tuple[str, Future[str]]] = deque()
        self._scheduled = False
        self._closed = False
        self._error: BaseException | None = None

    def feed(self, pcm: bytes) -> None:
        with self._lock:
            if self._closed:
                return
            self._audio += pcm
            if len(self._audio) >= self._batch:
                self._schedule()

    def partial(self) -> Future[str]:
        return self._request("partial")

    def finish(self) -> Future[str]:
        return self._request("finish")

    def abandon(self) -> None:
        """Give the decoder back without a result (the call ended or the turn was dropped)."""
        if not self._closed and self._worker.alive:
            with suppress(WorkerStopped):  # stopping has dropped the stream already
                self._request("abandon")

    def _request(self, kind: str) -> Future[str]:
        future: Future[str] = Future()
        if not self._worker.alive:
            raise WorkerStopped("speech recognition worker has stopped")
        with self._lock:
            if self._closed:
                raise RuntimeError("the stream is already closed")
            self._schedule()
            self._closed = kind != "partial"
            self._requests.append((kind, future))
        return future

    def _schedule(self) -> None:
        if not self._scheduled:
            self._worker._schedule(self)  # raises WorkerStopped when it has stopped
            self._scheduled = True

    def work(self) -> None:
        """One job on a worker thread: decode what is queued, answer requests made before."""
        with self._lock:
            audio, self._audio = bytes(self._audio), bytearray()
            requests, self._requests = list(self._requests), deque()
        if audio and self._error is None:
            try:
                self._stream.feed(audio)
            except Exception as exc:  # noqa: BLE001 - handed to whoever waits on this stream
                self._error = exc
        for kind, future in requests:
            self._answer(kind, future)
        with self._lock:
            self._scheduled = False
            more = bool(self._requests) or len(self._audio) >= self._batch
            if more:
                self._schedule()  # behind other calls' jobs, so one call cannot hog a thread
        if any(kind != "partial" for kind, _ in requests):
            self._worker._closed(self)

    def _answer(self, kind: str, future: Future[str]) -> None:
        # (A future may have been cancelled meanwhile: its caller gave up waiting.)
        with suppress(InvalidStateError):
            if self._error is not None:
                future.set_exception(self._error)
                return
            try:
                if kind == "partial":
                    text = self._stream.partial()
                elif kind == "finish":
                    text = self._stream.finish()
                else:
                    self._stream.abandon()
                    text = ""
            except Exception as exc:  # noqa: BLE001 - handed to whoever waits on this stream
                self._error = exc
                future.set_exception(exc)
                return
            future.set_result(text)

    def fail(self, error: BaseException) -> None:
        """The worker stopped: requests waiting will never be answered otherwise."""
        with self._lock:
            self._error, self._closed = error, True
            requests, self._requests = list(self._requests), deque()
        for _, future in requests:
            with suppress(InvalidStateError):
                future.set_exception(error)
