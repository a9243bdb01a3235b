// The password-strength meter, scored in the browser: no request per keystroke. It builds zxcvbn
// exactly like src/lib/password-strength.ts (English translations, the common adjacency graphs,
// the common + English dictionaries) so the meter and the server's check agree; the server still
// refuses a weak password whatever this shows. The form's name and email fields count as the
// person's own words, as they do on the server. (zxcvbn's English feedback is not shown.)
(() => {
  const z = window.zxcvbnts;
  if (!z?.core || !z['language-common'] || !z['language-en']) return;
  const common = z['language-common'];
  const en = z['language-en'];
  const zxcvbn = new z.core.ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  const colors = ['bg-danger', 'bg-danger', 'bg-warning', 'bg-success', 'bg-success'];
  document.querySelectorAll('[data-strength-meter]').forEach((input) => {
    const bar = document.querySelector(input.dataset.strengthMeter);
    const text = document.getElementById('pw-meter-text');
    // The words come from the page, in the reader's language (views/partials/password-new.ejs).
    const labels = JSON.parse(text.dataset.labels || '[]');
    const form = input.form;
    const ownWords = () =>
      ['email', 'firstName', 'lastName', 'companyName']
        .map((name) => form?.elements.namedItem(name))
        .filter((el) => el instanceof HTMLInputElement && el.value)
        .map((el) => el.value);
    input.addEventListener('input', () => {
      if (!input.value) {
        bar.style.width = '0%';
        bar.className = 'progress-bar';
        text.textContent = text.dataset.empty || '';
        return;
      }
      const { score } = zxcvbn.check(input.value.slice(0, 100), ownWords());
      bar.className = `progress-bar ${colors[score]}`;
      bar.style.width = `${(score + 1) * 20}%`;
      text.textContent = labels[score] ?? '';
      input.dataset.strengthScore = String(score);
    });
  });
})();
