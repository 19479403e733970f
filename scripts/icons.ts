/**
 * Draws the app's icons as PNGs from one SVG: the home-screen icons the web app manifest names
 * (192 and 512 px, and maskable ones whose calendar sits inside the safe circle) and the Apple
 * touch icon. The same drawing as app/icon.svg, the browser tab's icon. Rendered with next/og (no
 * native build); the PNGs are committed, so run this again after changing the drawing:
 *   npx tsx scripts/icons.ts
 */
import { writeFile } from "node:fs/promises";
import { createElement } from "react";
import { ImageResponse } from "next/og";

const BLUE = "#2563eb";
const DARK_BLUE = "#1e40af";
/** The calendar: 18 × 16 units centred on (16, 17) of a 32-unit square. */
const CALENDAR = `<rect x="7" y="9" width="18" height="16" rx="2" fill="#fff"/><rect x="7" y="9" width="18" height="4" fill="${DARK_BLUE}"/><circle cx="12" cy="18" r="2" fill="${BLUE}"/>`;

/**
 * "any": the rounded tile of app/icon.svg. "full": a square tile with the calendar shrunk to fit
 * the middle 80 % circle that a maskable icon keeps whatever shape the launcher cuts (and that iOS
 * rounds itself).
 */
function svg(kind: "any" | "full"): string {
  const tile = kind === "any" ? `<rect width="32" height="32" rx="6" fill="${BLUE}"/>` : `<rect width="32" height="32" fill="${BLUE}"/>`;
  const calendar = kind === "any" ? CALENDAR : `<g transform="translate(16 16) scale(0.8) translate(-16 -17)">${CALENDAR}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${tile}${calendar}</svg>`;
}

async function png(kind: "any" | "full", size: number): Promise<Buffer> {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg(kind)).toString("base64")}`;
  const image = createElement(
    "div",
    { style: { display: "flex", width: "100%", height: "100%" } },
    createElement("img", { src, width: size, height: size, alt: "" }),
  );
  return Buffer.from(await new ImageResponse(image, { width: size, height: size }).arrayBuffer());
}

const files: [string, "any" | "full", number][] = [
  ["public/icons/icon-192.png", "any", 192],
  ["public/icons/icon-512.png", "any", 512],
  ["public/icons/maskable-192.png", "full", 192],
  ["public/icons/maskable-512.png", "full", 512],
  ["app/apple-icon.png", "full", 180],
];

async function main() {
  for (const [path, kind, size] of files) {
    await writeFile(path, await png(kind, size));
    console.log(`${path}: ${size}×${size}`);
  }
}

void main();
