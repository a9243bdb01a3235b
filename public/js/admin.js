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
