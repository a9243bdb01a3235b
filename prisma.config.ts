// Prisma 7 reads its datasource from here, not from the schema. The CLI downloads a native
// schema engine at start-up; `generate` never uses it, so on machines without access to
// Prisma's binary host we point it at an existing file for that one command (PLATFORM.md).
import { existsSync } from 'node:fs';
import { defineConfig } from 'prisma/config';

if (process.argv.includes('generate') && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = process.execPath;
  if (existsSync(placeholder)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/app' },
});
