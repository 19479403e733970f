import NextAuth from "next-auth";
import { authOptions } from "@/app/_server/nextauth";

// Built per request so settings loaded at start (secret kept in DATA_DIR) are in place.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
