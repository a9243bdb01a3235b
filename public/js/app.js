// Progressive enhancement only: every page works without it.
(() => {
  // Logged-in pages carry the token in a meta tag; a visitor's page has it in its form only.
  const csrf =
    document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ??
    document.querySelector('input[name="_csrf"]')?.value ??
    '';

  // Confirm destructive actions: <form data-confirm="Remove this user?">
  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });

  // Password generator: 20 characters from a large alphabet, with crypto randomness.
  document.querySelectorAll('[data-generate-password]').forEach((btn) => {
    btn.addEventListener('click', () => {
      const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%^&*-_=+';
      const bytes = crypto.getRandomValues(new Uint32Array(20));
      const pw = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
      const input = document.querySelector(btn.dataset.generatePassword);
      const confirmInput = btn.dataset.confirmTarget ? document.querySelector(btn.dataset.confirmTarget) : null;
      if (input) { input.value = pw; input.type = 'text'; input.dispatchEvent(new Event('input')); }
      if (confirmInput) confirmInput.value = pw;
    });
  });

  // Strength meter: asks the server, which scores with the same zxcvbn rules it enforces.
  const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];
  const colors = ['bg-danger', 'bg-danger', 'bg-warning', 'bg-success', 'bg-success'];
  document.querySelectorAll('[data-strength-meter]').forEach((input) => {
    const bar = document.querySelector(input.dataset.strengthMeter);
    const text = document.getElementById('pw-meter-text');
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!input.value) { bar.style.width = '0%'; text.textContent = 'Password Strength: Enter a Password'; return; }
        const res = await fetch('/password/strength', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' }, body: JSON.stringify({ password: input.value }) });
        if (!res.ok) return;
        const { score } = await res.json();
        bar.className = 'progress-bar ' + colors[score];
        bar.style.width = `${(score + 1) * 20}%`;
        text.textContent = `Password Strength: ${labels[score]}`;
      }, 200);
    });
  });

  // "All Permissions" / "Choose Permissions" toggles the checkbox list.
  document.querySelectorAll('[data-permission-mode]').forEach((radio) => {
    const update = () => {
      const list = document.querySelector(radio.dataset.permissionMode);
      const choose = document.querySelector('[data-permission-mode][value="choose"]');
      if (list && choose) list.hidden = !choose.checked;
    };
    radio.addEventListener('change', update);
    update();
  });

  // A section shown only while a radio is chosen: data-shown-when="<selector of that radio>".
  document.querySelectorAll('[data-shown-when]').forEach((section) => {
    const radio = document.querySelector(section.dataset.shownWhen);
    if (!radio) return;
    const update = () => { section.hidden = !radio.checked; };
    document.querySelectorAll(`input[type=radio][name="${radio.name}"]`).forEach((r) => r.addEventListener('change', update));
    update();
  });

  // "Check All" for permission checkboxes.
  document.querySelectorAll('[data-check-all]').forEach((btn) => {
    btn.addEventListener('click', () => {
      const boxes = document.querySelectorAll(btn.dataset.checkAll);
      const all = Array.from(boxes).every((b) => b.checked);
      boxes.forEach((b) => { b.checked = !all; });
    });
  });
})();
