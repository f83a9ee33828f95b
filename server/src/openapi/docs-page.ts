import { OPERATIONS } from './operations.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A readable reference page, served without any CDN (wards are often
 * offline): the operations by tag, who may call them, and a link to the full
 * schemas in /api/openapi.json.
 */
export function renderDocsPage(version: string): string {
  const tags = [...new Set(OPERATIONS.map((op) => op.tag))];
  const sections = tags.map((tag) => {
    const rows = OPERATIONS.filter((op) => op.tag === tag).map((op) => {
      const who = op.roles === null ? 'anyone' : op.roles === 'any-signed-in' ? 'any signed-in user' : op.roles.join(', ');
      return `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>/api${escapeHtml(op.path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${escapeHtml(who)}</td></tr>`;
    });
    return `<h2>${escapeHtml(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wardscan API ${escapeHtml(version)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.35rem .5rem;vertical-align:top}code{font-size:.95em}</style>
</head><body><h1>Wardscan API ${escapeHtml(version)}</h1>
<p>Machine-readable OpenAPI 3.1 with every request and response schema: <a href="/api/openapi.json">/api/openapi.json</a>.
Sign in with <code>POST /api/sessions</code> and send <code>Authorization: Bearer &lt;token&gt;</code>.
Errors are always <code>{ "error": { "code", "message", "field"? } }</code>.</p>
${sections.join('\n')}
</body></html>`;
}
