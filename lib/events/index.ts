/**
 * The app-wide event log: what happened (publishing, scheduling, approvals), written in the same
 * transaction as the change itself and announced to every process (db/queries/events.ts stores
 * and NOTIFYs), then handed out once to each consumer (consume.ts: webhooks, notifications) and
 * streamed live to open pages (stream.ts: server-sent events, replaying after Last-Event-ID).
 */
export { emitEvent, eventsSince, pruneEvents, type EventType, type PublishingEvent } from "@/db/queries/events";
