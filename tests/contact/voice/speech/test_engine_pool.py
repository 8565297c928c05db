"""The recognition worker: its threads, live streams, and what stopping it does to both."""

import pytest

from synergy.contact.voice.speech.engine_pool import RecognitionWorker, WorkerStopped

from ..conftest import ScriptedRecognizer, ScriptedStreamingRecognizer


def test_a_stopped_worker_refuses_new_work():
    worker = RecognitionWorker(ScriptedRecognizer("hello"))
    assert worker.submit(b"\0" * 320, 8000).result(5) == "hello"
    worker.stop()
    with pytest.raises(WorkerStopped):
        worker.submit(b"\0" * 320, 8000)


def test_a_stopped_worker_fails_a_stream_waiting_behind_other_work():
    recognizer = ScriptedStreamingRecognizer("hello")
    recognizer.release.clear()  # the engine is stuck on the first request
    worker = RecognitionWorker(recognizer, threads=1)
    first, second = worker.open_stream(8000), worker.open_stream(8000)
    first.feed(b"\1\0" * 800)
    first.partial()
    waiting = second.finish()
    worker.stop()
    with pytest.raises(WorkerStopped):
        waiting.result(5)
    with pytest.raises(WorkerStopped):
        first.partial()
    recognizer.release.set()
