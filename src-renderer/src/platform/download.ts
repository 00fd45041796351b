/** Saves text as a file through the browser's (or Electron's) download, named as given. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name made from a title: letters, digits, dashes. */
export function fileNameOf(title: string, extension: string): string {
  const base = title
    .replace(/\.(jsonl|json|ndjson)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'session'}${extension}`;
}
