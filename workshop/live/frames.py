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
"""
from __future__ import annotations

from socketio import packet as sio_packet

from ..refusallog import refusals


class MalformedFrame(ValueError):
    """A frame that is not one a Socket.IO client of Mesa sends."""


class SafePacket(sio_packet.Packet):
    """Socket.IO's packet, refusing on decoding what Mesa's clients never send."""

    #: Mesa sends and receives no binary attachments.
    uses_binary_events = False

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
                server.eio.disconnect(eio_sid)
            else:  # no engine.io socket (Flask-SocketIO's test client): end the namespaces
                server._handle_eio_disconnect(eio_sid, server.reason.SERVER_DISCONNECT)

    guarded.mesa_guarded = True
    server._handle_eio_message = guarded  # what Flask-SocketIO's test client calls
    server.eio.on("message", guarded)  # what engine.io calls for every frame
