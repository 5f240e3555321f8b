/**
 * The scanner's answer crosses from the page to the worker as JSON text, not as an object.
 * `chrome.scripting.executeScript` converts an object result value by value (Chromium's
 * V8ValueConverter), on the page's main thread and again in the worker: on a 20,000-element
 * page with ~500 candidates that cost the page ~9–25 ms of a first scan (issue 17,
 * scripts/bench-scan-injected.ts). A string crosses as one value and JSON.parse is native.
 * The text is a frame's, so it is untrusted: anything but a string of valid JSON is no answer.
 */

/** What the scanner returns: its answer as text. */
export function toScanAnswer(answer: object): string {
  return JSON.stringify(answer);
}

/** The answer a scanner sent, or undefined when `result` is not JSON text (the frame's report is then dropped). */
export function fromScanAnswer(result: unknown): unknown {
  if (typeof result !== 'string') return undefined;
  try {
    return JSON.parse(result) as unknown;
  } catch {
    return undefined;
  }
}
