// Admin area enhancements (progressive: the forms work without it).
// Type-ahead user search for "Associate User": <input data-user-search="/admin/users/search"
// data-user-id-target="#hidden" data-results="#list">. Picking a user fills the hidden userId;
// typing again clears it; an email with no exact match offers "Create new user".
(() => {
  document.querySelectorAll('[data-user-search]').forEach((input) => {
    const hidden = document.querySelector(input.dataset.userIdTarget);
    const list = document.querySelector(input.dataset.results);
    const selected = document.getElementById('associate-selected');
    if (!hidden || !list) return;
    let timer;
    let seq = 0;
    const close = () => { list.hidden = true; list.replaceChildren(); input.setAttribute('aria-expanded', 'false'); };
    const say = (text) => { if (selected) selected.textContent = text; };
    const item = (label, sub, onPick, testid) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'list-group-item list-group-item-action';
      b.setAttribute('role', 'option');
      if (testid) b.dataset.testid = testid;
      const strong = document.createElement('strong');
      strong.textContent = label;
      b.append(strong);
      if (sub) { const s = document.createElement('span'); s.className = 'text-body-secondary ms-2 small'; s.textContent = sub; b.append(s); }
      b.addEventListener('click', () => { onPick(); close(); });
      return b;
    };
    input.addEventListener('input', () => {
      hidden.value = '';
      say('');
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) return close();
      timer = setTimeout(async () => {
        const mine = ++seq;
        const res = await fetch(`${input.dataset.userSearch}?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!res.ok || mine !== seq) return;
        const { users } = await res.json();
        const items = users.map((u) => item(u.name, u.email, () => { hidden.value = String(u.id); input.value = u.email; say(`Existing user selected: ${u.name} <${u.email}> (ID ${u.id})`); }, 'user-option'));
        const isEmail = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q);
        if (isEmail && !users.some((u) => u.email === q.toLowerCase())) {
          items.push(item('Create new user', q, () => { hidden.value = ''; input.value = q; say(`A new user will be created for ${q}.`); }, 'create-new-user'));
        }
        if (!items.length) items.push(Object.assign(document.createElement('div'), { className: 'list-group-item small text-body-secondary', textContent: 'No users match. Enter a full email address to create a new user.' }));
        list.replaceChildren(...items);
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }, 150);
    });
    input.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
    document.addEventListener('click', (e) => { if (!list.contains(e.target) && e.target !== input) close(); });
  });
})();

// Quick search in the header (issue 14): <form data-quick-search="/admin/search.json">. Results
// arrive grouped by kind; arrow keys move through them, Enter on the box opens the full results
// page (the form's own GET, which also works without JavaScript).
(() => {
  const form = document.querySelector('[data-quick-search]');
  if (!form) return;
  const input = form.querySelector('input[name="q"]');
  const list = form.querySelector('.quick-search-results');
  let timer;
  let seq = 0;
  const close = () => { list.hidden = true; list.replaceChildren(); input.setAttribute('aria-expanded', 'false'); };
  const options = () => [...list.querySelectorAll('a[role="option"]')];
  const render = ({ hint, groups, query }) => {
    const nodes = [];
    if (hint) nodes.push(Object.assign(document.createElement('div'), { className: 'list-group-item small text-body-secondary', textContent: hint }));
    for (const g of groups) {
      const head = document.createElement('div');
      head.className = 'list-group-item list-group-item-secondary small fw-semibold py-1';
      head.textContent = g.label;
      head.setAttribute('role', 'presentation');
      nodes.push(head);
      for (const r of g.results) {
        const a = document.createElement('a');
        a.className = 'list-group-item list-group-item-action py-1';
        a.href = r.href;
        a.setAttribute('role', 'option');
        a.dataset.kind = r.kind;
        const t = document.createElement('div'); t.textContent = r.title;
        const d = document.createElement('div'); d.className = 'small text-body-secondary text-truncate'; d.textContent = r.detail;
        a.append(t, d);
        nodes.push(a);
      }
    }
    if (!hint && !groups.length) nodes.push(Object.assign(document.createElement('div'), { className: 'list-group-item small text-body-secondary', textContent: `Nothing matches "${query}".` }));
    const all = document.createElement('a');
    all.className = 'list-group-item list-group-item-action small text-center';
    all.href = `${form.action}?q=${encodeURIComponent(query)}`;
    all.textContent = 'All results';
    all.setAttribute('role', 'option');
    if (query) nodes.push(all);
    list.replaceChildren(...nodes);
    list.setAttribute('role', 'listbox');
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return close();
    timer = setTimeout(async () => {
      const mine = ++seq;
      const res = await fetch(`${form.dataset.quickSearch}?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
      if (!res.ok || mine !== seq) return;
      render(await res.json());
    }, 200);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') return close();
    if (e.key === 'ArrowDown' && !list.hidden) { e.preventDefault(); options()[0]?.focus(); }
  });
  list.addEventListener('keydown', (e) => {
    const all = options();
    const i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); all[Math.min(all.length - 1, i + 1)]?.focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); if (i <= 0) input.focus(); else all[i - 1].focus(); }
    if (e.key === 'Escape') { close(); input.focus(); }
  });
  document.addEventListener('click', (e) => { if (!form.contains(e.target)) close(); });
})();

// A select with data-autosubmit sends its form when changed (per-page choice of the lists).
document.querySelectorAll('select[data-autosubmit]').forEach((select) => {
  select.addEventListener('change', () => select.form?.requestSubmit());
});
