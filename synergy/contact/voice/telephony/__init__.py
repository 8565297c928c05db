"""How calls reach the 101 assistant and how it puts callers through to a person.

SIP (`sipmessage`, `sipendpoint`, `sip` answering the line, `sipdial` calling the agent queue),
SDP offer/answer (`sdp`), RTP media (`rtp`) with G.711 (`g711`) and RFC 4733 key presses
(`dtmf`), browser calls over WebRTC (`webrtc`), and the bridge to an agent (`agentbridge`,
with the `ringtone` a caller hears meanwhile). Each call it answers runs through a
`synergy.contact.voice.session.VoiceSession`.
"""
