#!/usr/bin/env python3
"""Independent check of the SRTP key log: decrypts captured SRTP with the logged keys.

Usage: srtp-decrypt-pcap.py KEYLOG PCAP [PCAP ...]

Written from RFC 3711 alone (AES-CM key derivation 4.3, AES-CM encryption 4.1.1, HMAC-SHA1
authentication 4.2) on top of python3-cryptography's AES, so it shares no code with the project
or libsrtp. Reads ns-3 point-to-point pcaps (PPP link type), takes every UDP datagram whose RTP
SSRC is in the key log, verifies the tag and decrypts. The model's voice payload is
8 bytes of send time followed by bytes (sequence + i) mod 256, which is checked too.
Exit status 0 only if at least one packet was checked and every one verified and decrypted.
Supports AES_CM_128_HMAC_SHA1_80 and AES_CM_128_HMAC_SHA1_32 (ROC 0).
"""
import base64
import hashlib
import hmac
import struct
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

TAG_LENGTH = {"AES_CM_128_HMAC_SHA1_80": 10, "AES_CM_128_HMAC_SHA1_32": 4}


def keystream(key, iv, length):
    return Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor().update(b"\0" * length)


def derive(master_key, master_salt, label, length):
    x = bytearray(master_salt)
    x[7] ^= label
    return keystream(master_key, bytes(x) + b"\0\0", length)


def verifies(packet, suite, key, salt):
    tag_length = TAG_LENGTH[suite]
    body, tag = packet[:-tag_length], packet[-tag_length:]
    auth_key = derive(key, salt, 1, 20)
    expected = hmac.new(auth_key, body + b"\0\0\0\0", hashlib.sha1).digest()[:tag_length]
    return hmac.compare_digest(expected, tag)


def read_key_log(path):
    streams = {}
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        _call, _stream, suite, ssrc, key_salt = line.split()
        if suite in TAG_LENGTH:
            raw = base64.b64decode(key_salt)
            # In e2ae one SSRC is keyed differently on each access side: keep every key.
            streams.setdefault(int(ssrc, 16), []).append((suite, raw[:16], raw[16:]))
    return streams


def udp_payloads(path):
    data = open(path, "rb").read()
    offset = 24
    while offset + 16 <= len(data):
        _sec, _usec, length, _orig = struct.unpack("<IIII", data[offset:offset + 16])
        frame = data[offset + 16:offset + 16 + length]
        offset += 16 + length
        ip = frame[2:]  # PPP header
        if len(ip) < 28 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        yield ip[(ip[0] & 0x0F) * 4 + 8:]


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    streams = read_key_log(sys.argv[1])
    checked = failed = 0
    for pcap in sys.argv[2:]:
        for packet in udp_payloads(pcap):
            if len(packet) < 12 or packet[0] >> 6 != 2:
                continue
            ssrc = struct.unpack(">I", packet[8:12])[0]
            if ssrc not in streams:
                continue
            checked += 1
            keys = [k for k in streams[ssrc] if verifies(packet, *k)]
            if not keys:
                failed += 1
                continue
            suite, key, salt = keys[0]
            body = packet[:-TAG_LENGTH[suite]]
            seq = struct.unpack(">H", packet[2:4])[0]
            iv = bytearray(derive(key, salt, 2, 14) + b"\0\0")
            for i, b in enumerate(struct.pack(">I", ssrc)):
                iv[4 + i] ^= b
            for i, b in enumerate(struct.pack(">Q", seq)[2:]):
                iv[8 + i] ^= b
            header = 12 + 4 * (packet[0] & 0x0F)
            plain = bytes(a ^ b for a, b in zip(body[header:], keystream(
                derive(key, salt, 0, 16), bytes(iv), len(body) - header)))
            if any(plain[i] != (seq + i) & 0xFF for i in range(8, len(plain))):
                failed += 1
    print(f"srtp-decrypt-pcap: {checked} SRTP packets checked, {failed} failed")
    return 0 if checked > 0 and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
