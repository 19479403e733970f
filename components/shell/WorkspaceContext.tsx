"use client";
import { createContext, useContext } from "react";

const WorkspaceContext = createContext<string | undefined>(undefined);

export const WorkspaceProvider = WorkspaceContext.Provider;

/** The workspace this page was rendered for; actions send it so a stale tab cannot act elsewhere. */
export function useWorkspaceId(): string | undefined {
  return useContext(WorkspaceContext);
}
