/**
 * Runs in the browser before the app's own code. Zod compiles object parsers with
 * `new Function()` when it may, and finds out by trying once; under the pages' policy (no
 * 'unsafe-eval') that try is a CSP violation. Parsing without compiling is plenty fast in a form.
 */
import { config } from "zod";

config({ jitless: true });
