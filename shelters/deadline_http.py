"""An HTTP GET that ends by a deadline, whatever the server does.

geopy's own adapters apply their timeout to each socket operation and retry
(urllib3 twice by default), so a server that sends one byte every two seconds,
or that answers slowly three times, holds the caller far past the timeout it
asked for. This adapter makes one attempt, sets each socket operation's timeout
to the time left, and shuts the socket down at the deadline from a timer, so the
whole call, connection, headers and body, ends by then. The body is capped too.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut

MAX_BODY_BYTES = 1_000_000
CHUNK_BYTES = 16_384


class DeadlineAdapter(BaseSyncAdapter):
    """A geopy adapter for which `timeout` is the deadline of the whole request."""

    def __init__(self, *, proxies=None, ssl_context=None):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.ssl_context = ssl_context or ssl.create_default_context()

    def get_json(self, url, *, timeout, headers):
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError:
            raise GeocoderParseError("The geocoder's answer is not JSON.") from None

    def get_text(self, url, *, timeout, headers):
        deadline = time.monotonic() + float(timeout)
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=timeout, context=self.ssl_context
            )
        else:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        expired = threading.Event()
        # http.client lets go of connection.sock once a response that closes the
        # connection has begun (HTTP/1.0, Connection: close): keep our own handle.
        opened: list[socket.socket] = []

        def cut_off():
            expired.set()
            # connection.sock covers a TLS handshake still under way in connect().
            for sock in [*opened, connection.sock]:
                if sock is None:
                    continue
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), cut_off)
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.connect()
            opened.append(connection.sock)
            if expired.is_set():  # the deadline passed while connecting
                raise GeocoderTimedOut("The geocoder did not answer in time.")
            _time_left(connection.sock, deadline)
            connection.request("GET", target, headers=headers)
            _time_left(opened[0], deadline)
            response = connection.getresponse()
            body = bytearray()
            while True:
                _time_left(opened[0], deadline)
                chunk = response.read1(CHUNK_BYTES)
                if not chunk:
                    break
                body += chunk
                if len(body) > MAX_BODY_BYTES:
                    raise GeocoderServiceError("The geocoder's answer is too large.")
            if expired.is_set():
                raise GeocoderTimedOut("The geocoder did not answer in time.")
        except TimeoutError:
            raise GeocoderTimedOut("The geocoder did not answer in time.") from None
        except (OSError, http.client.HTTPException) as error:
            if expired.is_set():
                raise GeocoderTimedOut("The geocoder did not answer in time.") from None
            raise GeocoderServiceError(type(error).__name__) from None
        finally:
            watchdog.cancel()
            connection.close()
            for sock in opened:
                sock.close()
        text = body.decode("utf-8", errors="replace")
        if response.status >= 400:
            raise AdapterHTTPError(
                f"Non-successful status code {response.status}",
                status_code=response.status,
                headers={name.lower(): value for name, value in response.getheaders()},
                text=text[:1000],
            )
        return text


def _time_left(sock: socket.socket, deadline: float) -> None:
    """Each socket operation may take only the time left before the deadline."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise GeocoderTimedOut("The geocoder did not answer in time.")
    sock.settimeout(left)
