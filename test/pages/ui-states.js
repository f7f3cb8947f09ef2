// What a viewer sees in one player, for test/node/ui-screenshots.test.mjs: its status, the parts
// shown (rendered, not transparent, inside the player's box) and their visible text.

/** Visible text of a node, slotted text in place of a slot's default. */
function flatText(node) {
  if (node instanceof Text) return node.data;
  if (!(node instanceof Element)) return '';
  const display = getComputedStyle(node).display;
  if (display === 'none' || (display !== 'contents' && !node.checkVisibility({ opacityProperty: true, visibilityProperty: true }))) return '';
  const slotted = node instanceof HTMLSlotElement ? node.assignedNodes({ flatten: true }) : [];
  return (slotted.length ? slotted : [...node.childNodes]).map(flatText).join('');
}

window.uiState = (id) => {
  const player = document.getElementById(id);
  const frame = player.getBoundingClientRect();
  const shown = {};
  for (const element of player.shadowRoot.querySelectorAll('[part]')) {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const box = element.getBoundingClientRect();
    const inside = box.width > 0 && box.left >= frame.left - 1 && box.right <= frame.right + 1 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
    if (!inside) continue;
    // A select shows its chosen option; option elements have no box of their own.
    const text = element instanceof HTMLSelectElement ? element.selectedOptions[0]?.text ?? '' : flatText(element);
    for (const name of element.getAttribute('part').split(/\s+/)) shown[name] = text.replace(/\s+/g, ' ').trim();
  }
  return { status: player.status, shown, width: Math.round(frame.width) };
};

/** Counts distinct colours in a PNG (as base64), to tell a real picture from a blank one. */
window.distinctColours = async (base64) => {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const colours = new Set();
  for (let index = 0; index < data.length; index += 4) colours.add((data[index] << 16) | (data[index + 1] << 8) | data[index + 2]);
  return colours.size;
};
