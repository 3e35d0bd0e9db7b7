import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Dev server proxies the API to a locally running server (npm run dev at the root starts it on 3100). */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3100', changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 700 },
});
