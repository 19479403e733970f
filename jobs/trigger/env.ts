/** What every task needs inside a Trigger.dev worker: the database, the configured engine, the API. */
import crypto from "node:crypto";
import { getDatabase } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import type { JobEnv } from "../catalogue";
import { triggerClient } from "./client";

export async function taskEnv(kind: string): Promise<JobEnv> {
  const cfg = getConfig();
  const { db } = await getDatabase();
  const runnerId = `trigger:${kind}:${crypto.randomBytes(4).toString("hex")}`;
  return {
    db,
    engine: configuredEngine(db, runnerId),
    // A run passes, waits for what it claimed, and ends: no timers for rows due after it.
    dispatch: configuredDispatch({ intervalMs: undefined }),
    trigger: cfg.triggerSecretKey ? triggerClient({ secretKey: cfg.triggerSecretKey, baseURL: cfg.triggerApiUrl }) : null,
  };
}
