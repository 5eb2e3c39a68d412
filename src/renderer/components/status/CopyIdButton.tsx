import { Copy } from 'lucide-react';
import { copyText } from '../common/clipboard';

/** "Copy id": puts an error's id on the clipboard, to quote it or find it in the logs; the notice says whether it worked. */
export function CopyIdButton({ id, onNotice }: { id: string; onNotice(message: string): void }) {
  return (
    <button
      type="button"
      className="copy"
      onClick={() => void copyText(id).then((ok) => onNotice(ok ? `Copied error id ${id}` : 'The clipboard refused the copy.'))}
      aria-label="Copy error id"
      title="Copy the error id, to quote it or find it in the logs"
    >
      <Copy aria-hidden="true" />
      Copy id
    </button>
  );
}
