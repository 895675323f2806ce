"""The virus-scanner hook: clamd's INSTREAM protocol, fail closed when configured and unreachable, and the
admin saying when no scanner is configured."""

from __future__ import annotations

import io
import socket
import struct
import threading

import pytest

from junkan.common import files
from junkan.common.uploads import UploadRejected

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def fake_clamd() -> tuple[str, list[bytes], threading.Thread]:
    """A one-connection clamd on loopback that answers FOUND for the EICAR string, OK otherwise."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        with server, server.accept()[0] as conn:
            buffer = b""
            while not buffer.startswith(b"zINSTREAM\0"):
                buffer += conn.recv(4096)
            buffer = buffer[len(b"zINSTREAM\0") :]
            data = b""
            while True:
                while len(buffer) < 4:
                    buffer += conn.recv(4096)
                (length,) = struct.unpack("!L", buffer[:4])
                buffer = buffer[4:]
                if length == 0:
                    break
                while len(buffer) < length:
                    buffer += conn.recv(65536)
                data, buffer = data + buffer[:length], buffer[length:]
            received.append(data)
            conn.sendall(b"stream: Eicar-Signature FOUND\0" if EICAR in data else b"stream: OK\0")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"tcp://127.0.0.1:{server.getsockname()[1]}", received, thread


def test_a_clean_file_passes_and_is_sent_whole():
    address, received, thread = fake_clamd()
    body = b"%PDF-1.4\n" + b"x" * 200_000
    stream = io.BytesIO(body)
    assert files.clamd_scan(stream, address) is None
    thread.join(5)
    assert received == [body]
    assert stream.tell() == 0


def test_a_virus_is_named():
    address, _received, thread = fake_clamd()
    assert files.clamd_scan(io.BytesIO(EICAR), address) == "Eicar-Signature"
    thread.join(5)


def test_a_configured_scanner_refuses_a_virus(settings):
    settings.CLAMD_ADDRESS, _received, thread = fake_clamd()
    with pytest.raises(UploadRejected, match="ウイルスが検出"):
        files.scan(io.BytesIO(EICAR))
    thread.join(5)


def test_an_unreachable_scanner_refuses_the_file(settings):
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    settings.CLAMD_ADDRESS = f"tcp://127.0.0.1:{port}"  # nothing listens there now
    with pytest.raises(UploadRejected, match="ウイルス検査を行えなかった"):
        files.scan(io.BytesIO(b"anything"))


def test_no_scanner_scans_nothing_and_says_so(settings):
    settings.CLAMD_ADDRESS = ""
    files.scan(io.BytesIO(EICAR))
    configured, text = files.scanner_status()
    assert not configured and "CLAMD_ADDRESS" in text


@pytest.mark.django_db
def test_the_admin_shows_whether_uploads_are_scanned(make_staff, client_as, settings):
    from junkan.accounts.models import Role

    admin_client = client_as(make_staff("admin@example.jp", role=Role.ADMINISTRATOR))
    settings.CLAMD_ADDRESS = ""
    assert "ウイルス検査：設定されていません" in admin_client.get("/admin/").content.decode()
    settings.CLAMD_ADDRESS = "tcp://clamav:3310"
    assert "ClamAV（tcp://clamav:3310）" in admin_client.get("/admin/").content.decode()
