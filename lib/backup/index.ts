export { BACKUP_SECRET_FILE, ensureBackupSecret, readBackupSecret } from "./access";
export { createBackup, STAGING_DIR, type BackupOptions } from "./create";
export { BackupError, type Manifest } from "./format";
export { inspectBackup, knownMigrations, notEmptyReason, restoreBackup } from "./restore";
