/** Plain data the templates screen hands to its client components. */
export interface PlatformOption {
  id: string;
  name: string;
}

export interface TemplateVersionItem {
  version: number;
  name: string;
  body: string;
  platforms: string[];
  tags: string[];
  by: string | null;
  /** Formatted on the server in the person's zone. */
  when: string;
}

export interface TemplateItem {
  id: string;
  name: string;
  body: string;
  variables: string[];
  platforms: string[];
  tags: string[];
  version: number;
  versions: TemplateVersionItem[];
}

export interface HashtagGroupItem {
  id: string;
  name: string;
  hashtags: string[];
  platforms: string[];
}

export interface SignatureItem {
  id: string;
  name: string;
  body: string;
  platform: string | null;
}

export const platformNames = (ids: string[], options: PlatformOption[]) =>
  ids.length ? ids.map((id) => options.find((o) => o.id === id)?.name ?? id).join(", ") : "All platforms";
