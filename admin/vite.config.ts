import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The back office: built into admin/dist by `npm install` (prepare) and served at /admin/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/files': 'http://localhost:3000' },
  },
})
