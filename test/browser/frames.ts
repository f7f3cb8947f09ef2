// Opens demo pages from the edge in iframes (another origin than the test page) and collects the
// status messages they post to their parent (demo/frame-report.js).
import { messageSource } from '../../demo/frame-report.js';
import { waitFor } from './wait.js';

export interface FrameMessage {
  source: typeof messageSource;
  type: string;
  [field: string]: unknown;
}

export interface OpenedFrame {
  frame: HTMLIFrameElement;
  /** Every message the page posted, in order. */
  messages: FrameMessage[];
  /** Resolves with the first message (already received or still to come) that matches. */
  waitForMessage(matches: (message: FrameMessage) => boolean, timeoutMs: number, what: string): Promise<FrameMessage>;
  remove(): void;
}

const opened = new Set<OpenedFrame>();

/** Loads `url` in a visible iframe, listening before it loads so no message is missed. */
export function openFrame(url: string): OpenedFrame {
  const frame = document.createElement('iframe');
  frame.width = '480';
  frame.height = '270';
  const messages: FrameMessage[] = [];
  const onMessage = (event: MessageEvent): void => {
    const data = event.data as FrameMessage | null;
    if (event.source === frame.contentWindow && data?.source === messageSource) messages.push(data);
  };
  window.addEventListener('message', onMessage);
  frame.src = url;
  document.body.append(frame);
  const result: OpenedFrame = {
    frame,
    messages,
    async waitForMessage(matches, timeoutMs, what) {
      await waitFor(() => messages.some(matches), timeoutMs, what);
      return messages.find(matches)!;
    },
    remove() {
      window.removeEventListener('message', onMessage);
      frame.remove();
      opened.delete(result);
    },
  };
  opened.add(result);
  return result;
}

/** Removes every frame a test left behind, so its player stops loading. */
export function removeAllFrames(): void {
  for (const entry of [...opened]) entry.remove();
}
