// A typedoc plugin for the site's titles. typedoc titles the home page with the project's name and
// a package's page with "Module <name>", and each README starts with that same name as its `#`
// heading, so the title showed twice: the README's own first heading is dropped there. A linked
// Markdown page named after its file (README.md, CONTRIBUTING.md: no `title` in its front matter)
// takes its first heading as its name, so the menu does not list several "README"s.
import { Converter, ReflectionKind, RendererEvent } from 'typedoc';

const FIRST_HEADING = /^\s*#\s+(.+?)\s*(?:\n|$)/;

/** Removes a leading `# heading` from rendered Markdown parts. */
function dropFirstHeading(parts) {
  const first = parts?.[0];
  if (first?.kind !== 'text') return;
  const heading = FIRST_HEADING.exec(first.text);
  if (heading) first.text = first.text.slice(heading[0].length);
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    if (!/(^|\/)[A-Z][A-Z0-9_-]*$/.test(document.name)) return; // titled by its front matter
    const first = document.content[0];
    const heading = first?.kind === 'text' ? FIRST_HEADING.exec(first.text) : null;
    if (heading) document.name = heading[1].replace(/`/g, '');
  });
  app.renderer.on(RendererEvent.BEGIN, (event) => {
    dropFirstHeading(event.project.readme);
    for (const module of event.project.getReflectionsByKind(ReflectionKind.Module)) {
      dropFirstHeading(module.readme);
    }
  });
}
