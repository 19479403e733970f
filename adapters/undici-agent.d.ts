/** The Agent module of the undici package, imported on its own (see transport.ts). */
declare module "undici/lib/dispatcher/agent" {
  import type { Agent } from "undici";
  const AgentImpl: typeof Agent;
  export default AgentImpl;
}
