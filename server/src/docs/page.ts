/**
 * A self-contained API reference (no CDN: the page must work offline). The
 * script renders the OpenAPI document with createElement/textContent only,
 * so nothing from the spec is ever parsed as HTML.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seatwise API reference</title>
<link rel="stylesheet" href="/api/docs/app.css">
</head>
<body>
<nav id="nav"><strong>Seatwise API</strong></nav>
<main id="main"><p id="status">Loading the OpenAPI document…</p></main>
<script src="/api/docs/app.js"></script>
</body>
</html>`;

/** The page's styles, served as a file: the page's Content-Security-Policy admits no inline style. */
export const DOCS_CSS = `:root { font-family: system-ui, sans-serif; color: #1f2933; background: #f7f8fa; }
body { margin: 0; display: grid; grid-template-columns: 260px 1fr; min-height: 100vh; }
nav { background: #102a43; color: #d9e2ec; padding: 16px; position: sticky; top: 0; height: 100vh; overflow: auto; box-sizing: border-box; }
nav a { color: #d9e2ec; text-decoration: none; display: block; padding: 2px 0; font-size: 14px; }
nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: #9fb3c8; margin: 16px 0 4px; }
main { padding: 24px 32px; max-width: 1000px; min-width: 0; overflow-wrap: anywhere; }
.op { background: #fff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 16px; margin: 12px 0; }
.method { display: inline-block; min-width: 64px; font-weight: 700; font-family: ui-monospace, monospace; }
.get { color: #0b6e4f; } .post { color: #1d4ed8; } .put { color: #b45309; } .patch { color: #7c3aed; } .delete { color: #b91c1c; }
code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
pre { background: #f0f4f8; padding: 8px; border-radius: 6px; overflow: auto; max-height: 320px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
td, th { text-align: left; border-bottom: 1px solid #e4e7eb; padding: 4px 6px; vertical-align: top; }
details summary { cursor: pointer; color: #486581; margin-top: 8px; }
`;

export const DOCS_JS = `(() => {
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };
  const json = (v) => el('pre', {}, JSON.stringify(v, null, 2));
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  fetch('/api/v1/openapi.json').then((r) => r.json()).then((spec) => {
    main.textContent = '';
    main.append(el('h1', {}, spec.info.title + ' ' + spec.info.version), el('p', {}, spec.info.description || ''),
      el('p', {}, 'Base URL: ', el('code', {}, (spec.servers && spec.servers[0] && spec.servers[0].url) || '/api/v1'), '. Every call except /health sends ', el('code', {}, 'Authorization: Bearer <token>'), '. Raw document: ', el('a', { href: '/api/v1/openapi.json' }, 'openapi.json')));
    const byTag = new Map();
    for (const [path, ops] of Object.entries(spec.paths || {})) {
      for (const [method, op] of Object.entries(ops)) {
        const tag = (op.tags && op.tags[0]) || 'other';
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push({ path, method, op });
      }
    }
    let n = 0;
    for (const [tag, ops] of [...byTag].sort((a, b) => a[0].localeCompare(b[0]))) {
      main.append(el('h2', { id: 'tag-' + tag }, tag));
      nav.append(el('h2', {}, tag));
      for (const { path, method, op } of ops) {
        const id = 'op-' + n++;
        nav.append(el('a', { href: '#' + id }, method.toUpperCase() + ' ' + path));
        const card = el('section', { class: 'op', id });
        card.append(el('div', {}, el('span', { class: 'method ' + method }, method.toUpperCase()), el('code', {}, path)), el('p', {}, op.summary || ''));
        if (op.parameters && op.parameters.length) {
          const t = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'required'), el('th', {}, 'schema')));
          for (const p of op.parameters) t.append(el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.required ? 'yes' : ''), el('td', {}, el('code', {}, JSON.stringify(p.schema || {})))));
          card.append(t);
        }
        const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
        if (body) card.append(el('details', {}, el('summary', {}, 'Request body'), json(body.schema)));
        for (const [status, res] of Object.entries(op.responses || {})) {
          const content = Object.entries(res.content || {});
          card.append(el('details', {}, el('summary', {}, status + ' — ' + (res.description || '') + (content.length ? ' (' + content.map((c) => c[0]).join(', ') + ')' : '')), ...content.map(([, c]) => json(c.schema))));
        }
        main.append(card);
      }
    }
  }).catch((e) => { document.getElementById('status').textContent = 'Could not load the OpenAPI document: ' + e; });
})();`;
