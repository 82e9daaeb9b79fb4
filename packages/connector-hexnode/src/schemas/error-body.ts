import * as v from 'valibot';

/**
 * Django REST Framework's error body, `{"detail": "..."}`. Error bodies are parsed defensively:
 * anything else (HTML, empty, another shape) simply does not match.
 */
export const HexnodeErrorBody = v.object({ detail: v.string() });
