/** Save a Blob as a file through a temporary `<a download>` (Playwright sees it as a download). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download reads the Blob URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Save text as a file. */
export function downloadText(text: string, name: string, type = 'application/json'): void {
  downloadBlob(new Blob([text], { type }), name);
}
