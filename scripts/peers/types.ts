/**
 * What the real-server scripts hand to tests. Each peer starts on loopback with fresh data and a
 * free port, and `stop()` ends it and removes that data. Installs are cached under `.peers/`.
 */
export interface WordPressPeer {
  /** Site origin, e.g. `http://127.0.0.1:41234` (REST under `/wp-json/`). */
  url: string;
  /** An administrator's login name. */
  username: string;
  /** That user's login password (refused by the REST API over Basic auth). */
  password: string;
  /** An Application Password of that user (what the adapter uses). */
  appPassword: string;
  stop(): Promise<void>;
}

export interface BlueskyPeer {
  /** PDS origin, e.g. `http://127.0.0.1:41235`. */
  url: string;
  /** The did:plc directory the PDS uses. */
  plcUrl: string;
  /** The test account's handle (e.g. `alice.test`), its DID and login password. */
  handle: string;
  did: string;
  password: string;
  /** An app password of that account (what the adapter uses). */
  appPassword: string;
  stop(): Promise<void>;
}

/** Serialisable description of running peers (what a test process receives). */
export interface PeersInfo {
  wordpress: Omit<WordPressPeer, "stop">;
  bluesky: Omit<BlueskyPeer, "stop">;
}
