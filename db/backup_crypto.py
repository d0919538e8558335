"""Encrypted backup files: a passphrase (CAMINO_BACKUP_PASSPHRASE) turned into a key with scrypt, and
the backup sealed with AES-256-GCM in 1 MiB chunks (the STREAM construction: each chunk's nonce holds
its number, and the last chunk is marked, so a reordered, cut or edited file fails to open).

File layout, version 1:
    magic "CAMINO-BACKUP-ENC" (17 bytes) | version (1 byte) | scrypt log2(n), r, p (3 bytes)
    | salt (16 bytes) | nonce prefix (7 bytes)
    then per chunk: length of the sealed chunk (4 bytes, big-endian) | sealed chunk (ciphertext + tag)
The header is authenticated with every chunk (associated data), so no header byte can be changed.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PASSPHRASE_ENV = "CAMINO_BACKUP_PASSPHRASE"
MAGIC = b"CAMINO-BACKUP-ENC"
VERSION = 1
CHUNK = 1 << 20
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1  # 32 MiB of memory per try (OWASP's scrypt minimum is less)
_HEADER = struct.Struct(f"{len(MAGIC)}sBBBB16s7s")
_LENGTH = struct.Struct(">I")


class DecryptError(Exception):
    """Wrong passphrase, or the file was changed or cut short."""


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def is_encrypted(path: Path) -> bool:
    with Path(path).open("rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not 10 <= log2_n <= 22 or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise DecryptError("unsupported key parameters")
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Seal `source` into `target` (created owner-only)."""
    salt, prefix = os.urandom(16), os.urandom(7)
    header = _HEADER.pack(MAGIC, VERSION, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt, prefix)
    aead = AESGCM(_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with Path(source).open("rb") as src, os.fdopen(fd, "wb") as out:
        out.write(header)
        counter, chunk = 0, src.read(CHUNK)
        while True:
            following = src.read(CHUNK)
            sealed = aead.encrypt(_nonce(prefix, counter, not following), chunk, header)
            out.write(_LENGTH.pack(len(sealed)) + sealed)
            if not following:
                break
            counter, chunk = counter + 1, following


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Open `source` into `target` (owner-only); DecryptError if the passphrase or any byte is wrong."""
    with Path(source).open("rb") as src:
        header = src.read(_HEADER.size)
        if len(header) != _HEADER.size:
            raise DecryptError("file too short")
        magic, version, log2_n, r, p, salt, prefix = _HEADER.unpack(header)
        if magic != MAGIC or version != VERSION:
            raise DecryptError("not an encrypted backup of a version this program reads")
        aead = AESGCM(_key(passphrase, salt, log2_n, r, p))
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            counter = 0
            while True:
                size = src.read(_LENGTH.size)
                if len(size) != _LENGTH.size:
                    raise DecryptError("file cut short")
                sealed = src.read(_LENGTH.unpack(size)[0])
                last = src.peek(1) == b""
                try:
                    out.write(aead.decrypt(_nonce(prefix, counter, last), sealed, header))
                except InvalidTag as err:
                    raise DecryptError("wrong passphrase, or the file was changed") from err
                if last:
                    return
                counter += 1
