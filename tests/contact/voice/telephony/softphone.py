"""Configuration for Debian's baresip, the softphone the voice tests call with or answer with."""

BARESIP_CONFIG = """poll_method epoll
sip_listen 127.0.0.1:{sip_port}
audio_player alsa,null
audio_source aufile,{wav}
audio_alert alsa,null
audio_srate 8000
audio_channels 1
rtp_ports {rtp_port}-{rtp_end}
module_path /usr/lib/baresip/modules
module g711.so
module aufile.so
module alsa.so
module sndfile.so
module_app account.so
module_app menu.so
snd_path {recordings}
"""
