export * from "./enums";
export * from "./identity";
export * from "./accounts";
export * from "./content";
export * from "./schedules";
export * from "./analytics";
export * from "./workflow";
export * from "./alerts";
