import "server-only";
import { z } from "zod";
import { badRequest, HttpError } from "@/lib/http/http-error";
import { jsonBody, readBodyCapped } from "@/lib/http/body";
import { parse } from "@/lib/validation";
import { reportInput, type CallReportExtras, type ReportInput } from "@/lib/safety/report";
import { MAX_SNAPSHOT_BYTES, SNAPSHOT_SHOWN } from "@/lib/safety/snapshot-rules";

// The report route's two bodies: JSON (from a match card, the decision screen, any API client),
// or multipart from the call page — the same JSON in a "report" field, plus the snapshot file.
// The JSON contract is snake_case like the rest of the API; the rules are lib/safety/report's.

const { reason, details, sessionId, alsoBlock } = reportInput.shape;
export const reportBody = z.object({ reason, details, session_id: sessionId, also_block: alsoBlock }).strict();
const callReportBody = reportBody
  .extend({
    snapshot_shown: z.enum(SNAPSHOT_SHOWN, { message: `snapshot_shown must be one of: ${SNAPSHOT_SHOWN.join(", ")}` }),
    one_tap: z.boolean().optional(),
  })
  .strict();

/** Room for the multipart boundaries, part headers and the JSON part around the snapshot. */
const MULTIPART_OVERHEAD = 32 * 1024;

export const REPORT_CONTENT_TYPES = ["application/json", "multipart/form-data"] as const;

export async function reportRequest(req: Request): Promise<{ input: ReportInput; extras: CallReportExtras }> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    const body = await jsonBody(req, reportBody);
    return { input: toInput(body), extras: {} };
  }
  const raw = await readBodyCapped(req, MAX_SNAPSHOT_BYTES + MULTIPART_OVERHEAD).catch((err) => {
    throw err instanceof HttpError && err.status === 413 ? new HttpError(413, "The snapshot is too large.") : err;
  });
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "content-type": type } }).formData();
  } catch {
    throw badRequest("The upload was malformed.");
  }
  const fields = [...form.keys()];
  const unknown = fields.find((k) => k !== "report" && k !== "snapshot");
  if (unknown !== undefined) throw badRequest(`Unknown field "${unknown.slice(0, 40)}".`);
  const json = form.get("report");
  const file = form.get("snapshot");
  if (typeof json !== "string") throw badRequest('Send the report as JSON in a field named "report".');
  if (!(file instanceof Blob)) throw badRequest('Send the snapshot as a file in a field named "snapshot".');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw badRequest('The "report" field is not valid JSON.');
  }
  const body = parse(callReportBody, data);
  if (file.size > MAX_SNAPSHOT_BYTES) throw new HttpError(413, "The snapshot is too large.");
  return {
    input: toInput(body),
    extras: { snapshot: { bytes: new Uint8Array(await file.arrayBuffer()), shown: body.snapshot_shown }, oneTap: body.one_tap },
  };
}

function toInput(body: z.infer<typeof reportBody>): ReportInput {
  return { reason: body.reason, details: body.details, sessionId: body.session_id, alsoBlock: body.also_block };
}
