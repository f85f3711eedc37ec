/** A part of a message's text: what a search matched, or what lies between. */
export interface Part {
  text: string;
  match: boolean;
}

/**
 * The words of a search as the server reads them: the whole text (matched as written), each
 * word, each "quoted phrase"; "or" and the words a "-" leaves out are no match to show.
 */
export function searchTerms(query: string): string[] {
  const words = (query.match(/-?"[^"]*"?|\S+/g) ?? [])
    .filter((word) => !word.startsWith("-") && word.toLowerCase() !== "or")
    .map((word) => word.replaceAll('"', "").trim());
  const terms = new Set([query.trim(), ...words].filter((term) => term !== ""));
  // The longest first, so that a phrase is marked whole rather than word by word.
  return [...terms].sort((a, b) => b.length - a.length);
}

const ESCAPED = /[.*+?^${}()|[\]\\]/g;

/**
 * ``text`` with what ``terms`` match marked (case aside), cut to about ``length`` characters
 * around the first match so that a long message shows why it was found; "…" where it was cut.
 */
export function excerpt(text: string, terms: string[], length = 160): Part[] {
  const pattern = terms.length
    ? new RegExp(terms.map((term) => term.replace(ESCAPED, "\\$&")).join("|"), "giu")
    : null;
  const first = pattern ? text.search(pattern) : -1;
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(length / 3));
    end = Math.min(text.length, start + length);
    start = Math.max(0, end - length);
  }
  const shown = text.slice(start, end);
  const parts: Part[] = [];
  let from = 0;
  for (const found of pattern ? shown.matchAll(pattern) : []) {
    if (found.index > from) {
      parts.push({ text: shown.slice(from, found.index), match: false });
    }
    parts.push({ text: found[0], match: true });
    from = found.index + found[0].length;
  }
  if (from < shown.length) {
    parts.push({ text: shown.slice(from), match: false });
  }
  if (start > 0) {
    parts.unshift({ text: "…", match: false });
  }
  if (end < text.length) {
    parts.push({ text: "…", match: false });
  }
  return parts;
}
