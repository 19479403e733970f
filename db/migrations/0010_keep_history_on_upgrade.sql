-- Retention arrives with defaults (lib/retention/settings.ts) that would prune publish attempts,
-- analytics measurements, notifications and the audit log, which were kept forever until now.
-- Workspaces that exist when this runs chose nothing, so they keep those four forever until an
-- admin picks a period in Settings → Retention; workspaces made later start with the defaults.
UPDATE "workspaces"
SET "settings" = "settings" || '{"retention":{"publish_attempts":null,"analytics":null,"notifications":null,"audit_log":null}}'::jsonb
WHERE NOT ("settings" ? 'retention');
