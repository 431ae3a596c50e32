"""A real SMTP server (aiosmtpd) on a free local port that keeps what it receives."""

import email
import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for message in self.messages]

    def subjects(self) -> list[str]:
        return [message["Subject"] for message in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """Started and stopped at will on one port: stopped, the port refuses."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.sink = Sink()
        self.controller: Controller | None = None

    def start(self):
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@contextmanager
def smtp_server():
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
