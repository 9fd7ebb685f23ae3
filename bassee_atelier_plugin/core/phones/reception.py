"""The phones' server's connections: all held by one thread, their requests answered by a bounded pool.

http.server's ThreadingHTTPServer gives each connection a thread for as long as it stays
open, so 200 clients that trickle a byte at a time hold 200 threads, and a backlog of 5
stalls a room arriving at once. Here one thread (an asyncio loop) holds every connection
and reads each request whole, within deadlines counted in total, not per packet; only then
does a worker of a small pool answer it. A slow client costs a buffer, never a worker. The
request is still parsed and answered by http.server's BaseHTTPRequestHandler
(:class:`~bassee_atelier_plugin.core.phones.handler.Exchange`), in memory: only what QGIS
ships is needed.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus

from bassee_atelier_plugin.core.phones.handler import Exchange, Phones, refusal
from bassee_atelier_plugin.toolbelt.i18n import tr
from bassee_atelier_plugin.toolbelt.log import log

BACKLOG = 128  # fifty phones arriving at once, with room to spare
WORKERS = 8  # the desk writes one request at a time; the rest is JSON and a cached picture
HEAD_LIMIT = 65_536  # the request line and its headers; a phone's are about 1 KB
CONNECTIONS_LIMIT = 512  # below the 1024 files a process may open on most systems
CONNECTIONS_PER_ADDRESS = 32  # a browser opens about six
LINGER_S = 2.0  # after a refusal, what the client still sends is read and dropped, so its answer is not lost


@dataclass(frozen=True)
class Deadlines:
    """How long a client has, in total, for each part of a request; a slow one is cut, not waited for."""

    head: float = 10.0  # from the connection's opening (or its previous answer) to its request's last header
    body: float = 60.0  # a photo over a crowded room's Wi-Fi
    answer: float = 30.0  # a client that does not read its answer


class Reception:
    """Listens on ``host``:``port`` (bound at once: OSError if it cannot), serves from :meth:`start` to :meth:`stop`."""

    def __init__(self, host: str, port: int, phones: Phones, deadlines: Deadlines = Deadlines()):
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0][0]
        self._socket = socket.create_server((host, port), family=family, backlog=BACKLOG)
        self.server_address = self._socket.getsockname()
        self._phones = phones
        self._deadlines = deadlines
        self._loop = asyncio.new_event_loop()
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="phone-worker")
        self._connections: Counter[str] = Counter()  # open connections by client address
        self._open: dict[asyncio.Task, asyncio.StreamWriter] = {}  # each connection's task, and its writer
        self._thread: threading.Thread | None = None
        self._stopping = False

    def start(self) -> None:
        self._loop.set_exception_handler(_log_loop_error)
        start = asyncio.start_server(self._accepted, sock=self._socket, limit=HEAD_LIMIT, backlog=BACKLOG)
        self._listening = self._loop.run_until_complete(start)  # listening before start returns
        self._thread = threading.Thread(target=self._serve, name="phone-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close the port and every connection; a request being answered is finished first."""
        if self._thread is None:
            self._socket.close()
            self._loop.close()
            self._pool.shutdown()
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._thread = None

    def _serve(self) -> None:
        loop = self._loop
        loop.run_forever()
        self._stopping = True
        self._listening.close()
        loop.run_until_complete(self._cancel_connections())
        self._pool.shutdown(cancel_futures=True)  # before the loop closes: a worker's end calls back into it
        loop.run_until_complete(asyncio.sleep(0))  # the connections' closing, and the workers' last calls
        loop.close()

    async def _cancel_connections(self) -> None:
        """Every connection closed, down to those accepted as the loop stopped, whose tasks had not started."""
        while True:
            for task, writer in self._open.items():
                writer.transport.abort()
                task.cancel()
            others = asyncio.all_tasks() - {asyncio.current_task()}
            if not others:
                return
            await asyncio.gather(*others, return_exceptions=True)

    def _accepted(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._stopping:
            writer.transport.abort()
            return
        task = self._loop.create_task(self._connection(reader, writer))
        self._open[task] = writer
        task.add_done_callback(self._open.pop)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client = writer.get_extra_info("peername")[:2]
        self._connections[client[0]] += 1
        crowded = self._connections[client[0]] > CONNECTIONS_PER_ADDRESS
        try:
            if crowded or sum(self._connections.values()) > CONNECTIONS_LIMIT:
                await self._refuse(writer, client, HTTPStatus.SERVICE_UNAVAILABLE, "Too many connections.")
                return
            while await self._exchange(reader, writer, client):
                pass
        except (ConnectionError, asyncio.TimeoutError):
            pass  # the client left, or stopped reading its answer
        except Exception as error:  # noqa: BLE001 - a fault of this module: logged, the connection closed, no traceback
            log(tr("The phones' server failed on a connection: {error!r}").format(error=error))
        finally:
            self._connections[client[0]] -= 1
            if not self._connections[client[0]]:
                del self._connections[client[0]]
            await self._close(reader, writer)

    async def _close(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Say the end, drop what the client still sends until it closes too (or LINGER_S), then close.

        Closing with a request's unread body in the socket would answer it with a reset, which
        can reach the client before the refusal it was sent: the refusal would be lost.
        """
        try:
            if not self._stopping:
                if writer.can_write_eof():
                    writer.write_eof()
                await asyncio.wait_for(_drop_until_closed(reader), LINGER_S)
        except (OSError, asyncio.TimeoutError):
            pass
        finally:
            writer.transport.abort()  # no waiting on a client that does not read

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, client: tuple) -> bool:
        """One request read and answered; whether the connection stays open for the next."""
        head = await self._head(reader, writer, client)
        if head is None:
            return False
        exchange = Exchange(self._phones, client)
        length = exchange.admit(head)
        await self._say(writer, exchange.output())  # a refusal, or "100 Continue"
        if length is None:
            return False
        try:
            body = await asyncio.wait_for(reader.readexactly(length), self._deadlines.body)
        except asyncio.IncompleteReadError:
            await self._refuse(writer, client, HTTPStatus.BAD_REQUEST, "The body is shorter than its Content-Length.")
            return False
        except asyncio.TimeoutError:
            await self._refuse(writer, client, HTTPStatus.REQUEST_TIMEOUT, "The body took too long to arrive.")
            return False
        await asyncio.get_running_loop().run_in_executor(self._pool, exchange.answer, body)
        await self._say(writer, exchange.output())
        return not exchange.close_connection

    async def _head(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, client: tuple) -> bytes | None:
        """The request line and headers; None (and the connection closed) if none came, or not in time."""
        started = time.monotonic()
        try:  # an idle kept-alive connection is closed without a word
            first = await asyncio.wait_for(reader.readexactly(1), self._deadlines.head)
        except (asyncio.IncompleteReadError, asyncio.TimeoutError):
            return None
        left = self._deadlines.head - (time.monotonic() - started)
        try:
            return first + await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), max(left, 0.001))
        except asyncio.IncompleteReadError:
            return None  # the client left in the middle of its request: nobody to answer
        except asyncio.LimitOverrunError:
            message = "The request's headers are too large."
            await self._refuse(writer, client, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, message)
        except asyncio.TimeoutError:
            await self._refuse(writer, client, HTTPStatus.REQUEST_TIMEOUT, "The request took too long to arrive.")
        return None

    async def _refuse(self, writer: asyncio.StreamWriter, client: tuple, status: HTTPStatus, message: str) -> None:
        await self._say(writer, refusal(self._phones, client, status, message))

    async def _say(self, writer: asyncio.StreamWriter, said: bytes) -> None:
        if said:
            writer.write(said)
            await asyncio.wait_for(writer.drain(), self._deadlines.answer)


async def _drop_until_closed(reader: asyncio.StreamReader) -> None:
    while await reader.read(65_536):
        pass


def _log_loop_error(_loop: asyncio.AbstractEventLoop, context: dict) -> None:
    """What asyncio would print with a traceback (a full table of open files, say) goes to the log, in one line."""
    log(tr("The phones' server: {problem}").format(problem=context.get("exception") or context.get("message")))
