/**
 * What connecting each platform takes, in plain words: where the app or token is made, what to
 * paste where, and what to do when the platform refuses. Plain data shared by the connect screen,
 * the verify messages and the README's table; the scopes and the redirect URI come from the
 * adapters and this server's address at render time, so they cannot drift.
 */
import type { PlatformId } from "@/adapters/types";

export interface Link {
  label: string;
  href: string;
}

export interface Guide {
  /** One sentence: what the account is and what we need. */
  summary: string;
  /** Where the app or token is made (real portal pages). */
  links: Link[];
  /** Steps, in order, for the token path (and the app registration for OAuth). */
  steps: string[];
  /** OAuth: "recommended" shows it first; "available" offers it beside the token form. */
  oauth: "recommended" | "available" | "none";
  /** Which app type / registration the OAuth path needs, when any. */
  oauthSteps?: string[];
  /** What to do when the platform refuses the credentials. */
  fixAuth: string;
}

const META_APPS: Link = { label: "Meta for Developers → My Apps", href: "https://developers.facebook.com/apps/" };

export const GUIDES: Record<PlatformId, Guide> = {
  x: {
    summary:
      "Posts to one X (Twitter) user through your own X developer app. Signing in with X (OAuth 2.0 with PKCE) is the reliable way: X access tokens expire after about two hours and the sign-in gives a refresh token that keeps the account working.",
    links: [{ label: "X Developer Portal → Projects & Apps", href: "https://developer.x.com/en/portal/dashboard" }],
    oauth: "recommended",
    oauthSteps: [
      "In the X Developer Portal open your app → User authentication settings → Set up.",
      "App permissions: Read and write. Type of App: Web App, Automated App or Bot (it gets a client secret) or Native App (no secret).",
      "Callback URI / Redirect URL: paste the redirect URI below, exactly. Website URL: this server's address.",
      "Save, then copy the OAuth 2.0 Client ID (and Client Secret, if shown) from Keys and tokens into the form.",
    ],
    steps: [
      "Keys and tokens → OAuth 2.0: generate a user access token for your account with the scopes below (the Bearer Token of the app cannot post).",
      "A refresh token needs the app's OAuth 2.0 Client ID too: without it the account stops working after about two hours.",
    ],
    fixAuth:
      "the token is wrong or expired — connect again with “Sign in with X”, or create a new token in the X Developer Portal (developer.x.com → Projects & Apps → Keys and tokens)",
  },
  linkedin: {
    summary: "Posts as a LinkedIn member or organization page through your LinkedIn app (OAuth 2.0).",
    links: [{ label: "LinkedIn Developers → My apps", href: "https://www.linkedin.com/developers/apps" }],
    oauth: "recommended",
    oauthSteps: [
      "Create an app at LinkedIn Developers, then under Products add “Share on LinkedIn” (and “Sign In with LinkedIn using OpenID Connect”).",
      "Auth tab → OAuth 2.0 settings → Authorized redirect URLs for your app: add the redirect URI below.",
      "Copy the Client ID and Primary Client Secret from the Auth tab into the form.",
    ],
    steps: [
      "Auth tab → OAuth 2.0 tools → Create token, with the scopes below; paste the access token and the author URN (urn:li:person:… or urn:li:organization:…).",
    ],
    fixAuth:
      "the token is wrong, expired (LinkedIn tokens last 60 days) or lacks w_member_social — connect again, or create a new token at linkedin.com/developers/apps → Auth",
  },
  threads: {
    summary: "Posts to a Threads profile through a Meta app with the Threads API use case.",
    links: [META_APPS, { label: "Threads API: get started", href: "https://developers.facebook.com/docs/threads/get-started" }],
    oauth: "recommended",
    oauthSteps: [
      "Create an app at Meta for Developers with the “Access the Threads API” use case.",
      "Use cases → Access the Threads API → Settings: add the redirect URI below to Redirect Callback URLs.",
      "Copy the Threads App ID and Threads App Secret (App settings → Basic) into the form.",
    ],
    steps: ["Or generate a user token with the Graph API Explorer / User Token Generator under the Threads use case, with the scopes below."],
    fixAuth: "the Threads token is wrong or expired — connect again, or make a new token in your Meta app (developers.facebook.com/apps → Threads use case)",
  },
  devto: {
    summary: "Publishes articles to DEV (dev.to) with a personal API key.",
    links: [{ label: "dev.to → Settings → Extensions", href: "https://dev.to/settings/extensions" }],
    oauth: "none",
    steps: [
      "Open dev.to → Settings → Extensions → DEV Community API Keys.",
      "Enter a description (e.g. “Scheduler”), press Generate API Key and paste it below.",
    ],
    fixAuth: "the API key is wrong or was revoked — generate a new one at dev.to/settings/extensions",
  },
  medium: {
    summary: "Publishes to Medium with an integration token (Medium no longer issues new ones to most writers; existing tokens keep working).",
    links: [{ label: "Medium → Settings → Security and apps", href: "https://medium.com/me/settings/security" }],
    oauth: "none",
    steps: ["Medium → Settings → Security and apps → Integration tokens: enter a description and press Get token.", "Paste the token below."],
    fixAuth: "the integration token is wrong or was revoked — make a new one at medium.com/me/settings/security → Integration tokens",
  },
  mastodon: {
    summary: "Posts to an account on any Mastodon server. Signing in registers this app on your server for you; or paste a token made on the server.",
    links: [{ label: "Your server → Preferences → Development", href: "https://mastodon.social/settings/applications" }],
    oauth: "recommended",
    oauthSteps: [
      "Enter your server's address (e.g. https://mastodon.social) and sign in there: no app to create, the client is registered on your server for this redirect URI.",
    ],
    steps: [
      "On your server: Preferences → Development → New application (at https://<your server>/settings/applications).",
      "Give it the scopes below, save, open it and copy “Your access token”.",
    ],
    fixAuth: "the server refused the token — check the server address, or make a new token under Preferences → Development on your server",
  },
  bluesky: {
    summary: "Posts to a Bluesky account with an app password (never your main password). Self-hosted PDS? Enter its address.",
    links: [{ label: "Bluesky → Settings → Privacy and security → App passwords", href: "https://bsky.app/settings/app-passwords" }],
    oauth: "none",
    steps: [
      "In Bluesky open Settings → Privacy and security → App passwords → Add App Password.",
      "Name it (e.g. “Scheduler”), copy the password (xxxx-xxxx-xxxx-xxxx) and paste it below with your handle.",
    ],
    fixAuth: "the handle or app password is wrong, or the password was revoked — make a new app password at bsky.app/settings/app-passwords",
  },
  facebook: {
    summary: "Posts to a Facebook Page you manage, through a Meta app (Facebook Login for Business).",
    links: [META_APPS, { label: "Graph API Explorer", href: "https://developers.facebook.com/tools/explorer/" }],
    oauth: "available",
    oauthSteps: [
      "Create a Business app at Meta for Developers and add Facebook Login for Business.",
      "Facebook Login for Business → Settings → Valid OAuth Redirect URIs: add the redirect URI below.",
      "Copy the App ID and App Secret (App settings → Basic) into the form, and enter the Page id.",
    ],
    steps: [
      "In the Graph API Explorer choose your app, request pages_manage_posts and pages_show_list, then pick your Page under “User or Page” to get a Page access token.",
      "The Page id is on the Page's About → Page transparency, or in the Explorer's answer to /me/accounts.",
    ],
    fixAuth:
      "the Page token is wrong or expired — make a new Page access token in the Graph API Explorer (developers.facebook.com/tools/explorer), or connect again",
  },
  instagram: {
    summary: "Publishes images to an Instagram Business or Creator account linked to a Facebook Page, through a Meta app.",
    links: [
      META_APPS,
      { label: "Instagram API with Facebook Login", href: "https://developers.facebook.com/docs/instagram-platform/instagram-api-with-facebook-login" },
    ],
    oauth: "available",
    oauthSteps: [
      "In your Meta app add Facebook Login for Business and the Instagram product.",
      "Facebook Login for Business → Settings → Valid OAuth Redirect URIs: add the redirect URI below.",
      "Copy the App ID and App Secret into the form, and enter the Instagram user id.",
    ],
    steps: [
      "In the Graph API Explorer request instagram_basic and instagram_content_publish, then read the Instagram user id from /me/accounts?fields=instagram_business_account.",
    ],
    fixAuth: "the token is wrong, expired or lacks instagram_content_publish — connect again, or make a new one in the Graph API Explorer",
  },
  wordpress: {
    summary: "Publishes posts to your WordPress site with an Application Password (WordPress 5.6+, over HTTPS).",
    links: [{ label: "Your site → Users → Profile → Application Passwords", href: "https://wordpress.org/documentation/article/application-passwords/" }],
    oauth: "none",
    steps: [
      "In your site's admin open Users → Profile (wp-admin/profile.php) → Application Passwords.",
      "Enter a name (e.g. “Scheduler”), press Add New Application Password, and paste it below with your user name.",
    ],
    fixAuth:
      "the user name or application password is wrong, or the password was revoked — add a new one under Users → Profile → Application Passwords on your site",
  },
  webhook: {
    summary: "Sends each post as signed JSON to a URL you run. A test ping is sent when you save, signed with your secret.",
    links: [],
    oauth: "none",
    steps: ["Enter the receiver's URL and a long random signing secret; the receiver checks X-Signature: sha256=<HMAC of the body> with the same secret."],
    fixAuth: "the receiver refused the signature — make sure it uses the same signing secret, then save it again",
  },
  sandbox: {
    summary: "A practice account: posts land in a local table you can read, nothing leaves this server.",
    links: [],
    oauth: "none",
    steps: ["Nothing to set up: give it a name."],
    fixAuth: "check the account again",
  },
};

/** The second half of a failed verify's message: what the person can do about it. */
export function verifyAdvice(platform: string): { auth: string; other: string } {
  const g = GUIDES[platform as PlatformId];
  return { auth: g?.fixAuth ?? "reconnect the account or enter new credentials", other: "check the account's settings, then save them again" };
}
