// Progressive enhancement only: every page works without it.
(() => {
  // Confirmations in the page (views/partials/confirm.ejs): a form holding confirm=ask opens the
  // Bootstrap modal with its text; "confirm" sends it with confirm=yes. Without JavaScript (or
  // Bootstrap) the server answers confirm=ask with a confirmation page instead.
  const modalEl = document.getElementById('confirm-modal');
  let pendingForm = null;
  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !modalEl || !window.bootstrap) return;
    const ask = form.querySelector('input[name="confirm"][value="ask"]');
    if (!ask) return;
    e.preventDefault();
    pendingForm = form;
    modalEl.querySelector('#confirm-modal-title').textContent = ask.dataset.confirmTitle;
    modalEl.querySelector('#confirm-modal-message').textContent = ask.dataset.confirmMessage;
    const ok = modalEl.querySelector('#confirm-modal-ok');
    ok.textContent = ask.dataset.confirmButton;
    ok.className = `btn ${ask.dataset.confirmDanger === 'yes' ? 'btn-danger' : 'btn-primary'}`;
    window.bootstrap.Modal.getOrCreateInstance(modalEl).show();
  });
  modalEl?.querySelector('#confirm-modal-ok')?.addEventListener('click', () => {
    if (!pendingForm) return;
    const ask = pendingForm.querySelector('input[name="confirm"]');
    if (ask) ask.value = 'yes';
    const form = pendingForm;
    pendingForm = null;
    form.submit();
  });

  // Copy buttons (recovery codes): shown only where the clipboard can be written.
  document.querySelectorAll('[data-copy-text]').forEach((btn) => {
    if (!navigator.clipboard) return;
    btn.classList.remove('d-none');
    btn.addEventListener('click', async () => {
      await navigator.clipboard.writeText(btn.dataset.copyText);
      btn.textContent = btn.dataset.copiedLabel;
    });
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
