export const NAV = [
  { href: "/", label: "Overview", icon: "M3 12l9-8 9 8M5 10v10h14V10" },
  { href: "/calendar", label: "Calendar", icon: "M4 6h16v14H4zM4 10h16M8 3v4M16 3v4" },
  { href: "/content", label: "Content", icon: "M5 4h14v16H5zM8 8h8M8 12h8M8 16h5" },
  { href: "/categories", label: "Categories", icon: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM16.5 13v7M13 16.5h7" },
  { href: "/approvals", label: "Approvals", icon: "M5 12l4 4 10-10" },
  { href: "/jobs", label: "Jobs", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/analytics", label: "Analytics", icon: "M5 20V10M12 20V4M19 20v-7" },
  { href: "/settings", label: "Settings", icon: "M12 8a4 4 0 100 8 4 4 0 000-8zM4 12h2M18 12h2M12 4v2M12 18v2" },
  { href: "/health", label: "Health", icon: "M3 12h4l3-7 4 14 3-7h4" },
] as const;
