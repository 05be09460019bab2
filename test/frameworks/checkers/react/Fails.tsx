// Mistakes tsc must report: each `expect` names the error the next line must have (its code and
// part of its message); any other error fails the test too.
import type {} from 'connect-attachment-upload/react';

const onClick = (event: MouseEvent) => console.log(event.clientX);

export const Wrong = () => (
  <>
    {/* expect TS2322: is not assignable to type '(e: AttachmentCompletedEvent) => void' */}
    <connect-attachment-upload onattachment-completed={onClick} />
    {/* expect TS2339: Property 'nothing' does not exist on type 'AttachmentIdDetail' */}
    <connect-attachment-upload onattachment-completed={(e) => e.detail.nothing} />
    {/* expect TS2339: Property 'attachmentId' does not exist on type 'AttachmentRejectDetail' */}
    <connect-attachment-upload onattachment-reject={(e) => e.detail.attachmentId} />
    {/* expect TS2322: Property 'uploads' does not exist on type */}
    <connect-attachment-upload uploads={[]} />
    {/* expect TS2322: Type 'string' is not assignable to type 'number' */}
    <connect-attachment-upload max-file-size={'20 MB'} />
  </>
);
