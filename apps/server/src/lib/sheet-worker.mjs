// The entry of the sheet reader's worker thread (lib/sheet-reader.ts). The server runs its
// TypeScript through tsx, whose loader does not reach a worker started from code that was not
// itself started by tsx (vitest, for one): register it for this thread, then load the reader.
import { tsImport } from 'tsx/esm/api';

await tsImport('./sheet-worker.ts', import.meta.url);
