/** What every task needs inside a Trigger.dev worker: the database and the configured engine. */
import crypto from "node:crypto";
import { getDatabase } from "@/db";
import { getConfig } from "@/lib/config";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import { triggerClient } from "./client";

export async function taskEnv(kind: string) {
  const cfg = getConfig();
  const { db } = await getDatabase();
  const runnerId = `trigger:${kind}:${crypto.randomBytes(4).toString("hex")}`;
  return {
    db,
    deps: configuredEngine(db, runnerId),
    dispatch: configuredDispatch(),
    leaseSeconds: cfg.jobs.leaseSeconds,
    client: cfg.triggerSecretKey ? triggerClient({ secretKey: cfg.triggerSecretKey, baseURL: cfg.triggerApiUrl }) : null,
  };
}
