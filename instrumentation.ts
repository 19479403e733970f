export async function register() {
  // Only the Node.js server boots the app; the build's workers and the edge runtime do not.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./jobs/boot");
  await bootServer();
}
