// Copy buttons: shown only when script runs, they copy the text of the element named by `data-copy`
// and say so in the button itself (its text is the live feedback), or ask to copy by hand.
export function enhanceCopyButtons(doc: Document): void {
  for (const button of doc.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    if (doc.getElementById(button.dataset['copy'] ?? '') === null) continue;
    const label = button.textContent ?? '';
    button.hidden = false;
    button.setAttribute('aria-live', 'polite');
    button.addEventListener('click', () => {
      // Looked up on each click: a page may show another element under that id since (a snippet's tabs).
      const source = doc.getElementById(button.dataset['copy'] ?? '');
      navigator.clipboard.writeText(source?.textContent ?? '').then(
        () => {
          button.textContent = button.dataset['done'] ?? label;
          setTimeout(() => (button.textContent = label), 2000);
        },
        () => {
          button.textContent = button.dataset['failed'] ?? label;
        },
      );
    });
  }
}
