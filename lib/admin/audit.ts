import "server-only";
import { prisma, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction = "member.ban" | "member.unban" | "member.delete" | "session.force_end" | "report.dismiss" | "report.ban" | "report.snapshot_view";

export interface AuditEntryInput {
  adminId: number;
  action: AuditAction;
  targetType: "user" | "session" | "report";
  targetId: string | number;
  note?: string | null;
  data?: Prisma.InputJsonObject;
}

/**
 * Records one admin action. Takes the action's own transaction client, never the global one:
 * the entry and the change it describes commit together or not at all. Nothing in the app
 * updates or deletes audit rows.
 */
export async function writeAudit(tx: Tx, entry: AuditEntryInput) {
  return tx.auditLog.create({
    data: {
      adminId: entry.adminId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      note: entry.note || null,
      data: entry.data ?? Prisma.DbNull,
    },
  });
}

const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: number;
  created_at: string;
  admin: { id: number; name: string; email: string };
  action: string;
  target_type: string;
  target_id: string;
  note: string | null;
  data: Prisma.JsonValue;
}

/** Newest first, one page at a time. */
export async function auditLog(page = 1): Promise<{ entries: AuditRow[]; page: number; pages: number; total: number }> {
  const [total, rows] = await Promise.all([
    prisma.auditLog.count(),
    prisma.auditLog.findMany({
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { admin: { select: { id: true, email: true, profile: { select: { displayName: true } } } } },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: rows.map((r) => ({
      id: r.id,
      created_at: r.createdAt.toISOString(),
      admin: { id: r.admin.id, name: r.admin.profile?.displayName ?? r.admin.email, email: r.admin.email },
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      note: r.note,
      data: r.data,
    })),
  };
}
