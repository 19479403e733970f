"use client";
import { useTransition, useState } from "react";
import { switchWorkspaceAction } from "@/app/_actions/workspace";

export interface WorkspaceOption {
  id: string;
  name: string;
  role: string;
}

export function WorkspaceSwitcher({ workspaces, currentId }: { workspaces: WorkspaceOption[]; currentId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor="workspace-switcher" className="sr-only">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        className="input max-w-[11rem] truncate py-1.5 sm:max-w-xs"
        value={currentId}
        disabled={pending || workspaces.length < 2}
        onChange={(e) => {
          const id = e.target.value;
          start(async () => {
            const res = await switchWorkspaceAction({ workspaceId: id });
            if (!res.ok) setError(res.error.message);
            else window.location.reload();
          });
        }}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      )}
    </div>
  );
}
