import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { getDb } from "@/db";
import { log } from "@/lib/log";
import { signInSchema } from "@/lib/validation/identity";
import { authenticate, ThrottledError } from "@/lib/auth/signin";
import { clientAddress } from "@/lib/auth/client-address";

function forwardedFor(headers: Record<string, unknown> | undefined): string | null {
  const fwd = headers?.["x-forwarded-for"];
  return typeof fwd === "string" ? fwd : null;
}

/** next-auth (v4) with email + password. Sessions are JWTs carrying the user id only. */
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
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
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
            );
            return user ? { id: user.id, email: user.email, name: user.name } : null;
          } catch (err) {
            // next-auth passes an Error's message to the client as `error`: say why, in words.
            if (err instanceof ThrottledError) throw new Error(err.message);
            // Anything else stays in the log: its text may hold query details.
            log.error("sign-in failed", { err });
            throw new Error("Sign-in is unavailable right now. Try again in a moment.");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
  };
}
