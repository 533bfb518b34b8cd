// The bench's data, written with set-based SQL (10,000 members in seconds, not minutes).
//
// Members come in pairs k = (2k−1, 2k), man and woman, each pair holding one match:
//   - odd k: a mutual match with a past of calls (the lifecycle loops on these);
//   - even k: a pending match, never called (rings start and are cancelled on these);
//   - k = 1: the mutual match with HISTORY_CALLS calls, for the call-history measurement.
// Every member also has a handful of other matches in every state with their calls, so the
// queries run over a realistically sized CallSession table. Nothing is ringing or active.
import pg from "pg";

export const HISTORY_CALLS = 500;

export interface Pair {
  matchId: number;
  /** Lower id: the caller in the bench's calls. */
  a: number;
  b: number;
}

export interface SeededData {
  members: number;
  matches: number;
  sessions: number;
  historyMatch: Pair;
  /** Mutual pairs (k odd, k ≥ 3): start → join → end. */
  mutualPairs: Pair[];
  /** Pending pairs (k even): a ring, then cancelled. */
  pendingPairs: Pair[];
}

export async function seedBenchData(url: string, members: number): Promise<SeededData> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", (e) => console.error("seed connection:", e.message));
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "User" (id, email, "passwordHash", "updatedAt", "lastActiveAt", "emailVerifiedAt")
       SELECT i, 'bench' || i || '@bench.meetcute', 'x', now(), now() - (i % 500) * interval '1 minute', now()
       FROM generate_series(1, $1) i`,
      [members],
    );
    await c.query(`SELECT setval(pg_get_serial_sequence('"User"', 'id'), $1)`, [members]);
    await c.query(`
      INSERT INTO "Profile" ("userId", "displayName", "birthDate", gender, "interestedIn", city, interests, "updatedAt")
      SELECT id, 'Bench ' || id, date '1985-01-01' + (id % 5000),
             CASE WHEN id % 2 = 0 THEN 'woman'::"Gender" ELSE 'man'::"Gender" END,
             CASE WHEN id % 2 = 0 THEN ARRAY['man']::"Gender"[] ELSE ARRAY['woman']::"Gender"[] END,
             (ARRAY['Lisbon','Porto','Braga'])[1 + id % 3], (ARRAY['jazz','hiking','films','books'])[1:1 + id % 4], now()
      FROM "User"`);
    // One signed-in browser each: the sign-in session the bench's cookies name (client.ts, benchSessionId).
    await c.query(`
      INSERT INTO "SignInSession" (id, "userId", "userAgent")
      SELECT translate(rtrim(encode(sha256(convert_to('bench-session-' || id, 'UTF8')), 'base64'), '='), '+/', '-_'), id, 'bench'
      FROM "User"`);
    // The pairs: one match each, mutual for odd k, pending for even k.
    await c.query(
      `INSERT INTO "Match" ("userAId", "userBId", status, "decisionA", "decisionB", "closedAt", "createdAt", "updatedAt")
       SELECT 2 * k - 1, 2 * k,
              CASE WHEN k % 2 = 1 THEN 'matched'::"MatchStatus" ELSE 'pending'::"MatchStatus" END,
              CASE WHEN k % 2 = 1 THEN 'like'::"Decision" END, CASE WHEN k % 2 = 1 THEN 'like'::"Decision" END,
              CASE WHEN k % 2 = 1 THEN now() - interval '20 days' END, now() - interval '30 days', now()
       FROM generate_series(1, $1) k`,
      [Math.floor(members / 2)],
    );
    // Other matches, i with i + d for d in 3, 5, 7 (always a man and a woman), in every state.
    await c.query(
      `INSERT INTO "Match" ("userAId", "userBId", status, "decisionA", "decisionB", "closedAt", "createdAt", "updatedAt")
       SELECT i, i + d, s.status, s.da, s.db, CASE WHEN s.status IN ('matched', 'passed', 'unmatched') THEN now() - interval '5 days' END,
              now() - interval '10 days', now()
       FROM generate_series(1, $1) i
       CROSS JOIN (VALUES (3), (5), (7)) AS dd(d)
       JOIN (VALUES (0, 'passed'::"MatchStatus", 'like'::"Decision", 'pass'::"Decision"),
                    (1, 'awaiting_decision'::"MatchStatus", 'like'::"Decision", NULL),
                    (2, 'unmatched'::"MatchStatus", NULL, NULL),
                    (3, 'pending'::"MatchStatus", NULL, NULL),
                    (4, 'matched'::"MatchStatus", 'like'::"Decision", 'like'::"Decision")) AS s(r, status, da, db)
         ON s.r = (i + d) % 5
       WHERE i + d <= $1`,
      [members],
    );
    // Call history: mutual matches have a first call and repeat calls (some missed); matches past
    // their first call (awaiting a decision, passed) have that one call.
    await c.query(`
      INSERT INTO "CallSession" (id, "matchId", "callerId", "calleeId", kind, status, "createdAt", "answeredAt", "endedAt", "endReason", "capSeconds")
      SELECT gen_random_uuid(), m.id,
             CASE WHEN g % 2 = 0 THEN m."userAId" ELSE m."userBId" END, CASE WHEN g % 2 = 0 THEN m."userBId" ELSE m."userAId" END,
             CASE WHEN g = 0 THEN 'first'::"CallKind" ELSE 'repeat'::"CallKind" END,
             CASE WHEN g = 4 THEN 'missed'::"CallStatus" ELSE 'completed'::"CallStatus" END,
             now() - (30 - g) * interval '1 day',
             CASE WHEN g = 4 THEN NULL ELSE now() - (30 - g) * interval '1 day' + interval '4 seconds' END,
             now() - (30 - g) * interval '1 day' + CASE WHEN g = 4 THEN interval '45 seconds' ELSE interval '9 minutes' END,
             CASE WHEN g = 4 THEN 'timeout' WHEN g = 0 THEN 'cap' ELSE 'hangup' END,
             CASE WHEN g = 0 THEN 60 END
      FROM "Match" m CROSS JOIN generate_series(0, 4) g
      WHERE m.status = 'matched' OR (m.status IN ('awaiting_decision', 'passed') AND g = 0)`);
    // The history match: HISTORY_CALLS more calls on pair 1, a mix of outcomes.
    await c.query(
      `INSERT INTO "CallSession" (id, "matchId", "callerId", "calleeId", kind, status, "createdAt", "answeredAt", "endedAt", "endReason")
       SELECT gen_random_uuid(), m.id,
              CASE WHEN g % 2 = 0 THEN 1 ELSE 2 END, CASE WHEN g % 2 = 0 THEN 2 ELSE 1 END, 'repeat',
              s.status, now() - g * interval '2 hours',
              CASE WHEN s.status = 'completed' THEN now() - g * interval '2 hours' + interval '5 seconds' END,
              now() - g * interval '2 hours' + CASE WHEN s.status = 'completed' THEN interval '12 minutes' ELSE interval '30 seconds' END,
              CASE WHEN s.status = 'missed' THEN 'timeout' ELSE 'hangup' END
       FROM "Match" m CROSS JOIN generate_series(1, $1) g
       JOIN (VALUES (0, 'completed'::"CallStatus"), (1, 'completed'::"CallStatus"), (2, 'completed'::"CallStatus"),
                    (3, 'missed'::"CallStatus"), (4, 'declined'::"CallStatus"), (5, 'completed'::"CallStatus"),
                    (6, 'cancelled'::"CallStatus"), (7, 'completed'::"CallStatus"), (8, 'missed'::"CallStatus"),
                    (9, 'completed'::"CallStatus")) AS s(r, status) ON s.r = g % 10
       WHERE m."userAId" = 1 AND m."userBId" = 2`,
      [HISTORY_CALLS - 5],
    );
    await c.query("COMMIT");
    await c.query("ANALYZE");
    const { rows: pairs } = await c.query<{ id: number; a: number; b: number; status: string }>(
      `SELECT id, "userAId" a, "userBId" b, status::text FROM "Match" WHERE "userBId" = "userAId" + 1 AND "userAId" % 2 = 1 ORDER BY "userAId"`,
    );
    const pair = (r: (typeof pairs)[number]): Pair => ({ matchId: r.id, a: r.a, b: r.b });
    const { rows } = await c.query<{ u: string; m: string; s: string; h: string }>(
      `SELECT (SELECT count(*) FROM "User") u, (SELECT count(*) FROM "Match") m, (SELECT count(*) FROM "CallSession") s,
              (SELECT count(*) FROM "CallSession" WHERE "matchId" = $1) h`,
      [pairs[0].id],
    );
    if (Number(rows[0].h) !== HISTORY_CALLS) throw new Error(`history match has ${rows[0].h} calls, expected ${HISTORY_CALLS}`);
    return {
      members: Number(rows[0].u),
      matches: Number(rows[0].m),
      sessions: Number(rows[0].s),
      historyMatch: pair(pairs[0]),
      mutualPairs: pairs.slice(1).filter((p) => p.status === "matched").map(pair),
      pendingPairs: pairs.filter((p) => p.status === "pending").map(pair),
    };
  } finally {
    await c.end();
  }
}
