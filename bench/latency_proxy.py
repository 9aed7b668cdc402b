#!/usr/bin/env python3
"""A TCP proxy that delays every byte by half the round trip in each direction: a far cluster.

Usage: latency_proxy.py LISTEN_PORT TARGET_HOST:PORT RTT_MS   (binds 127.0.0.1 only)
TLS passes through untouched; every tool under test talks to the API server through it alike.
Latency, not bandwidth: chunks keep flowing while earlier ones wait out their delay, so requests
multiplexed on one HTTP/2 connection (client-go, converge) are not serialised by the proxy.
"""
import asyncio
import sys

listen, target, rtt = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) / 1000.0
host, port = target.rsplit(":", 1)


async def pipe(reader, writer):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def read():
        try:
            while True:
                data = await reader.read(65536)
                await queue.put((loop.time() + rtt / 2, data))
                if not data:
                    break
        except (ConnectionError, asyncio.CancelledError):
            await queue.put((loop.time(), b""))

    reading = asyncio.ensure_future(read())
    try:
        while True:
            due, data = await queue.get()
            if not data:
                break
            await asyncio.sleep(max(0.0, due - loop.time()))
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        reading.cancel()
        writer.close()


async def handle(client_reader, client_writer):
    try:
        server_reader, server_writer = await asyncio.open_connection(host, int(port))
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


asyncio.run(main())
