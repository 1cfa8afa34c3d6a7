// Markdown read back the way GitHub reads it: cmark-gfm (Debian package `cmark-gfm`) with GitHub's
// extensions. Raw HTML is let through (`--unsafe`), so that any markup a report lets slip shows up
// as an element here, even where GitHub's sanitizer would later strip it.
import { spawnSync } from 'node:child_process';

const probe = spawnSync('cmark-gfm', ['--version'], { encoding: 'utf8' });
export const hasCmark = probe.status === 0;
// CI installs it (.ci/run) and sets REQUIRE_CMARK_GFM, so that a missing one fails there instead of skipping.
if (!hasCmark && process.env['REQUIRE_CMARK_GFM']) throw new Error('REQUIRE_CMARK_GFM is set but cmark-gfm is not installed (apt-get install cmark-gfm)');

export function cmark(markdown: string): string {
  const r = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '-e', 'tasklist'], { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`cmark-gfm failed: ${r.stderr}`);
  return r.stdout;
}

/** Element names in rendered HTML, counted: text never holds a raw `<`, so each `<name` is an element. */
export function elements(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)) {
    const name = m[1]!.toLowerCase();
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** The rendered text with tags removed and entities decoded enough to search it. */
export function renderedText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
