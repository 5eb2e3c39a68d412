/**
 * Writes text to the clipboard. The async Clipboard API needs a secure context and, in Electron,
 * may be refused by the session's permission policy; a hidden textarea and the copy command are the
 * fallback. Resolves to whether the text got there.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
