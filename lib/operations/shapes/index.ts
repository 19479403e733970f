/** What /api/v1 answers: the documented schemas and their mappers, by area. */
export * from "./common";
export * from "./people";
export * from "./content";
export * from "./schedules";
export * from "./accounts";
export * from "./system";
export * from "./alerts";
export * from "./transfer";
export * from "./analytics";
export * from "./trials";
export * from "./feeds";
export * from "./review-links";
