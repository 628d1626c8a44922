import { h } from './dom.js';

/**
 * Asks before an action that changes something (cancel, retry, pause): a
 * modal <dialog> naming what will happen, answered true only by its confirm
 * button. Escape or the other button answers false.
 */
function confirmAction(params: { title: string; message: string; confirmLabel: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' }) as HTMLDialogElement;
    const finish = (answer: boolean): void => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      h('h2', { id: 'confirm-title' }, params.title),
      h('p', {}, params.message),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'data-action': 'dismiss', onclick: () => finish(false) }, 'Keep it'),
        h('button', { type: 'button', class: params.danger ? 'danger' : 'primary', 'data-action': 'confirm', onclick: () => finish(true) }, params.confirmLabel),
      ),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A short message at the bottom of the page: what an action did, or why it failed. */
function toast(params: { message: string; kind?: 'ok' | 'error' }): void {
  const host = document.getElementById('toasts');
  if (!host) return;
  const note = h('div', { class: `toast ${params.kind ?? 'ok'}`, role: 'status' }, params.message);
  host.append(note);
  setTimeout(() => note.remove(), 5_000);
}

export { confirmAction, toast };
