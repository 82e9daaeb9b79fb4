// A typedoc plugin: the page of a connector factory (`create<Vendor>Connector(options)`) leads with a
// table of its options — name, type, default and what it does — built from the TSDoc of each
// property of the `<Vendor>ConnectorOptions` interface (nested objects as `parent.child` rows), so
// the table never drifts from the options the factory takes. The table is HTML with a class of its
// own, so the site's stylesheet can fit it to the content column.
import { Comment, Converter, ReflectionKind } from 'typedoc';

const OPTIONS_TYPE = /ConnectorOptions$/;
const LONGEST_TYPE = 32;

const escapeHtml = (text) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Comment parts as HTML on one line: inline code kept as code, links as their target's name. */
function html(parts) {
  const text = Comment.combineDisplayParts(parts)
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '`$1`')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return text
    .split(/(`[^`]*`)/)
    .map((piece) =>
      piece.startsWith('`') && piece.endsWith('`') && piece.length > 1
        ? `<code>${escapeHtml(piece.slice(1, -1))}</code>`
        : escapeHtml(piece),
    )
    .join('');
}

/** A property's type as short text (a long union is cut; the options page has it whole). */
function typeText(type) {
  let text = type ? type.toString() : '';
  if (text.length > LONGEST_TYPE) text = `${text.slice(0, LONGEST_TYPE - 1)}…`;
  return `<code>${escapeHtml(text)}</code>`;
}

/** The vendor's own options first, then the transport hooks every connector shares. */
const isTransport = (prop) => /TransportOptions/.test(String(prop.inheritedFrom ?? ''));
const transportLast = (a, b) =>
  Number(isTransport(a)) - Number(isTransport(b)) || a.name.localeCompare(b.name);

/** Rows for `props` and, two levels down, the properties of object-typed ones. */
function rows(props, prefix = [], depth = 0) {
  const out = [];
  for (const prop of props) {
    if (prop.kindOf(ReflectionKind.Method)) continue;
    const path = [...prefix, prop.name];
    // A dotted name may break after each dot, never inside a name.
    const name = `<code>${path.map(escapeHtml).join('.<wbr>')}</code>`;
    const required = prop.flags.isOptional ? '' : ' (required)';
    const defaultTag = prop.comment?.getTag('@defaultValue');
    const fallback = defaultTag
      ? html(defaultTag.content).replace(/^<code>```\w*\s*|\s*```<\/code>$/g, '')
      : '';
    const nested = prop.type?.type === 'reflection' ? prop.type.declaration.children : undefined;
    const type = nested ? '<code>object</code>' : typeText(prop.type);
    out.push(
      `<tr><td>${name}${required}</td><td>${type}</td><td>${fallback}</td><td>${html(prop.comment?.summary ?? [])}</td></tr>`,
    );
    if (nested && depth < 2) out.push(...rows(nested, path, depth + 1));
  }
  return out;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Function)) {
      for (const signature of reflection.signatures ?? []) {
        const [param] = signature.parameters ?? [];
        const target = param?.type?.type === 'reference' ? param.type.reflection : undefined;
        if (!target || !OPTIONS_TYPE.test(target.name) || !target.children) continue;
        // On the page's own comment, so the table follows the description, above the signature.
        const comment = reflection.comment ?? signature.comment;
        if (!comment) continue;
        const table = [
          `<p><strong>Options</strong> (<code>${escapeHtml(target.name)}</code>):</p>`,
          '<table class="connector-options">',
          '<thead><tr><th>option</th><th>type</th><th>default</th><th>what it does</th></tr></thead>',
          `<tbody>${rows([...target.children].sort(transportLast)).join('')}</tbody>`,
          '</table>',
        ].join('');
        comment.summary.push({ kind: 'text', text: `\n\n${table}\n` });
      }
    }
  });
}
