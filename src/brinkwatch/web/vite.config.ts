// Build settings chosen for the server's Content-Security-Policy (default-src 'self'):
// nothing may be inlined as a data: URI, and every asset is a file served by the API itself.
import { defineConfig, type Plugin } from "vite";
import { parse } from "yaml";

/** YAML data files imported as modules: the escalation states are read from the analysis' own file. */
function yamlData(): Plugin {
  return {
    name: "brinkwatch-yaml-data",
    transform(code, id) {
      if (!id.endsWith(".yaml")) return null;
      return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [yamlData()],
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
