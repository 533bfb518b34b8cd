// A local push service (what FCM or Mozilla's autopush are to a browser) and a browser's side of
// Web Push encryption, so the server's sending is tested over real HTTPS with the real
// `web-push` library, and each message is decrypted the way a browser would (RFC 8291 on top of
// RFC 8188's aes128gcm), with node:crypto only.
import { createECDH, createDecipheriv, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { routePushHostForTests } from "@/lib/push/delivery";

// A self-signed certificate for *.meetcute.test, localhost and 127.0.0.1, valid for a century.
const FIXTURES = path.join(import.meta.dirname, "fixtures");
export const fakePushCert = readFileSync(path.join(FIXTURES, "fake-push-service.crt"));
export const fakePushKey = readFileSync(path.join(FIXTURES, "fake-push-service.key"));
const cert = fakePushCert;
const key = fakePushKey;

/** The host test endpoints name; lib/push/delivery.ts routes it to the fake service's port. */
export const FAKE_PUSH_HOST = "push.meetcute.test";

export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Starts the fake push service on a free port. `reply(path)` picks each answer's status (201,
 * the push services' "accepted", by default). Endpoints name FAKE_PUSH_HOST, which the push
 * delivery routes to this service (trusting its certificate) while it runs.
 */
export async function fakePushService(reply: (path: string) => number = () => 201) {
  const requests: PushRequest[] = [];
  let gate: Promise<void> = Promise.resolve();
  const server = createServer({ cert, key }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
    await gate;
    res.writeHead(reply(req.url ?? "")).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  routePushHostForTests(FAKE_PUSH_HOST, { port, ca: cert });
  return {
    /** A device's endpoint on this service. */
    endpoint: (device: string) => `https://${FAKE_PUSH_HOST}/push/${device}`,
    requests,
    /** Answers nothing until `released` settles (a slow push service). */
    holdUntil: (released: Promise<void>) => {
      gate = released;
    },
    close: async () => {
      routePushHostForTests(FAKE_PUSH_HOST, null);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A browser's subscription keys: an ECDH P-256 key pair and a 16-byte auth secret. */
export function browserKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    /** As the browser's PushSubscription.toJSON() gives them. */
    json: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
  };
}

/** Decrypts one Web Push message body with the browser's keys (RFC 8291 / RFC 8188). */
export function decryptPushMessage(body: Buffer, keys: ReturnType<typeof browserKeys>): string {
  // RFC 8188 header: salt (16) | record size (4) | key id length (1) | key id = sender's key.
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (record.length > recordSize) throw new Error("expected a single record");

  // RFC 8291 §3.4: the input keying material mixes the ECDH secret with the auth secret.
  const ecdhSecret = keys.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), keys.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, keys.auth, keyInfo, 32));
  // RFC 8188 §2.2–2.3: content-encryption key and nonce.
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));

  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 0x02) throw new Error("missing the last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

/**
 * Checks a message's VAPID authorization (RFC 8292): `vapid t=<JWT>, k=<public key>`, the JWT
 * signed with ES256 by that key, for the push service's origin. Returns the JWT's claims.
 */
export function verifyVapid(authorization: string, publicKey: string): { aud: string; sub: string; exp: number } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, jwt, k] = match;
  if (k !== publicKey) throw new Error("signed with another key");
  const [header, claims, signature] = jwt.split(".");
  const raw = Buffer.from(k, "base64url");
  const jwk = { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") };
  const ok = verify("sha256", Buffer.from(`${header}.${claims}`), { key: createPublicKey({ key: jwk, format: "jwk" }), dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!ok) throw new Error("bad VAPID signature");
  return JSON.parse(Buffer.from(claims, "base64url").toString("utf8"));
}
