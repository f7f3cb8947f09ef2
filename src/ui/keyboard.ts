/** What a key press asks the player to do. */
export type KeyAction =
  | 'toggle-play'
  | 'toggle-mute'
  | 'toggle-fullscreen'
  | 'seek-back'
  | 'seek-forward'
  | 'seek-start'
  | 'go-live'
  | 'volume-up'
  | 'volume-down';

/** What kind of element had focus: buttons, sliders and menus keep the keys they handle themselves. */
export type FocusKind = 'button' | 'slider' | 'menu' | 'other';

export const seekStepSeconds = 5;
export const volumeStep = 0.1;

const letters: Record<string, KeyAction> = { k: 'toggle-play', m: 'toggle-mute', f: 'toggle-fullscreen' };
/** Keys a focused slider or menu moves itself with. */
const movingKeys: Record<string, KeyAction> = {
  ArrowLeft: 'seek-back',
  ArrowRight: 'seek-forward',
  ArrowUp: 'volume-up',
  ArrowDown: 'volume-down',
  Home: 'seek-start',
  End: 'go-live',
};

/**
 * The player's shortcuts (YouTube's): space or k play/pause, m mute, f full screen, left/right seek
 * 5 s, up/down volume, Home the start of the seekable window, End live (a recording's end). Null when the key is not one, has a modifier (browser and OS shortcuts), or
 * belongs to the focused control (space on a button clicks it, arrows move a slider or a menu).
 */
export function keyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, focus: FocusKind): KeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === ' ') return focus === 'other' ? 'toggle-play' : null;
  if (letters[key]) return letters[key];
  if (movingKeys[key]) return focus === 'slider' || focus === 'menu' ? null : movingKeys[key];
  return null;
}

export function focusKind(element: Element | undefined): FocusKind {
  switch (element?.localName) {
    case 'button':
      return 'button';
    case 'input':
      return 'slider';
    case 'select':
      return 'menu';
    default:
      return 'other';
  }
}
