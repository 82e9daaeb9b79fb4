import { SEVERITIES, type Severity } from '@org/connector-posture';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { FAIL_ON, type PostureFlags } from '../config/posture-config.js';
import { commaList } from './common-options.js';

/** `--severity critical,high`: severities, each checked. */
export const severities = (value: string, previous: Severity[] = []) => {
  const given = commaList(value);
  const wrong = given.find((s) => !(SEVERITIES as readonly string[]).includes(s));
  if (wrong !== undefined) {
    throw new InvalidArgumentError(`"${wrong}" is not a severity: use ${SEVERITIES.join(', ')}`);
  }
  return [...previous, ...(given as Severity[])];
};

const count = (what: string, max?: number) => (value: string) => {
  const n = Number(value);
  if (!(Number.isSafeInteger(n) && n >= 1 && (max === undefined || n <= max))) {
    throw new InvalidArgumentError(
      `must be a whole number of ${what} from 1${max === undefined ? '' : ` to ${max}`}`,
    );
  }
  return n;
};

/** Adds the opt-in reads: per-device details and sign-ins, off by default. */
export function withReadOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--device-details <n>',
        "read each device's details (Kandji supervision; Hexnode encryption and passcode), at most n devices per connection: one request each (default: off)",
      ).argParser(count('devices')),
    )
    .addOption(
      new Option(
        '--last-logins <days>',
        'read JumpCloud sign-ins of the last days from Directory Insights, for the dormant-user check (default: off)',
      ).argParser(count('days', 90)),
    );
}

/** Adds the posture options: config and mutelist files, check selection. */
export function withPostureOptions(command: Command): Command {
  return withReadOptions(
    command
      .addOption(
        new Option(
          '--config <file>',
          'posture settings: checks, severities, framework, thresholds, baselines, reads, mutelist (YAML or JSON)',
        ),
      )
      .addOption(
        new Option(
          '--mutelist <file>',
          'accepted risks: each entry a reason, an approver and an expiry (YAML or JSON)',
        ),
      )
      .addOption(
        new Option(
          '--checks <ids>',
          'run only these checks: ids or patterns such as jumpcloud.user.* (comma-separated)',
        ).argParser(commaList),
      )
      .addOption(
        new Option(
          '--severity <levels>',
          'run only checks of these severities (comma-separated)',
        ).argParser(severities),
      )
      .addOption(
        new Option(
          '--compliance <framework>',
          'run only checks mapped to this framework: "SOC 2", cis, iso27001',
        ),
      ),
  );
}

/** Adds `--fail-on`. */
export function withFailOn(command: Command): Command {
  return command.addOption(
    new Option(
      '--fail-on <severity>',
      "exit 4 when an open finding is this severe or worse (default: the config file's failOn, else none)",
    ).choices(FAIL_ON),
  );
}

/** The posture options out of commander's parsed values. */
export function postureFlags(values: Record<string, unknown>): PostureFlags {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    config: str(values.config),
    mutelist: str(values.mutelist),
    checks: Array.isArray(values.checks) ? (values.checks as string[]) : undefined,
    severity: Array.isArray(values.severity) ? (values.severity as Severity[]) : undefined,
    compliance: str(values.compliance),
    failOn: str(values.failOn) as PostureFlags['failOn'],
    deviceDetails: num(values.deviceDetails),
    lastLogins: num(values.lastLogins),
  };
}
