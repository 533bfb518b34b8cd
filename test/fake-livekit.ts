// A local HTTP server that answers livekit-server-sdk's Twirp requests (CreateRoom, DeleteRoom,
// RemoveParticipant…) the way a LiveKit server would, so room management is tested over real
// HTTP with the real SDK. There is no LiveKit server on these machines.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeReply = { status: number; body: unknown };

export async function fakeLiveKit(reply: (method: string) => FakeReply = () => ({ status: 200, body: {} })) {
  const requests: { method: string; authorization: string; body: Record<string, unknown> }[] = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const method = (req.url ?? "").split("/").pop() ?? "";
    requests.push({ method, authorization: req.headers.authorization ?? "", body: JSON.parse(raw) });
    const { status, body } = reply(method);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
