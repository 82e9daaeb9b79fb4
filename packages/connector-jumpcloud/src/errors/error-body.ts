import * as v from 'valibot';
import { optionalString } from '../schemas/common.js';

/** JumpCloud error bodies: `{ message, error }` in practice, `{ code, message, status }` in the spec. */
export const ErrorBody = v.looseObject({
  message: optionalString,
  error: optionalString,
  status: v.nullish(v.union([v.string(), v.number()])),
  code: v.nullish(v.union([v.string(), v.number()])),
});

/** A validated error body. */
export type ErrorBody = v.InferOutput<typeof ErrorBody>;
