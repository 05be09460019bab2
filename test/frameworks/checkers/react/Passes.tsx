// What a React 19 app writes: every line here must pass tsc.
import { useState } from 'react';
import 'connect-attachment-upload/define.js';
import type {} from 'connect-attachment-upload/react';
import type { AttachmentErrorEvent, ChatSessionLike } from 'connect-attachment-upload';

const onError = (event: AttachmentErrorEvent) => console.warn(event.detail.code, event.detail.stage, event.detail.retryable);

export function Attachments({ endpoint, token, session }: { endpoint: string; token: string; session: ChatSessionLike }) {
  const [sent, setSent] = useState<string[]>([]);
  return (
    <connect-attachment-upload
      id="attach"
      className="composer"
      aria-label={`Attachments (${sent.length} sent)`}
      endpoint={endpoint}
      token={token}
      chatSession={session}
      multiple
      compact
      max-file-size={5_000_000}
      onattachment-completed={(e) => setSent((ids) => [...ids, e.detail.attachmentId])}
      onattachment-progress={(e) => e.detail.loaded / e.detail.total}
      onattachment-error={onError}
      onattachment-select={(e) => e.preventDefault()}
      onClick={(e) => e.clientX}
    />
  );
}
