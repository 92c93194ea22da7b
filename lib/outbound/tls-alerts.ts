import { buildConnector } from "undici";

// TLS alerts a receiver sends after the handshake (TLS 1.3 reports a refused client certificate
// that way) reach the socket as an error, but undici reports the request as "other side closed".
// A connector that remembers each socket's TLS error lets guardedSend give the real reason.

const KEEP_MS = 30_000;
const alerts = new Map<string, Error>();

const keyOf = (info: { localAddress?: string; localPort?: number }) =>
  `${info.localAddress}|${info.localPort}`;

/** undici's connector for `options`, remembering TLS errors by the connection's local address. */
export function alertRecordingConnector(
  options: buildConnector.BuildOptions,
): buildConnector.connector {
  const connect = buildConnector(options);
  return (opts, callback) =>
    connect(opts, (...args) => {
      const socket = args[1];
      if (socket) {
        const key = keyOf(socket);
        socket.on("error", (e: Error & { code?: string }) => {
          if (!e.code?.startsWith("ERR_SSL_")) return;
          alerts.set(key, e);
          setTimeout(() => alerts.delete(key), KEEP_MS).unref();
        });
      }
      callback(...args);
    });
}

/** The TLS error of the connection an undici SocketError came from, if one was seen. */
export function tlsAlertOf(error: unknown): Error | undefined {
  const info = (error as { socket?: { localAddress?: string; localPort?: number } })?.socket;
  return info ? alerts.get(keyOf(info)) : undefined;
}
