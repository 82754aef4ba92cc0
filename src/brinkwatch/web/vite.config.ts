// Build settings chosen for the server's Content-Security-Policy (default-src 'self'):
// nothing may be inlined as a data: URI, and every asset is a file served by the API itself.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: "es2022",
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
});
