import type * as v from 'valibot';

const isUnknownKey = (issue: v.BaseIssue<unknown>) =>
  issue.type === 'strict_object' && issue.expected === 'never';

/** The issue to report: a misspelt key first, since it is usually why another looks missing. */
export function firstIssue(issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]) {
  return issues.find(isUnknownKey) ?? issues[0];
}

/**
 * One valibot issue as the end of a one-line message: the field's dotted path and what was wrong
 * with it. Unknown keys are named (a typo such as `apikey`); values are never quoted.
 */
export function issueLine(issue: v.BaseIssue<unknown>): {
  field: string;
  problem: string;
  unknownKey: boolean;
} {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  const field = keys.join('.');
  if (isUnknownKey(issue))
    return { field, problem: `${field} is not a known field`, unknownKey: true };
  if (issue.received === 'undefined')
    return { field, problem: `${field} is missing`, unknownKey: false };
  return {
    field,
    problem: field === '' ? issue.message : `${field} ${issue.message}`,
    unknownKey: false,
  };
}
