// What the join response hands the browser (which transport carries the call and how to reach
// it), and the state of the call's media whichever transport carries it. Shared by server and
// browser code, so no secrets, no server-only import and no browser-only one here.

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

/** Where the call's media stands, whichever transport carries it (the call page's words derive from it). */
export type TransportState =
  /** Setting up, or waiting for the other member's media. */
  | "connecting"
  | "connected"
  /** Was connected, lost it, trying to get it back. */
  | "reconnecting"
  /** The other member left the call (their page closed or they navigated away). */
  | "peer-left"
  /** Could not connect, or could not get the connection back. */
  | "failed";
