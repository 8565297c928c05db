"""Speech in and out for the 101 assistant, all offline.

Recognition engines (`asr`) run in a shared pool (`engine_pool`); `vad` finds speech in the
caller's audio and `recognizer` turns it into transcripts and ends of turn. Synthesis engines
(`tts`) and `speaking` turn the assistant's replies into audio paced to the caller.
"""
