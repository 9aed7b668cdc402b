#!/usr/bin/env python3
"""A TCP proxy that delays every chunk by half the round trip in each direction: a far cluster.

Usage: latency_proxy.py LISTEN_PORT TARGET_HOST:PORT RTT_MS   (binds 127.0.0.1 only)
TLS passes through untouched; every tool under test talks to the API server through it alike.
"""
import asyncio
import sys

listen, target, rtt = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) / 1000.0
host, port = target.rsplit(":", 1)


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            await asyncio.sleep(rtt / 2)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
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
