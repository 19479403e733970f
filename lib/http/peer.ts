/**
 * The header the server's front door (scripts/serve.ts) sets to the socket's peer address,
 * replacing anything a client sent under that name. Limits per address read it (lib/rate-limit.ts).
 */
export const PEER_ADDRESS_HEADER = "x-scheduler-peer-address";
