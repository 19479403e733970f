import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/database";
import { log } from "@/lib/log";
import { signInSchema } from "@/lib/validation/identity";
import { authenticate, SecondFactorError, ThrottledError } from "@/lib/auth/signin";
import { readSessionRefreshTicket } from "@/lib/auth/session-check";
import { clientAddress } from "@/lib/auth/client-address";

function forwardedFor(headers: Record<string, unknown> | undefined): string | null {
  const fwd = headers?.["x-forwarded-for"];
  return typeof fwd === "string" ? fwd : null;
}

/**
 * next-auth (v4) with email + password (+ a code with two-factor sign-in). Sessions are JWTs
 * carrying the user id and their session version (checked on every request, see session-check.ts).
 */
export function authOptions(): NextAuthOptions {
  const cfg = getConfig();
  return {
    secret: cfg.nextauthSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          try {
            const user = await authenticate(
              await getDb(),
              { maxFailures: cfg.authMaxFailedAttempts, lockoutMinutes: cfg.authLockoutMinutes },
              parsed.data.email,
              parsed.data.password,
              clientAddress(forwardedFor(req?.headers as Record<string, unknown> | undefined), cfg.trustProxyHops),
              parsed.data.code,
            );
            return user ? { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion } : null;
          } catch (err) {
            // next-auth passes an Error's message to the client as `error`: say why, in words.
            if (err instanceof ThrottledError) throw new Error(err.message);
            // The sign-in page shows the code field on these codes (see SignInForm).
            if (err instanceof SecondFactorError) throw new Error(`two_factor:${err.reason}`);
            // Anything else stays in the log: its text may hold query details.
            log.error("sign-in failed", { err });
            throw new Error("Sign-in is unavailable right now. Try again in a moment.");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user, trigger, session }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sv?: number }).sv ?? 0;
        }
        // The session that changed its own password carries the new version over with a ticket
        // the server handed it; without one, an update cannot revive an ended session.
        if (trigger === "update" && typeof token.uid === "string") {
          const v = readSessionRefreshTicket(cfg.nextauthSecret, token.uid, (session as { refresh?: unknown } | undefined)?.refresh);
          if (v !== null) token.sv = v;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") {
          (session.user as { id?: string }).id = token.uid;
          (session.user as { sv?: number }).sv = typeof token.sv === "number" ? token.sv : 0;
        }
        return session;
      },
    },
  };
}
