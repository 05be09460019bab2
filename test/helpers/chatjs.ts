/// <reference types="amazon-connect-chatjs" />
/**
 * The unmodified amazon-connect-chatjs 5.0.0 bundle in a test page, as a site loads it: one classic
 * script (a webpack bundle that defines `window.connect`), then a customer session of a stand-in chat.
 * chatjs's own typings (the global `connect` namespace) come with the reference above.
 */
import type { StandIn, StandInChat } from './stand-in.js';

/** The bundle as the test server serves it from node_modules (package.json `main`). */
export const CHATJS_SRC = '/node_modules/amazon-connect-chatjs/dist/amazon-connect-chat.js';

export type Chatjs = typeof connect;

let loading: Promise<Chatjs> | undefined;

/** Adds the bundle's script tag once per page; resolves to `window.connect`. */
export function loadChatjs(): Promise<Chatjs> {
  loading ??= new Promise<Chatjs>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = CHATJS_SRC;
    script.onload = () => resolve((window as unknown as { connect: Chatjs }).connect);
    script.onerror = () => reject(new Error(`could not load ${CHATJS_SRC}`));
    document.head.append(script);
  });
  return loading;
}

/**
 * A customer session of a stand-in chat, not yet connected. `endpoint` is not in chatjs's typings
 * (ChatGlobalConfig), hence the cast; it must be set before `create`, which caches the SDK client
 * per region. CSM is off: it would start a SharedWorker posting metrics to AWS.
 */
export async function customerSession(stand: StandIn, chat: StandInChat, region = 'us-east-1'): Promise<connect.CustomerChatSession> {
  const chatjs = await loadChatjs();
  chatjs.ChatSession.setGlobalConfig({ region, endpoint: stand.endpoint } as connect.ChatGlobalConfig);
  return chatjs.ChatSession.create({
    chatDetails: { contactId: chat.contactId, participantId: chat.participantId, participantToken: chat.participantToken },
    options: { region },
    type: 'CUSTOMER',
    disableCSM: true,
  });
}
