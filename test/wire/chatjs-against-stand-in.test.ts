import { expect } from '@open-wc/testing';
import { standIn, type ChatItem } from '../helpers/stand-in.js';
import { customerSession, loadChatjs } from '../helpers/chatjs.js';

/** Resolves with the first value `register`'s callback sees that passes `test`. */
function first<T>(register: (callback: (value: T) => void) => void, test: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => register((value) => test(value) && resolve(value)));
}

describe('an unmodified amazon-connect-chatjs 5.0.0 session against the stand-in', () => {
  it('loads as a classic script and defines window.connect', async () => {
    const chatjs = await loadChatjs();
    expect(chatjs.ChatJS.version).to.equal('5.0.0');
    expect(chatjs.ChatSession.create).to.be.a('function');
  });

  it('connects over a real websocket, receives the agent message and its own echo, and ends', async () => {
    const stand = await standIn();
    const chat = await stand.createChat();
    const session = await customerSession(stand, chat);
    const items: ChatItem[] = [];
    session.onMessage((event) => items.push(event.data as unknown as ChatItem));
    // It fires twice: first after CreateParticipantConnection, without `data` (not in chatjs's typings),
    // then with `data` when the socket opens.
    const opened = first<connect.ChatConnectionEstablishedEvent>(
      (cb) => session.onConnectionEstablished(cb),
      (event) => (event as { data?: unknown }).data !== undefined,
    );
    const ended = first<unknown>((cb) => session.onEnded(cb));

    expect((await session.connect()).connectSuccess).to.equal(true);
    await opened;
    expect((await stand.state()).chats.find((c) => c.contactId === chat.contactId)?.openSockets).to.equal(1);

    const arrived = first<{ data: unknown }>(
      (cb) => session.onMessage(cb),
      (event) => (event.data as ChatItem).ParticipantRole === 'AGENT',
    );
    const posted = await stand.postAgentMessage(chat.contactId, 'Hello from the agent');
    expect((await arrived).data).to.deep.equal(posted);
    expect(posted.Content).to.equal('Hello from the agent');
    expect(posted.ContactId).to.equal(chat.contactId);

    const echoed = first<{ data: unknown }>(
      (cb) => session.onMessage(cb),
      (event) => (event.data as ChatItem).ParticipantRole === 'CUSTOMER',
    );
    const sent = await session.sendMessage({ message: 'Thanks!', contentType: 'text/plain' });
    expect(((await echoed).data as ChatItem).Id).to.equal((sent.data as { Id: string }).Id);

    await stand.endChat(chat.contactId);
    await ended;
    expect(items.map((item) => item.ContentType)).to.deep.equal([
      'text/plain',
      'text/plain',
      'application/vnd.amazonaws.connect.event.participant.left',
      'application/vnd.amazonaws.connect.event.chat.ended',
    ]);
  });
});
