"""The 101 assistant on the telephone and in the browser: speech in and out, offline.

A small frame pipeline (`frames`, `pipeline`, `audio`) runs each call (`session`): speech in and
out (`speech/`), key presses in the caller's audio (`keys`), and the conversation itself through
the contact service (`assistant`, `calls`). Transports feed it (`telephony/`): SIP with G.711 RTP
and WebRTC, and the bridge to a person. `pages` and `cli` are its way in.
See docs/contact-voice.md.
"""
