/** The worker under test: `scripts/worker.ts` as a child process that can be killed with -9. */
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

/** One `scripts/worker.ts` process in a process group of its own (tsx's esbuild helper included). */
export class WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly startedAt = Date.now();
  readonly exited: Promise<void>;
  alive = true;
  /** Its runner's id, from its heartbeat row once it runs (leases and attempts carry it). */
  runnerId: string | null = null;

  constructor(root: string, env: NodeJS.ProcessEnv, onLine: (line: string, stream: "out" | "err") => void) {
    this.child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "worker.ts")], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    if (this.child.pid === undefined) throw new Error("could not start the worker");
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    void this.exited.then(() => (this.alive = false));
    const split = (stream: "out" | "err") => {
      let rest = "";
      return (chunk: Buffer) => {
        rest += chunk.toString("utf8");
        const lines = rest.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) onLine(line, stream);
      };
    };
    this.child.stdout?.on("data", split("out"));
    this.child.stderr?.on("data", split("err"));
  }

  /** kill -9 of the whole group; resolves once the worker is gone. */
  async kill(): Promise<void> {
    if (this.alive) {
      try {
        process.kill(-this.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await this.exited;
  }

  /** SIGTERM (the worker's own clean stop), SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    try {
      process.kill(this.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => void this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
    // Whatever else the group held (esbuild's service) goes with it.
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      /* none left */
    }
  }
}
