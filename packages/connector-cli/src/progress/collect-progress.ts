import type { CollectEvent } from '@org/connector-graph';
import { errorLine, summarizeError } from '../output/error-line.js';
import type { Progress, ProgressTask } from './progress.js';

/**
 * Progress of a collect: one task per connection, its resources as the steps. On a terminal the
 * bars move; in a log (stderr not a terminal) each resource read is a line and each connection's
 * end is a line, so a long run never looks hung.
 */
export function collectProgress(progress: Progress) {
  const tasks = new Map<
    string,
    { task: ProgressTask; finished: number; total: number; incomplete: number }
  >();
  return (event: CollectEvent) => {
    if (event.type === 'estimate') {
      const total = Object.keys(event.resources).length;
      tasks.set(event.connection, {
        task: progress.task(event.connection, total),
        finished: 0,
        total,
        incomplete: 0,
      });
      progress.note(`${event.connection}: about ${event.cost} calls`);
    } else if (event.type === 'connection-failed') {
      progress.error(errorLine(`${event.connection}: not read`, summarizeError(event.cause)));
    } else if (event.type === 'progress') {
      const entry = tasks.get(event.connection);
      entry?.task.update(entry.finished, `${event.resource}: ${event.entities}`);
    } else if (event.type === 'resource-finished') {
      const { status } = event;
      const entry = tasks.get(status.connection);
      if (entry) {
        entry.finished += 1;
        if (!status.complete) entry.incomplete += 1;
        entry.task.update(entry.finished, status.resource);
        progress.detail(
          `${status.source}: ${status.complete ? 'read' : 'INCOMPLETE'}, ${status.entities} entities, ${status.relationships} relationships (${entry.finished}/${entry.total})`,
        );
        if (entry.finished === entry.total) {
          entry.task.done(
            entry.incomplete === 0
              ? `${entry.total} resources read`
              : `${entry.total - entry.incomplete} of ${entry.total} resources read, ${entry.incomplete} incomplete`,
          );
        }
      }
      if (!status.complete && status.error?.code !== 'dependency' && entry) {
        progress.error(
          `${status.source}: incomplete (${status.error?.code}: ${status.error?.message})`,
        );
      }
    } else if (event.type === 'budget-warning') {
      progress.note(
        `${event.connection}: the ${event.window} budget has ${event.remaining} calls left, the read needs about ${event.cost}`,
      );
    }
  };
}
