// Helpers for the built-in controls' tests: find parts in the player's shadow root, check what a
// viewer would see, and click like a viewer (real mouse events through the DevTools protocol).
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { AmsCdnPlayer } from '../../src/index.js';
import { waitFor } from './wait.js';

export function part<T extends Element = HTMLElement>(player: AmsCdnPlayer, name: string): T | null {
  return player.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

/** Rendered, not hidden by display, visibility or opacity, and inside the player's box. */
export function isShown(player: AmsCdnPlayer, element: Element | null): boolean {
  if (!element || !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  const box = element.getBoundingClientRect();
  const frame = player.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.left >= frame.left - 1 && box.right <= frame.right + 1 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
}

export async function waitForPart(player: AmsCdnPlayer, name: string, timeoutMs = 15000): Promise<HTMLElement> {
  await waitFor(() => isShown(player, part(player, name)), timeoutMs, `part ${name} to show`);
  return part<HTMLElement>(player, name)!;
}

/**
 * Presses Tab up to `steps` times from where focus is, checking each control reached inside the
 * player shows a focus ring; returns the part names reached, in order (the `button` part left out).
 */
export async function tabThroughControls(player: AmsCdnPlayer, steps: number): Promise<string[]> {
  const reached: string[] = [];
  for (let step = 0; step < steps; step += 1) {
    await sendKeys({ press: 'Tab' });
    const focused = player.shadowRoot!.activeElement;
    if (!focused) break;
    expect(getComputedStyle(focused).outlineStyle, `${focused.getAttribute('part')} shows focus`).to.equal('solid');
    reached.push(focused.getAttribute('part')!.split(' ').find((name) => name !== 'button')!);
  }
  return reached;
}

/** A real click in the middle of the element (a user gesture for the browser). */
export async function click(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

/** The text a viewer sees in an element: slotted text in place of a slot's default, hidden elements left out. */
export function visibleText(element: Element | null): string {
  return element ? flatText(element).replace(/\s+/g, ' ').trim() : '';
}

function flatText(node: Node): string {
  if (node instanceof Text) return node.data;
  if (!(node instanceof Element)) return '';
  // Slots have no box of their own (display: contents), so checkVisibility() is false for them.
  const display = getComputedStyle(node).display;
  if (display === 'none' || (display !== 'contents' && !node.checkVisibility())) return '';
  const children = node instanceof HTMLSlotElement && node.assignedNodes().length ? node.assignedNodes({ flatten: true }) : [...node.childNodes];
  return children.map(flatText).join('');
}
