import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the console on :5173 and sends everything that is not the console to the gateway of the
// local stack (./catalyst up), so the session cookie, CSRF cookie and SSE streams behave as in production.
const gateway = process.env.CATALYST_GATEWAY ?? 'http://localhost:8080';
const toGateway = { target: gateway, changeOrigin: false, ws: false };

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': toGateway,
      '/oauth2': toGateway,
      '/login': toGateway,
      '/logout': toGateway,
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
