"""Socket.IO frames that cannot be decoded: one short log line and the connection closed.

python-socketio decodes each frame with its packet class and its `json=` module, both of which
its Server takes as options (Flask-SocketIO forwards them): Mesa gives it `workshop.safejson`
(depth and number size bounded before decoding) and `SafePacket` below, which turns every
decoding failure and every frame no Mesa client sends (binary packets, CONNECT_ERROR, an event
that is not a list starting with a name, an auth that is not an object) into `MalformedFrame`.

What cannot be configured: python-socketio lets an exception from decoding escape its
`_handle_eio_message`, and python-engineio logs whatever escapes a message handler with a full
traceback (`logger.exception('message handler error')`) and keeps the connection open. So
`guard(server)` wraps that one method: a `MalformedFrame` becomes one log line (rate-limited per
address, `workshop.refusallog`) and the engine.io connection is closed. Worth raising upstream:
a decode error in `Server._handle_eio_message` should be logged briefly and end the connection.

One level down, python-engineio decodes a long-polling POST body itself and logs a traceback
when it is not UTF-8, has a bad base64 packet or a bad Content-Length ('post request handler
error'); an unknown packet type makes it close the socket waiting for a GET that a client which
sent only the POST never makes, so the POST is never answered. `guard` also checks each
long-polling POST's body first: a malformed one is answered 400 at once, with one log line, and
its connection closed. (Worth raising upstream too.) Over WebSocket, engine.io drops a connection
whose frame it cannot decode, without a log line.
"""
from __future__ import annotations

import base64
import binascii
import io
from urllib.parse import parse_qs

from socketio import packet as sio_packet

from ..refusallog import refusals

#: The engine.io packets a client may send: close, pong, message, upgrade. (engine.io answers any
#: other type by closing the socket and waiting for a GET that may never come.)
_EIO_TYPES = "1345"


class MalformedFrame(ValueError):
    """A frame that is not one a Socket.IO client of Mesa sends."""


class SafePacket(sio_packet.Packet):
    """Socket.IO's packet, refusing on decoding what Mesa's clients never send."""

    #: Mesa sends and receives no binary attachments.
    uses_binary_events = False

    def __init__(self, *args, encoded_packet=None, **kwargs):
        if encoded_packet is not None and not encoded_packet:  # the base class would take it for an event
            raise MalformedFrame("empty frame")
        super().__init__(*args, encoded_packet=encoded_packet, **kwargs)

    def decode(self, encoded_packet):
        if not isinstance(encoded_packet, str) or not encoded_packet:
            raise MalformedFrame("binary or empty frame")
        try:
            count = super().decode(encoded_packet)
        except Exception as exc:  # noqa: BLE001 - any decoding failure is the client's
            raise MalformedFrame(f"{type(exc).__name__}: {str(exc)[:80]}") from None
        kind, data = self.packet_type, self.data
        if kind in (sio_packet.BINARY_EVENT, sio_packet.BINARY_ACK, sio_packet.CONNECT_ERROR) or count:
            raise MalformedFrame("packet type not accepted")
        if not isinstance(kind, int) or not sio_packet.CONNECT <= kind <= sio_packet.BINARY_ACK:
            raise MalformedFrame("unknown packet type")
        if kind == sio_packet.EVENT and not (isinstance(data, list) and data and isinstance(data[0], str)):
            raise MalformedFrame("an event must be a list starting with its name")
        if kind == sio_packet.ACK and not isinstance(data, list):
            raise MalformedFrame("an ack must be a list")
        if kind == sio_packet.CONNECT and data is not None and not isinstance(data, dict):
            raise MalformedFrame("auth must be an object")
        return count


def guard(server) -> None:
    """Make `server` (a python-socketio Server) close a connection that sends a malformed frame,
    logging one short line instead of a traceback."""
    handle = server._handle_eio_message
    if getattr(handle, "mesa_guarded", False):
        return

    def guarded(eio_sid, data):
        try:
            return handle(eio_sid, data)
        except MalformedFrame as exc:
            environ = server.environ.get(eio_sid) or {}
            refusals.refused("bad_frame", f"socket.io frame ({exc})", environ.get("REMOTE_ADDR"))
            if eio_sid in server.eio.sockets:
                # Not engine.io's disconnect(): it waits until the client has read the CLOSE packet,
                # which a long-polling client does only after this POST is answered.
                _close(server.eio, eio_sid)
            else:  # no engine.io socket (Flask-SocketIO's test client): end the namespaces
                server._handle_eio_disconnect(eio_sid, server.reason.SERVER_DISCONNECT)

    guarded.mesa_guarded = True
    server._handle_eio_message = guarded  # what Flask-SocketIO's test client calls
    server.eio.on("message", guarded)  # what engine.io calls for every frame
    _guard_polling(server.eio)


def _close(eio, sid) -> None:
    socket = eio.sockets.get(sid)
    if socket is not None:
        socket.close(wait=False, reason=eio.reason.SERVER_DISCONNECT)


def payload_problem(body: bytes) -> str | None:
    """What is wrong with a long-polling POST body, as engine.io would read it (None: nothing)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    for encoded in text.split("\x1e"):
        if not encoded:
            return "empty packet"
        if encoded[0] == "b":
            try:
                base64.b64decode(encoded[1:], validate=True)
            except (binascii.Error, ValueError):
                return "bad base64 packet"
        elif encoded[0] not in _EIO_TYPES:
            return "unknown engine.io packet type"
    return None


def _guard_polling(eio) -> None:
    handle = eio.handle_request

    def guarded_request(environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            problem, length = None, environ.get("CONTENT_LENGTH") or "0"
            if not length.isdigit():
                problem = "bad Content-Length"
            elif int(length) <= eio.max_http_buffer_size:  # larger: engine.io refuses it itself
                body = environ["wsgi.input"].read(int(length))
                environ["wsgi.input"] = io.BytesIO(body)
                problem = payload_problem(body)
            if problem:
                refusals.refused("bad_frame", f"engine.io POST ({problem})", environ.get("REMOTE_ADDR"))
                sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [None])[0]
                if sid:
                    _close(eio, sid)
                start_response("400 BAD REQUEST", [("Content-Type", "text/plain")])
                return [b"Malformed frame"]
        return handle(environ, start_response)

    eio.handle_request = guarded_request
