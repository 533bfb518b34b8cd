// What the join response hands the browser: which transport carries the call and how to reach it.
// Shared by server and client code, so no secrets and no server-only import here.

/** LiveKit path: the browser connects to `serverUrl` with a short-lived token for one room. */
export type ConnectionDetails = {
  transport: "livekit";
  serverUrl: string;
  roomName: string;
  participantToken: string;
  participantName: string;
};

/** Same shape as the DOM's RTCIceServer, declared here so server code needs no DOM types. */
export type IceServer = {
  urls: string | string[];
  username?: string;
  credential?: string;
};

/** "relay": every candidate goes through TURN, so neither member sees the other's address. */
export type IceTransportPolicy = "all" | "relay";

/** Direct path: browser-to-browser WebRTC, signalled through the app. */
export type DirectConnection = {
  transport: "direct";
  roomName: string;
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy;
};

export type MediaConnection = ConnectionDetails | DirectConnection;
