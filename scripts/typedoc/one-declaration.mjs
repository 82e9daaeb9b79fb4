// A typedoc plugin for valibot's inferred types. valibot builds an object's type as an intersection
// of mapped types, so TypeScript gives each of its properties the same declaration twice, and
// typedoc warns that the property "has multiple declarations with a comment" even though both are
// one comment in one place. This drops that warning when every place typedoc lists (in the info
// line it logs right after) is the same; a property really declared twice with comments still
// warns, and fails the build like any other warning.
import { LogLevel } from 'typedoc';

const DOUBLED = / has multiple declarations with a comment\. /;
const PLACES = /The comments for (.+?) are declared at:\s*([\s\S]*)$/;

/** @param {import('typedoc').Application} app */
export function load(app) {
  const logger = app.logger;
  const log = logger.log.bind(logger);
  /** A "multiple declarations" warning held until the line naming its places arrives. */
  let held;
  logger.log = (message, level, ...rest) => {
    if (level === LogLevel.Warn && typeof message === 'string' && DOUBLED.test(message)) {
      if (held) log(...held);
      held = [message, level, ...rest];
      return;
    }
    if (held && level === LogLevel.Info && typeof message === 'string') {
      const places = PLACES.exec(message);
      if (places) {
        const where = new Set(
          places[2]
            .split('\n')
            .map((p) => p.trim())
            .filter(Boolean),
        );
        const doubled = held;
        held = undefined;
        if (where.size <= 1) return; // one comment in one place: nothing to warn about
        log(...doubled);
        return log(message, level, ...rest);
      }
    }
    if (held) {
      log(...held);
      held = undefined;
    }
    return log(message, level, ...rest);
  };
}
