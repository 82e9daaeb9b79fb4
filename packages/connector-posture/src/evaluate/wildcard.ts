/** A pattern where `*` stands for any run of characters, as an anchored regular expression. */
export function wildcard(text: string): RegExp {
  const body = text
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
