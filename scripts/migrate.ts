// npm run db:migrate — applies pending migrations to DATABASE_URL (or the embedded dev database).
import { provideDatabase } from "./lib/database";
import { applyMigrations } from "./lib/migrations";

const db = await provideDatabase("dev");
try {
  const applied = await applyMigrations(db.url);
  console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
} finally {
  await db.stop();
}
