import type * as v from 'valibot';

/**
 * One valibot issue as the end of a one-line message: the field's dotted path and what was wrong
 * with it. Unknown keys are named (a typo such as `apikey`); values are never quoted.
 */
export function issueLine(issue: v.BaseIssue<unknown>): { field: string; problem: string } {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  const field = keys.join('.');
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return { field, problem: `${field} is not a known field` };
  }
  if (issue.received === 'undefined') return { field, problem: `${field} is missing` };
  return { field, problem: field === '' ? issue.message : `${field} ${issue.message}` };
}
