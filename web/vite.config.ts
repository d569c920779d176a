import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative base: the same build is served at /t/<slug>/ locally and at a tenant's domain root in AWS.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Inline nothing: the strict CSP (script-src 'self') forbids inline scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
