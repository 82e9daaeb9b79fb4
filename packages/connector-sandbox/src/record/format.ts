import * as v from 'valibot';

/**
 * The recording format: HAR 1.2 (the HTTP Archive every browser and proxy reads), one entry per
 * request a connector sent, with the `_connectorKit` object HAR allows for custom fields saying
 * which vendor and connection it holds and how it was redacted. See the "Record and replay"
 * guide for the rules every recording keeps.
 */

const NameValue = v.object({ name: v.string(), value: v.string() });

const HarRequest = v.object({
  method: v.string(),
  url: v.pipe(v.string(), v.url()),
  httpVersion: v.string(),
  headers: v.array(NameValue),
  queryString: v.array(NameValue),
  postData: v.optional(v.object({ mimeType: v.string(), text: v.string() })),
  headersSize: v.number(),
  bodySize: v.number(),
});

const HarResponse = v.object({
  status: v.pipe(v.number(), v.integer()),
  statusText: v.string(),
  httpVersion: v.string(),
  headers: v.array(NameValue),
  content: v.object({ size: v.number(), mimeType: v.string(), text: v.optional(v.string()) }),
  redirectURL: v.string(),
  headersSize: v.number(),
  bodySize: v.number(),
});

/** One request and its response. */
export const RecordingEntry = v.object({
  startedDateTime: v.string(),
  time: v.number(),
  request: HarRequest,
  response: HarResponse,
  cache: v.object({}),
  timings: v.object({ send: v.number(), wait: v.number(), receive: v.number() }),
});

/** What connector kit adds to the HAR log: the vendor, the connection, and the redaction done. */
export const RecordingInfo = v.object({
  /** Version of this format. */
  format: v.literal(1),
  /** The vendor whose API was recorded (a `SANDBOX_VENDOR_NAMES` name to replay it). */
  vendor: v.string(),
  /** The connection's name. */
  connection: v.string(),
  /** Credentials, tokens and cookies: always removed. */
  credentials: v.literal('removed'),
  /** Emails, names, phone numbers and serials: `pseudonymised` (consistent fakes) or `kept`. */
  personalData: v.picklist(['pseudonymised', 'kept']),
});

/** A recording: a HAR 1.2 log of one connection's requests. */
export const Recording = v.object({
  log: v.object({
    version: v.literal('1.2'),
    creator: v.object({ name: v.string(), version: v.string() }),
    _connectorKit: RecordingInfo,
    entries: v.array(RecordingEntry),
  }),
});

/** A recording: a HAR 1.2 log of one connection's requests (see the "Record and replay" guide). */
export type Recording = v.InferOutput<typeof Recording>;
/** One request and its response in a {@link Recording}. */
export type RecordingEntry = v.InferOutput<typeof RecordingEntry>;
/** What a {@link Recording} says about itself. */
export type RecordingInfo = v.InferOutput<typeof RecordingInfo>;

/**
 * Reads a recording (its JSON text, or the parsed value), checking it is one.
 *
 * @throws TypeError naming the first field that is not as the format says.
 */
export function readRecording(input: string | unknown): Recording {
  const value = typeof input === 'string' ? (JSON.parse(input) as unknown) : input;
  const parsed = v.safeParse(Recording, value);
  if (parsed.success) return parsed.output;
  const [issue] = parsed.issues;
  const where = issue ? v.getDotPath(issue) : undefined;
  throw new TypeError(`not a connector-kit recording: ${where ?? 'the log'}: ${issue?.message}`);
}
