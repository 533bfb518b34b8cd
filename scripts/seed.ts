// npm run db:seed — the demo data of PRODUCT.md. Development only; safe to run again.
import { provideDatabase } from "./lib/database";
import { ensurePrismaClient } from "./generate";

if (process.env.NODE_ENV === "production") {
  console.error("db:seed creates demo accounts with a published password; it refuses to run in production.");
  process.exit(1);
}
ensurePrismaClient();
const { seedDemo } = await import("./lib/demo-data");
const db = await provideDatabase("dev");
try {
  await seedDemo(db.url);
} finally {
  await db.stop();
}
