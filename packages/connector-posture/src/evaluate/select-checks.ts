// Which checks a run uses: ids and patterns to keep or leave out, severities, a framework. Hosts
// and the command line select the same way, and a name that selects nothing is an error, not an
// empty run.
import { type AnyPostureCheck, FRAMEWORKS, type Framework, type Severity } from '../model/check.js';
import { wildcard } from './wildcard.js';

/** What {@link selectChecks} keeps. Every criterion given must hold. */
export interface CheckSelection {
  /** Only these check ids or `*` patterns (`jumpcloud.user.*`). */
  readonly include?: readonly string[] | undefined;
  /** Leave out these check ids or patterns. */
  readonly exclude?: readonly string[] | undefined;
  /** Only checks of these severities. */
  readonly severities?: readonly Severity[] | undefined;
  /** Only checks mapped to this framework (a name {@link frameworkNamed} knows). */
  readonly framework?: string | undefined;
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

// Short names people type for each framework, squashed (lower case, letters and digits only).
const ALIASES: Record<string, Framework> = {
  cis: 'CIS Controls v8',
  cisv8: 'CIS Controls v8',
  cis8: 'CIS Controls v8',
  soc2: 'SOC 2',
  iso27001: 'ISO/IEC 27001:2022',
  iso270012022: 'ISO/IEC 27001:2022',
};

/**
 * The framework a name means: its full name in any case and spacing (`soc 2`, `SOC2`), or a short
 * one (`cis`, `iso27001`); undefined when none.
 */
export function frameworkNamed(name: string): Framework | undefined {
  const key = squash(name);
  return FRAMEWORKS.find((f) => squash(f) === key) ?? ALIASES[key];
}

const matcher = (patterns: readonly string[]) =>
  patterns.map((text) => ({ text, re: wildcard(text) }));

/**
 * The checks `selection` keeps, in their order.
 *
 * @throws TypeError naming an id or pattern that matches no check, or a framework it does not know.
 */
export function selectChecks<C extends AnyPostureCheck>(
  checks: readonly C[],
  selection: CheckSelection,
): C[] {
  const unknown = (patterns: ReturnType<typeof matcher>) =>
    patterns.find((p) => !checks.some((c) => p.re.test(c.id)))?.text;
  const include = selection.include ? matcher(selection.include) : undefined;
  const exclude = selection.exclude ? matcher(selection.exclude) : [];
  const missing = unknown([...(include ?? []), ...exclude]);
  if (missing !== undefined) throw new TypeError(`no check matches "${missing}"`);
  let framework: Framework | undefined;
  if (selection.framework !== undefined) {
    framework = frameworkNamed(selection.framework);
    if (!framework) {
      throw new TypeError(
        `unknown framework "${selection.framework}": use one of ${FRAMEWORKS.join(', ')}`,
      );
    }
  }
  return checks.filter(
    (c) =>
      (!include || include.some((p) => p.re.test(c.id))) &&
      !exclude.some((p) => p.re.test(c.id)) &&
      (!selection.severities || selection.severities.includes(c.severity)) &&
      (!framework || c.frameworks.some((f) => f.framework === framework)),
  );
}
