'use strict';
// The iMCP tool catalog. Everything shown comes from the JSON block #imcp-catalog-data and is put in the page with
// textContent only, never parsed as HTML, so a contract's text cannot inject markup. A tool's details are built when
// it is first opened, which keeps a 1,000-tool page quick to load. The location hash holds the view:
// #q=<words>&service=<id>&tool=<name> (tool=* opens every tool shown).
(function () {
  const data = JSON.parse(document.getElementById('imcp-catalog-data').textContent);
  const defsTable = data.defs;
  const parts = data.parts;
  const search = document.getElementById('search');
  const serviceFilter = document.getElementById('service');
  const status = document.getElementById('status');
  const list = document.getElementById('tools');
  const HINTS = [['readOnlyHint', 'read-only'], ['destructiveHint', 'destructive'], ['idempotentHint', 'idempotent'],
    ['openWorldHint', 'open world']];
  const CONSTRAINTS = ['minLength', 'maxLength', 'pattern', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum',
    'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'contentEncoding',
    'contentMediaType', 'readOnly', 'writeOnly', 'deprecated'];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function bindingLine(b) {
    if (b.kind === 'http') return b.method + ' ' + b.path;
    return 'SOAP ' + b.operation + ' @ ' + b.port;
  }

  function bindingSummary(b) {
    const span = el('span', 'bind');
    const verb = b.kind === 'http' ? b.method : 'SOAP';
    span.append(el('span', 'verb ' + verb, verb), ' ', b.kind === 'http' ? b.path : b.operation + ' @ ' + b.port);
    return span;
  }

  // --- services ---
  const servicesBox = document.getElementById('services');
  data.services.forEach(function (s) {
    const card = el('div', 'service');
    card.append(el('b', null, s.title), el('span', 'kind', s.kind));
    card.append(el('div', 'mono', s.id + (s.version ? ' \u00b7 version ' + s.version : '') + ' \u00b7 ' + s.tools
      + (s.tools === 1 ? ' tool' : ' tools')));
    card.append(el('div', 'mono', s.file));
    if (s.upstream) card.append(el('div', 'mono', s.upstream));
    servicesBox.append(card);
    const option = el('option', null, s.id + ' (' + s.tools + ')');
    option.value = s.id;
    serviceFilter.append(option);
  });

  // --- tool rows ---
  const rows = [];
  const byName = new Map();
  const fragment = document.createDocumentFragment();
  data.tools.forEach(function (t) {
    const service = data.services[t.service];
    const d = el('details', 'tool');
    d.id = 'tool-' + t.name;
    const summary = el('summary');
    summary.append(el('code', 'name', t.name));
    if (t.title) summary.append(el('span', 'title', t.title));
    summary.append(el('span', 'svc', service.id), bindingSummary(t.binding));
    HINTS.forEach(function (h) {
      if (t.annotations[h[0]] === true) summary.append(el('span', 'hint', h[1]));
    });
    const link = el('a', 'link', 'link');
    link.href = '#tool=' + encodeURIComponent(t.name);
    link.title = 'Link to ' + t.name;
    summary.append(link);
    d.append(summary);
    const row = {tool: t, details: d, service: service.id, built: false,
      text: [t.name, t.title || '', t.description || '', service.id, bindingLine(t.binding)].join('\n').toLowerCase()};
    d.addEventListener('toggle', function () { if (d.open) build(row); });
    rows.push(row);
    byName.set(t.name, row);
    fragment.append(d);
  });
  list.append(fragment);
  const empty = el('div', 'empty', 'No tool matches.');
  empty.hidden = true;
  list.append(empty);

  function build(row) {
    if (row.built) return;
    row.built = true;
    row.details.append(body(row.tool));
  }

  // --- a tool's details ---
  function body(t) {
    const b = el('div', 'body');
    if (t.description) b.append(el('p', 'desc', t.description));
    const facts = el('dl', 'facts');
    function fact(name, value, mono) {
      if (value === undefined || value === null || value === '') return;
      facts.append(el('dt', null, name), mono ? wrap(el('dd'), el('code', null, value)) : el('dd', null, value));
    }
    const service = data.services[t.service];
    fact('Service', service.id + ' (' + service.title + ', ' + service.kind + ')');
    fact('Contract', t.source, true);
    const bd = t.binding;
    if (bd.kind === 'http') {
      fact('HTTP', bd.method + ' ' + bd.path, true);
      fact('Base URL', bd.baseUrl, true);
      (bd.parameters || []).forEach(function (p) {
        fact(p.in.charAt(0).toUpperCase() + p.in.substring(1) + ' parameter', p.name + (p.property !== p.name ? ' \u2190 ' + p.property : '')
          + (p.required ? ' (required)' : ''), true);
      });
      if (bd.body) fact('Request body', bd.body + (bd.mediaType ? ' as ' + bd.mediaType : ''), true);
    } else {
      fact('SOAP operation', bd.operation, true);
      fact('Port', bd.port, true);
      fact('Address', bd.address, true);
      fact('SOAP version', bd.soapVersion);
      fact('Style', bd.style);
      fact('SOAPAction', bd.soapAction, true);
      if (bd.faults && bd.faults.length) fact('Faults', bd.faults.join(', '), true);
    }
    const hints = HINTS.filter(function (h) { return h[0] in t.annotations; })
      .map(function (h) { return h[0] + ': ' + t.annotations[h[0]]; });
    fact('Annotations', hints.length ? hints.join(', ') : 'none', true);
    b.append(facts);

    b.append(el('h3', null, 'Arguments'));
    const args = schemaTable(t.input, t.inputDefs || {}, 'arguments');
    b.append(args || el('p', 'none', 'No arguments.'));
    b.append(el('h3', null, 'Output'));
    if (t.output) {
      b.append(schemaTable(t.output, t.outputDefs || {}, 'output') || el('p', 'none', typeName(t.output, {})));
    } else {
      b.append(el('p', 'none', 'No output schema: the result is sent as content only.'));
    }
    b.append(rawSchemas(t));
    return b;
  }

  function wrap(parent, child) {
    parent.append(child);
    return parent;
  }

  function rawSchemas(t) {
    const d = el('details');
    d.append(el('summary', null, 'JSON Schemas as published (inputSchema, outputSchema)'));
    d.addEventListener('toggle', function () {
      if (!d.open || d.querySelector('pre')) return;
      const published = {inputSchema: withDefs(expanded(t.input), t.inputDefs)};
      if (t.output) published.outputSchema = withDefs(expanded(t.output), t.outputDefs);
      d.append(el('pre', 'raw', JSON.stringify(published, null, 2)));
    });
    return d;
  }

  function withDefs(schema, defs) {
    const names = Object.keys(defs || {});
    if (!names.length) return schema;
    const copy = Object.assign({}, schema);
    copy.$defs = {};
    names.forEach(function (n) { copy.$defs[n] = expanded(defsTable[defs[n]]); });
    return copy;
  }

  // --- schemas ---
  // A larger object is stored once in data.parts and stands in its places as {"$imcp": index}.
  function part(node) {
    return node && typeof node === 'object' && typeof node.$imcp === 'number' ? parts[node.$imcp] : node;
  }

  function expanded(node) {
    node = part(node);
    if (Array.isArray(node)) return node.map(expanded);
    if (!node || typeof node !== 'object') return node;
    const out = {};
    Object.keys(node).forEach(function (k) { out[k] = expanded(node[k]); });
    return out;
  }

  function resolve(schema, defs) {
    let s = part(schema);
    for (let i = 0; i < 8 && s && typeof s.$ref === 'string' && s.$ref.indexOf('#/$defs/') === 0; i++) {
      const name = defName(s.$ref);
      const index = defs[name];
      s = index === undefined ? {} : part(defsTable[index]);
    }
    return s || {};
  }

  function defName(ref) {
    let token = ref.substring(8);
    try { token = decodeURIComponent(token); } catch (e) { /* left as written */ }
    return token.replace(/~1/g, '/').replace(/~0/g, '~');
  }

  function typeName(s, defs) {
    s = part(s);
    if (!s || typeof s !== 'object') return 'any';
    if (typeof s.$ref === 'string') return defName(s.$ref);
    let type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
    if (type && type.indexOf('array') >= 0 && s.items) type = type.replace('array', 'array of ' + typeName(s.items, defs));
    if (type === 'object' && !s.properties && s.additionalProperties && typeof s.additionalProperties === 'object') {
      type = 'map of ' + typeName(s.additionalProperties, defs);
    }
    const alternatives = s.oneOf || s.anyOf;
    if (!type && alternatives) {
      type = (s.oneOf ? 'one of ' : 'any of ') + alternatives.map(function (a) { return typeName(a, defs); }).join(' | ');
    } else if (!type && s.allOf) {
      type = 'all of ' + s.allOf.map(function (a) { return typeName(a, defs); }).join(' & ');
    }
    if (!type) type = 'any';
    if (s.format) type += ' (' + s.format + ')';
    return type;
  }

  // The rows a schema expands into: its properties, the entries of a map, the alternatives of a union.
  function children(schema, defs) {
    let s = resolve(schema, defs);
    if (s.items && !s.properties) s = resolve(s.items, defs);
    const out = [];
    const required = Array.isArray(s.required) ? s.required : [];
    const properties = part(s.properties) || {};
    Object.keys(properties).forEach(function (name) {
      out.push({name: name, schema: properties[name], required: required.indexOf(name) >= 0});
    });
    const extra = part(s.additionalProperties);
    if (extra && typeof extra === 'object' && Object.keys(extra).length) {
      out.push({name: '(any name)', schema: extra, required: false, label: true});
    }
    [['allOf', 'all of'], ['anyOf', 'any of'], ['oneOf', 'one of']].forEach(function (k) {
      (s[k[0]] || []).forEach(function (alt, i) {
        out.push({name: '(' + k[1] + ' #' + (i + 1) + ')', schema: alt, required: false, label: true});
      });
    });
    return out;
  }

  function valueText(v) {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  function constraints(s) {
    const out = [];
    CONSTRAINTS.forEach(function (k) {
      if (k in s) out.push(k + ': ' + valueText(s[k]));
    });
    const items = part(s.items);
    if (items && typeof items === 'object') {
      CONSTRAINTS.forEach(function (k) {
        if (k in items) out.push('items ' + k + ': ' + valueText(items[k]));
      });
    }
    return out.join('\n');
  }

  function allowed(s) {
    const items = part(s.items);
    const values = 'const' in s ? [s.const] : (s.enum || (items && items.enum) || []);
    const shown = values.slice(0, 40).map(function (v) { return JSON.stringify(v); }).join(', ');
    return values.length > 40 ? shown + ', \u2026 (' + values.length + ' values)' : shown;
  }

  function schemaTable(schema, defs, what) {
    const rowsOf = children(schema, defs);
    if (!rowsOf.length) return null;
    const table = el('table', 'schema');
    table.setAttribute('data-schema', what);
    const head = el('tr');
    ['Name', 'Type', 'Required', 'Default', 'Allowed values', 'Constraints', 'Description'].forEach(function (h) {
      head.append(el('th', null, h));
    });
    table.append(wrap(el('thead'), head));
    const tbody = el('tbody');
    rowsOf.forEach(function (r) { tbody.append(row(r, defs)); });
    table.append(tbody);
    return table;
  }

  function row(r, defs) {
    const s = r.schema && typeof r.schema === 'object' ? part(r.schema) : {};
    const target = resolve(s, defs);
    const tr = el('tr');
    tr.setAttribute('data-arg', r.name);
    const nameCell = el('td');
    const nested = children(s, defs).length > 0;
    if (nested) {
      const button = el('button', 'expand', '\u25B8');
      button.type = 'button';
      button.setAttribute('aria-expanded', 'false');
      button.title = 'Show the members of ' + r.name;
      let inner = null;
      button.addEventListener('click', function () {
        if (!inner) {
          inner = el('tr', 'nested');
          const cell = el('td');
          cell.colSpan = 7;
          cell.append(schemaTable(s, defs, r.name));
          inner.append(cell);
          tr.after(inner);
        } else {
          inner.hidden = !inner.hidden;
        }
        const open = !inner.hidden;
        button.textContent = open ? '\u25BE' : '\u25B8';
        button.setAttribute('aria-expanded', String(open));
      });
      nameCell.append(button);
    }
    nameCell.append(r.label ? el('span', 'none', r.name) : el('code', null, r.name));
    tr.append(nameCell);
    tr.append(wrap(el('td'), el('code', null, typeName(s, defs))));
    tr.append(el('td', r.required ? 'req' : null, r.required ? 'yes' : ''));
    const dflt = 'default' in s ? s.default : target.default;
    tr.append(wrap(el('td'), el('code', null, dflt === undefined ? '' : JSON.stringify(dflt))));
    tr.append(wrap(el('td'), el('code', null, allowed(s) || allowed(target))));
    const c = constraints(s) || (s === target ? '' : constraints(target));
    const cc = el('td');
    cc.append(el('code', 'mono', c));
    cc.className = 'desc';
    tr.append(cc);
    const description = [s.title || target.title, s.description || target.description]
      .filter(function (x) { return x; }).join(' \u2014 ');
    tr.append(el('td', 'desc', description));
    return tr;
  }

  // --- filtering and the location hash ---
  function apply() {
    const words = search.value.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    const service = serviceFilter.value;
    let shown = 0;
    rows.forEach(function (r) {
      const visible = (!service || r.service === service) && words.every(function (w) { return r.text.indexOf(w) >= 0; });
      r.details.hidden = !visible;
      if (visible) shown++;
    });
    empty.hidden = shown > 0;
    status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' tools';
    status.setAttribute('data-shown', String(shown));
  }

  function writeHash() {
    const p = new URLSearchParams();
    if (search.value) p.set('q', search.value);
    if (serviceFilter.value) p.set('service', serviceFilter.value);
    try {
      history.replaceState(null, '', p.toString() ? '#' + p.toString() : location.pathname + location.search);
    } catch (e) { /* a file: page may refuse; the view still works */ }
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.substring(1));
    search.value = p.get('q') || '';
    const service = p.get('service') || '';
    serviceFilter.value = data.services.some(function (s) { return s.id === service; }) ? service : '';
    apply();
    const tool = p.get('tool');
    if (tool === '*') {
      rows.forEach(function (r) {
        if (!r.details.hidden) { build(r); r.details.open = true; }
      });
    } else if (tool && byName.has(tool)) {
      const r = byName.get(tool);
      r.details.hidden = false;
      build(r);
      r.details.open = true;
      if (r.details.getBoundingClientRect().top > window.innerHeight / 2) r.details.scrollIntoView();
    }
  }

  let timer = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(); writeHash(); }, rows.length > 300 ? 120 : 0);
  });
  serviceFilter.addEventListener('change', function () { apply(); writeHash(); });
  window.addEventListener('hashchange', readHash);
  readHash();
  // milliseconds from navigation start until the catalog was on screen, for the size and speed figures
  document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();
