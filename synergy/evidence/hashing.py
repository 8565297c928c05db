"""SHA-256 whose running state can be saved and restored, so a hash survives a restart.

Python's hashlib cannot export its state, and the PyPI package `rehash` refuses to run on
OpenSSL 3. OpenSSL's own SHA256_CTX is a plain 112-byte structure, so we call OpenSSL's
SHA256_Init/Update/Final through ctypes and save the structure's bytes with each committed
chunk. The functions are deprecated in OpenSSL 3 but still exported by libcrypto.so.3, which
Python's own hashlib loads. The state is checked against a digest of known bytes at import.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib

SHA256_CTX_SIZE = 112


def _load_libcrypto() -> ctypes.CDLL:
    name = ctypes.util.find_library("crypto")
    if name is None:
        raise ImportError("synergy.evidence needs OpenSSL's libcrypto (install libssl3)")
    lib = ctypes.CDLL(name)
    lib.SHA256_Init.argtypes = [ctypes.c_void_p]
    lib.SHA256_Update.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]
    lib.SHA256_Final.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    return lib


_lib = _load_libcrypto()


class ResumableSha256:
    """Like hashlib.sha256(), plus `state()` / `from_state()` to save and carry on later."""

    def __init__(self, state: bytes | None = None) -> None:
        if state is None:
            self._ctx = ctypes.create_string_buffer(SHA256_CTX_SIZE)
            if _lib.SHA256_Init(self._ctx) != 1:
                raise RuntimeError("OpenSSL SHA256_Init failed")
            return
        if len(state) != SHA256_CTX_SIZE:
            raise ValueError("not a saved SHA-256 state")
        self._ctx = ctypes.create_string_buffer(bytes(state), SHA256_CTX_SIZE)

    @classmethod
    def from_state(cls, state: bytes) -> ResumableSha256:
        return cls(state)

    def update(self, data: bytes | bytearray | memoryview) -> None:
        if isinstance(data, bytes):
            _lib.SHA256_Update(self._ctx, data, len(data))
            return
        view = memoryview(data)
        if view.readonly:
            _lib.SHA256_Update(self._ctx, bytes(view), view.nbytes)
            return
        # Hash a writable buffer (the upload's receive buffer) in place, without a copy.
        window = (ctypes.c_char * view.nbytes).from_buffer(view)
        _lib.SHA256_Update(self._ctx, window, view.nbytes)

    def state(self) -> bytes:
        return self._ctx.raw

    def copy(self) -> ResumableSha256:
        return ResumableSha256(self.state())

    def hexdigest(self) -> str:
        out = ctypes.create_string_buffer(32)
        ctx = ctypes.create_string_buffer(self._ctx.raw, SHA256_CTX_SIZE)
        _lib.SHA256_Final(out, ctx)
        return out.raw.hex()


def _self_test() -> None:
    first = ResumableSha256()
    first.update(b"chain of " * 20)
    resumed = ResumableSha256.from_state(first.state())
    resumed.update(b"custody")
    if resumed.hexdigest() != hashlib.sha256(b"chain of " * 20 + b"custody").hexdigest():
        raise ImportError("OpenSSL's SHA-256 state layout is not the one expected")


_self_test()
