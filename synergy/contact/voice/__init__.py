"""The 101 assistant on the telephone and in the browser: speech in and out, offline.

A small frame pipeline (`frames`, `pipeline`) runs each call: voice activity and streaming
recognition (`recognizer`, `asr`, `worker`, `vad`), the conversation itself through the contact
service (`assistant`, `calls`), and synthesis (`speaking`, `tts`). Transports feed it: SIP with
G.711 RTP (`sip`, `sipmessage`, `sdp`, `rtp`, `g711`, `dtmf`) and WebRTC (`webrtc`).
See docs/contact-voice.md.
"""
