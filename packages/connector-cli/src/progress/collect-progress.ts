import type { CollectEvent } from '@org/connector-graph';
import type { Progress, ProgressTask } from './progress.js';

/** Progress of a collect: one task per connection, its resources as the steps. */
export function collectProgress(progress: Progress) {
  const tasks = new Map<string, { task: ProgressTask; finished: number }>();
  return (event: CollectEvent) => {
    if (event.type === 'estimate') {
      const total = Object.keys(event.resources).length;
      tasks.set(event.connection, { task: progress.task(event.connection, total), finished: 0 });
      progress.note(`${event.connection}: about ${event.cost} calls`);
    } else if (event.type === 'progress') {
      const entry = tasks.get(event.connection);
      entry?.task.update(entry.finished, `${event.resource}: ${event.entities}`);
    } else if (event.type === 'resource-finished') {
      const { status } = event;
      const entry = tasks.get(status.connection);
      if (entry) {
        entry.finished += 1;
        entry.task.update(entry.finished, status.resource);
      }
      if (!status.complete) {
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
