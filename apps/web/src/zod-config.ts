// Imported first by main.tsx, before any schema is built: no `new Function` in the browser. The CSP forbids eval,
// and zod's probe for it (run when it builds object schemas) would be reported as a CSP violation on every page.
import { z } from 'zod';

z.config({ jitless: true });
