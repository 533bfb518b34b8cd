// A TCP proxy in front of the real PostgreSQL, for faults a stopped server cannot show: a
// network that goes silent (packets dropped, connections neither answered nor closed). While
// frozen it accepts connections and holds every byte, in both directions, without a reply.
import net from "node:net";

export interface FreezableProxy {
  port: number;
  /** From now on nothing passes, on open connections or new ones. */
  freeze(): void;
  close(): Promise<void>;
}

export async function freezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    const pass = (from: net.Socket, to: net.Socket) => from.on("data", (chunk) => void (frozen || to.write(chunk)));
    pass(client, upstream);
    pass(upstream, client);
    for (const s of [client, upstream]) {
      s.on("error", () => {});
      s.on("close", () => {
        sockets.delete(s);
        if (!frozen) (s === client ? upstream : client).destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => void (frozen = true),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
